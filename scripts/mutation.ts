/**
 * StrykerJS with the equivalence suite as its only tests.
 *
 *   npm run mutation                          # mutate all of src/domain (issue 5.9) in one Stryker run
 *   npm run mutation -- --chunk rules,images  # only some directories of src/domain (`top` is its own files)
 *   npm run mutation -- --layer quota         # mutate one legacy layer (src/legacy/layers.ts)
 *   npm run mutation -- --layer http-plumbing # the HTTP plumbing in front of the onion (HTTP_PLUMBING)
 *   npm run mutation -- --layer all           # every legacy layer and the plumbing, one after another
 *   npm run mutation -- --layer http-plumbing --only src/legacy/api/middleware/context.ts
 *                                             # some of a layer's files: recorded apart ("<layer> (part)"),
 *                                             # so the roadmap keeps the layer unmeasured until all of it is
 *   npm run mutation -- --from-reports        # rebuild the summary from reports/mutation/*.json, no Stryker
 *   npm run mutation -- --explain-unreachable # survivors inside unreachable methods -> reports-summary/mutants-explained.json
 *   options: --pool N (generated scenarios drawn, default 400), --cover K (default 2), --seed S,
 *            --concurrency C (default 2)
 *
 * First fixes the baseline (scripts/lib/mutation-baseline.ts: the examples
 * each model replays and the generated HTTP scenarios chosen to cover the
 * code), then runs Stryker (stryker.config.mjs: per-test coverage,
 * incremental), prints the score per file, writes
 * reports/mutation/<target>.json and records the scores with date, commit
 * and duration in reports-summary/mutation.json, which is committed so the
 * roadmap of a fresh clone shows them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { HTTP_PLUMBING, LAYERS } from '../src/legacy/layers.js';
import { DEFAULT_SEED } from './lib/batch.js';
import { sourceFingerprint } from './lib/coverage.js';
import { headCommit } from './lib/git.js';
import { inRanges, metadefFiles, METADEF_LAYERS } from './lib/metadef-sections.js';
import { buildBaseline, reusableBaseline, type MutationBaseline } from './lib/mutation-baseline.js';
import {
  formatScore, layerTarget, loadSummary, mergeTarget, metadefTarget, overallScore, scoresByFile, targetMarkdown, type MutantOutcome, type MutationSummary,
  type TargetScore,
} from './lib/mutation-summary.js';
import { reportOutcomes, type StrykerReport } from './lib/mutation-outcome.js';
import { explainUnreachable, mergeExplained, unreachableSpans } from './lib/mutation-explain.js';
import { layerInventories } from './lib/inventory.js';
import { EXPLAINED_MUTANTS_PATH, loadExplanations, loadMainExplained } from './lib/roadmap-explained.js';
import { replaceBetweenMarkers } from './lib/glance-tests.js';

const ROOT = join(import.meta.dirname, '..');
export const SUMMARY_PATH = join(ROOT, 'reports-summary/mutation.json');
const REPORTS = join(ROOT, 'reports/mutation');

interface Target {
  readonly key: string;
  readonly slug: string;
  readonly mutate: string[];
  /** The model the mutated files belong to. */
  readonly side: 'legacy' | 'flat';
  /** The legacy layer mutated, whose metadef mutants are also scored apart. */
  readonly layer?: (typeof LAYERS)[number]['name'];
}

/** src/domain's directories, and `top` for the files directly in it. */
export function domainChunks(root: string): Array<readonly [string, string]> {
  const dir = join(root, 'src/domain');
  const subdirs = readdirSync(dir).filter((f) => statSync(join(dir, f)).isDirectory()).sort();
  return [['top', 'src/domain/*.ts'], ...subdirs.map((d) => [d, `src/domain/${d}/**/*.ts`] as const)];
}

const slugOf = (name: string) => name.replace(/ /g, '-');

