/**
 * Every example scenario, replayed on the model, must give exactly the
 * trace recorded from the real Glance 16.0.0 by the reference runner.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, type ModelName } from '../../src/shared/models.js';
import { runScenario } from '../../src/shared/runner.js';
import { parseScenarioText } from '../../src/shared/scenario.js';
import { describeDifference, firstDifference } from '../../src/shared/trace-diff.js';
import type { Trace } from '../../src/shared/trace.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');
const scenarios = readdirSync(EXAMPLES).filter((f) => f.endsWith('.scenario.json')).sort();
const MODELS: ModelName[] = (process.env.PEEL_MODELS ?? 'legacy').split(',') as ModelName[];

describe.each(MODELS)('examples replayed on the %s model', (modelName) => {
  it('has at least 70 recorded examples', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(70);
  });
  it.each(scenarios)('%s', async (file) => {
    const model = await loadModel(modelName);
    const path = join(EXAMPLES, file);
    const text = readFileSync(path, 'utf8');
    const recorded = JSON.parse(readFileSync(path.replace(/\.scenario\.json$/, '.trace.json'), 'utf8')) as Trace;
    const { trace } = runScenario(parseScenarioText(text, path), text, model);
    const d = firstDifference(recorded, trace);
    expect(d === null ? null : describeDifference(d), `reproduce: npx tsx src/cli.ts replay --model ${modelName} --check ${join('examples', file)}`).toBeNull();
    expect(trace).toEqual(recorded);
  });
});
