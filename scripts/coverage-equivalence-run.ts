/**
 * The body that runs under c8 for `npm run coverage:equivalence`: the
 * fixed-seed generated scenarios on both models, nothing else, so the
 * coverage measured is that of the equivalence suite's generated runs.
 * Also counts, per op, the steps on which the models agreed and the steps
 * where they first disagreed: the roadmap's evidence that the flat model
 * covers a layer's behaviour.
 *
 * The metadata definitions catalog is reached only over HTTP: a second
 * batch of generated metadef scenarios (format 2) runs on both models, and
 * its steps are counted per metadef action of the flat routing table.
 *
 *   COVERAGE_RUNS=300 COVERAGE_SEED=1 [COVERAGE_METADEF_RUNS=60] npx tsx scripts/coverage-equivalence-run.ts
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { checkHttpText } from '../src/characterization/http/harness.js';
import { metadefScenarioArb } from '../src/characterization/http/metadefs.js';
import { httpScenarioText } from '../src/characterization/http/scenario.js';
import { resolve } from '../src/domain/http/routes.js';
import { environFromUrl, v2PathOf } from '../src/lib/webob/index.js';
import { loadModel } from '../src/shared/models.js';
import { checkScenario } from '../test/characterization/harness.js';
import { DEFAULT_SEED, sampleScenarios } from './lib/batch.js';

const runs = Number(process.env.COVERAGE_RUNS ?? 300);
const seed = Number(process.env.COVERAGE_SEED ?? DEFAULT_SEED);
const [legacy, flat] = await Promise.all([loadModel('legacy'), loadModel('flat')]);
const ops: Record<string, { agreed: number; disagreed: number }> = {};
const tally = (op: string, key: 'agreed' | 'disagreed') => {
  ops[op] ??= { agreed: 0, disagreed: 0 };
  ops[op][key]++;
};
let agreeing = 0;
let crashed = 0;
const started = Date.now();
for (const scenario of sampleScenarios(runs, seed)) {
  try {
    const result = checkScenario(scenario, legacy, flat);
    const bad = result.mismatch?.step ?? result.violation?.step ?? null;
    if (bad === null) agreeing++;
    scenario.steps.forEach((step, k) => {
      if (bad === null || k < bad) tally(step.op, 'agreed');
      else if (k === bad) tally(step.op, 'disagreed');
    });
  } catch {
    crashed++;
  }
}

/** The metadef action a request reaches, if any. */
function metadefAction(method: string, path: string): string | null {
  const after = v2PathOf(path);
  if (after === null) return null;
  const found = resolve(String(environFromUrl(after)['PATH_INFO']), method);
  return found.kind === 'route' && found.route.action.startsWith('metadef_') ? found.route.action : null;
}

const metadefRuns = Number(process.env.COVERAGE_METADEF_RUNS ?? 60);
for (const scenario of fc.sample(metadefScenarioArb, { numRuns: metadefRuns, seed })) {
  try {
    const bad = checkHttpText(httpScenarioText(scenario), legacy, flat).mismatch?.step ?? null;
    if (bad === null) agreeing++;
    scenario.steps.forEach((step, k) => {
      const action = metadefAction(step.method, step.path);
      if (action === null) return;
      if (bad === null || k < bad) tally(action, 'agreed');
      else if (k === bad) tally(action, 'disagreed');
    });
  } catch {
    crashed++;
  }
}
const summary = { runs, seed, agreeing, crashed, ops, seconds: (Date.now() - started) / 1000 };
if (process.env.COVERAGE_RUN_SUMMARY) writeFileSync(process.env.COVERAGE_RUN_SUMMARY, JSON.stringify(summary) + '\n');
process.stdout.write(`${runs} generated scenarios and ${metadefRuns} metadef ones (seed ${seed}): ${agreeing} agree, ${crashed} crashed, ${summary.seconds.toFixed(1)} s\n`);
