/**
 * Where the metadata definitions catalog lives in each legacy layer: its
 * own files (the metadef db api), and the "metadefs" section that closes
 * each layer file Glance shares with the image domain (from the
 * `// ===... metadefs` marker to the next such marker or the end). The
 * roadmap judges these parts apart from the image ones, by line ranges.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYERS, METADEF_CLASSES, type LayerName } from '../../src/legacy/layers.js';

export interface LineRange {
  readonly start: number;
  readonly end: number;
}

/** A file that is all metadefs. */
export const isMetadefFile = (file: string): boolean => /\/metadef-api\/|\/metadef-[^/]*\.ts$/.test(file);

const SECTION = /^\s*\/\/ ={10,} (.+)$/;

/** The metadef line ranges of a file: all of it, its metadefs section, or none. */
export function metadefRanges(root: string, file: string): LineRange[] {
  if (isMetadefFile(file)) return [{ start: 1, end: Number.MAX_SAFE_INTEGER }];
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const ranges: LineRange[] = [];
  let start: number | null = null;
  lines.forEach((line, i) => {
    const marker = SECTION.exec(line);
    if (marker === null) return;
    if (start !== null) ranges.push({ start, end: i });
    start = marker[1]?.trim() === 'metadefs' ? i + 1 : null;
  });
  if (start !== null) ranges.push({ start, end: lines.length });
  return ranges;
}

export const inRanges = (ranges: readonly LineRange[], line: number): boolean => ranges.some((r) => line >= r.start && line <= r.end);

/** The layers with metadef classes, outermost first. */
export const METADEF_LAYERS: readonly LayerName[] = LAYERS.map((l) => l.name).filter((n) => METADEF_CLASSES[n] !== undefined);

/** Each metadef layer's files with their metadef ranges. */
export function metadefFiles(root: string, layer: LayerName): Map<string, LineRange[]> {
  const files = LAYERS.find((l) => l.name === layer)?.files ?? [];
  return new Map(files.map((f) => [f, metadefRanges(root, f)] as const).filter(([, r]) => r.length > 0));
}
