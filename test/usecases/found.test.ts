/**
 * Scenarios that the use-case tests found a model answering differently
 * from the real Glance 16.0.0, each saved with the trace the reference
 * runner recorded for it (/work/shared/oracle/run.py). Both models must
 * replay them exactly; a failure names the command that reproduces it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/shared/models.js';
import { runScenario } from '../../src/shared/runner.js';
import { parseScenarioText } from '../../src/shared/scenario.js';
import { describeDifference, firstDifference } from '../../src/shared/trace-diff.js';
import type { Trace } from '../../src/shared/trace.js';
import { MODELS } from './__test-helpers__/usecase.js';

const FOUND = join(import.meta.dirname, 'found');
const scenarios = readdirSync(FOUND).filter((f) => f.endsWith('.scenario.json')).sort();

describe.each(MODELS)('found scenarios replayed on the %s model', (model) => {
  it('every found scenario has its recorded trace', () => {
    expect(scenarios.length).toBeGreaterThan(0);
    for (const file of scenarios) expect(readdirSync(FOUND)).toContain(file.replace(/\.scenario\.json$/, '.trace.json'));
  });

  it.each(scenarios)('%s replays as the real Glance answered', async (file) => {
    const path = join(FOUND, file);
    const text = readFileSync(path, 'utf8');
    const recorded = JSON.parse(readFileSync(path.replace(/\.scenario\.json$/, '.trace.json'), 'utf8')) as Trace;
    const { trace } = runScenario(parseScenarioText(text, path), text, await loadModel(model));
    const d = firstDifference(recorded, trace);
    expect(d === null ? null : describeDifference(d), `reproduce: npx tsx src/cli.ts replay --model ${model} --check test/usecases/found/${file}`).toBeNull();
    expect(trace).toEqual(recorded);
  });
});
