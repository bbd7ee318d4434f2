/** Whole generated scenarios in the shared format. */
import fc from 'fast-check';
import type { Scenario } from '../../shared/scenario.js';
import { configArb } from '../config.js';
import { stepsArb } from './steps.js';

export const scenarioArb: fc.Arbitrary<Scenario> = fc.record({ config: configArb, steps: stepsArb }).map(({ config, steps }) => ({
  format: 'peel-scenario/1' as const,
  name: 'generated',
  config,
  steps,
}));

/** The scenario as a file: the text both the models and the oracle read. */
export function scenarioText(scenario: Scenario): string {
  return JSON.stringify(scenario, null, 1) + '\n';
}
