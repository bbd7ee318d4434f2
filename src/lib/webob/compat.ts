/**
 * The byte and text conversions WebOb 1.8.6 makes on Python 3 (webob/compat.py
 * and the CPython codecs behind it), with the exceptions Python raises.
 *
 * WSGI environ strings are "native strings" holding bytes as latin-1: one
 * character per byte, U+0000..U+00FF. `latin1Encode` is `s.encode('latin-1')`
 * (raises UnicodeEncodeError beyond U+00FF), `latin1Decode` is
 * `b.decode('latin-1')`. `utf8Decode` is the strict `b.decode('utf-8')` with
 * CPython's error messages ("'utf-8' codec can't decode byte 0xff in position
 * 0: invalid start byte").
 *
 * @see webob/compat.py (url_unquote, unquote, parse_qsl_text)
 */
import { NotImplementedError_, PyException, ValueError, pyStringRepr } from '../python.js';

/** Python's UnicodeError family: a ValueError. */
export class UnicodeError extends ValueError {}

/** `UnicodeDecodeError(encoding, object, start, end, reason)`; `str()` is CPython's text. */
export class UnicodeDecodeError extends UnicodeError {
  constructor(
    readonly encoding: string,
    readonly object: Buffer,
    readonly start: number,
    readonly end: number,
    readonly reason: string,
  ) {
    super(
      end - start === 1
        ? `'${encoding}' codec can't decode byte 0x${hex2(object[start] ?? 0)} in position ${start}: ${reason}`
        : `'${encoding}' codec can't decode bytes in position ${start}-${end - 1}: ${reason}`,
    );
  }
}

/** `UnicodeEncodeError(encoding, object, start, end, reason)`; `str()` is CPython's text. */
export class UnicodeEncodeError extends UnicodeError {
  constructor(
    readonly encoding: string,
    readonly object: string,
    readonly start: number,
    readonly end: number,
    readonly reason: string,
  ) {
    const chars = [...object];
    super(
      end - start === 1
        ? `'${encoding}' codec can't encode character ${charEscape(chars[start] ?? '')} in position ${start}: ${reason}`
        : `'${encoding}' codec can't encode characters in position ${start}-${end - 1}: ${reason}`,
    );
  }
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** How CPython names a character in an encode error: '\xe9', '\u20ac', '\U0001f600'. */
function charEscape(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp <= 0xff) return `'\\x${hex2(cp)}'`;
  if (cp <= 0xffff) return `'\\u${cp.toString(16).padStart(4, '0')}'`;
  return `'\\U${cp.toString(16).padStart(8, '0')}'`;
}

/** `s.encode(limit === 0x7f ? 'ascii' : 'latin-1')`, strict. */
function narrowEncode(s: string, limit: number, encoding: string): Buffer {
  const out = Buffer.alloc(s.length);
  let n = 0;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const cp = (chars[i] as string).codePointAt(0) as number;
    if (cp > limit) {
      // CPython reports the whole run of unencodable characters.
      let end = i + 1;
      while (end < chars.length && ((chars[end] as string).codePointAt(0) as number) > limit) end++;
      throw new UnicodeEncodeError(encoding, s, i, end, 'ordinal not in range(' + (limit + 1) + ')');
    }
    out[n++] = cp;
  }
  return out.subarray(0, n);
}

/** `s.encode('latin-1')`. */
export function latin1Encode(s: string): Buffer {
  return narrowEncode(s, 0xff, 'latin-1');
}

/** `s.encode('ascii')`. */
export function asciiEncode(s: string): Buffer {
  return narrowEncode(s, 0x7f, 'ascii');
}

/** `b.decode('latin-1')`: never fails. */
export function latin1Decode(b: Buffer): string {
  return b.toString('latin1');
}

/**
 * `b.decode('utf-8')` (strict), with CPython's error positions and reasons:
 * an invalid lead byte is "invalid start byte", a bad byte inside a sequence
 * "invalid continuation byte" (covering the bytes before it), a sequence cut
 * by the end "unexpected end of data". Surrogates (ED A0..BF) and overlongs
 * are refused as CPython refuses them. A BOM is kept.
 */
