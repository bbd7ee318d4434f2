/**
 * What the faithfulness soak needs of each scenario format: its generator,
 * the file text of a scenario, and where a finding is saved as an example.
 */
import fc from 'fast-check';
import { httpScenarioArb, httpScenarioText, type GeneratedHttpScenario } from '../../src/characterization/http/scenario.js';
import type { Scenario } from '../../src/shared/scenario.js';
import { scenarioArb, scenarioText } from '../../src/characterization/format1/scenario.js';

/** A generated scenario of either format, as the soak handles it: named steps it can drop. */
export interface Generated {
  readonly name?: string;
  readonly steps: readonly unknown[];
}

export interface FormatKit {
  readonly format: '1' | '2';
  sample(runs: number, seed: number): Generated[];
  text(scenario: Generated): string;
  /** Where examples of this format live, relative to the repository. */
  readonly examplesDir: string;
}

function kit<S extends Generated>(format: '1' | '2', arb: fc.Arbitrary<S>, text: (s: S) => string, examplesDir: string): FormatKit {
  return {
    format,
    sample: (runs, seed) => fc.sample(arb, { numRuns: runs, seed }),
    // The soak only drops steps or renames a scenario it generated with this kit.
    text: (scenario) => text(scenario as S),
    examplesDir,
  };
}

export const FORMATS: Readonly<Record<string, FormatKit>> = {
  '1': kit<Scenario>('1', scenarioArb, scenarioText, 'examples'),
  '2': kit<GeneratedHttpScenario>('2', httpScenarioArb, httpScenarioText, 'examples/http'),
};

/** The scenario without step i. */
export function withoutStep<S extends Generated>(scenario: S, i: number): S {
  return { ...scenario, steps: scenario.steps.filter((_, j) => j !== i) };
}
