/**
 * StrykerJS with the equivalence suite as its only tests.
 *
 *   npm run mutation                       # mutate src/domain (issue 5.9), a directory at a time
 *   npm run mutation -- --chunk rules,tasks  # only some chunks of src/domain (see DOMAIN_CHUNKS)
 *   npm run mutation -- --layer quota      # mutate one legacy layer (src/legacy/layers.ts)
 *   npm run mutation -- --layer all        # every legacy layer, one after another
 *   npm run mutation -- --from-reports     # rebuild the summary from reports/mutation/*.json, no Stryker
 *   options: --generated N (scenarios sampled for the baseline, default 40), --seed S
 *
 * First fixes the baseline (scripts/lib/mutation-baseline.ts), then runs
 * Stryker (stryker.config.mjs: per-test coverage, incremental, concurrency
 * 2), prints the score per file, writes reports/mutation/<target>.json and
 * records the scores with date and commit in reports-summary/mutation.json,
 * which is committed so the roadmap of a fresh clone shows them.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { LAYERS, type LayerName } from '../src/legacy/layers.js';
import { DEFAULT_SEED } from './lib/batch.js';
import { headCommit } from './lib/git.js';
import { inRanges, metadefFiles, METADEF_LAYERS } from './lib/metadef-sections.js';
import { buildBaseline, type MutationBaseline } from './lib/mutation-baseline.js';
import {
  formatScore, layerTarget, loadSummary, metadefTarget, overallScore, scoresByFile, targetMarkdown, type MutantOutcome, type MutantStatus, type MutationSummary,
  type TargetScore,
} from './lib/mutation-summary.js';
import { replaceBetweenMarkers } from './glance-tests.js';

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
  readonly layer?: LayerName;
}

/**
 * src/domain is mutated a directory at a time, each with its own
 * incremental file, so that a run cut short still records the scores of
 * the directories it finished.
 */
export const DOMAIN_CHUNKS: ReadonlyArray<readonly [string, string[]]> = [
  ['members', ['src/domain/members/**/*.ts']],
  ['tasks', ['src/domain/tasks/**/*.ts']],
  ['top', ['src/domain/*.ts']],
  ['rules', ['src/domain/rules/**/*.ts']],
  // images is most of src/domain: three chunks of about 600 lines each.
  ['images-write', ['src/domain/images/{create,data,lifecycle,tags,update,attributes,properties}.ts']],
  ['images-read', ['src/domain/images/{access,listing,read,view,image,four-byte,store}.ts']],
  ['images-locations', ['src/domain/images/{locations,repository}.ts']],
  ['metadefs', ['src/domain/metadefs/**/*.ts']],
];

/** An images file no chunk names would never be measured: say so rather than hide it. */
function warnUnchunkedImages(): void {
  const named = DOMAIN_CHUNKS.flatMap(([, globs]) => globs.flatMap((g) => /\{([^}]*)\}\.ts$/.exec(g)?.[1]?.split(',') ?? []));
  const missing = readdirSync(join(ROOT, 'src/domain/images')).filter((f) => f.endsWith('.ts') && !named.includes(f.replace(/\.ts$/, '')));
  if (missing.length) process.stderr.write(`mutation: no chunk mutates src/domain/images/${missing.join(', ')}: add it to DOMAIN_CHUNKS\n`);
}

function targetsFor(layer: string | undefined, chunk: string | undefined): Target[] {
  if (layer === undefined) {
    const wanted = chunk?.split(',');
    return DOMAIN_CHUNKS.filter(([name]) => wanted === undefined || wanted.includes(name)).map(([name, mutate]) => ({ key: 'domain', slug: `domain-${name}`, mutate, side: 'flat' as const }));
  }
  const chosen = layer === 'all' ? [...LAYERS] : LAYERS.filter((l) => l.name === layer || l.name.replace(/ /g, '-') === layer);
  if (chosen.length === 0) {
    process.stderr.write(`mutation: unknown layer "${layer}"; one of: ${LAYERS.map((l) => l.name.replace(/ /g, '-')).join(', ')}, all\n`);
    process.exit(2);
  }
  return chosen.map((l) => ({ key: layerTarget(l.name), slug: `layer-${l.name.replace(/ /g, '-')}`, mutate: [...l.files], side: 'legacy' as const, layer: l.name }));
}

interface StrykerMutant {
  readonly fileName: string;
  readonly status: string;
  readonly mutatorName?: string;
  readonly location?: { readonly start: { readonly line: number } };
}

async function runStryker(target: Target): Promise<StrykerMutant[]> {
  const { Stryker } = await import('@stryker-mutator/core');
  process.env.PEEL_MUTATION_SIDE = target.side;
  const stryker = new Stryker({
    mutate: target.mutate,
    incrementalFile: `reports/mutation/stryker-incremental-${target.slug}.json`,
    jsonReporter: { fileName: `reports/mutation/${target.slug}.json` },
  });
  return (await stryker.runMutationTest()) as unknown as StrykerMutant[];
}

async function fixBaseline(generated: number, seed: number, commit: string): Promise<MutationBaseline> {
  process.stderr.write(`mutation: fixing the baseline (${generated} generated scenarios, seed ${seed})...\n`);
  const baseline = await buildBaseline(ROOT, generated, seed, commit);
  const baselinePath = join(REPORTS, 'baseline.json');
  writeFileSync(baselinePath, JSON.stringify(baseline) + '\n');
  process.env.PEEL_MUTATION_BASELINE = baselinePath;
  process.stderr.write(
    `baseline: ${baseline.examples.legacy.length} examples on legacy, ${baseline.examples.flat.length} on flat, ${baseline.generated.length} generated prefixes\n`,
  );
  return baseline;
}

