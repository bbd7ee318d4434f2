/**
 * The parts of CPython 3.11's urllib.parse that jsonschema's ref
 * resolution goes through: `urlsplit`/`urlunsplit` (the store's URI
 * normalisation), `urljoin` (scopes and refs), `urldefrag` and `unquote`
 * (JSON pointers in fragments). Ported from Lib/urllib/parse.py, params
 * (`;`) handling included, so that refs resolve to the same URLs.
 */
import { TypeError_, pyTypeName } from '../python.js';

const USES_RELATIVE = new Set(['', 'ftp', 'http', 'gopher', 'nntp', 'imap', 'wais', 'file', 'https', 'shttp', 'mms', 'prospero', 'rtsp', 'rtspu', 'sftp', 'svn', 'svn+ssh', 'ws', 'wss']);
const USES_NETLOC = new Set(['', 'ftp', 'http', 'gopher', 'nntp', 'telnet', 'imap', 'wais', 'file', 'mms', 'https', 'shttp', 'snews', 'prospero', 'rtsp', 'rtspu', 'rsync', 'svn', 'svn+ssh', 'sftp', 'nfs', 'git', 'git+ssh', 'ws', 'wss']);
const USES_PARAMS = new Set(['', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp', 'rtspu', 'sip', 'sips', 'mms', 'sftp', 'tel']);
const SCHEME_CHARS = /^[a-zA-Z0-9+\-.]+$/;

export interface SplitResult {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
  fragment: string;
}

interface ParseResult extends SplitResult {
  params: string;
}

function requireStr(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError_(`Cannot mix str and non-str arguments (got ${pyTypeName(value)})`);
  return value;
}

/** `urllib.parse.urlsplit(url, scheme)`. */
export function urlsplit(input: unknown, defaultScheme = ''): SplitResult {
  let url = requireStr(input).replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  let scheme = defaultScheme;
  let netloc = '';
  let query = '';
  let fragment = '';
  const i = url.indexOf(':');
  if (i > 0 && /^[a-zA-Z]/.test(url) && SCHEME_CHARS.test(url.slice(0, i))) {
    scheme = url.slice(0, i).toLowerCase();
    url = url.slice(i + 1);
  }
  if (url.startsWith('//')) {
    let delim = url.length;
    for (const c of '/?#') {
      const w = url.indexOf(c, 2);
      if (w >= 0) delim = Math.min(delim, w);
    }
    netloc = url.slice(2, delim);
    url = url.slice(delim);
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
  return { scheme, netloc, path: url, query, fragment };
}

/** `urllib.parse.urlunsplit(parts)`. */
export function urlunsplit({ scheme, netloc, path, query, fragment }: SplitResult): string {
  let url = path;
  if (netloc || (scheme && USES_NETLOC.has(scheme) && !url.startsWith('//'))) {
    if (url && !url.startsWith('/')) url = '/' + url;
    url = '//' + netloc + url;
  }
  if (scheme) url = scheme + ':' + url;
  if (query) url = url + '?' + query;
  if (fragment) url = url + '#' + fragment;
  return url;
}

function urlparse(url: string, scheme = ''): ParseResult {
  const s = urlsplit(url, scheme);
  let params = '';
  if (USES_PARAMS.has(s.scheme) && s.path.includes(';')) {
    const slash = s.path.lastIndexOf('/');
    const semi = s.path.indexOf(';', slash < 0 ? 0 : slash);
    if (semi >= 0) {
      params = s.path.slice(semi + 1);
      s.path = s.path.slice(0, semi);
    }
  }
  return { ...s, params };
}

function urlunparse(p: ParseResult): string {
  return urlunsplit({ ...p, path: p.params ? `${p.path};${p.params}` : p.path });
}

/**
 * Joined URLs by (base, url): urljoin is a pure function of two strings,
 * and the resolver joins the same few scopes for every subschema it enters
 * (it was a third of a meta-schema check).
 */
const joined = new Map<string, Map<string, string>>();
let joinedCount = 0;
const JOINED_MAX = 4096;

/** `urllib.parse.urljoin(base, url)`. */
export function urljoin(baseInput: unknown, urlInput: unknown): string {
  const base = requireStr(baseInput);
  const url = requireStr(urlInput);
  let byUrl = joined.get(base);
  let result = byUrl?.get(url);
  if (result === undefined) {
    result = join(base, url);
    if (joinedCount >= JOINED_MAX) {
      joined.clear();
      joinedCount = 0;
      byUrl = undefined;
    }
    if (byUrl === undefined) joined.set(base, (byUrl = new Map()));
    byUrl.set(url, result);
    joinedCount++;
  }
  return result;
}

function join(base: string, url: string): string {
  if (!base) return url;
  if (!url) return base;
  const b = urlparse(base);
  const u = urlparse(url, b.scheme);
  const { scheme } = u;
  let { netloc, path, params, query } = u;
  if (scheme !== b.scheme || !USES_RELATIVE.has(scheme)) return url;
  if (USES_NETLOC.has(scheme)) {
    if (netloc) return urlunparse({ scheme, netloc, path, params, query, fragment: u.fragment });
    netloc = b.netloc;
  }
  if (!path && !params) {
    path = b.path;
    params = b.params;
    if (!query) query = b.query;
    return urlunparse({ scheme, netloc, path, params, query, fragment: u.fragment });
  }
  const baseParts = b.path.split('/');
  if (baseParts[baseParts.length - 1] !== '') baseParts.pop();
  let segments: string[];
  if (path.startsWith('/')) {
    segments = path.split('/');
  } else {
    segments = [...baseParts, ...path.split('/')];
    segments = [segments[0] as string, ...segments.slice(1, -1).filter((s) => s !== ''), ...(segments.length > 1 ? [segments[segments.length - 1] as string] : [])];
  }
  const resolved: string[] = [];
  for (const seg of segments) {
    if (seg === '..') resolved.pop();
    else if (seg !== '.') resolved.push(seg);
  }
  const last = segments[segments.length - 1];
  if (last === '.' || last === '..') resolved.push('');
  return urlunparse({ scheme, netloc, path: resolved.join('/') || '/', params, query, fragment: u.fragment });
}

/** `urllib.parse.urldefrag(url)`: [url without fragment, fragment]. */
export function urldefrag(url: string): [string, string] {
  if (!url.includes('#')) return [url, ''];
  const p = urlparse(url);
  return [urlunparse({ ...p, fragment: '' }), p.fragment];
}

/** `urllib.parse.unquote(s)`: %XX runs decoded as UTF-8, invalid bytes replaced. */
export function unquote(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split('%'), (h) => parseInt(h, 16));
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  });
}

/** jsonschema's URIDict key: `urlsplit(uri).geturl()`. */
export function normalizeUri(uri: unknown): string {
  return urlunsplit(urlsplit(uri));
}
