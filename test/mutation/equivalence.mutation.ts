/**
 * The equivalence suite as Stryker runs it (npm run mutation): the recorded
 * examples the mutated model replayed exactly before mutating (format 1 on
 * legacy only, format 2 on both), and the generated HTTP scenarios of the
 * baseline, each compared with the run both models agreed on before
 * mutating: every trace field, the class behind a 500, notification
 * priorities, database rows and store files after every step. One test per
 * scenario, so Stryker's per-test coverage runs only the scenarios that
 * reach a mutant.
 *
 * The baseline comes from scripts/mutation.ts through PEEL_MUTATION_BASELINE
 * (scripts/lib/mutation-baseline.ts); PEEL_MUTATION_SIDE names the mutated
 * model (flat for src/domain).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareHttpRuns, runHttpWithSnapshots } from '../../src/characterization/http/compare.js';
import { describeHttpMismatch } from '../../src/characterization/http/harness.js';
import { pyJsonLoads } from '../../src/lib/pyjson.js';
import { validateHttpScenario } from '../../src/shared/http-scenario.js';
import { checkReplayed, readRecordedSteps, readScenarioFile, replayScenario } from '../../src/shared/scenario-files.js';
import { replayedRun } from '../../scripts/lib/mutation-baseline.js';
import { baseline, model, side } from './loaded.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');

describe(`examples on the ${side} model`, () => {
  it.each(baseline.examples[side])('%s', (file) => {
    const loaded = readScenarioFile(join(EXAMPLES, file));
    const checked = checkReplayed(loaded, readRecordedSteps(loaded), replayScenario(loaded, model));
    expect(checked.difference === null ? null : checked.line).toBeNull();
  });
});

describe(`generated HTTP scenarios on the ${side} model against the run both models agreed on`, () => {
  it.each(baseline.generated.map((g, i) => [g.name, i] as const))('%s', (_name, i) => {
    const g = baseline.generated[i];
    if (!g) throw new Error(`no generated scenario #${i}`);
    const scenario = validateHttpScenario(pyJsonLoads(g.text), g.name);
    const fresh = runHttpWithSnapshots(scenario, g.text, model);
    const recorded = replayedRun(g.run);
    const mismatch = side === 'legacy' ? compareHttpRuns(fresh, recorded) : compareHttpRuns(recorded, fresh);
    expect(mismatch ? describeHttpMismatch(mismatch, scenario) : null).toBeNull();
  });
});
