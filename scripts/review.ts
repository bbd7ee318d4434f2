/**
 * What a refactor change does to behaviour, for a pull-request comment.
 *
 *   npm run review -- --base HEAD~1 [--runs 100] [--focused 100] [--seed S] [--coverage-runs 300] [--no-measure] [--mutate] [--examples PREFIX]
 *
 * For the change from --base to the working tree: the files and layers
 * touched, the equivalence suite (a general batch and a batch focused on
 * the touched ops of controller calls, and a batch of HTTP requests, each
 * where both models answer that format), every recorded example replayed on both models as
 * `peel replay --check` replays it, the ported or explained Glance test
 * cases of every layer at the base and now, coverage of the generated runs
 * at the base (measured on a git worktree of it) and now, mutation scores
 * (the committed reports-summary/mutation.json at the base and now;
 * --mutate re-measures the touched layers first), ledger entries added,
 * removed or changed, and the roadmap rows that moved. Writes
 * reports/review.md and stdout; exits 1 when equivalence fails, an example
 * that replayed at the base no longer does, a layer's count of ported or
 * explained Glance cases drops, or a touched layer's coverage or mutation
 * score drops. Every failure names what to run to see it again (stderr
 * too); a shrunk failing scenario is saved as reports/review-failure-N.scenario.json.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { LAYERS, layerOfFile, type LayerName } from '../src/legacy/layers.js';
import { EMPTY_LEDGER, loadLedger, parseLedger, type Ledger } from '../src/shared/ledger.js';
import { loadModel, type ModelName } from '../src/shared/models.js';
import type { Model } from '../src/shared/world.js';
import { scenarioArb } from '../src/characterization/format1/scenario.js';
import { COVERAGE_DEFAULT_RUNS, measureCoverage } from './lib/coverage-measure.js';
import { GLANCE_TEST_FILES, loadInventory, portedFileFor, portStatus } from './lib/glance-tests.js';
import { DEFAULT_SEED } from './lib/batch.js';
import { sourceFingerprint, type CoverageSummary } from './lib/coverage.js';
import { checkEquivalence, checkHttpEquivalence, focusedScenarioArb, type CheckOutcome } from './lib/focused.js';
import { git, showAt } from './lib/git.js';
import { touchedArea } from './lib/layer-map.js';
import { fileScore, loadSummary, parseSummary, type MutationSummary } from './lib/mutation-summary.js';
import type { GlanceFileStatus, Roadmap } from './lib/roadmap-model.js';
import { exampleFiles, judgeExamples, replayedAtBase, replayExamples } from './lib/review-examples.js';
import { groupDrops, portedFiles, type PortedFile } from './lib/review-glance.js';
import {
  failureText, ledgerChanges, reviewMarkdown, rowMoves, verdict, type EquivalenceResult, type ExampleSummary, type FileDelta, type GlanceGroupCount, type Review,
} from './lib/review-model.js';
import { BaseWorktree } from './lib/review-worktree.js';
import { buildRoadmap, currentCoverage, glanceFileStatuses } from './lib/roadmap-build.js';

const ROOT = join(import.meta.dirname, '..');
const log = (s: string) => process.stderr.write(s + '\n');

function fail(message: string): never {
  process.stderr.write(`review: ${message}\n`);
  process.exit(2);
}

function touchedFiles(base: string): string[] {
  const changed = git(['diff', '--name-only', base], ROOT).split('\n');
  const untracked = git(['ls-files', '--others', '--exclude-standard'], ROOT).split('\n');
  // A node_modules symlink (as worktrees get) is not part of the change.
  return [...new Set([...changed, ...untracked])].filter((f) => f !== '' && f !== 'node_modules' && !f.startsWith('reports/')).sort();
}

const FAILURE_FILE = /^review-failure-\d+\.scenario\.json$/;

/**
 * The equivalence batches; a failing one's shrunk scenario is saved as
 * reports/review-failure-N.scenario.json (N: the batch's place).
 */
