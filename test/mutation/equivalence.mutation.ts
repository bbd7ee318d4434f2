/**
 * The equivalence suite as Stryker runs it (npm run mutation): the
 * examples each model replayed exactly before mutating, and the fixed-seed
 * generated scenarios (cut where the models already disagreed) compared
 * legacy against flat. One test per scenario, so per-test coverage lets
 * Stryker run only the scenarios that reach a mutant.
 *
 * The baseline comes from scripts/mutation.ts through PEEL_MUTATION_BASELINE.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/shared/models.js';
import { runScenario } from '../../src/shared/runner.js';
import { parseScenarioText, type Scenario } from '../../src/shared/scenario.js';
import { describeDifference, firstDifference } from '../../src/shared/trace-diff.js';
import type { Trace } from '../../src/shared/trace.js';
import { checkScenario, describeFailure } from '../characterization/harness.js';
import type { MutationBaseline } from '../../scripts/lib/mutation-baseline.js';

const baselinePath = process.env.PEEL_MUTATION_BASELINE;
if (!baselinePath) throw new Error('PEEL_MUTATION_BASELINE is not set: run this suite through `npm run mutation`');
const baseline = JSON.parse(readFileSync(baselinePath, 'utf8')) as MutationBaseline;
const EXAMPLES = join(import.meta.dirname, '../../examples');

describe.each(['legacy', 'flat'] as const)('examples on the %s model', (modelName) => {
  it.each(baseline.examples[modelName])('%s', async (file) => {
    const model = await loadModel(modelName);
    const path = join(EXAMPLES, file);
    const text = readFileSync(path, 'utf8');
    const recorded = JSON.parse(readFileSync(path.replace(/\.scenario\.json$/, '.trace.json'), 'utf8')) as Trace;
    const d = firstDifference(recorded, runScenario(parseScenarioText(text, path), text, model).trace);
    expect(d === null ? null : describeDifference(d)).toBeNull();
  });
});

describe('generated scenarios, legacy against flat', () => {
  it.each(baseline.generated.map((g) => [g.name, g.text] as const))('%s', async (_name, text) => {
    const [legacy, flat] = await Promise.all([loadModel('legacy'), loadModel('flat')]);
    const result = checkScenario(JSON.parse(text) as Scenario, legacy, flat);
    expect(result.mismatch || result.violation ? describeFailure(result) : null).toBeNull();
  });
});
