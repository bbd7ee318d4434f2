/**
 * CPython 3.11's `pprint.pformat(value, width=...)` (Lib/pprint.py,
 * `PrettyPrinter` with indent=1, depth=None, compact=False,
 * sort_dicts=True), for the values jsonschema prints in a
 * `ValidationError`: the schema fragment and the instance, at width 72.
 *
 * Values are PyJson (src/lib/pyjson.ts): None, bool, int (number or
 * bigint), PyFloat, str, list (array), dict (Map); plain JavaScript objects
 * print as dicts, in their key order before sorting. Leaves print with
 * `pyRepr`; widths are counted in code points, as Python's `len(str)` is.
 */
import { compareCodePoints } from './pyjson.js';
import { pyRepr, pyStringRepr } from './python.js';

/** `pprint.pformat(value, width=width)`. */
export function pformat(value: unknown, width = 72): string {
  if (!Number.isInteger(width) || width === 0) throw new RangeError('width must be != 0');
  const out: string[] = [];
  new PrettyPrinter(width, out).format(value, 0, 0, 0);
  return out.join('');
}

/** `pprint.saferepr(value)`: one line, dict keys sorted. */
export function saferepr(value: unknown): string {
  return safeRepr(value);
}

// ------------------------------------------------------------ value shapes

