/**
 * JSON as Python's `json` module reads and writes it, for the values that
 * cross the HTTP boundary. Glance parses request bodies with `json.loads`
 * and answers with `json.dumps`, and Python keeps distinctions JavaScript's
 * JSON.parse loses: `1.0` is a float and prints back as `1.0`, `1` is an
 * int of any size, a dict keeps the order its keys arrived in (integer-like
 * keys included), `NaN` and `Infinity` are accepted, a duplicate key keeps
 * its first position and its last value.
 *
 * The value model (`PyJson`): None is null, bool is boolean, int is a
 * number (a bigint beyond 2^53), float is a `PyFloat`, str is string, list
 * is an array, dict is a Map.
 */
import { ValueError, pyFloatRepr, type PyValueProtocol } from './python.js';

/** A Python float: kept apart from ints, which JavaScript numbers cannot do. */
export class PyFloat implements PyValueProtocol {
  readonly pyTypeName = 'float';
  constructor(readonly value: number) {}
  toPyRepr(): string {
    return pyFloatRepr(this.value);
  }
  pyTruthy(): boolean {
    return this.value !== 0;
  }
  toString(): string {
    return pyFloatRepr(this.value);
  }
}

export type PyJson = null | boolean | number | bigint | PyFloat | string | PyJson[] | PyJsonDict;
export type PyJsonDict = Map<string, PyJson>;

export function isPyDict(v: unknown): v is PyJsonDict {
  return v instanceof Map;
}

/** Python's json.JSONDecodeError (a ValueError), with Python's message text. */
export class JSONDecodeError extends ValueError {
  constructor(readonly msg: string, readonly doc: string, readonly pos: number) {
    const { line, col } = lineCol(doc, pos);
    super(`${msg}: line ${line} column ${col} (char ${pos})`);
  }
  override get pyName(): string {
    return 'JSONDecodeError';
  }
}

function lineCol(doc: string, pos: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < pos && i < doc.length; i++) {
    if (doc[i] === '\n') {
      line++;
      last = i;
    }
  }
  return { line, col: pos - last };
}

