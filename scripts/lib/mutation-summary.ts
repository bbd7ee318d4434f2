/**
 * Mutation scores as the roadmap and review read them: per file, per
 * target (src/domain, one legacy layer, the HTTP plumbing, a layer's
 * metadef part), from Stryker's results, kept in
 * reports-summary/mutation.json (committed) with when, where and how long
 * each was measured, and the surviving mutants themselves, so that the
 * ones no input can kill can be explained (mutation-explained.ts).
 */
import { readFileSync } from 'node:fs';

export type MutantStatus = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

/** A mutant the suite did not kill: where, and what it changed. */
export interface Survivor {
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  readonly original: string;
  readonly replacement: string;
  readonly status: 'Survived' | 'NoCoverage';
}

export interface FileScore {
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Mutants that count: killed, timed out, survived, not covered. */
  readonly valid: number;
  /** Killed or timed out, over valid; null when nothing could be mutated. */
  readonly score: number | null;
  /** Surviving or uncovered mutants per mutator: where the suite is blind. */
  readonly missedBy?: Record<string, number>;
  /** The surviving and uncovered mutants (older summaries have none). */
  readonly survivors?: readonly Survivor[];
  /** When and at which commit this file was last mutated (chunks run at different times). */
  readonly measuredAt?: string;
  readonly commit?: string;
}

export interface MutantOutcome {
  readonly file: string;
  readonly status: MutantStatus;
  readonly mutator?: string;
  readonly line?: number;
  readonly column?: number;
  readonly original?: string;
  readonly replacement?: string;
}

export interface TargetScore {
  readonly measuredAt: string;
  readonly commit: string;
  /** Wall-clock seconds of the Stryker run (baseline not included). */
  readonly seconds: number;
  readonly concurrency?: number;
  readonly mutate: readonly string[];
  readonly baseline: {
    readonly examplesLegacy: number;
    readonly examplesFlat: number;
    readonly generated: number;
    /** Generated scenarios drawn, of which `generated` were chosen. */
    readonly sampled: number;
    readonly cover?: number;
    readonly seed?: number;
  };
  readonly score: number | null;
  readonly files: Record<string, FileScore>;
}

export interface MutationSummary {
  readonly format: 'peel-mutation-summary/1';
  /** 'domain' for src/domain; 'layer:<name>' for a legacy layer; 'metadefs:<layer>' for its metadef part. */
  readonly targets: Record<string, TargetScore>;
}

export const EMPTY_SUMMARY: MutationSummary = { format: 'peel-mutation-summary/1', targets: {} };
export const layerTarget = (layer: string) => `layer:${layer}`;
/** The mutants of a layer's metadef ranges (scripts/lib/metadef-sections.ts), recorded beside its layer target. */
export const metadefTarget = (layer: string) => `metadefs:${layer}`;

export function scoreOf(statuses: readonly MutantStatus[]): FileScore {
  const count = (s: MutantStatus) => statuses.filter((x) => x === s).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const valid = killed + timeout + survived + noCoverage;
  return { killed, timeout, survived, noCoverage, valid, score: valid === 0 ? null : (killed + timeout) / valid };
}

export function scoresByFile(mutants: readonly MutantOutcome[]): Record<string, FileScore> {
  const byFile = new Map<string, MutantOutcome[]>();
  for (const m of mutants) byFile.set(m.file, [...(byFile.get(m.file) ?? []), m]);
  return Object.fromEntries(
    [...byFile.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([f, ms]) => {
      const survivors = survivorsOf(ms);
      return [f, { ...scoreOf(ms.map((m) => m.status)), missedBy: missedBy(ms), ...(survivors.length > 0 ? { survivors } : {}) }];
    }),
  );
}

