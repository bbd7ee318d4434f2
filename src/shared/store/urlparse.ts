/**
 * CPython 3.11's `urllib.parse.urlparse` (the Debian copy the oracle runs,
 * with its security backports), as glance_store and Glance use it to pick
 * a store by scheme and to parse http and file locations. Differences in
 * how a URL splits decide which error a location gets, so the algorithm
 * is followed step by step rather than replaced by WHATWG `URL`.
 */
import { AttributeError, ValueError, pyStringRepr, pyTruthy, pyTypeName } from '../../lib/python.js';

export interface ParseResult {
  readonly scheme: string;
  readonly netloc: string;
  readonly path: string;
  readonly params: string;
  readonly query: string;
  readonly fragment: string;
}

const SCHEME_CHARS = /^[A-Za-z0-9+\-.]+$/;
// _WHATWG_C0_CONTROL_OR_SPACE: stripped from the start of every URL.
const LEADING_C0_OR_SPACE = /^[\x00-\x20]+/;
const UNSAFE_BYTES = /[\t\r\n]/g;
const USES_PARAMS = new Set(['', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp', 'rtspu', 'sip', 'sips', 'mms', 'sftp', 'tel']);

/**
 * `_coerce_args` for the values Glance hands over: text as is, a falsy
 * non-text value as empty (Python then returns empty bytes fields), anything
 * else fails while being decoded.
 */
function coerce(input: unknown): string {
  if (typeof input === 'string') return input;
  if (!pyTruthy(input)) return '';
  throw new AttributeError(`'${pyTypeName(input)}' object has no attribute 'decode'`);
}

/** `urllib.parse.urlsplit(url)`; raises ValueError as CPython does. */
export function urlsplit(input: unknown): Omit<ParseResult, 'params'> {
  let url = coerce(input).replace(LEADING_C0_OR_SPACE, '').replace(UNSAFE_BYTES, '');
  let scheme = '';
  let netloc = '';
  let query = '';
  let fragment = '';
  const i = url.indexOf(':');
  if (i > 0 && /^[A-Za-z]/.test(url) && SCHEME_CHARS.test(url.slice(0, i))) {
    scheme = url.slice(0, i).toLowerCase();
    url = url.slice(i + 1);
  }
  if (url.startsWith('//')) {
    [netloc, url] = splitNetloc(url, 2);
    const open = netloc.includes('[');
    const close = netloc.includes(']');
    if (open !== close) throw new ValueError('Invalid IPv6 URL');
    if (open && close) checkBracketedNetloc(netloc);
  }
  const hash = url.indexOf('#');
  if (hash >= 0) {
    fragment = url.slice(hash + 1);
    url = url.slice(0, hash);
  }
  const q = url.indexOf('?');
  if (q >= 0) {
    query = url.slice(q + 1);
    url = url.slice(0, q);
  }
  checkNetloc(netloc);
  return { scheme, netloc, path: url, query, fragment };
}

/** `urllib.parse.urlparse(url)`: urlsplit plus `;params` for some schemes. */
export function urlparse(input: unknown): ParseResult {
  const split = urlsplit(input);
  let path = split.path;
  let params = '';
  if (USES_PARAMS.has(split.scheme) && path.includes(';')) [path, params] = splitParams(path);
  return { ...split, path, params };
}

/** `ParseResult.hostname`: the host lower-cased (zone id kept), or null. */
export function hostnameOf(netloc: string): string | null {
  const hostname = hostInfo(netloc);
  if (!hostname) return null;
  const [host, percent, zone] = partition(hostname, '%');
  return host.toLowerCase() + percent + zone;
}

function hostInfo(netloc: string): string {
  const hostinfo = rpartition(netloc, '@')[2];
  const [, openBracket, bracketed] = partition(hostinfo, '[');
  if (openBracket) return partition(bracketed, ']')[0];
  return partition(hostinfo, ':')[0];
}

function splitNetloc(url: string, start: number): [string, string] {
  let delim = url.length;
  for (const c of '/?#') {
    const w = url.indexOf(c, start);
    if (w >= 0) delim = Math.min(delim, w);
  }
  return [url.slice(start, delim), url.slice(delim)];
}

function splitParams(url: string): [string, string] {
  let i: number;
  if (url.includes('/')) {
    i = url.indexOf(';', url.lastIndexOf('/'));
    if (i < 0) return [url, ''];
  } else {
    i = url.indexOf(';');
  }
  return [url.slice(0, i), url.slice(i + 1)];
}

// Characters such as U+2100 that NFKC-normalise into URL delimiters.
function checkNetloc(netloc: string): void {
  if (!netloc || /^[\x00-\x7f]*$/.test(netloc)) return;
  const n = netloc.replace(/[@:#?]/g, '');
  const normalised = n.normalize('NFKC');
  if (n === normalised) return;
  for (const c of '/?#@:') {
    if (normalised.includes(c)) {
      throw new ValueError(`netloc ${pyStringRepr(netloc)} contains invalid characters under NFKC normalization`);
    }
  }
}

function checkBracketedNetloc(netloc: string): void {
  const hostAndPort = rpartition(netloc, '@')[2];
  const [before, openBracket, bracketed] = partition(hostAndPort, '[');
  let hostname: string;
  if (openBracket) {
    if (before) throw new ValueError('Invalid IPv6 URL');
    let port: string;
    [hostname, , port] = partition(bracketed, ']');
    if (port && !port.startsWith(':')) throw new ValueError('Invalid IPv6 URL');
  } else {
    hostname = partition(hostAndPort, ':')[0];
  }
  checkBracketedHost(hostname);
}

function checkBracketedHost(hostname: string): void {
  if (hostname.startsWith('v')) {
    if (!/^v[a-fA-F0-9]+\.[^\n]+$/.test(hostname)) {
      throw new ValueError('IPvFuture address is invalid');
    }
    return;
  }
  if (isIPv4(hostname)) throw new ValueError('An IPv4 address cannot be in brackets');
  if (!isIPv6(hostname)) {
    throw new ValueError(`${pyStringRepr(hostname)} does not appear to be an IPv4 or IPv6 address`);
  }
}

/** `ipaddress.IPv4Address` acceptance: four decimal octets, no leading zeros. */
export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p.startsWith('0')));
}

/** `ipaddress.IPv6Address` acceptance (CPython's _ip_int_from_string), scope id included. */
export function isIPv6(input: string): boolean {
  const [addr, percent, scope] = partition(input, '%');
  if (percent && (!scope || scope.includes('%'))) return false;
  if (addr.includes('/')) return false;
  const parts = addr.split(':');
  if (parts.length < 3) return false;
  const last = parts[parts.length - 1] as string;
  if (last.includes('.')) {
    if (!isIPv4(last)) return false;
    parts.splice(parts.length - 1, 1, '0', '0');
  }
  if (parts.length > 9) return false;
  const span = hextetSpan(parts);
  if (span === null) return false;
  const [hi, lo] = span;
  return parts.slice(0, hi).every(isHextet) && parts.slice(parts.length - lo).every(isHextet);
}

/** How many hextets come before and after the `::`, or null when malformed. */
function hextetSpan(parts: string[]): [number, number] | null {
  let skip: number | null = null;
  for (let i = 1; i < parts.length - 1; i++) {
    if (parts[i] !== '') continue;
    if (skip !== null) return null;
    skip = i;
  }
  if (skip === null) {
    if (parts.length !== 8 || parts[0] === '' || parts[7] === '') return null;
    return [8, 0];
  }
  let hi = skip;
  let lo = parts.length - skip - 1;
  if (parts[0] === '' && --hi !== 0) return null;
  if (parts[parts.length - 1] === '' && --lo !== 0) return null;
  return 8 - (hi + lo) < 1 ? null : [hi, lo];
}

function isHextet(p: string): boolean {
  return /^[0-9A-Fa-f]{1,4}$/.test(p);
}

/** Python's `str.partition`. */
export function partition(s: string, sep: string): [string, string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, '', ''] : [s.slice(0, i), sep, s.slice(i + sep.length)];
}

/** Python's `str.rpartition`. */
export function rpartition(s: string, sep: string): [string, string, string] {
  const i = s.lastIndexOf(sep);
  return i < 0 ? ['', '', s] : [s.slice(0, i), sep, s.slice(i + sep.length)];
}
