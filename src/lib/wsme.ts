/**
 * WSME 0.11 as Glance's metadef API uses it: complex types declared with
 * typed attributes (`wsme.types.Base`, `wsattr`), the validation an
 * attribute assignment runs (`validate_value`), and the JSON conversions of
 * `wsme.rest.json` (`fromjson`, `tojson`). Glance parses metadef request
 * bodies with `fromjson` after its JSON-schema check and writes responses
 * (and stored schemas) with `tojson`, so WSME's coercions show through:
 * an `int` attribute truncates a float, a `bytes` one turns 5 into b'5'
 * (and a list into None), a `bool` one reads 'yes' as True, an unknown key
 * of a nested object fails.
 *
 * Values are Python's (src/lib/pyjson.ts): dicts are Maps, floats PyFloat;
 * bytes are {@link PyBytes}; an unset attribute is {@link Unset}.
 *
 * @see wsme/types.py, wsme/rest/json.py (WSME 0.11, /usr/lib/python3/dist-packages/wsme)
 */
import { PyFloat, pyFloatRepr } from './pyjson.js';
import { AttributeError, PyException, TypeError_, ValueError, pyRepr, pyStr, type PyValueProtocol } from './python.js';

// ------------------------------------------------------------------ values

/** `wsme.types.Unset`: an attribute never set (falsy, prints as Unset). */
export const Unset: PyValueProtocol & { readonly unset: true } = Object.freeze({
  unset: true as const,
  pyTypeName: 'UnsetType',
  toPyRepr: () => 'Unset',
  pyTruthy: () => false,
});
export type UnsetType = typeof Unset;

/** A Python `bytes` value. */
export class PyBytes implements PyValueProtocol {
  readonly pyTypeName = 'bytes';
  constructor(readonly data: Buffer) {}
  static fromStr(s: string): PyBytes {
    return new PyBytes(Buffer.from(s, 'utf8'));
  }
  /** `repr(b)`: b'...' with Python's escapes. */
  toPyRepr(): string {
    const hasSingle = this.data.includes(0x27);
    const quote = hasSingle && !this.data.includes(0x22) ? '"' : "'";
    let out = 'b' + quote;
    for (const c of this.data) {
      if (c === 0x5c) out += '\\\\';
      else if (c === quote.charCodeAt(0)) out += '\\' + quote;
      else if (c === 0x0a) out += '\\n';
      else if (c === 0x0d) out += '\\r';
      else if (c === 0x09) out += '\\t';
      else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
      else out += String.fromCharCode(c);
    }
    return out + quote;
  }
  pyTruthy(): boolean {
    return this.data.length > 0;
  }
}

/** Python's UnicodeDecodeError, as `bytes.decode('ascii')` raises it. */
export class UnicodeDecodeError extends ValueError {}

// ------------------------------------------------------------------ errors

/** wsme.exc.ClientSideError and the two Glance's paths can meet. */
export class ClientSideError extends PyException {}

/** wsme.exc.InvalidInput */
export class InvalidInput extends ClientSideError {
  constructor(readonly fieldname: string, readonly value: unknown, readonly msg: string) {
    super(`Invalid input for field/attribute ${fieldname}. Value: '${pyStr(value)}'. ${msg}`);
  }
}

/** wsme.exc.UnknownAttribute */
export class UnknownAttribute extends ClientSideError {
  readonly fieldnames: string[] = [];
  constructor(readonly attributes: ReadonlySet<string>) {
    super(`Unknown attribute for argument : ${[...attributes].join(', ')}`);
  }
  add_fieldname(name: string): void {
    this.fieldnames.unshift(name);
  }
}

// ------------------------------------------------------------------ datatypes

/** The native types Glance's models use. */
export type NativeType = 'text' | 'bytes' | 'int' | 'float' | 'bool';

/** `[item_type]` */
export class ArrayType {
  constructor(readonly item_type: DataType) {}
}

