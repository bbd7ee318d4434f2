/**
 * The divergence ledger ignores exactly the differences its entries
 * describe: a pair of test models that differ in two places still fails on
 * the one no entry names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/shared/models.js';
import { parseScenarioText } from '../../src/shared/scenario.js';
import { compareRuns, type ModelRun } from '../../src/shared/compare.js';
import {
  ABSENT, EMPTY_LEDGER, allDifferences, matchingEntry, parseLedger, pathMatches, type Ledger, type LedgerEntry,
} from '../../src/shared/ledger.js';
import type { Scenario } from '../../src/shared/scenario.js';
import type { Model, StepOutcome } from '../../src/shared/world.js';
import { LEDGER_PATH, checkScenario, ledger, ledgerFilter } from '../characterization/harness.js';

const alice = { user: 'u-alice', project: 'p-alice', roles: ['member'] };
const scenario: Scenario = {
  format: 'peel-scenario/1',
  name: 'two steps',
  config: {},
  steps: [
    { as: alice, op: 'image.show', args: { image_id: 'x' } },
    { as: alice, op: 'image.index', args: {} },
  ],
};

/** A model answering each op with a fixed outcome; `tweak` changes one of them. */
function fakeModel(name: string, tweak: (op: string, outcome: StepOutcome) => StepOutcome = (_op, o) => o): Model {
  return {
    name,
    open: () => ({
      step: (_caller, op) => tweak(op, op === 'image.show' ? { status: 200, body: { name: 'cirros', min_disk: 0 } } : { status: 200, body: { images: [] } }),
    }),
  };
}

const entry = (match: LedgerEntry['match']): LedgerEntry => ({
  id: 'd1', summary: 's', scenario: 'test/characterization/divergences/d1.scenario.json', right: 'flat', why: 'w', match,
});
const ledgerOf = (...entries: LedgerEntry[]): Ledger => ({ format: 'peel-divergence-ledger/1', entries });

const legacy = fakeModel('legacy');
const flatNameDiffers = fakeModel('flat', (op, o) => (op === 'image.show' ? { ...o, body: { name: 'CIRROS', min_disk: 0 } } : o));
const flatTwoDiffs = fakeModel('flat', (op, o) =>
  op === 'image.show' ? { ...o, body: { name: 'CIRROS', min_disk: 0 } } : { status: 200, body: { images: [], next: 'x' } },
);
const nameEntry = entry({ op: 'image.show', aspect: 'trace', path: 'body.name', legacy: 'cirros', flat: 'CIRROS' });

describe('divergence ledger matching', () => {
  it('an empty ledger changes nothing: the first difference is reported', () => {
    const result = checkScenario(scenario, legacy, flatNameDiffers, EMPTY_LEDGER);
    expect(result.mismatch).toMatchObject({ step: 0, aspect: 'trace', path: 'body.name', left: 'cirros', right: 'CIRROS' });
  });

  it('an entry suppresses exactly its difference', () => {
    expect(checkScenario(scenario, legacy, flatNameDiffers, ledgerOf(nameEntry)).mismatch).toBeNull();
  });

  it('a second difference in another step still fails', () => {
    const result = checkScenario(scenario, legacy, flatTwoDiffs, ledgerOf(nameEntry));
    expect(result.mismatch).toMatchObject({ step: 1, aspect: 'trace', path: 'body.next', left: undefined, right: 'x' });
  });

  it('a second difference in the same step, behind the ignored one, still fails', () => {
    const flat = fakeModel('flat', (op, o) => (op === 'image.show' ? { ...o, body: { name: 'CIRROS', min_disk: 1 } } : o));
    const result = checkScenario(scenario, legacy, flat, ledgerOf(nameEntry));
    expect(result.mismatch).toMatchObject({ step: 0, path: 'body.min_disk', left: 0, right: 1 });
  });

  it('the same path with other values is not ignored', () => {
    const flat = fakeModel('flat', (op, o) => (op === 'image.show' ? { ...o, body: { name: 'ubuntu', min_disk: 0 } } : o));
    expect(checkScenario(scenario, legacy, flat, ledgerOf(nameEntry)).mismatch).toMatchObject({ path: 'body.name', right: 'ubuntu' });
  });

  it('the same difference under another op is not ignored', () => {
    const other = entry({ ...nameEntry.match, op: 'image.index' });
    expect(checkScenario(scenario, legacy, flatNameDiffers, ledgerOf(other)).mismatch).toMatchObject({ path: 'body.name' });
  });

  it('a predicate entry accepts only the pairs it describes', () => {
    const byCase = entry({ op: 'image.show', aspect: 'trace', path: 'body.*', predicate: 'sameIgnoringCase' });
    expect(checkScenario(scenario, legacy, flatNameDiffers, ledgerOf(byCase)).mismatch).toBeNull();
    expect(checkScenario(scenario, legacy, flatTwoDiffs, ledgerOf(byCase)).mismatch).toMatchObject({ step: 1, path: 'body.next' });
  });

  it('ABSENT stands for a value one side lacks', () => {
    const next = entry({ op: 'image.index', aspect: 'trace', path: 'body.next', legacy: ABSENT, flat: 'x' });
    expect(checkScenario(scenario, legacy, flatTwoDiffs, ledgerOf(next)).mismatch).toMatchObject({ step: 0, path: 'body.name' });
    expect(checkScenario(scenario, legacy, flatTwoDiffs, ledgerOf(next, nameEntry)).mismatch).toBeNull();
  });

  it('an empty ledger gives no filter, so the comparison is the unfiltered one', () => {
    expect(ledgerFilter(scenario, EMPTY_LEDGER)).toBeNull();
  });

  it('the filtered comparison reports the same first difference as the unfiltered one', () => {
    const run = (body: unknown): ModelRun => ({
      trace: { format: 'peel-trace/1', steps: [{ status: 200, body, notifications: [] }] },
      errorClasses: [undefined],
      worlds: [{ tables: { images: [{ id: 'a', name: 'n' }] }, files: {} }],
    });
    const l = run({ a: 1, b: [1, 2] });
    const r = run({ a: 1, b: [1, 3], c: 0 });
    expect(compareRuns(l, r, null, () => false)).toEqual(compareRuns(l, r));
  });
});

