/**
 * docs/divergence-candidates.md #33: glance/common/utils.py no_4byte_params.
 * The db api refuses text with characters outside the BMP (MySQL's utf8)
 * in what it writes, checking dict arguments first (recursively, in order;
 * lists not looked into) and then plain text arguments. SQLite, which
 * could store such text, is refused the same way.
 */
import { DomainError } from '../errors.js';

const FOUR_BYTE = /[\u{10000}-\u{10FFFF}]/u;

const has4Byte = (v: unknown): boolean => typeof v === 'string' && FOUR_BYTE.test(v);
const invalid = (message: string): DomainError => new DomainError('Invalid', message);

/** What a write's values may be: a Map or a plain object (a dict). */
export type Values = ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>;

/** A Python dict among the values: a Map or a plain object (not a Date, an array or a class instance). */
function isDict(v: unknown): v is Values {
  return v instanceof Map || (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype);
}

function entries(values: Values): Array<[string, unknown]> {
  return values instanceof Map ? [...values] : Object.entries(values);
}

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

/** A dict argument: its keys and text values, nested dicts first where they stand. */
export function checkDict(pairs: Iterable<[string, unknown]>): void {
  for (const [key, value] of pairs) {
    if (isDict(value)) {
      checkDict(entries(value));
      continue;
    }
    if (has4Byte(key)) throw invalid("Property names can't contain 4 byte unicode.");
    if (has4Byte(value)) throw invalid(`${title(key)} can't contain 4 byte unicode characters.`);
  }
}

/** The plain arguments. */
export function checkParams(...params: unknown[]): void {
  if (params.some(has4Byte)) throw invalid("Param values can't contain 4 byte unicode.");
}

/** A write of `values` (a dict) with the other arguments it is given. */
export function refuseFourByte(values: Values, ...names: unknown[]): void {
  checkDict(entries(values));
  checkParams(...names);
}
