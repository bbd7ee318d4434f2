/**
 * The equivalence suite as Stryker runs it (npm run mutation): the
 * examples each model replayed exactly before mutating, and the fixed-seed
 * generated scenarios (cut where the models already disagreed) compared
 * legacy against flat. One test per scenario, so per-test coverage lets
 * Stryker run only the scenarios that reach a mutant.
 *
 * Only one side is mutated at a time, so the other side's run of each
 * generated scenario is read from the baseline instead of being rerun:
 * the comparison is the same (compareRuns, same error-class rule, same
 * ledger), at half the cost per mutant.
 *
 * The baseline comes from scripts/mutation.ts through PEEL_MUTATION_BASELINE;
 * PEEL_MUTATION_SIDE names the mutated model (flat for src/domain).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRuns, runWithSnapshots, type ModelRun } from '../../src/shared/compare.js';
import { loadModel, type ModelName } from '../../src/shared/models.js';
import { runScenario } from '../../src/shared/runner.js';
import { parseScenarioText, type Scenario } from '../../src/shared/scenario.js';
import { describeDifference, firstDifference } from '../../src/shared/trace-diff.js';
import type { Trace } from '../../src/shared/trace.js';
import { describeMismatch, ledger, ledgerFilter, sameErrorClass } from '../characterization/harness.js';
import type { MutationBaseline } from '../../scripts/lib/mutation-baseline.js';

const baselinePath = process.env.PEEL_MUTATION_BASELINE;
if (!baselinePath) throw new Error('PEEL_MUTATION_BASELINE is not set: run this suite through `npm run mutation`');
const baseline = JSON.parse(readFileSync(baselinePath, 'utf8')) as MutationBaseline;
const side: ModelName = process.env.PEEL_MUTATION_SIDE === 'legacy' ? 'legacy' : 'flat';
// Loaded before any test, not lazily inside the first one: Stryker then sees
// the models' import-time code (handler tables, constants) as static and
// runs every test against its mutants, instead of crediting that code to
// whichever test happened to import the model first.
const model = await loadModel(side);
const EXAMPLES = join(import.meta.dirname, '../../examples');

/** JSON turned the absent error classes into nulls; the comparison expects them absent. */
function fromJson(run: ModelRun): ModelRun {
  return { ...run, errorClasses: run.errorClasses.map((c) => c ?? undefined) };
}

describe(`examples on the ${side} model`, () => {
  it.each(baseline.examples[side])('%s', (file) => {
    const path = join(EXAMPLES, file);
    const text = readFileSync(path, 'utf8');
    const recorded = JSON.parse(readFileSync(path.replace(/\.scenario\.json$/, '.trace.json'), 'utf8')) as Trace;
    const d = firstDifference(recorded, runScenario(parseScenarioText(text, path), text, model).trace);
    expect(d === null ? null : describeDifference(d)).toBeNull();
  });
});

describe(`generated scenarios, the ${side} model against the other's recorded run`, () => {
  it.each(baseline.generated.map((g, i) => [g.name, i] as const))('%s', (_name, i) => {
    const g = baseline.generated[i];
    if (!g) throw new Error(`no generated scenario #${i}`);
    const scenario = JSON.parse(g.text) as Scenario;
    const fresh = runWithSnapshots(scenario, g.text, model);
    const recorded = fromJson(side === 'flat' ? g.runs.legacy : g.runs.flat);
    const [legacyRun, flatRun] = side === 'flat' ? [recorded, fresh] : [fresh, recorded];
    const mismatch = compareRuns(legacyRun, flatRun, sameErrorClass, ledgerFilter(scenario, ledger()));
    expect(mismatch ? describeMismatch(mismatch) : null).toBeNull();
  });
});
