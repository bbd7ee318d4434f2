/**
 * Turning c8's istanbul JSON (coverage-final.json) into the small summary
 * the roadmap and review read: per file, functions and branches covered,
 * and every function with its line and call count.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

interface Position { readonly line: number; readonly column: number }
interface Range { readonly start: Position; readonly end: Position }
interface IstanbulFile {
  readonly fnMap: Record<string, { readonly name: string; readonly decl: Range; readonly loc: Range; readonly line: number }>;
  readonly f: Record<string, number>;
  readonly branchMap: Record<string, { readonly loc: Range; readonly locations: readonly Range[] }>;
  readonly b: Record<string, readonly number[]>;
}
export type IstanbulCoverage = Record<string, IstanbulFile>;

export interface Ratio { readonly total: number; readonly covered: number }
export interface FunctionCoverage { readonly name: string; readonly line: number; readonly column: number; readonly endLine: number; readonly calls: number }
/** The branches starting on one line: [line, branches, covered]. */
export type BranchLine = readonly [number, number, number];
export interface FileCoverage {
  readonly functions: Ratio;
  readonly branches: Ratio;
  readonly fns: readonly FunctionCoverage[];
  /** Branches by the line they start on, for the parts of a file the roadmap judges apart (its metadef sections). */
  readonly branchLines?: readonly BranchLine[];
  /** Calls of the unnamed functions (methods with computed keys) by the line they start on, which c8's report leaves out. */
  readonly unnamed?: ReadonlyArray<readonly [number, number]>;
}

export interface CoverageSummary {
  readonly generatedAt: string;
  readonly commit: string;
  /** Fingerprint of the measured sources and generators: a different one means stale. */
  readonly fingerprint: string;
  readonly runs: number;
  readonly seed: number;
  readonly agreeing: number;
  /** Per op: steps on which the models agreed, and steps where they first disagreed. */
  readonly ops: Record<string, { readonly agreed: number; readonly disagreed: number }>;
  readonly seconds: number;
  readonly files: Record<string, FileCoverage>;
}

/** esbuild's keepNames helper is not project code; c8 still maps it onto line 7 or so. */
const ARTEFACTS = new Set(['__name', '__publicField']);

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.column === b.start.column && a.end.line === b.end.line && a.end.column === b.end.column;

export function summarizeFile(file: IstanbulFile): FileCoverage {
  const artefactRanges: Range[] = [];
  const fns: FunctionCoverage[] = [];
  for (const [id, fn] of Object.entries(file.fnMap)) {
    if (ARTEFACTS.has(fn.name)) {
      artefactRanges.push(fn.loc);
      continue;
    }
    fns.push({ name: fn.name, line: fn.loc.start.line, column: fn.loc.start.column, endLine: fn.loc.end.line, calls: file.f[id] ?? 0 });
  }
  let branchTotal = 0;
  let branchCovered = 0;
  const byLine = new Map<number, [number, number]>();
  for (const [id, branch] of Object.entries(file.branchMap)) {
    if (artefactRanges.some((r) => sameRange(r, branch.loc))) continue;
    const counts = file.b[id] ?? [];
    branchTotal += counts.length;
    branchCovered += counts.filter((c) => c > 0).length;
    const line = byLine.get(branch.loc.start.line) ?? [0, 0];
    byLine.set(branch.loc.start.line, [line[0] + counts.length, line[1] + counts.filter((c) => c > 0).length]);
  }
  fns.sort((a, b) => a.line - b.line || a.column - b.column);
  const branchLines = [...byLine].sort(([a], [b]) => a - b).map(([line, [total, covered]]): BranchLine => [line, total, covered]);
  return { functions: { total: fns.length, covered: fns.filter((f) => f.calls > 0).length }, branches: { total: branchTotal, covered: branchCovered }, fns, branchLines };
}

export function summarizeCoverage(raw: IstanbulCoverage, root: string): Record<string, FileCoverage> {
  const files: Record<string, FileCoverage> = {};
  for (const [path, file] of Object.entries(raw).sort(([a], [b]) => a.localeCompare(b))) {
    files[relative(root, path).replace(/\\/g, '/')] = summarizeFile(file);
  }
  return files;
}

export const ratio = (r: Ratio): number => (r.total === 0 ? 1 : r.covered / r.total);
export const percent = (r: Ratio): string => `${(ratio(r) * 100).toFixed(1)}%`;
export const addRatios = (rs: readonly Ratio[]): Ratio => ({ total: rs.reduce((a, r) => a + r.total, 0), covered: rs.reduce((a, r) => a + r.covered, 0) });

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** What the coverage depends on: the two models and the generators (format 1's, and the HTTP ones the metadef runs use). */
export const FINGERPRINT_DIRS = ['src/legacy', 'src/domain', 'src/shared', 'test/characterization/generators', 'src/characterization'];

export function sourceFingerprint(root: string): string {
  const hash = createHash('sha1');
  for (const dir of FINGERPRINT_DIRS) {
    for (const path of walk(join(root, dir)).sort()) hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