/** Python's dict for the printer: a Map, or a plain JavaScript object. */
export function isDictLike(value: unknown): value is Map<unknown, unknown> | Record<string, unknown> {
  if (value instanceof Map) return true;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The dict's items, in insertion order. */
export function dictItems(value: Map<unknown, unknown> | Record<string, unknown>): Array<[unknown, unknown]> {
  return value instanceof Map ? [...value] : Object.entries(value);
}

/** `sorted(d.items(), key=_safe_tuple)`: JSON dict keys are distinct strings, so the keys decide. */
function sortedItems(value: Map<unknown, unknown> | Record<string, unknown>): Array<[unknown, unknown]> {
  return dictItems(value).sort(([a], [b]) => compareKeys(a, b));
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // _safe_key's fallback orders by type name; ids are not reproducible, keep insertion order.
  return 0;
}

/** `len(s)` in Python: code points, not UTF-16 units. */
export function pyLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

// ------------------------------------------------------------ _safe_repr

/** `PrettyPrinter._safe_repr`: repr, except that dicts (at any depth) print with sorted keys. */
function safeRepr(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : '[' + value.map(safeRepr).join(', ') + ']';
  if (isDictLike(value)) {
    const items = sortedItems(value);
    if (items.length === 0) return '{}';
    return '{' + items.map(([k, v]) => `${safeRepr(k)}: ${safeRepr(v)}`).join(', ') + '}';
  }
  return pyRepr(value);
}

// ------------------------------------------------------------ the printer

class PrettyPrinter {
  /** indent=1: the only indentation jsonschema uses. */
  private readonly indentPerLevel = 1;

  constructor(
    private readonly width: number,
    private readonly out: string[],
  ) {}

  /** `_format`: the one-line repr when it fits, else the type's multi-line printer. */
  format(value: unknown, indent: number, allowance: number, level: number): void {
    const rep = safeRepr(value);
    const maxWidth = this.width - indent - allowance;
    if (pyLen(rep) > maxWidth) {
      if (Array.isArray(value)) return this.pprintList(value, indent, allowance, level + 1);
      if (isDictLike(value)) return this.pprintDict(value, indent, allowance, level + 1);
      if (typeof value === 'string') return this.pprintStr(value, indent, allowance, level + 1);
    }
    this.out.push(rep);
  }

  private pprintDict(value: Map<unknown, unknown> | Record<string, unknown>, indent: number, allowance: number, level: number): void {
    this.out.push('{');
    const items = sortedItems(value);
    if (items.length > 0) this.formatDictItems(items, indent, allowance + 1, level);
    this.out.push('}');
  }

  private pprintList(value: readonly unknown[], indent: number, allowance: number, level: number): void {
    this.out.push('[');
    this.formatItems(value, indent, allowance + 1, level);
    this.out.push(']');
  }

  private formatDictItems(items: Array<[unknown, unknown]>, indent: number, allowance: number, level: number): void {
    indent += this.indentPerLevel;
    const delimnl = ',\n' + ' '.repeat(indent);
    const lastIndex = items.length - 1;
    items.forEach(([key, ent], i) => {
      const last = i === lastIndex;
      const rep = safeRepr(key);
      this.out.push(rep, ': ');
      this.format(ent, indent + pyLen(rep) + 2, last ? allowance : 1, level);
      if (!last) this.out.push(delimnl);
    });
  }

  private formatItems(items: readonly unknown[], indent: number, allowance: number, level: number): void {
    indent += this.indentPerLevel;
    const delimnl = ',\n' + ' '.repeat(indent);
    items.forEach((ent, i) => {
      const last = i === items.length - 1;
      if (i > 0) this.out.push(delimnl);
      this.format(ent, indent, last ? allowance : 1, level);
    });
  }

  /**
   * `_pprint_str`: a string too long for its line is cut after runs of
   * whitespace (and at line ends) into adjacent literals, one per line;
   * at the top level they are wrapped in parentheses.
   */
  private pprintStr(value: string, indent: number, allowance: number, level: number): void {
    if (value.length === 0) {
      this.out.push(pyStringRepr(value));
      return;
    }
    const chunks: string[] = [];
    const lines = splitlinesKeepends(value);
    if (level === 1) {
      indent += 1;
      allowance += 1;
    }
    const maxWidth = this.width - indent;
    let maxWidth1 = maxWidth;
    let rep = '';
    lines.forEach((line, i) => {
      const isLastLine = i === lines.length - 1;
      rep = pyStringRepr(line);
      if (isLastLine) maxWidth1 -= allowance;
      if (pyLen(rep) <= maxWidth1) {
        chunks.push(rep);
        return;
      }
      const parts = wordsWithTrailingSpace(line);
      let maxWidth2 = maxWidth;
      let current = '';
      parts.forEach((part, j) => {
        const candidate = current + part;
        if (j === parts.length - 1 && isLastLine) maxWidth2 -= allowance;
        if (pyLen(pyStringRepr(candidate)) > maxWidth2) {
          if (current) chunks.push(pyStringRepr(current));
          current = part;
        } else {
          current = candidate;
        }
      });
      if (current) chunks.push(pyStringRepr(current));
    });
    if (chunks.length === 1) {
      // NOTE(quirk): CPython writes `rep`, the last line's repr, not chunks[0]; they are equal here.
      this.out.push(rep);
      return;
    }
    if (level === 1) this.out.push('(');
    chunks.forEach((chunk, i) => {
      if (i > 0) this.out.push('\n' + ' '.repeat(indent));
      this.out.push(chunk);
    });
    if (level === 1) this.out.push(')');
  }
}

// ------------------------------------------------------------ str helpers

/** Code points str.splitlines() breaks at (\r\n counts as one break). */
const LINE_BREAKS = new Set(['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029']);

/** `s.splitlines(True)`. */
export function splitlinesKeepends(s: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (!LINE_BREAKS.has(ch)) continue;
    const end = ch === '\r' && s[i + 1] === '\n' ? i + 2 : i + 1;
    lines.push(s.slice(start, end));
    start = end;
    i = end - 1;
  }
  if (start < s.length) lines.push(s.slice(start));
  return lines;
}

/** What Python's `\s` matches in a str pattern (Py_UNICODE_ISSPACE). */
const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** `re.findall(r'\S*\s*', line)` without its final empty match. */
function wordsWithTrailingSpace(line: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < line.length) {
    const start = i;
    while (i < line.length && !PY_SPACE.test(line[i] as string)) i++;
    while (i < line.length && PY_SPACE.test(line[i] as string)) i++;
    parts.push(line.slice(start, i));
  }
  return parts;
}
