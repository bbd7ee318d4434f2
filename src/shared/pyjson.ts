/**
 * JSON text exactly as Python's `json.dumps(x, indent=1, sort_keys=True,
 * ensure_ascii=False)` writes it, which is how the reference runner writes
 * traces: keys sorted by code point, one space of indent per level.
 */
export function pyJsonDumps(value: unknown, indent: number | null = 1): string {
  return dump(value, indent, 0);
}

/** Python's default sort of str keys: by code point, not UTF-16 unit. */
export function compareCodePoints(a: string, b: string): number {
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

function dump(value: unknown, indent: number | null, depth: number): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return dumpNumber(value);
  if (typeof value === 'string') return JSON.stringify(value);
  const pad = indent === null ? '' : '\n' + ' '.repeat(indent * (depth + 1));
  const end = indent === null ? '' : '\n' + ' '.repeat(indent * depth);
  const sep = indent === null ? ', ' : ',';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return '[' + value.map((v) => pad + dump(v, indent, depth + 1)).join(sep) + end + ']';
  }
  const keys = Object.keys(value as object).sort(compareCodePoints);
  if (keys.length === 0) return '{}';
  const record = value as Record<string, unknown>;
  return '{' + keys.map((k) => pad + JSON.stringify(k) + ': ' + dump(record[k], indent, depth + 1)).join(sep) + end + '}';
}

function dumpNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return String(n);
}
