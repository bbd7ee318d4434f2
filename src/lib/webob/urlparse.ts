/**
 * CPython 3.11's `urllib.parse.urljoin` (with the urlparse/urlunparse it
 * relies on), as webob makes a Location absolute and as `_HTTPMove` joins
 * its location onto the request URL.
 *
 * @see CPython Lib/urllib/parse.py
 */

const USES_RELATIVE = new Set(['', 'ftp', 'http', 'gopher', 'nntp', 'imap', 'wais', 'file', 'https', 'shttp', 'mms', 'prospero', 'rtsp', 'rtspu', 'sftp', 'svn', 'svn+ssh', 'ws', 'wss']);
const USES_NETLOC = new Set(['', 'ftp', 'http', 'gopher', 'nntp', 'telnet', 'imap', 'wais', 'file', 'mms', 'https', 'shttp', 'snews', 'prospero', 'rtsp', 'rtspu', 'rsync', 'svn', 'svn+ssh', 'sftp', 'nfs', 'git', 'git+ssh', 'ws', 'wss']);
const USES_PARAMS = new Set(['', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp', 'rtspu', 'sip', 'sips', 'mms', 'sftp', 'tel']);
const SCHEME_CHARS = /^[A-Za-z][A-Za-z0-9+\-.]*$/;

export interface ParsedUrl {
  scheme: string;
  netloc: string;
  path: string;
  params: string;
  query: string;
  fragment: string;
}

/** `urlsplit(url, scheme)`: tabs and newlines removed first, as CPython 3.11 does. */
export function urlsplit(input: string, defaultScheme = ''): Omit<ParsedUrl, 'params'> {
  let url = input.replace(/[\t\r\n]/g, '');
  let scheme = defaultScheme;
  const i = url.indexOf(':');
  if (i > 0 && SCHEME_CHARS.test(url.slice(0, i))) {
    scheme = url.slice(0, i).toLowerCase();
    url = url.slice(i + 1);
  }
  let netloc = '';
  if (url.startsWith('//')) {
    let delim = url.length;
    for (const c of '/?#') {
      const w = url.indexOf(c, 2);
      if (w >= 0) delim = Math.min(delim, w);
    }
    netloc = url.slice(2, delim);
    url = url.slice(delim);
  }
  let fragment = '';
  let query = '';
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

/** `urlparse(url, scheme)`: urlsplit plus the `;params` of the last path segment. */
export function urlparse(url: string, defaultScheme = ''): ParsedUrl {
  const s = urlsplit(url, defaultScheme);
  let path = s.path;
  let params = '';
  if (USES_PARAMS.has(s.scheme) && path.includes(';')) {
    const slash = path.lastIndexOf('/');
    const semi = slash >= 0 ? path.indexOf(';', slash) : path.indexOf(';');
    if (semi >= 0) {
      params = path.slice(semi + 1);
      path = path.slice(0, semi);
    }
  }
  return { ...s, path, params };
}

export function urlunsplit(scheme: string, netloc: string, path: string, query: string, fragment: string): string {
  let url = path;
  if (netloc || (scheme && USES_NETLOC.has(scheme) && url.slice(0, 2) !== '//')) {
    if (url && url[0] !== '/') url = '/' + url;
    url = '//' + netloc + url;
  }
  if (scheme) url = scheme + ':' + url;
  if (query) url += '?' + query;
  if (fragment) url += '#' + fragment;
  return url;
}

export function urlunparse(p: ParsedUrl): string {
  const path = p.params ? `${p.path};${p.params}` : p.path;
  return urlunsplit(p.scheme, p.netloc, path, p.query, p.fragment);
}

/** `urllib.parse.urljoin(base, url)`. */
export function urljoin(base: string, url: string): string {
  if (!base) return url;
  if (!url) return base;
  const b = urlparse(base);
  const u = urlparse(url, b.scheme);
  if (u.scheme !== b.scheme || !USES_RELATIVE.has(u.scheme)) return url;
  let netloc = u.netloc;
  if (USES_NETLOC.has(u.scheme)) {
    if (netloc) return urlunparse(u);
    netloc = b.netloc;
  }
  if (!u.path && !u.params) {
    return urlunparse({ ...u, netloc, path: b.path, params: b.params, query: u.query || b.query });
  }
  const baseParts = b.path.split('/');
  if (baseParts[baseParts.length - 1] !== '') baseParts.pop();
  let segments: string[];
  if (u.path.startsWith('/')) segments = u.path.split('/');
  else {
    segments = [...baseParts, ...u.path.split('/')];
    // Empty inner segments would double the slashes when joined again.
    if (segments.length >= 2) {
      segments = [segments[0] as string, ...segments.slice(1, -1).filter((s) => s !== ''), segments[segments.length - 1] as string];
    }
  }
  const resolved: string[] = [];
  for (const seg of segments) {
    if (seg === '..') resolved.pop();
    else if (seg !== '.') resolved.push(seg);
  }
  const last = segments[segments.length - 1];
  if (last === '.' || last === '..') resolved.push('');
  return urlunparse({ ...u, netloc, path: resolved.join('/') || '/' });
}
