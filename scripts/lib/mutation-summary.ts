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

export function scoreOf(statuses: readonly MutantStatus[]): FileScore {
  const count = (s: MutantStatus) => statuses.filter((x) => x === s).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const valid = killed + timeout + survived + noCoverage;
  return { killed, timeout, survived, noCoverage, valid, score: valid === 0 ? null : (killed + timeout) / valid };
}

export function scoresByFile(mutants: ReadonlyArray<{ readonly file: string; readonly status: MutantStatus }>): Record<string, FileScore> {
  const byFile = new Map<string, MutantStatus[]>();
  for (const m of mutants) byFile.set(m.file, [...(byFile.get(m.file) ?? []), m.status]);
  return Object.fromEntries([...byFile.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([f, s]) => [f, scoreOf(s)]));
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