// ------------------------------------------------------------------ loads

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER_RE = /(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;

/**
 * `json.loads(text)` with the C scanner's behaviour: strict strings (no raw
 * control characters), ASCII digits only, NaN/Infinity/-Infinity accepted.
 * Counts positions in code points, as Python's str does.
 */
export function pyJsonLoads(input: string): PyJson {
  // Python indexes str by code point; JavaScript by UTF-16 unit. Work on code points.
  const doc = input;
  if (doc.startsWith('\ufeff')) throw new JSONDecodeError('Unexpected UTF-8 BOM (decode using utf-8-sig)', doc, 0);
  const p = new Parser(doc);
  const start = p.skipWs(0);
  const [value, end] = p.value(start);
  const after = p.skipWs(end);
  if (after !== doc.length) throw p.error('Extra data', after);
  return value;
}

class Parser {
  constructor(private readonly doc: string) {}

  /** An error at a UTF-16 index, reported at Python's code point index. */
  error(msg: string, at: number): JSONDecodeError {
    return new JSONDecodeError(msg, [...this.doc.slice(0, at)].join(''), codePointIndex(this.doc, at));
  }

  skipWs(i: number): number {
    while (i < this.doc.length && WS.has(this.doc[i] as string)) i++;
    return i;
  }

  value(i: number): [PyJson, number] {
    const ch = this.doc[i];
    if (ch === undefined) throw this.error('Expecting value', i);
    if (ch === '"') return this.string(i + 1);
    if (ch === '{') return this.object(i + 1);
    if (ch === '[') return this.array(i + 1);
    if (ch === 'n' && this.doc.startsWith('null', i)) return [null, i + 4];
    if (ch === 't' && this.doc.startsWith('true', i)) return [true, i + 4];
    if (ch === 'f' && this.doc.startsWith('false', i)) return [false, i + 5];
    if (ch === 'N' && this.doc.startsWith('NaN', i)) return [new PyFloat(NaN), i + 3];
    if (ch === 'I' && this.doc.startsWith('Infinity', i)) return [new PyFloat(Infinity), i + 8];
    if (ch === '-' && this.doc.startsWith('-Infinity', i)) return [new PyFloat(-Infinity), i + 9];
    NUMBER_RE.lastIndex = i;
    const m = NUMBER_RE.exec(this.doc);
    if (m) {
      const [text, int, frac, exp] = m as unknown as [string, string, string | undefined, string | undefined];
      const end = i + text.length;
      if (frac !== undefined || exp !== undefined) return [new PyFloat(Number(text)), end];
      return [pyInt(int), end];
    }
    throw this.error('Expecting value', i);
  }

  string(i: number): [string, number] {
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
      if (j >= doc.length) throw this.error('Unterminated string starting at', begin);
      const c = doc.charCodeAt(j);
      if (c === 0x22) return [out, j + 1];
      if (c < 0x20) throw this.error('Invalid control character at', j);
      // a backslash
      const esc = doc[j + 1];
      if (esc === undefined) throw this.error('Unterminated string starting at', begin);
      if (esc === 'u') {
        let cp = this.hex4(j + 2, j);
        i = j + 6;
        if (cp >= 0xd800 && cp <= 0xdbff && doc[i] === '\\' && doc[i + 1] === 'u') {
          const low = this.hex4(i + 2, i);
          if (low >= 0xdc00 && low <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            i += 6;
          }
        }
        out += cp > 0xffff ? String.fromCodePoint(cp) : String.fromCharCode(cp);
        continue;
      }
      const simple = ESCAPES[esc];
      if (simple === undefined) throw this.error('Invalid \\escape', j);
      out += simple;
      i = j + 2;
    }
  }

  private hex4(at: number, escapeAt: number): number {
    const h = this.doc.slice(at, at + 4);
    if (h.length !== 4 || !/^[0-9a-fA-F]{4}$/.test(h)) throw this.error('Invalid \\uXXXX escape', escapeAt);
    return parseInt(h, 16);
  }

  object(i: number): [PyJsonDict, number] {
    const out: PyJsonDict = new Map();
    i = this.skipWs(i);
    if (this.doc[i] === '}') return [out, i + 1];
    for (;;) {
      if (this.doc[i] !== '"') throw this.error('Expecting property name enclosed in double quotes', i);
      const [key, afterKey] = this.string(i + 1);
      i = this.skipWs(afterKey);
      if (this.doc[i] !== ':') throw this.error("Expecting ':' delimiter", i);
      i = this.skipWs(i + 1);
      const [value, afterValue] = this.value(i);
      out.set(key, value);
      i = this.skipWs(afterValue);
      const ch = this.doc[i];
      if (ch === '}') return [out, i + 1];
      if (ch !== ',') throw this.error("Expecting ',' delimiter", i);
      i = this.skipWs(i + 1);
    }
  }

  array(i: number): [PyJson[], number] {
    const out: PyJson[] = [];
    i = this.skipWs(i);
    if (this.doc[i] === ']') return [out, i + 1];
    for (;;) {
      const [value, after] = this.value(i);
      out.push(value);
      i = this.skipWs(after);
      const ch = this.doc[i];
      if (ch === ']') return [out, i + 1];
      if (ch !== ',') throw this.error("Expecting ',' delimiter", i);
      i = this.skipWs(i + 1);
    }
  }
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function codePointIndex(s: string, utf16: number): number {
  let n = 0;
  for (let i = 0; i < utf16 && i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < utf16) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Python's int(text): a number while exact, a bigint beyond. */
export function pyInt(text: string): number | bigint {
  const n = Number(text);
  if (Number.isSafeInteger(n)) return n === 0 ? 0 : n;
  return BigInt(text);
}

// ------------------------------------------------------------------ float repr

/** Python's `repr(float)`; it lives in ./python.ts, which prints plain numbers with it too. */
export { pyFloatRepr } from './python.js';

// ------------------------------------------------------------------ dumps

export interface DumpsOptions {
  /** `indent=`: null writes everything on one line with ', ' and ': '. */
  readonly indent?: number | null;
  readonly sortKeys?: boolean;
  /** `ensure_ascii=` (Python's default is true). */
  readonly ensureAscii?: boolean;
}

/**
 * `json.dumps(value, indent=, sort_keys=, ensure_ascii=)` for PyJson values;
 * plain JavaScript objects are written as dicts (key order as enumerated),
 * numbers as ints when integral, else floats.
 */
export function pyJsonDumpsValue(value: unknown, options: DumpsOptions = {}): string {
  const indent = options.indent ?? null;
  const sortKeys = options.sortKeys ?? false;
  const ascii = options.ensureAscii ?? true;
  const str = (s: string): string => (ascii ? asciiJsonString(s) : unicodeJsonString(s));
  const dump = (v: unknown, depth: number): string => {
    if (v === null || v === undefined) return 'null';
    if (v === true) return 'true';
    if (v === false) return 'false';
    if (typeof v === 'number') return Number.isInteger(v) ? (Object.is(v, -0) ? '0' : String(v)) : floatJson(v);
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof PyFloat) return floatJson(v.value);
    if (typeof v === 'string') return str(v);
    const pad = indent === null ? '' : '\n' + ' '.repeat(indent * (depth + 1));
    const end = indent === null ? '' : '\n' + ' '.repeat(indent * depth);
    const sep = indent === null ? ', ' : ',';
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return '[' + v.map((x) => pad + dump(x, depth + 1)).join(sep) + end + ']';
    }
    let entries: Array<[string, unknown]> = v instanceof Map ? [...(v as Map<string, unknown>)] : Object.entries(v as object);
    if (entries.length === 0) return '{}';
    if (sortKeys) entries = [...entries].sort((a, b) => compareCodePoints(a[0], b[0]));
    return '{' + entries.map(([k, x]) => pad + str(k) + ': ' + dump(x, depth + 1)).join(sep) + end + '}';
  };
  return dump(value, 0);
}

