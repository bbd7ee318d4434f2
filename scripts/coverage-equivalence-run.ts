/**
 * The body that runs under c8 for `npm run coverage:equivalence`: the
 * fixed-seed generated HTTP scenarios (format 2, src/characterization/http)
 * on both models, nothing else, so the coverage measured is that of the
 * equivalence suite's generated runs. Also counts, per op, the steps on
 * which the models agreed and the step where they first disagreed: the
 * roadmap's evidence that the flat model covers a layer's behaviour.
 *
 * An op is what a request reached: the format-1 op name of the image,
 * member, tag and task routes (`data.upload` is `image.upload`), the
 * routing table's action otherwise (`metadef_tags.create`, `data.stage`).
 * A second batch of metadef stories (src/characterization/http/metadefs.ts)
 * reaches the catalog's routes more often than the general mix does.
 *
 * Self-contained (the review copies it into a worktree of an older commit).
 *
 *   COVERAGE_RUNS=300 COVERAGE_SEED=1 [COVERAGE_METADEF_RUNS=60] npx tsx scripts/coverage-equivalence-run.ts
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { checkHttpText, UnresolvableScenario } from '../src/characterization/http/harness.js';
import { metadefScenarioArb } from '../src/characterization/http/metadefs.js';
import { httpScenarioArb, httpScenarioText, type GeneratedHttpScenario } from '../src/characterization/http/scenario.js';
import { resolve } from '../src/domain/http/routes.js';
import { environFromUrl, v2PathOf } from '../src/lib/webob/index.js';
import { loadModel } from '../src/shared/models.js';

const runs = Number(process.env.COVERAGE_RUNS ?? 300);
const seed = Number(process.env.COVERAGE_SEED ?? 20180228);
const metadefRuns = Number(process.env.COVERAGE_METADEF_RUNS ?? 60);
const [legacy, flat] = await Promise.all([loadModel('legacy'), loadModel('flat')]);

/** The routing table's actions named as format 1 names the same controller calls. */
const FORMAT1_OPS: Readonly<Record<string, string>> = {
  'images.index': 'image.index', 'images.create': 'image.create', 'images.show': 'image.show', 'images.update': 'image.update', 'images.delete': 'image.delete',
  'actions.deactivate': 'image.deactivate', 'actions.reactivate': 'image.reactivate', 'data.upload': 'image.upload', 'data.download': 'image.download',
  'tags.update': 'tag.update', 'tags.delete': 'tag.delete',
  'members.index': 'member.index', 'members.create': 'member.create', 'members.show': 'member.show', 'members.update': 'member.update', 'members.delete': 'member.delete',
  'tasks.index': 'task.index', 'tasks.create': 'task.create', 'tasks.get': 'task.get',
};

/** The op a request reached; refused before any route: `no route`, `method not allowed`, `outside /v2`. */
function opOf(method: string, path: string): string {
  const after = v2PathOf(path.replace(/<uuid-[0-9]+>/g, 'aaaaaaaa-0000-4000-8000-0000000000ff'));
  if (after === null) return 'outside /v2';
  const found = resolve(String(environFromUrl(after)['PATH_INFO']), method);
  if (found.kind !== 'route') return found.kind === 'method-not-allowed' ? 'method not allowed' : 'no route';
  return FORMAT1_OPS[found.route.action] ?? found.route.action;
}

const ops: Record<string, { agreed: number; disagreed: number }> = {};
const tally = (op: string, key: 'agreed' | 'disagreed') => {
  ops[op] ??= { agreed: 0, disagreed: 0 };
  ops[op][key]++;
};
let agreeing = 0;
let crashed = 0;
let unresolvable = 0;
const started = Date.now();

function check(scenario: GeneratedHttpScenario): void {
  try {
    const bad = checkHttpText(httpScenarioText(scenario), legacy, flat).mismatch?.step ?? null;
    if (bad === null) agreeing++;
    scenario.steps.forEach((step, k) => {
      if (bad === null || k < bad) tally(opOf(step.method, step.path), 'agreed');
      else if (k === bad) tally(opOf(step.method, step.path), 'disagreed');
    });
  } catch (e) {
    if (e instanceof UnresolvableScenario) unresolvable++;
    else crashed++;
  }
}

for (const scenario of fc.sample(httpScenarioArb, { numRuns: runs, seed })) check(scenario);
for (const scenario of fc.sample(metadefScenarioArb, { numRuns: metadefRuns, seed })) check(scenario);

const summary = { runs, seed, agreeing, crashed, unresolvable, ops, seconds: (Date.now() - started) / 1000 };
if (process.env.COVERAGE_RUN_SUMMARY) writeFileSync(process.env.COVERAGE_RUN_SUMMARY, JSON.stringify(summary) + '\n');
// Progress goes to stderr: `npm run roadmap -- --json` keeps stdout for its JSON.
process.stderr.write(
  `${runs} generated HTTP scenarios and ${metadefRuns} metadef ones (seed ${seed}): ${agreeing} agree, ${unresolvable} unresolvable, ${crashed} crashed, ${summary.seconds.toFixed(1)} s\n`,
);
