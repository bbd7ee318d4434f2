/**
 * The Python value operations jsonschema's keywords rely on, over the
 * port's value model (PyJson from ../pyjson.ts; plain JavaScript objects
 * count as dicts): dict access, `len`, numeric comparison across int,
 * bigint and float, `==` and `<` with Python's rules (True == 1, 1 == 1.0,
 * '<' between a str and an int raises TypeError), and `sorted` with the
 * comparisons CPython's list.sort makes.
 */
import { PyFloat, compareCodePoints } from '../pyjson.js';
import { dictItems, isDictLike, pyLen } from '../pprint.js';
import { TypeError_, pyTypeName } from '../python.js';

export { pyLen };

export type PyDict = Map<unknown, unknown> | Record<string, unknown>;

/** `isinstance(x, dict)`. */
export function isDict(value: unknown): value is PyDict {
  return isDictLike(value);
}

export function dictEntries(value: PyDict): Array<[unknown, unknown]> {
  return dictItems(value);
}

export function dictHas(value: PyDict, key: unknown): boolean {
  if (value instanceof Map) return value.has(key);
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(value, key);
}

/** `d.get(key)`: undefined when absent (Python's default is passed by the caller). */
export function dictGet(value: PyDict, key: unknown): unknown {
  if (value instanceof Map) return value.get(key);
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

export function dictSize(value: PyDict): number {
  return value instanceof Map ? value.size : Object.keys(value).length;
}

export function dictKeys(value: PyDict): unknown[] {
  return value instanceof Map ? [...value.keys()] : Object.keys(value);
}

/** `schema.get(key, fallback)` on a schema that may not be a dict (bool schemas answer like Python would fail: not at all here). */
export function schemaGet(schema: unknown, key: string, fallback: unknown = undefined): unknown {
  if (!isDict(schema)) return fallback;
  return dictHas(schema, key) ? dictGet(schema, key) : fallback;
}

/** `key in container` for the containers a schema may hold (dict keys, list members, substrings). */
export function pyIn(key: unknown, container: unknown): boolean {
  if (isDict(container)) return dictHas(container, key);
  if (Array.isArray(container)) return container.some((x) => x === key || pyEq(x, key));
  if (typeof container === 'string') {
    if (typeof key !== 'string') throw new TypeError_(`'in <string>' requires string as left operand, not ${pyTypeName(key)}`);
    return container.includes(key);
  }
  throw new TypeError_(`argument of type '${pyTypeName(container)}' is not iterable`);
}

/** `len(x)`. */
export function len(value: unknown): number {
  if (typeof value === 'string') return pyLen(value);
  if (Array.isArray(value)) return value.length;
  if (isDict(value)) return dictSize(value);
  throw new TypeError_(`object of type '${pyTypeName(value)}' has no len()`);
}

/** Python iteration: a list's items, a dict's keys, a str's characters. */
export function pyIter(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isDict(value)) return dictKeys(value);
  if (typeof value === 'string') return [...value];
  throw new TypeError_(`'${pyTypeName(value)}' object is not iterable`);
}

// ------------------------------------------------------------ numbers

/** bool, int (number or bigint) or float (PyFloat, or a non-integral number). */
export function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || value instanceof PyFloat;
}

/** A numeric value as something JavaScript compares exactly (bigint against number compares mathematically). */
export function num(value: unknown): number | bigint {
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as number | bigint;
}

/** `isinstance(x, float)`. */
export function isFloat(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === 'number' && !Number.isInteger(value));
}

/** `isinstance(x, int)` without bool. */
export function isInt(value: unknown): boolean {
  return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
}

// ------------------------------------------------------------ == and <

/** Python's `a == b` for JSON-shaped values. */
export function pyEq(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) {
    const x = num(a);
    const y = num(b);
    return x == y; // eslint-disable-line eqeqeq -- bigint against number, mathematically
  }
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i] || pyEq(x, b[i]));
  if (isDict(a)) {
    if (!isDict(b) || dictSize(a) !== dictSize(b)) return false;
    return dictEntries(a).every(([k, v]) => dictHas(b, k) && pyEq(v, dictGet(b, k)));
  }
  return a === b;
}

/** What `unbool` returns for True and False: objects that only equal themselves. */
export const TRUE_SENTINEL = Symbol('unbool(True)');
export const FALSE_SENTINEL = Symbol('unbool(False)');

function unorderable(a: unknown, b: unknown): TypeError_ {
  const name = (x: unknown): string => (typeof x === 'symbol' ? 'object' : pyTypeName(x));
  return new TypeError_(`'<' not supported between instances of '${name(a)}' and '${name(b)}'`);
}

/** Python's `a < b`: numbers with numbers, str with str, list with list; anything else raises TypeError. */
export function pyLt(a: unknown, b: unknown): boolean {
  if (typeof a === 'symbol' || typeof b === 'symbol') throw unorderable(a, b);
  if (isNumeric(a) && isNumeric(b)) return num(a) < num(b);
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b) < 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    let i = 0;
    while (i < a.length && i < b.length && (a[i] === b[i] || pyEq(a[i], b[i]))) i++;
    if (i >= a.length || i >= b.length) return a.length < b.length;
    return pyLt(a[i], b[i]);
  }
  throw unorderable(a, b);
}

/**
 * `sorted(values)`, making the comparisons CPython 3.11's list.sort makes
 * for fewer than 64 items (count_run, then binary insertion), so that a
 * TypeError is raised exactly when Python's is. Longer lists are sorted the
 * same way, where CPython would merge runs: the order is the same (the sort
 * is stable), which pairs get compared may differ.
 */
export function pySorted(values: readonly unknown[]): unknown[] {
  const a = [...values];
  const n = a.length;
  if (n < 2) return a;
  let run = 2;
  if (pyLt(a[1], a[0])) {
    while (run < n && pyLt(a[run], a[run - 1])) run++;
    a.splice(0, run, ...a.slice(0, run).reverse());
  } else {
    while (run < n && !pyLt(a[run], a[run - 1])) run++;
  }
  for (let start = run; start < n; start++) {
    const pivot = a[start];
    let l = 0;
    let r = start;
    do {
      const p = l + ((r - l) >> 1);
      if (pyLt(pivot, a[p])) r = p;
      else l = p + 1;
    } while (l < r);
    a.splice(start, 1);
    a.splice(l, 0, pivot);
  }
  return a;
}