export function utf8Decode(b: Buffer): string {
  let i = 0;
  while (i < b.length) {
    const lead = b[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (need === 0) throw new UnicodeDecodeError('utf-8', b, i, i + 1, 'invalid start byte');
    for (let k = 1; k <= need; k++) {
      if (i + k >= b.length) throw new UnicodeDecodeError('utf-8', b, i, b.length, 'unexpected end of data');
      const c = b[i + k] as number;
      const [lo, hi] = k === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      if (c < lo || c > hi) throw new UnicodeDecodeError('utf-8', b, i, i + k, 'invalid continuation byte');
    }
    i += need + 1;
  }
  return b.toString('utf8');
}

/** The second byte a lead byte allows (no overlongs, no surrogates, nothing past U+10FFFF). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** `s.encode('utf-8')` (strict: a lone surrogate raises, as CPython's codec does). */
export function utf8Encode(s: string): Buffer {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const pos = [...s.slice(0, i)].length;
      throw new UnicodeEncodeError('utf-8', s, pos, pos + 1, 'surrogates not allowed');
    }
  }
  return Buffer.from(s, 'utf8');
}

const PY_SPACE = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

/**
 * `int(b, 16)` on the (at most two) bytes after a '%': Python's int() also
 * takes surrounding ASCII whitespace and a sign, so '% 5' and '%+5' decode
 * to byte 5 and '%-0' to byte 0; anything else (or a negative value, which
 * `bytes([n])` refuses) is null.
 */
function hexByte(b: Buffer): number | null {
  let s = 0;
  let e = b.length;
  while (s < e && PY_SPACE.has(b[s] as number)) s++;
  while (e > s && PY_SPACE.has(b[e - 1] as number)) e--;
  let sign = 1;
  if (s < e && (b[s] === 0x2b || b[s] === 0x2d)) {
    sign = b[s] === 0x2d ? -1 : 1;
    s++;
  }
  if (s >= e) return null;
  let n = 0;
  for (let i = s; i < e; i++) {
    const d = hexDigit(b[i] as number);
    if (d < 0) return null;
    n = n * 16 + d;
  }
  n *= sign;
  return n >= 0 && n <= 255 ? n : null;
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * webob.compat.unquote: percent-decoding of bytes, split on every '%'; the
 * two bytes after each '%' are read with Python's `int(x, 16)` (see
 * `hexByte`), so '%4' at the end decodes to byte 4. An undecodable escape is
 * kept as written.
 *
 * NOTE(quirk): webob/compat.py unquote uses int(), not a hex-digit check.
 */
export function unquoteBytes(input: Buffer): Buffer {
  if (input.length === 0) return Buffer.alloc(0);
  const parts = splitBytes(input, 0x25);
  if (parts.length === 1) return input;
  const out: Buffer[] = [parts[0] as Buffer];
  for (const item of parts.slice(1)) {
    const n = hexByte(item.subarray(0, 2));
    if (n === null) out.push(Buffer.from('%'), item);
    else out.push(Buffer.from([n]), item.subarray(2));
  }
  return Buffer.concat(out);
}

function splitBytes(b: Buffer, sep: number): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === sep) {
      out.push(b.subarray(start, i));
      start = i + 1;
    }
  }
  out.push(b.subarray(start));
  return out;
}

/**
 * webob.compat.url_unquote: `unquote(s.encode('ascii')).decode('latin-1')`.
 * A character beyond ASCII raises UnicodeEncodeError (Request.blank fails).
 */
export function urlUnquote(s: string): string {
  return latin1Decode(unquoteBytes(asciiEncode(s)));
}

/**
 * webob.compat.parse_qsl_text on Python 3: the native query string as
 * latin-1 bytes, '+' to space first, split on '&' and ';', empty pieces
 * dropped, a piece without '=' has the value '', each name and value
 * percent-decoded then decoded with `encoding` (strict UTF-8: invalid bytes
 * raise UnicodeDecodeError; a character beyond U+00FF in the query raises
 * UnicodeEncodeError). Pairs are decoded lazily in Python, so the error
 * comes from the first bad pair; the result here is the same.
 */
