/**
 * The equivalence suite: generated scenarios, the corpus of scenarios that
 * once told the models apart, and the golden masters recorded from the
 * legacy model, all run on both models; every legacy layer and every op
 * must be reached, and the counts are printed.
 *
 *   PEEL_EQ_RUNS=2000 PEEL_SEED=42 npx vitest run test/characterization/equivalence.test.ts
 *
 * Without PEEL_SEED the seed is fixed, so the default run is reproducible.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../src/legacy/layers.js';
import { loadModel } from '../../src/shared/models.js';
import { runScenario } from '../../src/shared/runner.js';
import { parseScenarioText } from '../../src/shared/scenario.js';
import { describeDifference, firstDifference } from '../../src/shared/trace-diff.js';
import type { Trace } from '../../src/shared/trace.js';
import { OPS, type Model } from '../../src/shared/world.js';
import { CORPUS_DIR, checkScenario, describeFailure } from './harness.js';
import { runEquivalence } from './property.js';
import { instrument, reachReport, ReachCounter } from './reach.js';

const RUNS = Number(process.env.PEEL_EQ_RUNS ?? 500);
// A fixed default seed keeps `npm test` (and CI) deterministic; new seeds
// are the soak's job (`npm run equivalence`), or set PEEL_SEED here.
const SEED = process.env.PEEL_SEED !== undefined ? Number(process.env.PEEL_SEED) : 20180228;
const GOLDEN_DIR = join(import.meta.dirname, 'golden');

const scenarioFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.scenario.json')).sort() : []);

let legacy: Model;
let flat: Model;
const counter = new ReachCounter();

beforeAll(async () => {
  await instrument(counter);
  [legacy, flat] = await Promise.all([loadModel('legacy'), loadModel('flat')]);
});

describe('generated scenarios', () => {
  it(`cannot tell the legacy and flat models apart (${RUNS} runs, seed ${SEED})`, () => {
    const outcome = runEquivalence(legacy, flat, {
      numRuns: RUNS,
      seed: SEED,
      onResult: (scenario, result) => {
        scenario.steps.forEach((step, k) => {
          counter.bump(counter.ops, step.op);
          counter.bump(counter.statuses, `${step.op} ${result.legacy.trace.steps[k]?.status ?? '?'}`);
        });
      },
    });
    expect(outcome.failed, outcome.report).toBe(false);
  }, 600_000);

  it('reaches every op and every legacy layer, and prints the counts', () => {
    console.log(reachReport(counter));
    for (const op of OPS) expect(counter.ops.get(op) ?? 0, `op ${op} never generated`).toBeGreaterThan(0);
    for (const layer of LAYERS) expect(counter.reachedIn(layer.name), `no method of the legacy ${layer.name} layer was reached`).toBeGreaterThan(0);
    const errorStatuses = new Set([...counter.statuses.keys()].map((k) => k.split(' ')[1]));
    for (const status of ['400', '403', '404', '409', '413']) expect(errorStatuses.has(status), `no step answered ${status}`).toBe(true);
  });
});

describe('the corpus of scenarios that once told the models apart', () => {
  const files = scenarioFiles(CORPUS_DIR);
  it('keeps every scenario found so far', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s', (file) => {
    const path = join(CORPUS_DIR, file);
    const scenario = parseScenarioText(readFileSync(path, 'utf8'), path);
    const result = checkScenario(scenario, legacy, flat);
    expect(result.mismatch ?? result.violation, `${describeFailure(result)}\nreproduce: npx tsx src/cli.ts replay --model flat ${join('test/characterization/corpus', file)}`).toBeNull();
  });
});

describe('golden masters recorded from the legacy model, replayed on both', () => {
  const files = scenarioFiles(GOLDEN_DIR);
  it('has golden masters', () => expect(files.length).toBeGreaterThan(0));
  it.each(files.flatMap((f) => [[f, 'legacy'], [f, 'flat']] as const))('%s on %s', (file, modelName) => {
    const path = join(GOLDEN_DIR, file);
    const text = readFileSync(path, 'utf8');
    const recorded = JSON.parse(readFileSync(path.replace(/\.scenario\.json$/, '.trace.json'), 'utf8')) as Trace;
    const { trace } = runScenario(parseScenarioText(text, path), text, modelName === 'legacy' ? legacy : flat);
    const d = firstDifference(recorded, trace);
    expect(d && describeDifference(d), `reproduce: npx tsx src/cli.ts replay --model ${modelName} --check test/characterization/golden/${file}`).toBeNull();
  });
});
