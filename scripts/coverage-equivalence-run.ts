/**
 * The body that runs under c8 for `npm run coverage:equivalence`: the
 * fixed-seed generated scenarios on both models, nothing else, so the
 * coverage measured is that of the equivalence suite's generated runs.
 * Also counts, per op, the steps on which the models agreed and the steps
 * where they first disagreed: the roadmap's evidence that the flat model
 * covers a layer's behaviour.
 *
 *   COVERAGE_RUNS=300 COVERAGE_SEED=1 npx tsx scripts/coverage-equivalence-run.ts
 */
import { writeFileSync } from 'node:fs';
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
const summary = { runs, seed, agreeing, crashed, ops, seconds: (Date.now() - started) / 1000 };
if (process.env.COVERAGE_RUN_SUMMARY) writeFileSync(process.env.COVERAGE_RUN_SUMMARY, JSON.stringify(summary) + '\n');
process.stdout.write(`${runs} generated scenarios (seed ${seed}): ${agreeing} agree, ${crashed} crashed, ${summary.seconds.toFixed(1)} s\n`);
