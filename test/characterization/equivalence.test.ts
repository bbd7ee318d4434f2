/**
 * What remains of the format-1 equivalence suite now that the flat model
 * answers HTTP only (format 2; the generated scenarios and the HTTP corpus
 * are in http-equivalence.test.ts):
 * - the format-1 corpus (scenarios that once told the models apart as
 *   controller calls), each sent as the HTTP requests a client would make
 *   for its calls (src/characterization/http/from-ops.ts) and compared on
 *   both models there;
 * - the golden masters, format-1 traces recorded from the legacy model,
 *   replayed on the legacy model, which keeps answering format 1.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpScenarioOf } from '../../src/characterization/http/from-ops.js';
import { checkHttpText, describeHttpMismatch } from '../../src/characterization/http/harness.js';
import { httpScenarioText } from '../../src/characterization/http/scenario.js';
import { loadModel } from '../../src/shared/models.js';
import { runScenario } from '../../src/shared/runner.js';
import { parseScenarioText } from '../../src/shared/scenario.js';
import { describeDifference, firstDifference } from '../../src/shared/trace-diff.js';
import type { Trace } from '../../src/shared/trace.js';
import type { Model } from '../../src/shared/world.js';
import { CORPUS_DIR } from './harness.js';

const GOLDEN_DIR = join(import.meta.dirname, 'golden');

const scenarioFiles = (dir: string, pattern: RegExp) => (existsSync(dir) ? readdirSync(dir).filter((f) => pattern.test(f)).sort() : []);

let legacy: Model;
let flat: Model;

beforeAll(async () => {
  [legacy, flat] = await Promise.all([loadModel('legacy'), loadModel('flat')]);
});

describe('the format-1 corpus, sent over HTTP', () => {
  const files = scenarioFiles(CORPUS_DIR, /^found-(?!http-).*\.scenario\.json$/);
  it('keeps every scenario found so far', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s', (file) => {
    const path = join(CORPUS_DIR, file);
    const text = httpScenarioText(httpScenarioOf(parseScenarioText(readFileSync(path, 'utf8'), path)));
    const result = checkHttpText(text, legacy, flat, path);
    expect(result.mismatch && describeHttpMismatch(result.mismatch, result.scenario), `scenario sent:\n${text}`).toBeNull();
  });
});

describe('golden masters recorded from the legacy model, replayed on it', () => {
  const files = scenarioFiles(GOLDEN_DIR, /\.scenario\.json$/);
  it('has golden masters', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s', (file) => {
    const path = join(GOLDEN_DIR, file);
    const text = readFileSync(path, 'utf8');
    const recorded = JSON.parse(readFileSync(path.replace(/\.scenario\.json$/, '.trace.json'), 'utf8')) as Trace;
    const { trace } = runScenario(parseScenarioText(text, path), text, legacy);
    const d = firstDifference(recorded, trace);
    expect(d && describeDifference(d), `reproduce: npx tsx src/cli.ts replay --model legacy --check test/characterization/golden/${file}`).toBeNull();
  });
});