function equivalence(legacy: Model, flat: Model, ops: readonly string[], runs: number, focused: number, seed: number): EquivalenceResult[] {
  const reports = join(ROOT, 'reports');
  mkdirSync(reports, { recursive: true });
  for (const old of readdirSync(reports).filter((f) => FAILURE_FILE.test(f))) rmSync(join(reports, old), { force: true });
  // Each format is compared where both models answer it.
  const both = (entry: 'open' | 'openHttp') => typeof legacy[entry] === 'function' && typeof flat[entry] === 'function';
  const batches: Array<{ label: string; runs: number; check: (n: number) => CheckOutcome }> = [];
  if (both('open')) {
    batches.push({ label: 'general mix', runs, check: (n) => checkEquivalence(scenarioArb, legacy, flat, n, seed) });
    if (ops.length && focused > 0) batches.push({ label: `focused on ${ops.length} touched op(s)`, runs: focused, check: (n) => checkEquivalence(focusedScenarioArb(ops as never), legacy, flat, n, seed) });
  }
  if (both('openHttp')) batches.push({ label: 'HTTP general mix', runs, check: (n) => checkHttpEquivalence(legacy, flat, n, seed) });
  return batches
    .filter((b) => b.runs > 0)
    .map(({ label, runs: n, check }, i) => {
      log(`equivalence, ${label}: ${n} scenarios, seed ${seed}...`);
      const outcome = check(n);
      const saved = outcome.scenarioText === null ? null : `reports/review-failure-${i + 1}.scenario.json`;
      if (saved !== null) writeFileSync(join(ROOT, saved), outcome.scenarioText as string);
      return { label, runs: n, seed, failed: outcome.failed, report: outcome.report, difference: outcome.difference, saved };
    });
}

/** Every recorded example on both models now; the failing ones asked of the base. */
function examples(models: ReadonlyArray<readonly [ModelName, Model]>, worktree: BaseWorktree, prefixes: readonly string[]): ExampleSummary {
  const all = exampleFiles(ROOT);
  const files = prefixes.length ? all.filter((f) => prefixes.some((p) => f.startsWith(p))) : all;
  log(`recorded examples: ${files.length}${prefixes.length ? ` of ${all.length} (--examples ${prefixes.join(' ')})` : ''} on ${models.map(([m]) => m).join(' and ')}...`);
  const outcomes = replayExamples(ROOT, files, models);
  const judged = judgeExamples(outcomes, (model, failing) => {
    log(`${failing.length} example(s) fail on ${model}: did they replay at the base?`);
    return replayedAtBase(worktree.path(), model, failing);
  });
  return { ...judged, only: prefixes };
}

/** Test files under test/legacy and test/usecases in the working tree. */
function testSourcesNow(): Map<string, string> {
  const out = new Map<string, string>();
  for (const dir of ['test/legacy', 'test/usecases']) {
    if (!existsSync(join(ROOT, dir))) continue;
    for (const f of readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      if (f.endsWith('.test.ts')) out.set(`${dir}/${f}`, readFileSync(join(ROOT, dir, f), 'utf8'));
    }
  }
  return out;
}

function testSourcesAt(base: string): Map<string, string> {
  const files = git(['ls-tree', '-r', '--name-only', base, '--', 'test/legacy', 'test/usecases'], ROOT).split('\n').filter((f) => f.endsWith('.test.ts'));
  return new Map(files.map((f) => [f, showAt(base, f, ROOT) ?? ''] as const));
}

/**
 * Ported or explained Glance cases per layer or use-case group, at the base
 * and now, the groups that lost some, and the layers whose ported tests the
 * change touched.
 */
function glanceCounts(base: string, touched: readonly string[]): Review['glance'] & { layers: LayerName[] } {
  const inventory = loadInventory();
  const [atBase, now] = [portedFiles(testSourcesAt(base), inventory), portedFiles(testSourcesNow(), inventory)];
  const sum = (files: readonly PortedFile[], group: string) => files.filter((f) => f.group === group).reduce((a, f) => a + f.cases.length, 0);
  const groups: GlanceGroupCount[] = [...new Set([...atBase, ...now].map((f) => f.group))].map((group) => ({ group, base: sum(atBase, group), now: sum(now, group) }));
  const touchedGroups = new Set([...atBase, ...now].filter((f) => touched.includes(f.file)).map((f) => f.group));
  const layers = LAYERS.map((l) => l.name).filter((n) => touchedGroups.has(n));
  return { groups, drops: groupDrops(atBase, now), layers };
}

