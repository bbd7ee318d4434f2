/**
 * The mutants of a Stryker JSON report (mutation-testing-report-schema:
 * 1-based lines and columns, each file's source included) as the summary
 * records them: where, what was replaced by what, and how it ended.
 */
import type { MutantOutcome, MutantStatus } from './mutation-summary.js';

interface Position {
  readonly line: number;
  readonly column: number;
}

export interface ReportMutant {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: Position; readonly end: Position };
}

export interface StrykerReport {
  readonly files: Record<string, { readonly source: string; readonly mutants: readonly ReportMutant[] }>;
}

/** The text between two 1-based positions of a source. */
export function sourceSlice(source: string, start: Position, end: Position): string {
  const lines = source.split('\n');
  if (start.line === end.line) return (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1);
  const first = (lines[start.line - 1] ?? '').slice(start.column - 1);
  const middle = lines.slice(start.line, end.line - 1);
  const last = (lines[end.line - 1] ?? '').slice(0, end.column - 1);
  return [first, ...middle, last].join('\n');
}

/** Long originals (a mutated block) are kept short: enough to recognise the mutant again. */
const clip = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}...` : s);

/** Every mutant of a report, files named relative to the repository as the report names them. */
export function reportOutcomes(report: StrykerReport, relativeName: (file: string) => string = (f) => f): MutantOutcome[] {
  return Object.entries(report.files).flatMap(([file, f]) =>
    f.mutants.map((m): MutantOutcome => ({
      file: relativeName(file),
      status: m.status as MutantStatus,
      mutator: m.mutatorName,
      line: m.location.start.line,
      column: m.location.start.column,
      original: clip(sourceSlice(f.source, m.location.start, m.location.end)),
      replacement: clip(m.replacement ?? ''),
    })),
  );
}