/** Only the given files of a layer target: a part, recorded under a key of its own so the layer's score is never a part's. */
function partOf(targets: Target[], only: string | undefined): Target[] {
  if (only === undefined) return targets;
  const files = only.split(',');
  return targets.map((t) => {
    const unknown = files.filter((f) => !t.mutate.includes(f));
    if (unknown.length > 0) fail(`not files of ${t.key}: ${unknown.join(', ')}`);
    // Not the layer's: its metadef ranges are not scored from a part either.
    const { layer: _whole, ...rest } = t;
    return { ...rest, key: `${t.key} (part)`, slug: `${t.slug}-part`, mutate: files };
  });
}

function targetsFor(layer: string | undefined, chunk: string | undefined): Target[] {
  if (layer === undefined) {
    const chunks = domainChunks(ROOT);
    const wanted = chunk?.split(',');
    const unknown = wanted?.filter((w) => !chunks.some(([n]) => n === w)) ?? [];
    if (unknown.length > 0) fail(`unknown chunk "${unknown.join(', ')}"; one of: ${chunks.map(([n]) => n).join(', ')}`);
    const chosen = chunks.filter(([name]) => wanted === undefined || wanted.includes(name));
    const slug = wanted === undefined ? 'domain' : `domain-${chosen.map(([n]) => n).join('-')}`;
    return [{ key: 'domain', slug, mutate: chosen.map(([, glob]) => glob), side: 'flat' }];
  }
  const plumbing: Target = { key: layerTarget(HTTP_PLUMBING.name), slug: `layer-${slugOf(HTTP_PLUMBING.name)}`, mutate: [...HTTP_PLUMBING.files], side: 'legacy' };
  const layers = LAYERS.map((l): Target => ({ key: layerTarget(l.name), slug: `layer-${slugOf(l.name)}`, mutate: [...l.files], side: 'legacy', layer: l.name }));
  if (layer === 'all') return [...layers, plumbing];
  const chosen = [...layers, plumbing].filter((t) => t.slug === `layer-${slugOf(layer)}`);
  if (chosen.length === 0) fail(`unknown layer "${layer}"; one of: ${[...LAYERS.map((l) => l.name), HTTP_PLUMBING.name].map(slugOf).join(', ')}, all`);
  return chosen;
}

function fail(message: string): never {
  process.stderr.write(`mutation: ${message}\n`);
  process.exit(2);
}

/** Runs Stryker on the target; its JSON report (1-based positions, sources included) is what is read back. */
async function runStryker(target: Target, concurrency: number): Promise<StrykerReport> {
  const { Stryker } = await import('@stryker-mutator/core');
  process.env.PEEL_MUTATION_SIDE = target.side;
  const stryker = new Stryker({
    mutate: target.mutate,
    concurrency,
    incrementalFile: `reports/mutation/stryker-incremental-${target.slug}.json`,
    jsonReporter: { fileName: `reports/mutation/${target.slug}.json` },
  });
  await stryker.runMutationTest();
  return readReport(target);
}

function readReport(target: Target): StrykerReport {
  return JSON.parse(readFileSync(join(REPORTS, `${target.slug}.json`), 'utf8')) as StrykerReport;
}

interface BaselineOptions {
  readonly pool: number;
  readonly cover: number;
  readonly seed: number;
}

async function fixBaseline(o: BaselineOptions, commit: string): Promise<MutationBaseline> {
  const path = join(REPORTS, 'baseline.json');
  const fingerprint = sourceFingerprint(ROOT);
  let baseline = reusableBaseline(path, fingerprint, o);
  if (baseline) {
    process.stderr.write(`mutation: reusing the baseline of ${baseline.createdAt} (same sources and parameters)\n`);
  } else {
    process.stderr.write(`mutation: fixing the baseline (${o.pool} generated HTTP scenarios, seed ${o.seed}, each part of the code covered ${o.cover} times)...\n`);
    const started = Date.now();
    baseline = await buildBaseline({ root: ROOT, commit, fingerprint, ...o, log: (l) => process.stderr.write(`  ${l}\n`) });
    writeFileSync(path, JSON.stringify(baseline) + '\n');
    process.stderr.write(`mutation: baseline fixed in ${Math.round((Date.now() - started) / 1000)} s\n`);
  }
  process.env.PEEL_MUTATION_BASELINE = path;
  process.stderr.write(
    `baseline: ${baseline.examples.legacy.length} examples on legacy, ${baseline.examples.flat.length} on flat, ${baseline.generated.length} generated scenarios chosen of ${baseline.agreeing} agreeing (pool ${baseline.pool})\n`,
  );
  return baseline;
}