/**
 * Coverage of the generated runs at the base, measured on a worktree of
 * it, and the base's roadmap built from that worktree's files.
 */
function measureBase(dir: string, base: string, runs: number, mutation: MutationSummary): { coverage: CoverageSummary; roadmap: Roadmap } {
  // The same measuring procedure on both sides, whatever the base had.
  for (const f of ['scripts/coverage-equivalence-run.ts', 'scripts/lib/batch.ts']) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(dir, f));
  }
  const coverage = measureCoverage(dir, runs, DEFAULT_SEED, ROOT);
  return { coverage, roadmap: buildRoadmap(dir, coverage, mutation, glanceAt(base)) };
}

function glanceAt(base: string): GlanceFileStatus[] {
  const inventory = loadInventory();
  return GLANCE_TEST_FILES.map((f) => {
    const s = portStatus(f, inventory[f] ?? [], showAt(base, portedFileFor(f), ROOT));
    return { file: f, cases: s.cases, ported: s.ported.length, notPorted: s.notPorted.length, missing: s.missing.length };
  });
}

function ledgerAt(base: string): Ledger {
  const text = showAt(base, 'divergence-ledger.json', ROOT);
  return text === null ? EMPTY_LEDGER : parseLedger(text, `${base}:divergence-ledger.json`);
}

function fileDeltas(files: readonly string[], covBase: CoverageSummary | null, covNow: CoverageSummary | null, mutBase: MutationSummary, mutNow: MutationSummary): FileDelta[] {
  return files
    .filter((f) => /^src\/(legacy|domain)\/.*\.ts$/.test(f))
    .map((file) => {
      const now = fileScore(mutNow, file);
      return {
        file,
        layer: layerOfFile(file),
        functions: { base: covBase?.files[file]?.functions ?? null, now: covNow?.files[file]?.functions ?? null },
        branches: { base: covBase?.files[file]?.branches ?? null, now: covNow?.files[file]?.branches ?? null },
        mutation: { base: fileScore(mutBase, file)?.score.score ?? null, now: now?.score.score ?? null, measuredNow: now?.measuredAt ?? null },
      };
    });
}

function remeasureMutation(layers: readonly string[]): void {
  for (const layer of layers) {
    log(`mutation of ${layer} (this takes minutes)...`);
    const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/mutation.ts', '--layer', layer.replace(/ /g, '-')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) log(`mutation of ${layer} failed (exit ${r.status}); using the recorded score`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      base: { type: 'string' }, runs: { type: 'string' }, focused: { type: 'string' }, seed: { type: 'string' },
      'coverage-runs': { type: 'string' }, 'no-measure': { type: 'boolean' }, mutate: { type: 'boolean' },
      // Only the examples whose path starts with one of these: a quick look, not a verdict to merge on.
      examples: { type: 'string', multiple: true },
    },
  });
  const base = values.base ?? fail('--base REF is required (e.g. --base HEAD~1)');
  let baseCommit: string;
  try {
    baseCommit = git(['rev-parse', '--short=12', `${base}^{commit}`], ROOT);
  } catch {
    fail(`--base: "${base}" is not a commit here`);
  }
  const worktree = new BaseWorktree(ROOT, base);
  try {
    const review = await gather(base, baseCommit, values, worktree);
    const v = verdict(review);
    const markdown = reviewMarkdown(review, v);
    writeFileSync(join(ROOT, 'reports/review.md'), markdown);
    process.stdout.write(markdown);
    if (!v.ok) log(`review: changes needed\n${failureText(v)}`);
    const saved = review.equivalence.flatMap((e) => (e.saved ? [e.saved] : []));
    log(`wrote reports/review.md${saved.length ? `; failing scenarios saved as ${saved.join(', ')}` : ''}`);
    process.exitCode = v.ok ? 0 : 1;
  } finally {
    worktree.remove();
  }
}

