/**
 * Reading a scenario or trace file's bytes strictly, before any validator
 * looks at them. JSON.parse and Python's json both let things through that
 * silently change what a file says: bytes that are not UTF-8 become U+FFFD,
 * a duplicate key keeps its last value, and in a plain object `__proto__`
 * vanishes while `constructor` or `toString` look like known keys. Here:
 *
 * - the bytes must be UTF-8: the first bad byte is named by its offset;
 * - a UTF-8 byte order mark is refused with a message that says so (the
 *   reference runner refuses it too: Python's json.loads raises
 *   "Unexpected UTF-8 BOM");
 * - a key given twice in one object is refused, naming its path;
 * - objects become Maps, so every key, `__proto__` and `constructor`
 *   included, is an ordinary key the format validators see and refuse
 *   unless the format names it;
 * - arrays and objects nest at most MAX_DEPTH levels, so no value can
 *   exhaust the stack of a model that walks it;
 * - the grammar and the value model are Python's (`PyJson`: floats apart
 *   from ints, big ints exact), as the reference runner reads the file;
 *   `NaN` and `Infinity` only when asked for.
 *
 * Every refusal is a ScenarioError: `FILE: FIELD: problem`, one line.
 */
import { PyFloat, pyInt, type PyJson, type PyJsonDict } from '../lib/pyjson.js';
import { ScenarioError } from './scenario.js';

/**
 * Arrays and objects within each other, the file's top value counting as
 * one. The recorded examples nest 12 deep at most; Python's json gives up
 * near 1000; the models walk values recursively, a few frames a level.
 */
export const MAX_DEPTH = 100;

export interface StrictJsonOptions {
  readonly maxDepth?: number;
  /** Accept Python's `NaN`, `Infinity` and `-Infinity` (as the reference runner writes them in traces). */
  readonly nonFinite?: boolean;
}

/** A file's bytes, checked as UTF-8 without a byte order mark, then parsed strictly. */
export function readStrictJson(bytes: Uint8Array, file: string, options: StrictJsonOptions = {}): PyJson {
  return parseStrictJson(decodeStrictUtf8(bytes, file), file, options);
}

/** Text already decoded (by the caller, from UTF-8), parsed strictly. */
export function parseStrictJson(text: string, file: string, options: StrictJsonOptions = {}): PyJson {
  if (text.startsWith('\ufeff')) throw bomError(file);
  return new StrictParser(text, file, options.maxDepth ?? MAX_DEPTH, options.nonFinite ?? false).parseDocument();
}

function bomError(file: string): ScenarioError {
  return new ScenarioError(file, '', 'starts with a UTF-8 byte order mark (EF BB BF): save it as UTF-8 without one (the reference runner refuses it too)');
}

// ------------------------------------------------------------------ UTF-8

/** The bytes as text, or a ScenarioError naming the offset of the first byte that is not UTF-8. */
export function decodeStrictUtf8(bytes: Uint8Array, file: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) throw bomError(file);
  const bad = firstInvalidUtf8(bytes);
  if (bad !== null) {
    const line = 1 + bytes.subarray(0, bad.offset).filter((b) => b === 0x0a).length;
    throw new ScenarioError(file, '', `not UTF-8 at byte offset ${bad.offset} (line ${line}): ${bad.why}`);
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

const hex = (b: number) => `0x${b.toString(16).padStart(2, '0')}`;

/**
 * The first ill-formed sequence by RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF. The offset is that of the sequence's
 * first byte (a Latin-1 "é" is named where it stands, not by the byte after).
 */
export function firstInvalidUtf8(bytes: Uint8Array): { offset: number; why: string } | null {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const shape = leadShape(b);
    if (shape === null) return { offset: i, why: `${hex(b)} cannot start a character` };
    for (let k = 1; k <= shape.continuations; k++) {
      const c = bytes[i + k];
      if (c === undefined) return { offset: i, why: `the file ends inside the character that ${hex(b)} starts` };
      const [lo, hi] = k === 1 ? shape.second : [0x80, 0xbf];
      if (c < lo || c > hi) return { offset: i, why: `${hex(c)} cannot follow ${hex(b)}${k > 1 ? ' and its continuation' : ''}` };
    }
    i += shape.continuations + 1;
  }
  return null;
}

