/**
 * What a refactor change does to behaviour, for a pull-request comment.
 *
 *   npm run review -- --base HEAD~1 [--runs 100] [--focused 100] [--seed S] [--coverage-runs 300] [--no-measure] [--mutate]
 *
 * For the change from --base to the working tree: the files and layers
 * touched, the equivalence suite (a general batch and a batch focused on
 * the touched ops), coverage of the generated runs at the base (measured
 * on a git worktree of it) and now, mutation scores (the committed
 * reports-summary/mutation.json at the base and now; --mutate re-measures
 * the touched layers first), ledger entries added, removed or changed, and
 * the roadmap rows that moved. Writes reports/review.md and stdout; exits 1
 * when equivalence fails or a touched layer's coverage or mutation score drops.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { layerOfFile } from '../src/legacy/layers.js';
import { EMPTY_LEDGER, loadLedger, parseLedger, type Ledger } from '../src/shared/ledger.js';
import { loadModel } from '../src/shared/models.js';
import { scenarioArb } from '../test/characterization/generators/scenario.js';
import { COVERAGE_DEFAULT_RUNS, measureCoverage } from './coverage-equivalence.js';
import { GLANCE_TEST_FILES, loadInventory, portedFileFor, portStatus } from './glance-tests.js';
import { DEFAULT_SEED } from './lib/batch.js';
import { sourceFingerprint, type CoverageSummary } from './lib/coverage.js';
import { checkEquivalence, focusedScenarioArb } from './lib/focused.js';
import { git, showAt } from './lib/git.js';
import { touchedArea } from './lib/layer-map.js';
import { fileScore, loadSummary, parseSummary, type MutationSummary } from './lib/mutation-summary.js';
import type { GlanceFileStatus, Roadmap } from './lib/roadmap-model.js';
import { ledgerChanges, reviewMarkdown, rowMoves, verdict, type EquivalenceResult, type FileDelta, type Review } from './lib/review-model.js';
import { buildRoadmap, currentCoverage, glanceFileStatuses } from './roadmap.js';

const ROOT = join(import.meta.dirname, '..');
const log = (s: string) => process.stderr.write(s + '\n');

function fail(message: string): never {
  process.stderr.write(`review: ${message}\n`);
  process.exit(2);
}

function touchedFiles(base: string): string[] {
  const changed = git(['diff', '--name-only', base], ROOT).split('\n');
  const untracked = git(['ls-files', '--others', '--exclude-standard'], ROOT).split('\n');
  return [...new Set([...changed, ...untracked])].filter((f) => f !== '' && !f.startsWith('reports/')).sort();
}

async function equivalence(ops: readonly string[], runs: number, focused: number, seed: number): Promise<Array<EquivalenceResult & { scenarioText: string | null }>> {
  const [legacy, flat] = await Promise.all([loadModel('legacy'), loadModel('flat')]);
  const batches = [{ label: 'general mix', arb: scenarioArb, runs }];
  if (ops.length && focused > 0) batches.push({ label: `focused on ${ops.length} touched op(s)`, arb: focusedScenarioArb(ops as never), runs: focused });
  return batches.map(({ label, arb, runs: n }) => {
    log(`equivalence, ${label}: ${n} scenarios, seed ${seed}...`);
    const outcome = checkEquivalence(arb, legacy, flat, n, seed);
    return { label, runs: n, seed, failed: outcome.failed, report: outcome.report, scenarioText: outcome.scenarioText };
  });
}

/**
 * Coverage of the generated runs at the base, measured on a temporary
 * worktree of it, and the base's roadmap built from that worktree's files.
 */
function measureBase(base: string, runs: number, mutation: MutationSummary): { coverage: CoverageSummary; roadmap: Roadmap } {
  const dir = mkdtempSync(join(tmpdir(), 'peel-review-'));
  git(['worktree', 'add', '--detach', dir, base], ROOT);
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    // The same measuring procedure on both sides, whatever the base had.
    for (const f of ['scripts/coverage-equivalence-run.ts', 'scripts/lib/batch.ts']) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      copyFileSync(join(ROOT, f), join(dir, f));
    }
    const coverage = measureCoverage(dir, runs, DEFAULT_SEED, ROOT);
    return { coverage, roadmap: buildRoadmap(dir, coverage, mutation, glanceAt(base)) };
  } finally {
    git(['worktree', 'remove', '--force', dir], ROOT);
  }
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
    },
  });
  const base = values.base ?? fail('--base REF is required (e.g. --base HEAD~1)');
  let baseCommit: string;
  try {
    baseCommit = git(['rev-parse', '--short=12', `${base}^{commit}`], ROOT);
  } catch {
    fail(`--base: "${base}" is not a commit here`);
  }
  const measure = !values['no-measure'];
  const files = touchedFiles(base);
  const area = touchedArea(files);
  log(`review ${base} (${baseCommit}) -> working tree: ${files.length} files, layers: ${area.layers.join(', ') || 'none'}, ops: ${area.ops.length}`);

  for (const old of ['reports/review-failure-1.scenario.json', 'reports/review-failure-2.scenario.json']) rmSync(join(ROOT, old), { force: true });
  const eq = await equivalence(area.ops, Number(values.runs ?? 100), Number(values.focused ?? 100), Number(values.seed ?? DEFAULT_SEED));
  mkdirSync(join(ROOT, 'reports'), { recursive: true });
  eq.forEach((e, i) => {
    if (e.scenarioText) writeFileSync(join(ROOT, `reports/review-failure-${i + 1}.scenario.json`), e.scenarioText);
  });

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
    ({ coverage: covBase, roadmap: roadmapBase } = measureBase(base, covNow?.runs ?? COVERAGE_DEFAULT_RUNS, mutBase));
    coverageNote = `Coverage of ${covBase.runs} generated scenarios (seed ${covBase.seed}) measured at ${baseCommit} on a worktree and on the working tree. Mutation scores are the last recorded in reports-summary/mutation.json at each side (\`npm run review -- --mutate\` re-measures the touched layers).`;
  } else {
    coverageNote = 'Coverage at the base not measured (--no-measure): no coverage delta.';
  }
  const fresh = covNow?.fingerprint === sourceFingerprint(ROOT);
  if (!fresh) coverageNote += ' Coverage of the working tree is stale.';


  const review: Review = {
    base,
    baseCommit,
    files,
    layers: area.layers,
    ops: area.ops,
    equivalence: eq.map(({ scenarioText: _t, ...e }) => e),
    coverageNote,
    fileDeltas: fileDeltas(files, covBase, covNow, mutBase, mutNow),
    layerDeltas: area.layers.map((layer) => ({
      layer,
      base: covBase ? (roadmapBase.layers.find((l) => l.layer === layer) ?? null) : null,
      now: roadmapNow.layers.find((l) => l.layer === layer) ?? fail(`no roadmap row for ${layer}`),
    })),
    ledger: ledgerChanges(ledgerAt(base), loadLedger(join(ROOT, 'divergence-ledger.json'))),
    rowMoves: covBase ? rowMoves(roadmapBase.layers, roadmapNow.layers) : [],
  };
  const v = verdict(review);
  const markdown = reviewMarkdown(review, v);
  writeFileSync(join(ROOT, 'reports/review.md'), markdown);
  process.stdout.write(markdown);
  log(`wrote reports/review.md${existsSync(join(ROOT, 'reports/review-failure-1.scenario.json')) ? ' (failing scenarios: reports/review-failure-*.scenario.json)' : ''}`);
  process.exit(v.ok ? 0 : 1);
}

await main();
