/**
 * glance/common/utils.py no_4byte_params: the db api refuses text with
 * characters outside the BMP (MySQL's utf8), checking dict arguments first
 * (recursively, in order) and then plain text arguments.
 */
import { DomainError } from '../errors.js';

const FOUR_BYTE = /[\u{10000}-\u{10FFFF}]/u;

const has4Byte = (v: unknown): boolean => typeof v === 'string' && FOUR_BYTE.test(v);
const invalid = (message: string): DomainError => new DomainError('Invalid', message);

/** Python's str.title(): upper-case after any non-letter, lower-case otherwise. */
function title(s: string): string {
  let out = '';
  let afterLetter = false;
  for (const c of s) {
    const letter = c.toLowerCase() !== c.toUpperCase();
    out += letter ? (afterLetter ? c.toLowerCase() : c.toUpperCase()) : c;
    afterLetter = letter;
  }
  return out;
}

export function checkDict(entries: Iterable<[string, unknown]>): void {
  for (const [key, value] of entries) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      checkDict(Object.entries(value as Record<string, unknown>));
      continue;
    }
    if (has4Byte(key)) throw invalid("Property names can't contain 4 byte unicode.");
    if (has4Byte(value)) throw invalid(`${title(key)} can't contain 4 byte unicode characters.`);
  }
}

export function checkParams(...params: unknown[]): void {
  if (params.some(has4Byte)) throw invalid("Param values can't contain 4 byte unicode.");
}