/** The report names files relative to where Stryker ran (the repository root). */
const outcomes = (report: StrykerReport): MutantOutcome[] => reportOutcomes(report, (f) => relative(ROOT, join(ROOT, f)).replace(/\\/g, '/'));

async function measure(target: Target, baseline: MutationBaseline, commit: string, concurrency: number): Promise<{ score: TargetScore; metadefs: TargetScore | null }> {
  const started = Date.now();
  const mutants = outcomes(await runStryker(target, concurrency));
  const seconds = Math.round((Date.now() - started) / 1000);
  const score = targetScore(target.mutate, baseline, commit, seconds, concurrency, mutants);
  if (target.layer === undefined || !METADEF_LAYERS.includes(target.layer)) return { score, metadefs: null };
  // The mutants inside the layer's metadef ranges, scored as a target of their own.
  const ranges = metadefFiles(ROOT, target.layer);
  const inMetadefs = mutants.filter((m) => inRanges(ranges.get(m.file) ?? [], m.line ?? 0));
  return { score, metadefs: targetScore([...ranges.keys()], baseline, commit, seconds, concurrency, inMetadefs) };
}

function targetScore(mutate: readonly string[], baseline: MutationBaseline, commit: string, seconds: number, concurrency: number, mutants: readonly MutantOutcome[]): TargetScore {
  const measuredAt = new Date().toISOString();
  const files = Object.fromEntries(Object.entries(scoresByFile(mutants)).map(([f, score]) => [f, { ...score, measuredAt, commit }]));
  return {
    measuredAt,
    commit,
    seconds,
    concurrency,
    mutate,
    baseline: {
      examplesLegacy: baseline.examples.legacy.length, examplesFlat: baseline.examples.flat.length,
      generated: baseline.generated.length, sampled: baseline.pool, cover: baseline.cover, seed: baseline.seed,
    },
    score: overallScore(files),
    files,
  };
}

function printScores(key: string, t: TargetScore): void {
  process.stdout.write(`\nmutation score, ${key} (${t.seconds} s, commit ${t.commit}):\n`);
  for (const [file, s] of Object.entries(t.files)) {
    const flag = s.score !== null && s.score < 0.85 ? '  < 85%' : '';
    process.stdout.write(`  ${file.padEnd(44)} ${formatScore(s.score).padStart(6)}  killed ${s.killed + s.timeout}/${s.valid} (survived ${s.survived}, no coverage ${s.noCoverage})${flag}\n`);
  }
  process.stdout.write(`  ${'total'.padEnd(44)} ${formatScore(t.score).padStart(6)}\n`);
}

function writeRoadmapSection(score: TargetScore): void {
  const path = join(ROOT, 'ROADMAP.md');
  try {
    writeFileSync(path, replaceBetweenMarkers(readFileSync(path, 'utf8'), 'mutation-domain', targetMarkdown(score)));
  } catch (e) {
    process.stderr.write(`mutation: ROADMAP.md not updated (${(e as Error).message})\n`);
  }
}

function record(key: string, score: TargetScore, extra: Record<string, TargetScore> = {}): void {
  const summary: MutationSummary = loadSummary(SUMMARY_PATH);
  const merged = mergeTarget(summary.targets[key], score, (f) => existsSync(join(ROOT, f)));
  const next: MutationSummary = { format: 'peel-mutation-summary/1', targets: { ...summary.targets, [key]: merged, ...extra } };
  mkdirSync(join(ROOT, 'reports-summary'), { recursive: true });
  writeFileSync(SUMMARY_PATH, JSON.stringify(next, null, 1) + '\n');
  if (key === 'domain') writeRoadmapSection(merged);
}

/**
 * Rebuilds the per-file scores of the targets from Stryker's JSON reports
 * in reports/mutation/, keeping when, where and how long each was measured:
 * for a run whose summary predates a change to what the summary holds.
 */