export function parseQslText(qs: string): Array<[string, string]> {
  const bytes = Buffer.from(latin1Encode(qs).map((c) => (c === 0x2b ? 0x20 : c)));
  const out: Array<[string, string]> = [];
  for (const s1 of splitBytes(bytes, 0x26)) {
    for (const s2 of splitBytes(s1, 0x3b)) {
      if (s2.length === 0) continue;
      const eq = s2.indexOf(0x3d);
      const name = eq < 0 ? s2 : s2.subarray(0, eq);
      const value = eq < 0 ? Buffer.alloc(0) : s2.subarray(eq + 1);
      out.push([utf8Decode(unquoteBytes(name)), utf8Decode(unquoteBytes(value))]);
    }
  }
  return out;
}

const ALWAYS_SAFE = new Set([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~'].map((c) => c.charCodeAt(0)));

/** `urllib.parse.quote(bytes, safe)`: every byte outside the safe set as %XX (upper case). */
export function urlQuoteBytes(b: Buffer, safe = '/'): string {
  const safeSet = new Set(ALWAYS_SAFE);
  for (const c of safe) safeSet.add(c.charCodeAt(0));
  let out = '';
  for (const c of b) out += safeSet.has(c) ? String.fromCharCode(c) : '%' + c.toString(16).toUpperCase().padStart(2, '0');
  return out;
}

/** `urllib.parse.quote(str, safe)`: the text as UTF-8, then quoted. */
export function urlQuote(s: string, safe = '/'): string {
  return urlQuoteBytes(utf8Encode(s), safe);
}

/**
 * `html.escape(s, quote=True)` then `.encode('ascii', 'xmlcharrefreplace')`:
 * webob.util.html_escape. `None` is ''.
 */
export function htmlEscape(s: string | null | undefined): string {
  if (s === null || s === undefined) return '';
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&#x27;';
    else if (cp > 0x7f) out += `&#${cp};`;
    else out += ch;
  }
  return out;
}

/** Python's `str.strip()` with no argument: every character for which `isspace()` is true. */
export function pyStrip(s: string): string {
  return s.replace(/^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, '');
}

/** Python's `str.split()` with no argument: runs of whitespace separate, none at the ends. */
export function pySplit(s: string): string[] {
  const stripped = pyStrip(s);
  return stripped === '' ? [] : stripped.split(/[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/);
}

/**
 * The whitespace int() skips around digits: ASCII's (not \x1c-\x1f, which
 * str.strip() would remove) and Unicode's beyond ASCII (not U+FEFF, unlike
 * JavaScript's \s).
 */
const PY_WS = '\\t\\n\\v\\f\\r\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_STRIP = new RegExp(`^[${PY_WS}]+|[${PY_WS}]+$`, 'gu');
const ASCII_DIGITS = /^[0-9]+$/;
const ASCII_LETTER = /[A-Za-z]/;

/**
 * Python's `int(text)` for a str (base 10): surrounding whitespace, a sign,
 * single underscores between digits and any Unicode decimal digit are
 * accepted. Null where Python raises ValueError.
 */
export function pyIntOrNull(text: string): bigint | null {
  // Fast answers for the common cases (a status line, a Content-Length):
  // plain ASCII digits are that number, and no text holding an ASCII letter
  // is an int (only whitespace, a sign, digits and '_' are).
  if (ASCII_DIGITS.test(text)) return BigInt(text);
  if (ASCII_LETTER.test(text)) return null;
  const t = text.replace(PY_STRIP, '');
  const m = /^([+-]?)(\p{Nd}(?:_?\p{Nd})*)$/u.exec(t);
  if (m === null) return null;
  let digits = '';
  for (const ch of (m[2] as string).replace(/_/g, '')) digits += String(decimalValue(ch));
  const n = BigInt(digits);
  return m[1] === '-' ? -n : n;
}

/** The value of a Unicode decimal digit: Nd digits come in aligned runs of ten from their zero. */
function decimalValue(ch: string): number {
  const cp = ch.codePointAt(0) as number;
  let start = cp;
  while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** `int(text)` where Python would raise ValueError: "invalid literal for int() with base 10: 'x'". */
export function pyInt10(text: string): bigint {
  const n = pyIntOrNull(text);
  if (n === null) throw new ValueError(`invalid literal for int() with base 10: ${pyStringRepr(text)}`);
  return n;
}


/** `urllib.parse.quote_plus(bytes, safe='')`: spaces become '+'. */
export function quotePlusBytes(b: Buffer): string {
  return urlQuoteBytes(b, ' ').replace(/ /g, '+');
}

/** `urllib.parse.urlencode([(k.encode('utf8'), v.encode('utf8')), ...])`, as GetDict writes QUERY_STRING back. */
export function urlEncodePairs(pairs: Iterable<readonly [string, string]>): string {
  const out: string[] = [];
  for (const [k, v] of pairs) out.push(`${quotePlusBytes(utf8Encode(k))}=${quotePlusBytes(utf8Encode(v))}`);
  return out.join('&');
}

const UTF8_NAMES = new Set(['utf_8', 'utf8', 'u8', 'utf', 'utf8_ucs2', 'utf8_ucs4', 'cp65001']);
const LATIN1_NAMES = new Set(['latin_1', 'latin1', 'latin', 'l1', 'iso8859_1', 'iso_8859_1', '8859', 'cp819', 'iso_ir_100', 'csisolatin1', 'iso_8859_1_1987', 'ibm819']);
const ASCII_NAMES = new Set(['ascii', 'us_ascii', '646', 'us', 'ansi_x3.4_1968', 'ansi_x3_4_1968', 'ansi_x3.4_1986', 'cp367', 'csascii', 'ibm367', 'iso646_us', 'iso_646.irv_1991', 'iso_ir_6']);
/** Codecs CPython has that are not ported: decoding with them is NotImplementedError rather than a wrong text. */
const UNPORTED_CODEC = /^(utf_?16|utf_?32|utf_?7|cp\d+|windows_\d+|iso_?8859_\d+|koi8|mac|shift_?jis|euc|gb|big5|hz|iso2022|johab|ptcp|tis|kz|hp_roman|latin_?\d|l\d|idna|punycode|raw_unicode|unicode_escape|charmap)/;

/** `encodings.normalize_encoding` then lower case: the name CPython looks a codec up by. */
function codecKey(charset: string): string {
  return charset.toLowerCase().replace(/[^a-z0-9.]+/g, '_').replace(/^_+|_+$/g, '');
}

/**
 * `bytes.decode(charset)` (strict) for the codecs a request or response
 * names in practice: UTF-8, latin-1 and ASCII under CPython's aliases. A name
 * CPython does not know is LookupError "unknown encoding: x"; a codec CPython
 * has but the port does not is NotImplementedError.
 */
export function pyDecode(b: Buffer, charset: string): string {
  const key = codecKey(charset);
  if (UTF8_NAMES.has(key)) return utf8Decode(b);
  if (LATIN1_NAMES.has(key)) return latin1Decode(b);
  if (ASCII_NAMES.has(key)) {
    const bad = b.findIndex((c) => c > 0x7f);
    if (bad >= 0) throw new UnicodeDecodeError('ascii', b, bad, bad + 1, 'ordinal not in range(128)');
    return latin1Decode(b);
  }
  if (UNPORTED_CODEC.test(key)) throw new NotImplementedError_(`the ${charset} codec is not ported`);
  throw new LookupError(`unknown encoding: ${charset}`);
}

/** `text.encode(charset)` (strict) for the same codecs as pyDecode. */
export function pyEncode(text: string, charset: string): Buffer {
  const key = codecKey(charset);
  if (UTF8_NAMES.has(key)) return utf8Encode(text);
  if (LATIN1_NAMES.has(key)) return latin1Encode(text);
  if (ASCII_NAMES.has(key)) return asciiEncode(text);
  if (UNPORTED_CODEC.test(key)) throw new NotImplementedError_(`the ${charset} codec is not ported`);
  throw new LookupError(`unknown encoding: ${charset}`);
}

/** Python's LookupError (an unknown codec name). */
export class LookupError extends PyException {}