/** `{key_type: value_type}` */
export class DictType {
  constructor(readonly key_type: NativeType, readonly value_type: DataType) {}
}

/** A complex type: a class extending {@link WsmeBase}. */
export type ComplexType = (abstract new (kw?: Record<string, unknown>) => WsmeBase) & { readonly wsmeAttributes: readonly WsAttr[]; readonly pyName: string; readonly pyModule: string };

export type DataType = NativeType | ArrayType | DictType | ComplexType | (() => ComplexType);

/** `wsattr(datatype, mandatory=False, name=None, default=Unset, readonly=False)` */
export interface WsAttr {
  readonly key: string;
  readonly name: string;
  readonly datatype: DataType;
  readonly mandatory: boolean;
  readonly readonly: boolean;
}

export function wsattr(key: string, datatype: DataType, opts: { mandatory?: boolean; readonly?: boolean } = {}): WsAttr {
  return { key, name: key, datatype, mandatory: opts.mandatory ?? false, readonly: opts.readonly ?? false };
}

function resolve(datatype: DataType): NativeType | ArrayType | DictType | ComplexType {
  if (typeof datatype === 'function' && !('wsmeAttributes' in datatype)) return (datatype as () => ComplexType)();
  return datatype as NativeType | ArrayType | DictType | ComplexType;
}

function isComplex(datatype: unknown): datatype is ComplexType {
  return typeof datatype === 'function' && 'wsmeAttributes' in datatype;
}

/** How Python prints a datatype in "Wrong type" messages (`<class 'str'>`, `[...]`). */
function typeText(datatype: DataType): string {
  const t = resolve(datatype);
  if (t instanceof ArrayType) return `[${typeText(t.item_type)}]`;
  if (t instanceof DictType) return `{${typeText(t.key_type)}: ${typeText(t.value_type)}}`;
  if (isComplex(t)) return `<class '${t.pyModule}.${t.pyName}'>`;
  return `<class '${({ text: 'str', bytes: 'bytes', int: 'int', float: 'float', bool: 'bool' } as const)[t]}'>`;
}

/** Python's `type(value)` as printed. */
function valueTypeText(value: unknown): string {
  if (value instanceof WsmeBase) {
    const ctor = value.constructor as ComplexType;
    return `<class '${ctor.pyModule}.${ctor.pyName}'>`;
  }
  if (value instanceof PyBytes) return "<class 'bytes'>";
  if (value instanceof PyFloat) return "<class 'float'>";
  if (value instanceof Map) return "<class 'dict'>";
  if (Array.isArray(value)) return "<class 'list'>";
  if (typeof value === 'boolean') return "<class 'bool'>";
  if (typeof value === 'number' || typeof value === 'bigint') return Number.isInteger(Number(value)) ? "<class 'int'>" : "<class 'float'>";
  if (typeof value === 'string') return "<class 'str'>";
  return "<class 'object'>";
}

function isInt(value: unknown): value is number | bigint {
  return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';
}

/** Python's `int(x)` for the values JSON gives (ValueError / TypeError as Python raises them). */
function pyIntOf(value: unknown): number | bigint {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isInt(value)) return value;
  if (value instanceof PyFloat || typeof value === 'number') {
    const n = value instanceof PyFloat ? value.value : value;
    if (Number.isNaN(n)) throw new ValueError('cannot convert float NaN to integer');
    if (!Number.isFinite(n)) throw new PyException('cannot convert float infinity to integer');
    const t = Math.trunc(n);
    return Number.isSafeInteger(t) ? t : BigInt(t);
  }
  if (typeof value === 'string' || value instanceof PyBytes) {
    const text = value instanceof PyBytes ? value.data.toString('latin1') : value;
    const m = /^\s*([-+]?)([0-9](?:_?[0-9])*)\s*$/.exec(text);
    if (m === null) throw new ValueError(`invalid literal for int() with base 10: ${pyRepr(value)}`);
    const big = BigInt(`${m[1]}${(m[2] as string).replace(/_/g, '')}`);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }
  throw new TypeError_(`int() argument must be a string, a bytes-like object or a real number, not '${valueTypeText(value).slice(8, -2)}'`);
}

