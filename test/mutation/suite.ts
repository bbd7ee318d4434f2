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
 * scripts/lib/stryker-peel-runner.ts imports this module from Stryker's
 * sandbox once per test-runner process and calls the tests in that process
 * for every mutant; the baseline comes from scripts/mutation.ts through
 * PEEL_MUTATION_BASELINE (scripts/lib/mutation-baseline.ts) and
 * PEEL_MUTATION_SIDE names the mutated model (flat for src/domain).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareHttpRuns, runHttpWithSnapshots } from '../../src/characterization/http/compare.js';
import { describeHttpMismatch } from '../../src/characterization/http/harness.js';
import { pyJsonLoads } from '../../src/lib/pyjson.js';
import { validateHttpScenario } from '../../src/shared/http-scenario.js';
import { loadModel, type ModelName } from '../../src/shared/models.js';
import { checkReplayed, readRecordedSteps, readScenarioFile, replayScenario } from '../../src/shared/scenario-files.js';
import type { Model } from '../../src/shared/world.js';
import { replayedRun, type BaselineScenario, type MutationBaseline } from '../../scripts/lib/mutation-baseline.js';

/** A test of the suite: throws an Error whose message says what differed. */
export interface MutationTest {
  readonly id: string;
  readonly run: () => void;
}

const EXAMPLES = join(import.meta.dirname, '../../examples');

/** Read once, on the first run: a test runs once per mutant that reaches it, and replay never changes what it read. */
function once<T>(read: () => T): () => T {
  let value: { readonly v: T } | null = null;
  return () => (value ??= { v: read() }).v;
}

function exampleTest(side: ModelName, model: Model, file: string): MutationTest {
  const example = once(() => {
    const loaded = readScenarioFile(join(EXAMPLES, file));
    return { loaded, recorded: readRecordedSteps(loaded) };
  });
  return {
    id: `examples on the ${side} model ${file}`,
    run: () => {
      const { loaded, recorded } = example();
      const checked = checkReplayed(loaded, recorded, replayScenario(loaded, model));
      if (checked.difference !== null) throw new Error(checked.line);
    },
  };
}

function generatedTest(side: ModelName, model: Model, g: BaselineScenario): MutationTest {
  const read = once(() => ({ scenario: validateHttpScenario(pyJsonLoads(g.text), g.name), recorded: replayedRun(g.run) }));
  return {
    id: `generated HTTP scenarios on the ${side} model ${g.name}`,
    run: () => {
      const { scenario, recorded } = read();
      const fresh = runHttpWithSnapshots(scenario, g.text, model);
      // The mismatch is described from the recorded side's point of view on both models.
      const mismatch = side === 'legacy' ? compareHttpRuns(fresh, recorded) : compareHttpRuns(recorded, fresh);
      if (mismatch) throw new Error(describeHttpMismatch(mismatch, scenario));
    },
  };
}

/** The tests of the baseline at `baselinePath`, on the model of `side`, in the order they run. */
export async function loadSuite(baselinePath: string, side: ModelName): Promise<MutationTest[]> {
  const baseline = JSON.parse(readFileSync(baselinePath, 'utf8')) as MutationBaseline;
  const model = await loadModel(side);
  return [
    ...baseline.examples[side].map((file) => exampleTest(side, model, file)),
    ...baseline.generated.map((g) => generatedTest(side, model, g)),
  ];
}