function fromReports(targets: readonly Target[]): void {
  const summary = loadSummary(SUMMARY_PATH);
  for (const t of targets) {
    const previous = summary.targets[t.key];
    if (!previous) continue;
    let report: StrykerReport;
    try {
      report = readReport(t);
    } catch {
      continue;
    }
    const rebuilt = Object.entries(scoresByFile(outcomes(report))).map(([f, score]) => {
      const before = previous.files[f];
      return [f, { ...score, measuredAt: before?.measuredAt ?? previous.measuredAt, commit: before?.commit ?? previous.commit }] as const;
    });
    const files = { ...previous.files, ...Object.fromEntries(rebuilt) };
    const score: TargetScore = { ...previous, files, score: overallScore(files) };
    printScores(t.key, score);
    record(t.key, { ...score, seconds: 0 });
  }
}

/**
 * Rewrites reports-summary/mutants-explained.json: the hand-written entries,
 * then one for each recorded survivor inside a method
 * reports-summary/unreachable-methods.json lists, with that method's reason.
 */
function explainUnreachableSurvivors(): void {
  const summary = loadSummary(SUMMARY_PATH);
  const explanations = loadExplanations(ROOT);
  const spans = unreachableSpans(layerInventories(ROOT).flatMap((inv) => inv.callables), explanations.unreachable);
  const files = new Map<string, NonNullable<TargetScore['files'][string]['survivors']>>();
  // The newest measurement of each file; the metadef targets repeat their layer's mutants.
  for (const [key, target] of Object.entries(summary.targets)) {
    if (key.startsWith('metadefs:')) continue;
    for (const [file, score] of Object.entries(target.files)) files.set(file, score.survivors ?? []);
  }
  const rebuilt = [...files].flatMap(([file, survivors]) => explainUnreachable(file, survivors, spans));
  // The area files keep their own entries; only the main file is rewritten.
  const mutants = mergeExplained(loadMainExplained(ROOT), rebuilt);
  writeFileSync(join(ROOT, EXPLAINED_MUTANTS_PATH), JSON.stringify({ format: 'peel-mutants-explained/1', mutants }, null, 1) + '\n');
  process.stdout.write(`${rebuilt.length} survivors inside unreachable methods explained, ${mutants.length - rebuilt.length} hand-written entries kept (${EXPLAINED_MUTANTS_PATH})\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      layer: { type: 'string' }, chunk: { type: 'string' }, pool: { type: 'string' }, cover: { type: 'string' }, seed: { type: 'string' },
      concurrency: { type: 'string' }, 'from-reports': { type: 'boolean' }, 'explain-unreachable': { type: 'boolean' }, only: { type: 'string' },
    },
  });
  if (values['explain-unreachable']) return explainUnreachableSurvivors();
  mkdirSync(REPORTS, { recursive: true });
  const commit = headCommit(ROOT);
  if (values.only !== undefined && values.layer === undefined) fail('--only needs --layer');
  const targets = partOf(targetsFor(values.layer, values.chunk), values.only);
  if (values['from-reports']) return fromReports(targets);
  const concurrency = Number(values.concurrency ?? 2);
  const baseline = await fixBaseline({ pool: Number(values.pool ?? 400), cover: Number(values.cover ?? 2), seed: Number(values.seed ?? DEFAULT_SEED) }, commit);
  for (const target of targets) {
    const { score, metadefs } = await measure(target, baseline, commit, concurrency);
    printScores(`${target.key} (${target.mutate.join(', ')})`, score);
    const extra: Record<string, TargetScore> = {};
    if (metadefs !== null && target.layer !== undefined) {
      printScores(`${metadefTarget(target.layer)} (its metadef ranges)`, metadefs);
      extra[metadefTarget(target.layer)] = metadefs;
    }
    record(target.key, score, extra);
    process.stdout.write(`recorded in ${relative(ROOT, SUMMARY_PATH)} (commit it so the roadmap of a fresh clone shows it)\n`);
  }
}

await main();
