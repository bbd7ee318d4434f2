/**
 * Equivalence runs aimed at the use cases a change touched: the suite's
 * own scenarios, followed by extra steps drawn mostly from the touched ops
 * (stepArb, weighted up from OP_WEIGHTS), so a change to quota meets far
 * more uploads and creates than the default mix gives it.
 */
import fc from 'fast-check';
import type { Scenario } from '../../src/shared/scenario.js';
import { OPS, type Model, type OpName } from '../../src/shared/world.js';
import { configArb } from '../../src/characterization/config.js';
import { scenarioText } from '../../src/characterization/format1/scenario.js';
import { OP_WEIGHTS, stepArb, stepsArb } from '../../src/characterization/format1/steps.js';
import { checkScenario, describeFailure } from '../../src/characterization/format1/harness.js';
import { checkHttpText, describeHttpMismatch, UnresolvableScenario, type HttpCheckResult } from '../../src/characterization/http/harness.js';
import { httpScenarioArb, httpScenarioText } from '../../src/characterization/http/scenario.js';

/** Touched ops weigh eight times their usual share, and never less than 8. */
export function focusedWeights(ops: readonly OpName[]): Record<OpName, number> {
  return Object.fromEntries(OPS.map((op) => [op, ops.includes(op) ? Math.max(8, OP_WEIGHTS[op] * 8) : OP_WEIGHTS[op]])) as Record<OpName, number>;
}

export function focusedScenarioArb(ops: readonly OpName[]): fc.Arbitrary<Scenario> {
  const weights = focusedWeights(ops);
  const step = fc.oneof(...OPS.map((op) => ({ weight: weights[op], arbitrary: stepArb(op) })));
  const steps = fc.tuple(stepsArb, fc.array(step, { minLength: 1, maxLength: 12 })).map(([base, extra]) => [...base, ...extra].slice(0, 40));
  return fc.record({ config: configArb, steps }).map(({ config, steps: s }) => ({ format: 'peel-scenario/1' as const, name: `focused on ${ops.join(', ')}`, config, steps: s }));
}

export interface CheckOutcome {
  readonly failed: boolean;
  readonly report: string;
  /** The first difference (or broken invariant) on one line, when failed. */
  readonly difference: string;
  readonly scenarioText: string | null;
}

/** fast-check over an arbitrary, shrinking a failure; nothing is written to the corpus. */
export function checkEquivalence(arb: fc.Arbitrary<Scenario>, legacy: Model, flat: Model, numRuns: number, seed: number): CheckOutcome {
  const property = fc.property(arb, (scenario) => {
    const result = checkScenario(scenario, legacy, flat);
    if (result.mismatch || result.violation) throw new Error(describeFailure(result));
  });
  const details = fc.check(property, { numRuns, seed, endOnFailure: false });
  if (!details.failed) return { failed: false, report: '', difference: '', scenarioText: null };
  const counterexample = details.counterexample?.[0];
  if (!counterexample) return { failed: true, report: String(details.errorInstance), difference: String(details.errorInstance).split('\n')[0] ?? '', scenarioText: null };
  const result = checkScenario(counterexample, legacy, flat);
  return {
    failed: true,
    difference: describeFailure(result).replace(/:\n\s+legacy: /, ': legacy ').replace(/\n\s+flat: +/, ', flat '),
    report: `${describeFailure(result)}\nshrunk after ${details.numShrinks} steps; seed ${details.seed}, path ${details.counterexamplePath ?? ''}`,
    scenarioText: scenarioText(counterexample),
  };
}

/**
 * The same check at the boundary clients use: generated HTTP (format 2)
 * scenarios on both models, shrunk on failure. A scenario whose `<uuid-N>`
 * names no id either model made is discarded, not a difference.
 */
export function checkHttpEquivalence(legacy: Model, flat: Model, numRuns: number, seed: number): CheckOutcome {
  const property = fc.property(httpScenarioArb, (scenario) => {
    let result: HttpCheckResult;
    try {
      result = checkHttpText(httpScenarioText(scenario), legacy, flat);
    } catch (e) {
      if (e instanceof UnresolvableScenario) fc.pre(false);
      throw e;
    }
    if (result.mismatch) throw new Error(describeHttpMismatch(result.mismatch, result.scenario));
  });
  const details = fc.check(property, { numRuns, seed, endOnFailure: false, maxSkipsPerRun: 100 });
  if (!details.failed) return { failed: false, report: '', difference: '', scenarioText: null };
  const counterexample = details.counterexample?.[0];
  if (!counterexample) return { failed: true, report: String(details.errorInstance), difference: String(details.errorInstance).split('\n')[0] ?? '', scenarioText: null };
  const text = httpScenarioText(counterexample);
  const result = checkHttpText(text, legacy, flat);
  const described = result.mismatch ? describeHttpMismatch(result.mismatch, result.scenario) : 'flaky: the shrunk scenario passes when rerun';
  return {
    failed: true,
    difference: described.replace(/:\n\s+legacy: /, ': legacy ').replace(/\n\s+flat: +/, ', flat '),
    report: `${described}\nshrunk after ${details.numShrinks} steps; seed ${details.seed}, path ${details.counterexamplePath ?? ''}`,
    scenarioText: text,
  };
}
