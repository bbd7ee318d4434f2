/**
 * Python semantics that show through Glance's behaviour: how values print
 * (str/repr), how `%` formats messages, and the builtin exceptions Glance
 * raises or lets escape. Glance 16.0.0 ran on CPython; its messages are
 * built with these rules, so the port builds them the same way.
 */

/** Python's None is modelled as JavaScript null throughout the port. */
export type PyNone = null;

/** Base of every exception the port raises in place of a Python one. */
export class PyException extends Error {
  /** The Python class name, as `type(e).__name__` would print it. */
  get pyName(): string {
    return this.constructor.name;
  }
  /** What `str(e)` prints in Python. */
  toPyStr(): string {
    return this.message;
  }
}

export class ValueError extends PyException {}
export class TypeError_ extends PyException {
  override get pyName(): string {
    return 'TypeError';
  }
}
export class AttributeError extends PyException {}
export class IndexError extends PyException {}
export class OverflowError extends PyException {}
export class NotImplementedError_ extends PyException {
  override get pyName(): string {
    return 'NotImplementedError';
  }
}

/** KeyError's `str()` is the repr of the key, unlike other exceptions. */
export class KeyError extends PyException {
  constructor(readonly key: unknown) {
    super(pyRepr(key));
  }
}

/** Python's `str(x)`. */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof PyException) return value.toPyStr();
  return pyRepr(value);
}

/**
 * A JavaScript stand-in for a Python value that prints, types and tests
 * itself (PyFloat in ./pyjson.ts): the helpers below ask it rather than
 * guess from its JavaScript shape.
 */
export interface PyValueProtocol {
  toPyRepr(): string;
  readonly pyTypeName: string;
  pyTruthy(): boolean;
}

function speaksPython(value: unknown): value is PyValueProtocol {
  return value !== null && typeof value === 'object' && typeof (value as Partial<PyValueProtocol>).toPyRepr === 'function';
}

/** Python's `repr(x)` for the value shapes the port handles. */
export function pyRepr(value: unknown): string {
  if (speaksPython(value)) return value.toPyRepr();
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return pyStringRepr(value);
  if (value instanceof Date) return `datetime.datetime(${value.toISOString()})`;
  if (value instanceof PyException) return `${value.pyName}(${pyStringRepr(value.message)},)`;
  if (value instanceof Set) {
    if (value.size === 0) return 'set()';
    return '{' + [...value].map(pyRepr).join(', ') + '}';
  }
  if (Array.isArray(value)) return '[' + value.map(pyRepr).join(', ') + ']';
  if (value instanceof Map) {
    return '{' + [...value].map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ') + '}';
  }
  if (typeof value === 'object') {
    if (isClassInstance(value)) return objectRepr(value);
    return '{' + Object.entries(value).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ') + '}';
  }
  return String(value);
}

/** An instance of a class (a ported Python object), not a plain object standing in for a dict. */
function isClassInstance(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto !== null && proto !== Object.prototype;
}

/**
 * object.__repr__ of a Python object without a __repr__ of its own (the
 * domain proxies): its class and its address. Python prints the real
 * address, which no rule or message can know in advance; a fixed one keeps
 * traces deterministic, and walking the proxy's fields instead would
 * recurse forever through its back references.
 */
function objectRepr(value: object): string {
  const ctor = value.constructor as { readonly name?: string; readonly pyModule?: string; readonly pyName?: string } | undefined;
  const name = ctor?.pyName ?? ctor?.name ?? 'object';
  return `<${ctor?.pyModule ?? 'glance'}.${name} object at 0x7f0000000000>`;
}

/** A plain number: an int when integral (digits, however large), else a float. */
function pyNumber(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  return pyFloatRepr(n);
}

/**
 * Python's `repr(float)`: the shortest digits that round-trip (as
 * JavaScript's), written fixed when -4 <= exponent < 16, else as
 * `d.ddde+XX`; integral values keep `.0`.
 */
export function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const sign = n < 0 ? '-' : '';
  const [mantissa, expText] = Math.abs(n).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const intLen = exp + 1;
    if (digits.length <= intLen) return `${sign}${digits}${'0'.repeat(intLen - digits.length)}.0`;
    return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  }
  const frac = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp).toString().padStart(2, '0');
  return `${sign}${frac}e${exp < 0 ? '-' : '+'}${e}`;
}

/** What CPython's str.isprintable() refuses (besides the space, which prints). */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/**
 * Code points unassigned in Unicode 14.0 (CPython 3.11's database), so
 * escaped by its repr, that Node's newer ICU assigns (and \p{Cn} no longer
 * matches): found by comparing str.isprintable() over every code point.
 */