function floatJson(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return pyFloatRepr(n);
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** `ensure_ascii=False`: only quotes, backslashes and control characters are escaped. */
export function unicodeJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const c = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += short;
    else if (c < 0x20) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** `ensure_ascii=True`: everything beyond ASCII as \uXXXX (surrogate pairs for astral code points). */
function asciiJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const c = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += short;
    else if (c < 0x20 || c > 0x7e) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/**
 * Python's default sort of str keys: by code point, not UTF-16 unit. The
 * two orders agree until a surrogate meets a unit from U+E000 up, so the
 * units are compared directly up to the first difference and code points
 * are only decoded when it involves a surrogate.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  const x = a.charCodeAt(i);
  const y = b.charCodeAt(i);
  if ((x < 0xd800 || x > 0xdfff) && (y < 0xd800 || y > 0xdfff)) return x - y;
  return compareByCodePoint(a, b);
}

function compareByCodePoint(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

// ------------------------------------------------------------------ conversions

/** Plain JavaScript values (Maps to objects, floats to numbers), for code that need not tell them apart. */
export function toPlain(v: PyJson): unknown {
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) Object.defineProperty(out, k, { value: toPlain(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/** Python's `==` between two PyJson values (1 == 1.0, dict order ignored). */
export function pyJsonEquals(a: PyJson, b: PyJson): boolean {
  const num = (x: PyJson): number | bigint | null =>
    typeof x === 'number' || typeof x === 'bigint' ? x : x instanceof PyFloat ? x.value : typeof x === 'boolean' ? Number(x) : null;
  const na = num(a);
  const nb = num(b);
  if (na !== null && nb !== null) return na == nb; // eslint-disable-line eqeqeq -- bigint vs number
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a === null || b === null) return a === b;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => pyJsonEquals(x, b[i] as PyJson));
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, x] of a) if (!b.has(k) || !pyJsonEquals(x, b.get(k) as PyJson)) return false;
    return true;
  }
  return false;
}

/** Same value and same Python type all the way down (1 and 1.0 differ): what a trace comparison needs. */
export function pyJsonIdentical(a: PyJson, b: PyJson): boolean {
  if (a instanceof PyFloat) return b instanceof PyFloat && (Object.is(a.value, b.value) || (a.value === b.value));
  if (typeof a === 'bigint' || typeof b === 'bigint') return typeof a === typeof b && a === b;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => pyJsonIdentical(x, b[i] as PyJson));
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, x] of a) if (!b.has(k) || !pyJsonIdentical(x, b.get(k) as PyJson)) return false;
    return true;
  }
  return a === b;
}
