/**
 * The fixed-seed batch of generated scenarios that coverage, mutation and
 * review measure with. Sampling (not fc.check) is used so that every run
 * of a measurement sees the same scenarios, whether the models agree or not.
 */
import fc from 'fast-check';
import type { Scenario } from '../../src/shared/scenario.js';
import { scenarioArb } from '../../test/characterization/generators/scenario.js';

export const DEFAULT_SEED = 20180228;

export function sampleScenarios(count: number, seed = DEFAULT_SEED, arb: fc.Arbitrary<Scenario> = scenarioArb): Scenario[] {
  if (count <= 0) return [];
  return fc.sample(arb, { numRuns: count, seed });
}
