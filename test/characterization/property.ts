/**
 * The equivalence property and its runner, shared by `npm test` and the
 * soak script: generated scenarios on both models, shrunk on failure,
 * the shrunk scenario saved to the corpus and reported with its seed.
 */
import fc from 'fast-check';
import type { Scenario } from '../../src/shared/scenario.js';
import type { Model } from '../../src/shared/world.js';
import { scenarioArb } from './generators/scenario.js';
import { checkScenario, describeFailure, failureReport, saveToCorpus, type CheckResult } from './harness.js';

export interface EquivalenceRun {
  readonly numRuns: number;
  readonly seed: number;
  readonly path?: string;
  readonly onScenario?: (scenario: Scenario) => void;
  /** Called with every passing scenario's result (counters, statistics). */
  readonly onResult?: (scenario: Scenario, result: CheckResult) => void;
}

export interface EquivalenceOutcome {
  readonly failed: boolean;
  readonly report: string;
  readonly numRuns: number;
}

export function runEquivalence(legacy: Model, flat: Model, run: EquivalenceRun): EquivalenceOutcome {
  const property = fc.property(scenarioArb, (scenario) => {
    run.onScenario?.(scenario);
    const result = checkScenario(scenario, legacy, flat);
    if (result.mismatch || result.violation) throw new Error(describeFailure(result));
    run.onResult?.(scenario, result);
  });
  const details = fc.check(property, { numRuns: run.numRuns, seed: run.seed, ...(run.path ? { path: run.path } : {}), endOnFailure: false });
  if (!details.failed || details.counterexample === null) {
    return { failed: details.failed, report: details.failed ? String(details.errorInstance) : '', numRuns: details.numRuns };
  }
  const [scenario] = details.counterexample;
  const result = checkScenario(scenario, legacy, flat);
  if (!result.mismatch && !result.violation) return { failed: true, report: `flaky: the shrunk scenario passes when rerun\n${String(details.errorInstance)}`, numRuns: details.numRuns };
  const saved = saveToCorpus(result.text);
  return { failed: true, report: failureReport(result, saved, details.seed, details.counterexamplePath ?? undefined), numRuns: details.numRuns };
}
