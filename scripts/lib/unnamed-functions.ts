/**
 * Calls of the methods c8 leaves out of its report. V8 names a method with
 * a computed key (`[Symbol.iterator]() {}`) with the empty string, and
 * v8-to-istanbul drops unnamed functions from the istanbul fnMap, so such
 * a method never counts as exercised however often it ran (the Python
 * `__iter__` of quota's and location's proxies). This reads the raw V8
 * coverage c8 leaves in its temp directory, maps each unnamed function's
 * start through the source map the loader registered, and counts its
 * calls by the source line it starts on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap, type SourceMapInput } from '@jridgewell/trace-mapping';

interface V8Function {
  readonly functionName: string;
  readonly ranges: ReadonlyArray<{ readonly startOffset: number; readonly endOffset: number; readonly count: number }>;
}
interface V8Script { readonly url: string; readonly functions: readonly V8Function[] }
interface SourceMapEntry { readonly lineLengths: readonly number[]; readonly data: SourceMapInput }
interface RawCoverage { readonly result: readonly V8Script[]; readonly 'source-map-cache'?: Record<string, SourceMapEntry> }

/** [source line, calls] of the unnamed functions starting on that line (1-based lines). */
export type UnnamedCalls = ReadonlyArray<readonly [number, number]>;

/** The 0-based line and column of an offset in generated code whose line lengths (without newline) are known. */
export function offsetPosition(lineLengths: readonly number[], offset: number): { line: number; column: number } {
  let rest = offset;
  for (let line = 0; line < lineLengths.length; line++) {
    const length = (lineLengths[line] as number) + 1;
    if (rest < length) return { line, column: rest };
    rest -= length;
  }
  return { line: lineLengths.length - 1, column: 0 };
}

function unnamedInScript(script: V8Script, map: SourceMapEntry | undefined, into: Map<number, number>): void {
  // Without the loader's source map an offset names no source line.
  if (map === undefined) return;
  const trace = new TraceMap(map.data);
  for (const fn of script.functions) {
    const range = fn.ranges[0];
    if (fn.functionName !== '' || range === undefined || range.startOffset === 0) continue;
    const at = offsetPosition(map.lineLengths, range.startOffset);
    const line = originalPositionFor(trace, { line: at.line + 1, column: at.column }).line;
    if (line !== null) into.set(line, (into.get(line) ?? 0) + range.count);
  }
}

/** Per project file (path relative to root), the calls of its unnamed functions by source line, over every raw file of c8's temp directory. */
export function unnamedFunctionCalls(tempDir: string, root: string, keep: (file: string) => boolean): Map<string, UnnamedCalls> {
  const byFile = new Map<string, Map<number, number>>();
  for (const name of readdirSync(tempDir).filter((f) => f.endsWith('.json'))) {
    const raw = JSON.parse(readFileSync(join(tempDir, name), 'utf8')) as RawCoverage;
    for (const script of raw.result) {
      if (!script.url.startsWith('file://')) continue;
      const file = relative(root, fileURLToPath(script.url));
      if (!keep(file)) continue;
      const lines = byFile.get(file) ?? new Map<number, number>();
      unnamedInScript(script, raw['source-map-cache']?.[script.url], lines);
      byFile.set(file, lines);
    }
  }
  return new Map([...byFile].map(([file, lines]) => [file, [...lines].sort(([a], [b]) => a - b)]));
}