async function measure(target: Target, baseline: MutationBaseline, commit: string): Promise<{ score: TargetScore; metadefs: TargetScore | null }> {
  const started = Date.now();
  const mutants = await runStryker(target);
  const score = targetScore(target, baseline, commit, started, mutants);
  if (target.layer === undefined || !METADEF_LAYERS.includes(target.layer)) return { score, metadefs: null };
  // The mutants inside the layer's metadef ranges, scored as a target of their own.
  const ranges = metadefFiles(ROOT, target.layer);
  const inMetadefs = mutants.filter((m) => inRanges(ranges.get(relativeFile(m)) ?? [], m.location?.start.line ?? 0));
  return { score, metadefs: { ...targetScore(target, baseline, commit, started, inMetadefs), mutate: [...ranges.keys()] } };
}

const relativeFile = (m: StrykerMutant): string => relative(ROOT, m.fileName).replace(/\\/g, '/');

function targetScore(target: Target, baseline: MutationBaseline, commit: string, started: number, mutants: readonly StrykerMutant[]): TargetScore {
  const measuredAt = new Date().toISOString();
  const files = Object.fromEntries(
    Object.entries(
      scoresByFile(mutants.map((m) => ({ file: relativeFile(m), status: m.status as MutantStatus, ...(m.mutatorName ? { mutator: m.mutatorName } : {}) }))),
    ).map(([f, score]) => [f, { ...score, measuredAt, commit }]),
  );
  return {
    measuredAt,
    commit,
    seconds: Math.round((Date.now() - started) / 1000),
    mutate: target.mutate,
    baseline: { examplesLegacy: baseline.examples.legacy.length, examplesFlat: baseline.examples.flat.length, generated: baseline.generated.length, sampled: baseline.sampled },
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

/** A chunk's files replace their earlier scores; the other files of the target keep theirs. */
function mergeTarget(previous: TargetScore | undefined, measured: TargetScore): TargetScore {
  if (!previous) return measured;
  const files = { ...previous.files, ...measured.files };
  return {
    ...measured,
    seconds: previous.commit === measured.commit ? previous.seconds + measured.seconds : measured.seconds,
    mutate: [...new Set([...previous.mutate, ...measured.mutate])],
    score: overallScore(files),
    files,
  };
}

/**
 * Rebuilds the per-file scores of the recorded targets from Stryker's JSON
 * reports in reports/mutation/, keeping when and where each was measured:
 * for a run whose summary predates a change to what the summary holds.
 */
function fromReports(targets: readonly Target[]): void {
  let summary = loadSummary(SUMMARY_PATH);
  for (const key of new Set(targets.map((t) => t.key))) {
    const previous = summary.targets[key];
    if (!previous) continue;
    const outcomes: MutantOutcome[] = [];
    for (const t of targets.filter((x) => x.key === key)) {
      let report: { files: Record<string, { mutants: Array<{ status: string; mutatorName: string }> }> };
      try {
        report = JSON.parse(readFileSync(join(REPORTS, `${t.slug}.json`), 'utf8'));
      } catch {
        continue;
      }
      for (const [file, f] of Object.entries(report.files)) {
        for (const m of f.mutants) outcomes.push({ file: relative(ROOT, join(ROOT, file)).replace(/\\/g, '/'), status: m.status as MutantStatus, mutator: m.mutatorName });
      }
    }
    const rebuilt = Object.entries(scoresByFile(outcomes)).map(([f, score]) => {
      const before = previous.files[f];
      return [f, { ...score, measuredAt: before?.measuredAt ?? previous.measuredAt, commit: before?.commit ?? previous.commit }] as const;
    });
    const files = { ...previous.files, ...Object.fromEntries(rebuilt) };
    const score: TargetScore = { ...previous, files, score: overallScore(files) };
    summary = { format: 'peel-mutation-summary/1', targets: { ...summary.targets, [key]: score } };
    printScores(key, score);
    if (key === 'domain') writeRoadmapSection(score);
  }
  writeFileSync(SUMMARY_PATH, JSON.stringify(summary, null, 1) + '\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { layer: { type: 'string' }, chunk: { type: 'string' }, generated: { type: 'string' }, seed: { type: 'string' }, 'from-reports': { type: 'boolean' } },
  });
  mkdirSync(REPORTS, { recursive: true });
  const commit = headCommit(ROOT);
  if (values.layer === undefined) warnUnchunkedImages();
  const targets = targetsFor(values.layer, values.chunk);
  if (values['from-reports']) return fromReports(targets);
  const baseline = await fixBaseline(Number(values.generated ?? 40), Number(values.seed ?? DEFAULT_SEED), commit);
  for (const target of targets) {
    const { score: measured, metadefs } = await measure(target, baseline, commit);
    printScores(`${target.key} (${target.mutate.join(', ')})`, measured);
    const summary: MutationSummary = loadSummary(SUMMARY_PATH);
    const score = mergeTarget(summary.targets[target.key], measured);
    const targetsNow = { ...summary.targets, [target.key]: score };
    if (metadefs !== null && target.layer !== undefined) {
      printScores(`${metadefTarget(target.layer)} (its metadef ranges)`, metadefs);
      targetsNow[metadefTarget(target.layer)] = metadefs;
    }
    const next: MutationSummary = { format: 'peel-mutation-summary/1', targets: targetsNow };
    mkdirSync(join(ROOT, 'reports-summary'), { recursive: true });
    writeFileSync(SUMMARY_PATH, JSON.stringify(next, null, 1) + '\n');
    if (target.key === 'domain') writeRoadmapSection(score);
    process.stdout.write(`recorded in ${relative(ROOT, SUMMARY_PATH)} (commit it so the roadmap of a fresh clone shows it)\n`);
  }
}

await main();
