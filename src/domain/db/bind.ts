/**
 * Values as Python's sqlite3 binds them, the one binding every repository
 * uses: ints (and bools) as INTEGER, floats as REAL, text as strict UTF-8;
 * a list or dict cannot be bound (DBError).
 */
import { PyFloat } from '../../lib/pyjson.js';
import { DomainError } from '../errors.js';

/** A high surrogate not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Binds a value as Python's sqlite3 would store it. */
export function bindable(v: unknown): unknown {
  if (v === undefined) return null;
  // A Python float binds as REAL (an INTEGER column keeps 1.0 as 1).
  if (v instanceof PyFloat) return v.value;
  // pysqlite encodes text as strict UTF-8: a lone surrogate (a JSON "\ud800") fails the statement.
  if (typeof v === 'string' && LONE_SURROGATE.test(v)) {
    throw new DomainError('UnicodeEncodeError', "'utf-8' codec can't encode character: surrogates not allowed");
  }
  if (typeof v === 'boolean') return v ? 1n : 0n;
  // Python binds an int as INTEGER (a text column then keeps '5', not '5.0').
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (v !== null && typeof v === 'object') throw new DomainError('DBError', `Error binding parameter: type '${Array.isArray(v) ? 'list' : 'dict'}' is not supported`);
  return v;
}