interface Options {
  readonly runs?: string | undefined;
  readonly focused?: string | undefined;
  readonly seed?: string | undefined;
  readonly 'coverage-runs'?: string | undefined;
  readonly 'no-measure'?: boolean | undefined;
  readonly mutate?: boolean | undefined;
  readonly examples?: string[] | undefined;
}

async function gather(base: string, baseCommit: string, values: Options, worktree: BaseWorktree): Promise<Review> {
  const measure = !values['no-measure'];
  const files = touchedFiles(base);
  const { groups, drops, layers: testedLayers } = glanceCounts(base, files);
  const sourceArea = touchedArea(files);
  // A layer is touched through its sources or through the tests that port Glance's tests of it.
  const area = { ...sourceArea, layers: LAYERS.map((l) => l.name).filter((n) => sourceArea.layers.includes(n) || testedLayers.includes(n)) };
  log(`review ${base} (${baseCommit}) -> working tree: ${files.length} files, layers: ${area.layers.join(', ') || 'none'}, ops: ${area.ops.length}`);

  const [legacy, flat] = await Promise.all([loadModel('legacy'), loadModel('flat')]);
  const eq = equivalence(legacy, flat, area.ops, Number(values.runs ?? 100), Number(values.focused ?? 100), Number(values.seed ?? DEFAULT_SEED));
  const exampleSummary = examples([['legacy', legacy], ['flat', flat]], worktree, values.examples ?? []);

  if (values.mutate) remeasureMutation(area.layers);
  const mutNow = loadSummary(join(ROOT, 'reports-summary/mutation.json'));
  const mutBase = parseSummary(showAt(base, 'reports-summary/mutation.json', ROOT));
  const coverageRuns = values['coverage-runs'] ? Number(values['coverage-runs']) : undefined;
  const covNow = currentCoverage(ROOT, measure, log, coverageRuns);
  const roadmapNow: Roadmap = buildRoadmap(ROOT, covNow, mutNow, glanceFileStatuses());
  let covBase: CoverageSummary | null = null;
  let roadmapBase: Roadmap = buildRoadmap(ROOT, null, mutBase, glanceAt(base));
  let coverageNote: string;
  if (area.behavioural.length === 0) {
    covBase = covNow;
    roadmapBase = buildRoadmap(ROOT, covNow, mutBase, glanceAt(base));
    coverageNote = 'No source, generator or ledger file changed: coverage is the same at the base.';
  } else if (measure) {
    log(`measuring coverage at ${base} on a worktree...`);
    ({ coverage: covBase, roadmap: roadmapBase } = measureBase(worktree.path(), base, covNow?.runs ?? COVERAGE_DEFAULT_RUNS, mutBase));
    coverageNote = `Coverage of ${covBase.runs} generated scenarios (seed ${covBase.seed}) measured at ${baseCommit} on a worktree and on the working tree. Mutation scores are the last recorded in reports-summary/mutation.json at each side (\`npm run review -- --mutate\` re-measures the touched layers).`;
  } else {
    coverageNote = 'Coverage at the base not measured (--no-measure): no coverage delta.';
  }
  const fresh = covNow?.fingerprint === sourceFingerprint(ROOT);
  if (!fresh) coverageNote += ' Coverage of the working tree is stale.';

  return {
    base,
    baseCommit,
    files,
    layers: area.layers,
    ops: area.ops,
    equivalence: eq,
    coverageNote,
    fileDeltas: fileDeltas(files, covBase, covNow, mutBase, mutNow),
    layerDeltas: area.layers.map((layer) => ({
      layer,
      base: covBase ? (roadmapBase.layers.find((l) => l.layer === layer) ?? null) : null,
      now: roadmapNow.layers.find((l) => l.layer === layer) ?? fail(`no roadmap row for ${layer}`),
    })),
    ledger: ledgerChanges(ledgerAt(base), loadLedger(join(ROOT, 'divergence-ledger.json'))),
    rowMoves: covBase ? rowMoves(roadmapBase.layers, roadmapNow.layers) : [],
    examples: exampleSummary,
    glance: { groups, drops },
  };
}

await main();
// Open handles (a model's database, a timer) must not keep a finished review alive.
process.exit(process.exitCode ?? 0);