function survivorsOf(mutants: readonly MutantOutcome[]): Survivor[] {
  return mutants
    .filter((m) => (m.status === 'Survived' || m.status === 'NoCoverage') && m.line !== undefined)
    .map((m) => ({
      line: m.line as number, column: m.column ?? 0, mutator: m.mutator ?? '?', original: m.original ?? '', replacement: m.replacement ?? '',
      status: m.status as Survivor['status'],
    }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

function missedBy(mutants: readonly MutantOutcome[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of mutants) if ((m.status === 'Survived' || m.status === 'NoCoverage') && m.mutator) out[m.mutator] = (out[m.mutator] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
}

/** The per-file table ROADMAP.md shows for a target, files under the target score flagged. */
export function targetMarkdown(t: TargetScore, target = 0.85, explained: Readonly<Record<string, number>> = {}): string {
  const rows = Object.entries(t.files).map(([file, f]) => {
    const n = explained[file] ?? 0;
    const score = adjustedScore(f, n);
    const under = score !== null && score < target;
    const blind = Object.entries(f.missedBy ?? {}).slice(0, 3).map(([m, k]) => `${m} ${k}`).join(', ');
    const when = f.measuredAt ? `${f.measuredAt.slice(0, 16).replace('T', ' ')} at ${f.commit ?? '?'}` : '';
    return `| ${file} | ${formatScore(score)}${under ? ' ⚠' : ''} | ${f.killed + f.timeout}/${f.valid - n} | ${f.survived} | ${f.noCoverage} | ${n} | ${under ? blind : ''} | ${when} |`;
  });
  const totals = Object.entries(t.files).reduce((a, [file, f]) => ({ killed: a.killed + f.killed + f.timeout, valid: a.valid + f.valid - (explained[file] ?? 0) }), { killed: 0, valid: 0 });
  const b = t.baseline;
  const chosen = b.cover !== undefined ? `${b.generated} generated HTTP scenarios chosen of ${b.sampled} to cover the code ${b.cover} times` : `${b.generated} generated prefixes of ${b.sampled}`;
  return [
    `_Last measured ${t.measuredAt.slice(0, 16).replace('T', ' ')} UTC at ${t.commit} (${t.seconds} s of Stryker on this machine, concurrency ${t.concurrency ?? 2}). Baseline: ${b.examplesFlat} examples on the flat model, ${b.examplesLegacy} on legacy, ${chosen}. Total ${formatScore(totals.valid === 0 ? null : totals.killed / totals.valid)}; ⚠ marks files under ${Math.round(target * 100)}%; explained: survivors no input can kill (reports-summary/mutants-explained.json), left out of the score._`,
    '',
    '| file | score | killed/valid | survived | no coverage | explained | surviving mutators (most first) | measured |',
    '|---|---:|---:|---:|---:|---:|---|---|',
    ...rows,
  ].join('\n');
}

/** A file's score with `explained` of its survivors left out: they are neither killed nor counted. */
export function adjustedScore(f: FileScore, explained: number): number | null {
  const valid = f.valid - explained;
  return valid <= 0 ? (f.valid === 0 ? null : 1) : (f.killed + f.timeout) / valid;
}

export function overallScore(files: Record<string, FileScore>): number | null {
  const all = Object.values(files);
  const valid = all.reduce((a, f) => a + f.valid, 0);
  return valid === 0 ? null : all.reduce((a, f) => a + f.killed + f.timeout, 0) / valid;
}

/**
 * A run's files replace their earlier scores; the other files of the target
 * keep theirs, unless the run covered the whole target again or the file is
 * gone (`exists`), so a deleted or renamed file leaves the table.
 */
export function mergeTarget(previous: TargetScore | undefined, measured: TargetScore, exists: (file: string) => boolean = () => true): TargetScore {
  if (!previous) return measured;
  const stillThere = Object.keys(previous.files).filter(exists);
  // Either the same globs again, or globs written differently that reached every file still there.
  const wholeAgain = previous.mutate.every((m) => measured.mutate.includes(m)) || stillThere.every((f) => f in measured.files);
  const kept = wholeAgain ? {} : Object.fromEntries(stillThere.map((f) => [f, previous.files[f]!]));
  const files = { ...kept, ...measured.files };
  return {
    ...measured,
    seconds: wholeAgain ? measured.seconds : previous.seconds + measured.seconds,
    mutate: [...new Set([...previous.mutate, ...measured.mutate])],
    score: overallScore(files),
    files,
  };
}

export function parseSummary(text: string | null): MutationSummary {
  if (text === null) return EMPTY_SUMMARY;
  try {
    const parsed = JSON.parse(text) as MutationSummary;
    return parsed.format === 'peel-mutation-summary/1' ? parsed : EMPTY_SUMMARY;
  } catch {
    return EMPTY_SUMMARY;
  }
}

export function loadSummary(path: string): MutationSummary {
  try {
    return parseSummary(readFileSync(path, 'utf8'));
  } catch {
    return EMPTY_SUMMARY;
  }
}

/** The last measured score of one file, whichever target measured it. */
export function fileScore(summary: MutationSummary, file: string): { score: FileScore; target: string; measuredAt: string } | null {
  for (const [target, t] of Object.entries(summary.targets)) {
    const score = t.files[file];
    if (score) return { score, target, measuredAt: t.measuredAt };
  }
  return null;
}

export const formatScore = (score: number | null | undefined): string => (score === null || score === undefined ? 'n/a' : `${(score * 100).toFixed(1)}%`);
