/**
 * Scenarios that the use-case tests found a model answering differently
 * from the real Glance 16.0.0, each saved with the trace the reference
 * runner recorded for it (/work/shared/oracle/run.py). The format-1 ones
 * call the controllers (the legacy model's alone); each has a `-http`
 * twin, the same steps as a client sends them (recorded the same way),
 * which both models must replay exactly.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, type ModelName } from '../../src/shared/models.js';
import { checkReplayed, readRecordedSteps, readScenarioFile, replayScenario } from '../../src/shared/scenario-files.js';

const FOUND = join(import.meta.dirname, 'found');
const scenarios = readdirSync(FOUND).filter((f) => f.endsWith('.scenario.json')).sort();
const cases = scenarios.flatMap((f) => (f.endsWith('-http.scenario.json') ? [[f, 'legacy'], [f, 'flat']] : [[f, 'legacy']]) as Array<[string, ModelName]>);

describe('found scenarios', () => {
  it('every found scenario has its recorded trace and an HTTP twin', () => {
    expect(scenarios.length).toBeGreaterThan(0);
    for (const file of scenarios) expect(readdirSync(FOUND)).toContain(file.replace(/\.scenario\.json$/, '.trace.json'));
    for (const file of scenarios.filter((f) => !f.endsWith('-http.scenario.json'))) expect(scenarios).toContain(file.replace(/\.scenario\.json$/, '-http.scenario.json'));
  });

  it.each(cases)('%s replays on the %s model as the real Glance answered', async (file, model) => {
    const loaded = readScenarioFile(join(FOUND, file));
    const checked = checkReplayed(loaded, readRecordedSteps(loaded), replayScenario(loaded, await loadModel(model)));
    expect(checked.difference === null ? null : checked.line, `reproduce: npx tsx src/cli.ts replay --model ${model} --check test/usecases/found/${file}`).toBeNull();
  });
});