describe('ledger paths and parsing', () => {
  it('patterns match keys, indexes, * and **', () => {
    expect(pathMatches('body.images[*].name', 'body.images[3].name')).toBe(true);
    expect(pathMatches('body.images.*.name', 'body.images[3].name')).toBe(true);
    expect(pathMatches('body.images[*].name', 'body.images[3].owner')).toBe(false);
    expect(pathMatches('body.**.name', 'body.images[3].name')).toBe(true);
    expect(pathMatches('body.**', 'body')).toBe(true);
    expect(pathMatches('body.name', 'body.name.first')).toBe(false);
  });

  it('allDifferences lists every leaf, first the one trace-diff reports', () => {
    expect([...allDifferences({ a: 1, b: [1, 2] }, { a: 2, b: [1, 3], c: 0 })].map((d) => d.path)).toEqual(['a', 'b[1]', 'c']);
    expect([...allDifferences(1, 2)]).toEqual([{ path: '(step)', left: 1, right: 2 }]);
  });

  it('the committed ledger parses', () => {
    expect(ledger().format).toBe('peel-divergence-ledger/1');
  });

  it('unknown keys, unknown predicates and half-given values are refused', () => {
    const base = { id: 'a', summary: 's', scenario: 'f', right: 'flat', why: 'w' };
    const text = (match: unknown, extra: object = {}) => JSON.stringify({ format: 'peel-divergence-ledger/1', entries: [{ ...base, ...extra, match }] });
    expect(() => parseLedger(text({ op: 'image.show', aspect: 'trace', path: 'x', legacy: 1 }))).toThrow(/both/);
    expect(() => parseLedger(text({ op: 'image.show', aspect: 'trace', path: 'x', predicate: 'anything' }))).toThrow(/unknown predicate/);
    expect(() => parseLedger(text({ op: 'image.shw', aspect: 'trace', path: 'x', predicate: 'sameIgnoringCase' }))).toThrow(/unknown op/);
    expect(() => parseLedger(text({ op: 'image.show', aspect: 'trace', path: 'x', legacy: 1, flat: 2 }, { note: 1 }))).toThrow(/unknown key/);
    const ok = parseLedger(text({ op: 'image.show', aspect: 'trace', path: 'x', legacy: 1, flat: 2 }));
    expect(matchingEntry(ok, { op: 'image.show', step: 0, aspect: 'trace', path: 'x', left: 1, right: 2 })?.id).toBe('a');
  });
});

describe('committed ledger entries are live', () => {
  const committed = parseLedger(readFileSync(LEDGER_PATH, 'utf8'), LEDGER_PATH).entries;

  it('every entry names a scenario under test/characterization/divergences/', () => {
    for (const e of committed) expect(e.scenario).toMatch(/^test\/characterization\/divergences\/[\w.-]+\.scenario\.json$/);
    expect(committed.every((e) => e.id.length > 0)).toBe(true);
  });

  it.each(committed.map((e) => [e.id, e] as const))('%s: the scenario differs without the ledger and passes with it', async (_id, e) => {
    const path = join(import.meta.dirname, '../..', e.scenario);
    const scenario = parseScenarioText(readFileSync(path, 'utf8'), path);
    const [legacyModel, flatModel] = await Promise.all([loadModel('legacy'), loadModel('flat')]);
    const without = checkScenario(scenario, legacyModel, flatModel, EMPTY_LEDGER).mismatch;
    expect(without && matchingEntry({ format: 'peel-divergence-ledger/1', entries: [e] }, { ...without, op: scenario.steps[without.step]?.op })?.id).toBe(e.id);
    expect(checkScenario(scenario, legacyModel, flatModel, ledger()).mismatch).toBeNull();
  });
});
