/**
 * The equivalence check the suite, the soak script and the review share:
 * run a scenario on both models, find the first step that tells them
 * apart, and report it so it can be reproduced from the printed command.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { compareModels, type DifferenceFilter, type Mismatch, type ModelRun } from '../../shared/compare.js';
import { loadLedger, matchingEntry, type Ledger } from '../../shared/ledger.js';
import { parseScenarioText, type Scenario } from '../../shared/scenario.js';
import { pyJsonDumps } from '../../shared/pyjson.js';
import type { Model } from '../../shared/world.js';
import { scenarioText } from './scenario.js';
import { checkInvariants, type Violation } from './invariants.js';
import { attributeMismatch, attributionLine } from './attribution.js';
import { reproduceLines } from '../reproduce.js';

export const CORPUS_DIR = join(import.meta.dirname, '../../../test/characterization/corpus');
export const LEDGER_PATH = join(import.meta.dirname, '../../../divergence-ledger.json');

let projectLedger: Ledger | null = null;
/** The deliberate differences (divergence-ledger.json), read once per process. */
export function ledger(): Ledger {
  projectLedger ??= loadLedger(LEDGER_PATH);
  return projectLedger;
}

/** Ignores exactly the differences a ledger entry describes; null when the ledger is empty. */
export function ledgerFilter(scenario: Scenario, entries: Ledger): DifferenceFilter | null {
  if (entries.entries.length === 0) return null;
  return (m) => matchingEntry(entries, { ...m, op: scenario.steps[m.step]?.op }) !== null;
}

/** A 500 must escape as the same (Python) exception class in both models. */
export function sameErrorClass(left: string | undefined, right: string | undefined): boolean {
  return left === right;
}

export interface CheckResult {
  readonly mismatch: Mismatch | null;
  /** A model-independent invariant one of the models broke, and which model. */
  readonly violation: (Violation & { model: 'legacy' | 'flat' }) | null;
  readonly text: string;
  readonly legacy: ModelRun;
  readonly flat: ModelRun;
}

export function checkScenario(scenario: Scenario, legacy: Model, flat: Model, entries: Ledger = ledger()): CheckResult {
  const text = scenarioText(scenario);
  const { mismatch, left, right } = compareModels(scenario, text, legacy, flat, sameErrorClass, ledgerFilter(scenario, entries));
  const onLegacy = checkInvariants(scenario, left.trace, left.worlds);
  const onFlat = onLegacy ? null : checkInvariants(scenario, right.trace, right.worlds);
  const violation = onLegacy ? { ...onLegacy, model: 'legacy' as const } : onFlat ? { ...onFlat, model: 'flat' as const } : null;
  return { mismatch, violation, text, legacy: left, flat: right };
}

/** One paragraph on what failed: the first difference, or the broken invariant. */
export function describeFailure(result: CheckResult): string {
  if (result.mismatch) return describeMismatch(result.mismatch);
  const v = result.violation;
  return v ? `invariant "${v.invariant}" broken by the ${v.model} model at step ${v.step}: ${v.detail}` : 'no failure';
}

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = pyJsonDumps(value, null);
  return text.length > 400 ? text.slice(0, 397) + '...' : text;
}

export function describeMismatch(m: Mismatch): string {
  return `step ${m.step}, ${m.aspect} ${m.path}:\n  legacy: ${show(m.left)}\n  flat:   ${show(m.right)}`;
}

/** Saves a failing scenario in the corpus; the file name is its content hash. */
export function saveToCorpus(text: string): string {
  mkdirSync(CORPUS_DIR, { recursive: true });
  const name = `found-${createHash('sha1').update(text).digest('hex').slice(0, 12)}.scenario.json`;
  const path = join(CORPUS_DIR, name);
  writeFileSync(path, text);
  return relative(process.cwd(), path);
}

export function failureReport(result: CheckResult, savedAt: string, seed: number | undefined, path: string | undefined): string {
  return [
    result.mismatch ? 'The legacy and flat models can be told apart.' : 'A model broke an invariant.',
    describeFailure(result),
    ...(result.mismatch ? [attributionLine(attributeMismatch(parseScenarioText(result.text, savedAt), result.text, result.flat, result.mismatch, result.legacy))] : []),
    ...reproduceLines(savedAt, seed, path, result.text),
  ].join('\n');
}
