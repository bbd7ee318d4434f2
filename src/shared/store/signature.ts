/**
 * cursive's signature_utils as Glance 16 calls it when an image carries the
 * four `img_signature*` properties, in a deployment without a key manager
 * (the oracle's: castellan's Barbican backend cannot authenticate).
 *
 * Every check cursive makes before it asks the key manager is kept, with
 * its message, so a malformed signature, hash method or key type fails the
 * way Glance fails; a well-formed request then fails at certificate
 * retrieval with "Unable to retrieve certificate with ID: <uuid>".
 * No verifier is ever built here; callers may inject their own factory
 * (Glance's unit tests do) through `VerifierFactory`.
 */
import { PyException, TypeError_, ValueError, pyFormat, pyStr, pyTypeName } from '../../lib/python.js';
import type { Verifier } from './api.js';

export const SIGNATURE = 'img_signature';
export const HASH_METHOD = 'img_signature_hash_method';
export const KEY_TYPE = 'img_signature_key_type';
export const CERT_UUID = 'img_signature_certificate_uuid';

/**
 * cursive's base exception: `msg_fmt % kwargs` unless a message is given.
 * @see cursive/exception.py CursiveException
 */
export class CursiveException extends PyException {
  static readonly msgFmt: string = 'An unknown exception occurred.';
  readonly kwargs: Readonly<Record<string, unknown>>;
  constructor(message?: string | null, kwargs: Record<string, unknown> = {}) {
    super(message ? message : formatOrRaw((new.target as typeof CursiveException).msgFmt, kwargs));
    this.kwargs = kwargs;
  }
}

function formatOrRaw(fmt: string, kwargs: Record<string, unknown>): string {
  try {
    return pyFormat(fmt, kwargs);
  } catch {
    return fmt;
  }
}

/** @see cursive/exception.py SignatureVerificationError */
export class SignatureVerificationError extends CursiveException {
  static override readonly msgFmt: string = 'Signature verification for the image failed: %(reason)s.';
}

/** cryptography.exceptions.InvalidSignature, raised by `verify()`. */
export class InvalidSignature extends PyException {}

/** `signature_utils.get_verifier`'s signature. */
export type VerifierFactory = (args: {
  context: unknown;
  img_signature_certificate_uuid: unknown;
  img_signature_hash_method: unknown;
  img_signature: unknown;
  img_signature_key_type: unknown;
}) => Verifier;

/** Anything `key in props` works on: Glance passes image.extra_properties. */
export type PropertyBag = { contains(key: string): boolean } | ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>;

/** `should_create_verifier`: all four signature properties are present (any value, None included). */
export function shouldCreateVerifier(props: PropertyBag | null): boolean {
  if (props === null) return false;
  return [CERT_UUID, HASH_METHOD, SIGNATURE, KEY_TYPE].every((k) => hasKey(props, k));
}

function hasKey(props: PropertyBag, key: string): boolean {
  if (props instanceof Map) return props.has(key);
  const bag = props as { contains?: unknown };
  if (typeof bag.contains === 'function') return (bag.contains as (k: string) => boolean).call(props, key);
  return Object.prototype.hasOwnProperty.call(props, key);
}

const HASH_METHODS = new Set(['SHA-224', 'SHA-256', 'SHA-384', 'SHA-512']);

/** The key types cursive registers on the oracle's cryptography/OpenSSL. */
const KEY_TYPES = new Set([
  'RSA-PSS', 'DSA', 'ECC_SECT571K1', 'ECC_SECT409K1', 'ECC_SECT571R1', 'ECC_SECT409R1', 'ECC_SECP521R1', 'ECC_SECP384R1',
]);

/**
 * `signature_utils.get_verifier` without a key manager: raises the first
 * error cursive would raise, ending at certificate retrieval.
 * @see cursive/signature_utils.py get_verifier
 */
export const getVerifier: VerifierFactory = (args) => {
  const props: Array<[string, unknown]> = [
    ['img_signature_uuid', args.img_signature_certificate_uuid],
    ['img_signature_hash_method', args.img_signature_hash_method],
    ['img_signature', args.img_signature],
    ['img_signature_key_type', args.img_signature_key_type],
  ];
  for (const [key, value] of props) {
    if (value === null || value === undefined) {
      throw failure(
        `Required image properties for signature verification do not exist. Cannot verify signature. Missing property: ${key}`,
      );
    }
  }
  getSignature(args.img_signature);
  if (!dictContains(HASH_METHODS, args.img_signature_hash_method)) {
    throw failure(`Invalid signature hash method: ${pyStr(args.img_signature_hash_method)}`);
  }
  if (!dictContains(KEY_TYPES, args.img_signature_key_type)) {
    throw failure(`Invalid signature key type: ${pyStr(args.img_signature_key_type)}`);
  }
  // NOTE(quirk): castellan's Barbican key manager cannot build a client in this
  // deployment (no keystone), which get_certificate reports as a retrieval failure.
  throw failure(`Unable to retrieve certificate with ID: ${pyStr(args.img_signature_certificate_uuid)}`);
};

function failure(reason: string): SignatureVerificationError {
  return new SignatureVerificationError(null, { reason });
}

/** `key in dict`: unhashable keys (lists, dicts) raise TypeError. */
function dictContains(keys: ReadonlySet<string>, value: unknown): boolean {
  if (Array.isArray(value) || value instanceof Set || (typeof value === 'object' && value !== null)) {
    throw new TypeError_(`unhashable type: '${pyTypeName(value)}'`);
  }
  return typeof value === 'string' && keys.has(value);
}

/**
 * `get_signature`: oslo base64.decode_as_bytes + base64.b64decode. Text
 * outside ASCII escapes as ValueError; other types and undecodable text
 * become a SignatureVerificationError.
 */
export function getSignature(signature: unknown): Buffer {
  if (typeof signature !== 'string') throw failure('The signature data was not properly encoded using base64');
  if (!/^[\x00-\x7f]*$/.test(signature)) throw new ValueError('string argument should contain only ASCII characters');
  const data = base64Data(signature);
  if (data === null) throw failure('The signature data was not properly encoded using base64');
  return Buffer.from(data, 'base64');
}

/**
 * CPython's non-strict `binascii.a2b_base64`: characters outside the
 * alphabet are skipped, a complete pad sequence ends the input, and a
 * dangling partial quad is an error.
 */
export function base64Data(s: string): string | null {
  let quad = 0;
  let pads = 0;
  let data = '';
  for (const ch of s) {
    if (ch === '=') {
      if (quad >= 2 && quad + ++pads >= 4) return data;
      continue;
    }
    if (!/[A-Za-z0-9+/]/.test(ch)) continue;
    pads = 0;
    quad = (quad + 1) % 4;
    data += ch;
  }
  return quad === 0 ? data : null;
}