const UNASSIGNED_IN_PY311: ReadonlyArray<readonly [number, number]> = [
  [0x88f, 0x88f], [0x897, 0x897], [0xc5c, 0xc5c], [0xcdc, 0xcdc], [0xcf3, 0xcf3], [0xece, 0xece], [0x1acf, 0x1add],
  [0x1ae0, 0x1aeb], [0x1b4e, 0x1b4f], [0x1b7f, 0x1b7f], [0x1c89, 0x1c8a], [0x20c1, 0x20c1], [0x2427, 0x2429],
  [0x2b96, 0x2b96], [0x2ffc, 0x2fff], [0x31e4, 0x31e5], [0x31ef, 0x31ef], [0xa7cb, 0xa7cf], [0xa7d2, 0xa7d2],
  [0xa7d4, 0xa7d4], [0xa7da, 0xa7dc], [0xa7f1, 0xa7f1], [0xfbc3, 0xfbd2], [0xfd90, 0xfd91], [0xfdc8, 0xfdce],
  [0x105c0, 0x105f3], [0x10940, 0x10959], [0x10d40, 0x10d65], [0x10d69, 0x10d85], [0x10d8e, 0x10d8f],
  [0x10ec2, 0x10ec7], [0x10ed0, 0x10ed8], [0x10efa, 0x10eff], [0x1123f, 0x11241], [0x11380, 0x11389],
  [0x1138b, 0x1138b], [0x1138e, 0x1138e], [0x11390, 0x113b5], [0x113b7, 0x113c0], [0x113c2, 0x113c2],
  [0x113c5, 0x113c5], [0x113c7, 0x113ca], [0x113cc, 0x113d5], [0x113d7, 0x113d8], [0x113e1, 0x113e2],
  [0x116d0, 0x116e3], [0x11b00, 0x11b09], [0x11b60, 0x11b67], [0x11bc0, 0x11be1], [0x11bf0, 0x11bf9],
  [0x11db0, 0x11ddb], [0x11de0, 0x11de9], [0x11f00, 0x11f10], [0x11f12, 0x11f3a], [0x11f3e, 0x11f5a],
  [0x1342f, 0x1342f], [0x13440, 0x13455], [0x13460, 0x143fa], [0x16100, 0x16139], [0x16d40, 0x16d79],
  [0x16ea0, 0x16eb8], [0x16ebb, 0x16ed3], [0x16ff2, 0x16ff6], [0x187f8, 0x187ff], [0x18cff, 0x18cff],
  [0x18d09, 0x18d1e], [0x18d80, 0x18df2], [0x1b132, 0x1b132], [0x1b155, 0x1b155], [0x1cc00, 0x1ccfc],
  [0x1cd00, 0x1ceb3], [0x1ceba, 0x1ced0], [0x1cee0, 0x1cef0], [0x1d2c0, 0x1d2d3], [0x1df25, 0x1df2a],
  [0x1e030, 0x1e06d], [0x1e08f, 0x1e08f], [0x1e4d0, 0x1e4f9], [0x1e5d0, 0x1e5fa], [0x1e5ff, 0x1e5ff],
  [0x1e6c0, 0x1e6de], [0x1e6e0, 0x1e6f5], [0x1e6fe, 0x1e6ff], [0x1f6d8, 0x1f6d8], [0x1f6dc, 0x1f6dc],
  [0x1f774, 0x1f77f], [0x1f7d9, 0x1f7d9], [0x1f8b2, 0x1f8bb], [0x1f8c0, 0x1f8c1], [0x1f8d0, 0x1f8d8],
  [0x1fa54, 0x1fa57], [0x1fa75, 0x1fa77], [0x1fa87, 0x1fa8a], [0x1fa8e, 0x1fa8f], [0x1faad, 0x1faaf],
  [0x1fabb, 0x1fabf], [0x1fac6, 0x1fac6], [0x1fac8, 0x1fac8], [0x1facd, 0x1facf], [0x1fada, 0x1fadc],
  [0x1fadf, 0x1fadf], [0x1fae8, 0x1faea], [0x1faef, 0x1faef], [0x1faf7, 0x1faf8], [0x1fbcb, 0x1fbef],
  [0x1fbfa, 0x1fbfa], [0x2b739, 0x2b73f], [0x2cea2, 0x2cead], [0x2ebf0, 0x2ee5d], [0x31350, 0x33479],
];