/** Python's `float(x)` for ints and numeric strings. */
function pyFloatOf(value: unknown): PyFloat {
  if (value instanceof PyFloat) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new PyFloat(Number(value));
  const text = String(value).trim().replace(/_/g, '');
  const lower = text.toLowerCase();
  if (/^[-+]?(inf|infinity)$/.test(lower)) return new PyFloat(lower.startsWith('-') ? -Infinity : Infinity);
  if (/^[-+]?nan$/.test(lower)) return new PyFloat(NaN);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new ValueError(`could not convert string to float: ${pyRepr(value)}`);
  return new PyFloat(Number(text));
}

function isInstance(value: unknown, datatype: NativeType | ComplexType): boolean {
  if (isComplex(datatype)) return value instanceof (datatype as unknown as abstract new () => unknown);
  switch (datatype) {
    case 'text':
      return typeof value === 'string';
    case 'bytes':
      return value instanceof PyBytes;
    case 'bool':
      return typeof value === 'boolean';
    case 'int':
      // bool is a subclass of int.
      return isInt(value) || typeof value === 'boolean';
    case 'float':
      return value instanceof PyFloat || (typeof value === 'number' && !Number.isInteger(value));
  }
}

/** `wsme.types.validate_value(datatype, value)`: type promotion, then an isinstance check. */
export function validate_value(datatype: DataType, value: unknown): unknown {
  if (value === Unset || value === null || value === undefined) return value ?? null;
  const t = resolve(datatype);
  if (t instanceof ArrayType) {
    if (!Array.isArray(value)) throw new ValueError(`Wrong type. Expected '${typeText(t)}', got '${valueTypeText(value)}'`);
    return value.map((item) => validate_value(t.item_type, item));
  }
  if (t instanceof DictType) {
    if (!(value instanceof Map)) throw new ValueError(`Wrong type. Expected '${typeText(t)}', got '${valueTypeText(value)}'`);
    const out = new Map<unknown, unknown>();
    for (const [k, v] of value) out.set(validate_value(t.key_type, k), validate_value(t.value_type, v));
    return out;
  }
  let promoted = value;
  // Only int, str and bytes values are promoted (type(True) is bool, not int).
  const promotable = (isInt(value) && typeof value !== 'boolean') || typeof value === 'string' || value instanceof PyBytes;
  if (t === 'int' && promotable) {
    try {
      promoted = pyIntOf(value);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
    }
  } else if (t === 'float' && promotable) {
    try {
      promoted = pyFloatOf(value);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
    }
  } else if (t === 'text' && value instanceof PyBytes) {
    promoted = value.data.toString('utf8');
  } else if (t === 'bytes' && typeof value === 'string') {
    promoted = PyBytes.fromStr(value);
  }
  if (!isInstance(promoted, t)) throw new ValueError(`Wrong type. Expected '${typeText(t)}', got '${valueTypeText(value)}'`);
  return promoted;
}

// ------------------------------------------------------------------ complex types

/**
 * `wsme.types.Base`: an object whose declared attributes validate on
 * assignment and read as Unset until set. Subclasses list their attributes
 * in `static wsmeAttributes`, in WSME's order (`_wsme_attr_order`, else the
 * order of declaration in the source), and may declare them as TS fields
 * with `declare`.
 */
export abstract class WsmeBase implements PyValueProtocol {
  static readonly wsmeAttributes: readonly WsAttr[] = [];
  static readonly pyName: string = 'Base';
  static readonly pyModule: string = 'wsme.types';
  private readonly dataholder = new Map<string, unknown>();

  constructor(kw: Record<string, unknown> = {}) {
    for (const [key, value] of Object.entries(kw)) {
      if (this.hasAttr(key)) this.setattr(key, value);
    }
  }

  get pyTypeName(): string {
    return (this.constructor as ComplexType).pyName;
  }

