/**
 * Generated metadata-definitions scenarios on both models: every step
 * compared on its trace (status, headers, body, notifications), the class
 * behind a 500, notification priorities and the database rows (the six
 * metadef tables included). A failure is shrunk, saved to the HTTP corpus
 * and reported with what reproduces it.
 *
 *   PEEL_MD_RUNS=3000 PEEL_SEED=7 npx vitest run test/domain/metadefs/equivalence.test.ts
 *
 * Without PEEL_SEED the seed is fixed, so the default run is reproducible.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkHttpText, describeHttpMismatch, httpFailureReport, saveHttpToCorpus, UnresolvableScenario, type HttpCheckResult,
} from '../../../src/characterization/http/harness.js';
import { metadefScenarioArb } from '../../../src/characterization/http/metadefs.js';
import { httpScenarioText } from '../../../src/characterization/http/scenario.js';
import { resolve } from '../../../src/domain/http/routes.js';
import { environFromUrl, v2PathOf } from '../../../src/lib/webob/index.js';
import type { PyJson } from '../../../src/lib/pyjson.js';
import { loadModel } from '../../../src/shared/models.js';
import type { Model } from '../../../src/shared/world.js';

const RUNS = Number(process.env.PEEL_MD_RUNS ?? 120);
const SEED = process.env.PEEL_SEED !== undefined ? Number(process.env.PEEL_SEED) : 20180301;

let legacy: Model;
let flat: Model;

beforeAll(async () => {
  [legacy, flat] = await Promise.all([loadModel('legacy'), loadModel('flat')]);
});

const reach = new Map<string, Map<number, number>>();

function routeOf(method: string, path: string): string {
  const after = v2PathOf(path);
  if (after === null) return 'outside /v2';
  const found = resolve(String(environFromUrl(after)['PATH_INFO']), method);
  return found.kind === 'route' ? `${found.route.method} ${found.route.path}` : found.kind;
}

function count(result: HttpCheckResult): void {
  result.scenario.steps.forEach((step, k) => {
    const key = routeOf(step.method, step.path);
    const status = Number((result.legacy.steps[k] as Map<string, PyJson>).get('status'));
    const byStatus = reach.get(key) ?? new Map<number, number>();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    reach.set(key, byStatus);
  });
}

describe('generated metadef scenarios', () => {
  it(`cannot tell the legacy and flat models apart (${RUNS} runs, seed ${SEED})`, async () => {
    let steps = 0;
    // Async so that a long soak yields to the test runner between scenarios (its worker times out otherwise).
    const property = fc.asyncProperty(metadefScenarioArb, async (scenario) => {
      await new Promise((done) => setImmediate(done));
      let result: HttpCheckResult;
      try {
        result = checkHttpText(httpScenarioText(scenario), legacy, flat);
      } catch (e) {
        if (e instanceof UnresolvableScenario) return fc.pre(false);
        throw e;
      }
      if (result.mismatch) throw new Error(describeHttpMismatch(result.mismatch, result.scenario));
      steps += scenario.steps.length;
      count(result);
    });
    const details = await fc.check(property, { numRuns: RUNS, seed: SEED, endOnFailure: false });
    let report = details.failed ? String(details.errorInstance) : '';
    if (details.failed && details.counterexample !== null) {
      const text = httpScenarioText(details.counterexample[0]);
      const result = checkHttpText(text, legacy, flat);
      if (result.mismatch) report = httpFailureReport(result, saveHttpToCorpus(text), details.seed, details.counterexamplePath ?? undefined);
    }
    console.log(`${details.numRuns} metadef scenarios, ${steps} steps (seed ${SEED})`);
    expect(details.failed, report).toBe(false);
  }, 1_800_000);

  it('reach every metadef route with a success, and the catalog with every kind of refusal', () => {
    console.log([...reach].sort(([a], [b]) => a.localeCompare(b)).map(([r, m]) => `${r}: ${[...m].sort(([a], [b]) => a - b).map(([s, n]) => `${s} x${n}`).join(', ')}`).join('\n'));
    const metadefRoutes = [...reach.keys()].filter((k) => k.split(' ')[1]?.startsWith('/metadefs/'));
    expect(metadefRoutes.length).toBe(28);
    for (const route of metadefRoutes) {
      const statuses = [...(reach.get(route) as Map<number, number>).keys()];
      expect(statuses.some((s) => s < 300), `${route} never succeeded`).toBe(true);
    }
    const refusals = new Set(metadefRoutes.flatMap((r) => [...(reach.get(r) as Map<number, number>).keys()]).filter((s) => s >= 400));
    expect([...refusals].sort()).toEqual([400, 403, 404, 409, 500]);
  });
});
