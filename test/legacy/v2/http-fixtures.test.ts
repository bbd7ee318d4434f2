/**
 * Format-2 scenarios written for the v2 deserializers and serializers
 * (stage and import, Python ints and floats in bodies, draft-4 patches,
 * odd queries), with the traces the reference runner recorded from Glance
 * 16.0.0 (`/usr/bin/python3 ../shared/oracle/run.py --out-dir ...`), replayed
 * over HTTP on the legacy model.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { legacyModel } from '../../../src/legacy/model.js';
import { checkReplayed, readRecordedSteps, readScenarioFile, replayScenario } from '../../../src/shared/scenario-files.js';

const DIR = join(import.meta.dirname, '__fixtures__/http');
const scenarios = readdirSync(DIR).filter((f) => f.endsWith('.scenario.json')).sort();

describe('v2 HTTP scenarios recorded from Glance 16.0.0, replayed on the legacy model', () => {
  it.each(scenarios)('%s answers as Glance did, step by step', (file) => {
    const loaded = readScenarioFile(join(DIR, file));
    const checked = checkReplayed(loaded, readRecordedSteps(loaded), replayScenario(loaded, legacyModel));
    expect(checked.difference, checked.line).toBeNull();
  });
});
