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
    return '{' + Object.entries(value).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ') + '}';
  }
  return String(value);
}

function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return String(n);
}

/** What CPython's str.isprintable() refuses (besides the space, which prints). */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

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
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) out += pyEscape(cp);
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