  /** The default repr, as the reference runner prints it (address written 0x0). */
  toPyRepr(): string {
    const ctor = this.constructor as ComplexType;
    return `<${ctor.pyModule}.${ctor.pyName} object at 0x0>`;
  }

  pyTruthy(): boolean {
    return true;
  }

  /** The declared attributes, in WSME's order. */
  get wsmeAttributes(): readonly WsAttr[] {
    return (this.constructor as ComplexType).wsmeAttributes;
  }

  private attr(key: string): WsAttr | undefined {
    return this.wsmeAttributes.find((a) => a.key === key);
  }

  /** `hasattr(obj, key)` for the attributes and methods a Base offers. */
  hasAttr(key: string): boolean {
    return this.attr(key) !== undefined || key in this;
  }

  /** `getattr(obj, key)`: the value, or Unset when never set. */
  getattr(key: string): unknown {
    const a = this.attr(key);
    if (a === undefined) {
      if (key in this) return (this as unknown as Record<string, unknown>)[key];
      throw new AttributeError(`'${(this.constructor as ComplexType).pyName}' object has no attribute '${key}'`);
    }
    return this.dataholder.has(key) ? this.dataholder.get(key) : Unset;
  }

  /** `setattr(obj, key, value)`: validated; Unset removes the value. */
  setattr(key: string, value: unknown): void {
    const a = this.attr(key);
    if (a === undefined) {
      (this as unknown as Record<string, unknown>)[key] = value;
      return;
    }
    let validated: unknown;
    try {
      validated = validate_value(a.datatype, value);
    } catch (e) {
      if (e instanceof ValueError || e instanceof TypeError_) throw new InvalidInput(a.name, value, e.message);
      throw e;
    }
    if (validated === Unset) this.dataholder.delete(key);
    else this.dataholder.set(key, validated);
  }
}

/**
 * Gives a Base subclass a TS property per declared attribute (Python's
 * descriptor access: `obj.name`, `obj.name = v`).
 */
export function defineAttributes(cls: ComplexType): void {
  for (const a of cls.wsmeAttributes) {
    Object.defineProperty(cls.prototype, a.key, {
      get(this: WsmeBase) {
        return this.getattr(a.key);
      },
      set(this: WsmeBase, v: unknown) {
        this.setattr(a.key, v);
      },
      configurable: true,
      enumerable: false,
    });
  }
}

// ------------------------------------------------------------------ fromjson

const ENUM_TRUE = ['true', 't', 'yes', 'y', 'on', '1'];
const ENUM_FALSE = ['false', 'f', 'no', 'n', 'off', '0'];

/** Python's `str(x)` of a JSON value (floats as repr, bools as True/False). */
function pyStrOfJson(value: unknown): string {
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (typeof value === 'number' && !Number.isInteger(value)) return pyFloatRepr(value);
  return pyStr(value);
}

function keysOf(value: unknown): string[] {
  if (value instanceof Map) return [...value.keys()].map(String);
  throw new AttributeError(`'${valueTypeText(value).slice(8, -2)}' object has no attribute 'keys'`);
}

function complexFromjson(t: ComplexType, value: unknown): WsmeBase {
  const obj = new (t as unknown as new () => WsmeBase)();
  const names = new Set(t.wsmeAttributes.map((a) => a.name));
  const unknown = keysOf(value).filter((k) => !names.has(k));
  if (unknown.length > 0) throw new UnknownAttribute(new Set(unknown));
  const dict = value as Map<string, unknown>;
  for (const a of t.wsmeAttributes) {
    if (dict.has(a.name)) {
      let v: unknown;
      try {
        v = fromjson(a.datatype, dict.get(a.name));
      } catch (e) {
        if (e instanceof UnknownAttribute) e.add_fieldname(a.name);
        throw e;
      }
      if (a.readonly) throw new InvalidInput(a.name, v, 'Cannot set read only field.');
      obj.setattr(a.key, v);
    } else if (a.mandatory) {
      throw new InvalidInput(a.name, null, 'Mandatory field missing.');
    }
  }
  return validate_value(t, obj) as WsmeBase;
}

