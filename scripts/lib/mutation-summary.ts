/**
 * Mutation scores as the roadmap and review read them: per file, per
 * target (src/domain, or one legacy layer), from Stryker's results, kept in
 * reports-summary/mutation.json (committed) with when and where measured.
 */
import { readFileSync } from 'node:fs';

export type MutantStatus = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

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
  /** When and at which commit this file was last mutated (chunks run at different times). */
  readonly measuredAt?: string;
  readonly commit?: string;
}

export interface MutantOutcome {
  readonly file: string;
  readonly status: MutantStatus;
  readonly mutator?: string;
}

export interface TargetScore {
  readonly measuredAt: string;
  readonly commit: string;
  readonly seconds: number;
  readonly mutate: readonly string[];
  readonly baseline: { readonly examplesLegacy: number; readonly examplesFlat: number; readonly generated: number; readonly sampled: number };
  readonly score: number | null;
  readonly files: Record<string, FileScore>;
}

export interface MutationSummary {
  readonly format: 'peel-mutation-summary/1';
  /** 'domain' for src/domain; 'layer:<name>' for a legacy layer. */
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
    [...byFile.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([f, ms]) => [f, { ...scoreOf(ms.map((m) => m.status)), missedBy: missedBy(ms) }]),
  );
}

function missedBy(mutants: readonly MutantOutcome[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of mutants) if ((m.status === 'Survived' || m.status === 'NoCoverage') && m.mutator) out[m.mutator] = (out[m.mutator] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
}

/** The per-file table ROADMAP.md shows for a target, files under the target score flagged. */
export function targetMarkdown(t: TargetScore, target = 0.85): string {
  const rows = Object.entries(t.files).map(([file, f]) => {
    const under = f.score !== null && f.score < target;
    const blind = Object.entries(f.missedBy ?? {}).slice(0, 3).map(([m, n]) => `${m} ${n}`).join(', ');
    const when = f.measuredAt ? `${f.measuredAt.slice(0, 16).replace('T', ' ')} at ${f.commit ?? '?'}` : '';
    return `| ${file} | ${formatScore(f.score)}${under ? ' ⚠' : ''} | ${f.killed + f.timeout}/${f.valid} | ${f.survived} | ${f.noCoverage} | ${under ? blind : ''} | ${when} |`;
  });
  return [
    `_Last measured ${t.measuredAt.slice(0, 16).replace('T', ' ')} UTC at ${t.commit} (${t.seconds} s of Stryker on this machine, concurrency 2). Baseline: ${t.baseline.examplesFlat} examples on the flat model, ${t.baseline.examplesLegacy} on legacy, ${t.baseline.generated} generated prefixes of ${t.baseline.sampled}. Total ${formatScore(t.score)}; ⚠ marks files under ${Math.round(target * 100)}%._`,
    '',
    '| file | score | killed/valid | survived | no coverage | surviving mutators (most first) | measured |',
    '|---|---:|---:|---:|---:|---|---|',
    ...rows,
  ].join('\n');
}

export function overallScore(files: Record<string, FileScore>): number | null {
  const all = Object.values(files);
  const valid = all.reduce((a, f) => a + f.valid, 0);
  return valid === 0 ? null : all.reduce((a, f) => a + f.killed + f.timeout, 0) / valid;
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