function unassignedInPy311(cp: number): boolean {
  let lo = 0;
  let hi = UNASSIGNED_IN_PY311.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = UNASSIGNED_IN_PY311[mid] as readonly [number, number];
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** CPython's unicode repr: single quotes unless the text has ' and no "; non-printables escaped. */
export function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && (NON_PRINTABLE.test(ch) || unassignedInPy311(cp))) out += pyEscape(cp);
    else out += ch;
  }
  return out + quote;
}

function pyEscape(cp: number): string {
  if (cp < 0x100) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/**
 * Python's `fmt % args`. `args` is a single value, a tuple (array) for
 * positional specifiers, or a mapping for `%(name)s` specifiers. Supports
 * the conversions Glance's messages use: s, r, d, i, f, %.
 */
export function pyFormat(fmt: string, args: unknown): string {
  const spec = /%(?:\(([^)]*)\))?([-+ #0]*)(\d+|\*)?(?:\.(\d+))?([sdirfx%])/g;
  let index = 0;
  const positional = Array.isArray(args) ? args : [args];
  return fmt.replace(spec, (_m, name: string | undefined, flags: string, width: string | undefined, precision: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    let value: unknown;
    if (name !== undefined) {
      const mapping = args as Record<string, unknown>;
      if (mapping === null || typeof mapping !== 'object' || !(name in mapping)) throw new KeyError(name);
      value = mapping[name];
    } else {
      if (index >= positional.length) throw new TypeError_('not enough arguments for format string');
      value = positional[index++];
    }
    let text: string;
    switch (conv) {
      case 's':
        text = pyStr(value);
        break;
      case 'r':
        text = pyRepr(value);
        break;
      case 'd':
      case 'i':
        if (typeof value !== 'number' && typeof value !== 'boolean') {
          throw new TypeError_(`%${conv} format: a number is required, not ${pyTypeName(value)}`);
        }
        text = String(Math.trunc(Number(value)));
        break;
      case 'f':
        text = Number(value).toFixed(precision === undefined ? 6 : Number(precision));
        break;
      default:
        text = Math.trunc(Number(value)).toString(16);
    }
    const w = width === undefined || width === '*' ? 0 : Number(width);
    if (text.length < w) text = flags.includes('-') ? text.padEnd(w) : text.padStart(w, flags.includes('0') ? '0' : ' ');
    return text;
  });
}

/** `type(x).__name__` for JSON-shaped values. */
export function pyTypeName(value: unknown): string {
  if (speaksPython(value)) return value.pyTypeName;
  if (typeof value === 'bigint') return 'int';
  if (value instanceof Map) return 'dict';
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Set) return 'set';
  if (value instanceof PyException) return value.pyName;
  return 'dict';
}

/** Python truthiness for JSON-shaped values. */
export function pyTruthy(value: unknown): boolean {
  if (speaksPython(value)) return value.pyTruthy();
  if (value === 0n) return false;
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** A number as Python compares it (bools are ints), or null for other types. */
function pyNumeric(v: unknown): number | bigint | null {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (speaksPython(v) && v.pyTypeName === 'float') return (v as unknown as { value: number }).value;
  return null;
}

/**
 * Python's rich comparison `a OP b` for the value shapes the port meets:
 * numbers (ints, floats, bools) with each other, str with str (by code
 * point), lists element-wise; anything else raises Python's TypeError.
 */
export function pyCompare(op: '<' | '<=' | '>' | '>=', a: unknown, b: unknown): boolean {
  const sign = pyOrder(op, a, b);
  switch (op) {
    case '<':
      return sign < 0;
    case '<=':
      return sign <= 0;
    case '>':
      return sign > 0;
    default:
      return sign >= 0;
  }
}

/** `==` between two elements, which never raises (unlike ordering). */
function orderedEqual(a: unknown, b: unknown): boolean {
  try {
    return pyOrder('==', a, b) === 0;
  } catch {
    return a === b;
  }
}

function pyOrder(op: string, a: unknown, b: unknown): number {
  const x = pyNumeric(a);
  const y = pyNumeric(b);
  if (x !== null && y !== null) {
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    const ca = [...a];
    const cb = [...b];
    for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
      const d = (ca[i]?.codePointAt(0) ?? 0) - (cb[i]?.codePointAt(0) ?? 0);
      if (d !== 0) return d;
    }
    return ca.length - cb.length;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!orderedEqual(a[i], b[i])) return pyOrder(op, a[i], b[i]);
    }
    return a.length - b.length;
  }
  throw new TypeError_(`'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}