function nativeFromjson(t: NativeType, value: unknown): unknown {
  switch (t) {
    case 'bytes':
      // str_fromjson: str, int and float (bool is an int) become their str
      // encoded; NOTE(quirk): anything else (a list, a dict, None) becomes None.
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || value instanceof PyFloat) {
        return PyBytes.fromStr(pyStrOfJson(value));
      }
      return null;
    case 'text':
      return value instanceof PyBytes ? value.toPyRepr() : value;
    case 'int':
      return value === null ? null : pyIntOf(value);
    case 'float':
      return value === null ? null : pyFloatOf(value);
    case 'bool':
      if (value === null) return null;
      if (typeof value === 'boolean') return value;
      if (isInt(value)) return Number(value) !== 0;
      if (typeof value === 'string' && ENUM_TRUE.includes(value)) return true;
      if (typeof value === 'string' && ENUM_FALSE.includes(value)) return false;
      throw new ValueError(`Value not an unambiguous boolean: ${pyStrOfJson(value)}`);
  }
}

/** `wsme.rest.json.fromjson(datatype, value)`: a parsed JSON value into the datatype. */
export function fromjson(datatype: DataType, value: unknown): unknown {
  const t = resolve(datatype);
  if (t instanceof ArrayType) {
    if (value === null) return null;
    if (!Array.isArray(value)) throw new ValueError(`Value not a valid list: ${pyStrOfJson(value)}`);
    return value.map((item) => fromjson(t.item_type, item));
  }
  if (t instanceof DictType) {
    if (value === null) return null;
    if (!(value instanceof Map)) throw new ValueError(`Value not a valid dict: ${pyStrOfJson(value)}`);
    const out = new Map<unknown, unknown>();
    for (const [k, v] of value) out.set(fromjson(t.key_type, k), fromjson(t.value_type, v));
    return out;
  }
  if (isComplex(t)) return value === null ? null : complexFromjson(t, value);
  return nativeFromjson(t, value);
}

// ------------------------------------------------------------------ tojson

/** `bytes.decode('ascii')` */
function decodeAscii(value: unknown): string {
  if (!(value instanceof PyBytes)) throw new AttributeError(`'${valueTypeText(value).slice(8, -2)}' object has no attribute 'decode'`);
  const bad = value.data.findIndex((c) => c > 0x7f);
  if (bad >= 0) {
    throw new UnicodeDecodeError(
      `'ascii' codec can't decode byte 0x${(value.data[bad] as number).toString(16)} in position ${bad}: ordinal not in range(128)`,
    );
  }
  return value.data.toString('latin1');
}

function getattrOf(value: unknown, key: string): unknown {
  if (value instanceof WsmeBase) return value.getattr(key);
  if (value !== null && typeof value === 'object' && key in value) return (value as Record<string, unknown>)[key];
  throw new AttributeError(`'${valueTypeText(value).slice(8, -2)}' object has no attribute '${key}'`);
}

/** `wsme.rest.json.tojson(datatype, value)`: a value of the datatype into JSON values (dicts as Maps). */
export function tojson(datatype: DataType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const t = resolve(datatype);
  if (t instanceof ArrayType) return [...(value as Iterable<unknown>)].map((item) => tojson(t.item_type, item));
  if (t instanceof DictType) {
    const out = new Map<unknown, unknown>();
    for (const [k, v] of value as Map<unknown, unknown>) out.set(tojson(t.key_type, k), tojson(t.value_type, v));
    return out;
  }
  if (isComplex(t)) {
    const d = new Map<string, unknown>();
    for (const a of t.wsmeAttributes) {
      const v = getattrOf(value, a.key);
      if (v !== Unset) d.set(a.name, tojson(a.datatype, v));
    }
    return d;
  }
  if (t === 'bytes') return decodeAscii(value);
  return value;
}