/** How many continuation bytes a lead byte takes, and the range its first one must fall in. */
function leadShape(b: number): { continuations: number; second: readonly [number, number] } | null {
  if (b >= 0xc2 && b <= 0xdf) return { continuations: 1, second: [0x80, 0xbf] };
  if (b === 0xe0) return { continuations: 2, second: [0xa0, 0xbf] };
  if (b === 0xed) return { continuations: 2, second: [0x80, 0x9f] };
  if (b >= 0xe1 && b <= 0xef) return { continuations: 2, second: [0x80, 0xbf] };
  if (b === 0xf0) return { continuations: 3, second: [0x90, 0xbf] };
  if (b >= 0xf1 && b <= 0xf3) return { continuations: 3, second: [0x80, 0xbf] };
  if (b === 0xf4) return { continuations: 3, second: [0x80, 0x8f] };
  return null;
}

// ------------------------------------------------------------------ parsing

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER_RE = /(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
/** Segments shown of a path too long for one line (a value nested thousands deep). */
const PATH_SHOWN = 10;

/** A field path as the validators write it: `steps[2].args.limit`. */
export function fieldPath(segments: ReadonlyArray<string | number>): string {
  const shown = segments.slice(0, PATH_SHOWN);
  const text = shown.map((s, k) => (typeof s === 'number' ? `[${s}]` : k === 0 ? s : `.${s}`)).join('');
  return segments.length > PATH_SHOWN ? `${text}…` : text;
}

class StrictParser {
  /** Where the parser is: keys and indices from the top value down. */
  private readonly path: Array<string | number> = [];

  constructor(
    private readonly doc: string,
    private readonly file: string,
    private readonly maxDepth: number,
    private readonly nonFinite: boolean,
  ) {}

  parseDocument(): PyJson {
    const [value, end] = this.value(this.skipWs(0));
    const after = this.skipWs(end);
    if (after !== this.doc.length) throw this.syntax('more text after the JSON value', after);
    return value;
  }

  private syntax(problem: string, at: number): ScenarioError {
    return new ScenarioError(this.file, fieldPath(this.path), `not valid JSON (${problem}, ${this.position(at)})`);
  }

  private refuse(problem: string): ScenarioError {
    return new ScenarioError(this.file, fieldPath(this.path), problem);
  }

  /** Line and column (in characters, as an editor counts them), from 1. */
  private position(at: number): string {
    const before = this.doc.slice(0, at);
    const line = before.split('\n').length;
    const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
    return `line ${line} column ${column}`;
  }

  private skipWs(i: number): number {
    while (i < this.doc.length && WS.has(this.doc[i] as string)) i++;
    return i;
  }

  private value(i: number): [PyJson, number] {
    const ch = this.doc[i];
    if (ch === undefined) throw this.syntax('expecting a value, found the end of the file', i);
    if (ch === '"') return this.string(i + 1);
    if (ch === '{' || ch === '[') {
      // The depth of this container is the path's length plus one.
      if (this.path.length >= this.maxDepth) throw this.refuse(`nested deeper than ${this.maxDepth} levels (arrays and objects within each other)`);
      return ch === '{' ? this.object(i + 1) : this.array(i + 1);
    }
    for (const [word, v] of KEYWORDS) if (this.doc.startsWith(word, i)) return [v, i + word.length];
    for (const [word, v] of NON_FINITE) {
      if (!this.doc.startsWith(word, i)) continue;
      if (!this.nonFinite) throw this.refuse(`${word} is not a JSON number`);
      return [new PyFloat(v), i + word.length];
    }
    NUMBER_RE.lastIndex = i;
    const m = NUMBER_RE.exec(this.doc);
    if (m === null) throw this.syntax('expecting a value', i);
    const [text, int, frac, exp] = m as unknown as [string, string, string | undefined, string | undefined];
    return [frac !== undefined || exp !== undefined ? new PyFloat(Number(text)) : pyInt(int), i + text.length];
  }

  private object(i: number): [PyJsonDict, number] {
    const out: PyJsonDict = new Map();
    const keyAt = new Map<string, number>();
    i = this.skipWs(i);
    if (this.doc[i] === '}') return [out, i + 1];
    for (;;) {
      if (this.doc[i] !== '"') throw this.syntax('expecting a key in double quotes', i);
      const [key, afterKey] = this.string(i + 1);
      this.path.push(key);
      const first = keyAt.get(key);
      if (first !== undefined) throw this.refuse(`duplicate key (given at ${this.position(first)} and again at ${this.position(i)})`);
      keyAt.set(key, i);
      i = this.skipWs(afterKey);
      if (this.doc[i] !== ':') throw this.syntax("expecting ':' after the key", i);
      const [value, afterValue] = this.value(this.skipWs(i + 1));
      out.set(key, value);
      this.path.pop();
      i = this.skipWs(afterValue);
      const ch = this.doc[i];
      if (ch === '}') return [out, i + 1];
      if (ch !== ',') throw this.syntax("expecting ',' or '}'", i);
      i = this.skipWs(i + 1);
    }
  }

  private array(i: number): [PyJson[], number] {
    const out: PyJson[] = [];
    i = this.skipWs(i);
    if (this.doc[i] === ']') return [out, i + 1];
    for (;;) {
      this.path.push(out.length);
      const [value, after] = this.value(i);
      this.path.pop();
      out.push(value);
      i = this.skipWs(after);
      const ch = this.doc[i];
      if (ch === ']') return [out, i + 1];
      if (ch !== ',') throw this.syntax("expecting ',' or ']'", i);
      i = this.skipWs(i + 1);
    }
  }

  /** The string whose opening quote is just before `i`; Python's strict rules (no raw control characters). */
  private string(i: number): [string, number] {
    const doc = this.doc;
    const begin = i - 1;
    let out = '';
    for (;;) {
      let j = i;
      while (j < doc.length) {
        const c = doc.charCodeAt(j);
        if (c === 0x22 || c === 0x5c || c < 0x20) break;
        j++;
      }
      out += doc.slice(i, j);
      if (j >= doc.length) throw this.syntax('a string that never ends', begin);
      const c = doc.charCodeAt(j);
      if (c === 0x22) return [out, j + 1];
      if (c < 0x20) throw this.syntax('a control character inside a string (write it as an escape)', j);
      const esc = doc[j + 1];
      if (esc === 'u') {
        const [text, next] = this.unicodeEscape(j);
        out += text;
        i = next;
        continue;
      }
      const simple = esc === undefined ? undefined : ESCAPES[esc];
      if (simple === undefined) throw this.syntax('an unknown escape in a string', j);
      out += simple;
      i = j + 2;
    }
  }

  /** `\uXXXX` at `j`, joined with a following low surrogate escape as Python joins them. */
  private unicodeEscape(j: number): [string, number] {
    let cp = this.hex4(j);
    let next = j + 6;
    if (cp >= 0xd800 && cp <= 0xdbff && this.doc.startsWith('\\u', next)) {
      const low = this.hex4(next);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        next += 6;
      }
    }
    return [String.fromCodePoint(cp), next];
  }

  private hex4(escapeAt: number): number {
    const h = this.doc.slice(escapeAt + 2, escapeAt + 6);
    if (!/^[0-9a-fA-F]{4}$/.test(h)) throw this.syntax('a \\u escape without four hex digits', escapeAt);
    return parseInt(h, 16);
  }
}

const KEYWORDS: ReadonlyArray<readonly [string, PyJson]> = [['null', null], ['true', true], ['false', false]];
const NON_FINITE: ReadonlyArray<readonly [string, number]> = [['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]];
