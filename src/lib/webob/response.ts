/**
 * webob.Response (1.8.6): status, headerlist, body / app_iter, the header
 * attributes Glance's serializers set, and the WSGI call that serves it.
 *
 * Defaults of `new Response()`: status '200 OK', headerlist
 * `[['Content-Type', 'text/html; charset=UTF-8'], ['Content-Length', '0']]`,
 * body b''. The constructor adds a Content-Type (with `; charset=UTF-8` only
 * for text/*, application/xml and *+xml types) unless a headerlist is given
 * or the status has no body (1xx, 204, 205, 304).
 *
 * Setting `content_type` drops its parameters and adds `; charset=UTF-8` to
 * texty types: `application/json` stays bare, `text/plain` becomes
 * `text/plain; charset=UTF-8`. Setting `body` sets Content-Length and, when a
 * body was there before, removes Content-MD5. Setting `app_iter` removes
 * Content-Length (a download sets it again after).
 *
 * Served (`call`), the Location header is made absolute against the request
 * URL (`_abs_headerlist`) and a HEAD request gets no body.
 *
 * Not ported: cookies, cache_control, conditional_response_app (Glance never
 * turns conditional responses on), encode_content/gzip, etag parsing.
 *
 * @see webob/response.py
 */
import { AttributeError, IndexError, NotImplementedError_, PyException, TypeError_, ValueError, pyTypeName } from '../python.js';
import { compile } from '../pyre.js';
import { latin1Encode, pyDecode, pyEncode, pyInt10, pyIntOrNull, pySplit, pyStrip, urlQuoteBytes, utf8Decode } from './compat.js';
import { urljoin } from './urlparse.js';
import { ResponseHeaders } from './headers.js';
import { STATUS_REASONS, statusLineFor } from './util.js';
import { envGet, iterClose, type AppIter, type Environ, type Headerlist, type StartResponse, type WsgiCallable } from './wsgi.js';
import { createHash } from 'node:crypto';

/** webob.descriptors.CHARSET_RE: `;\s*charset=([^;]*)`, case-insensitive (Python's \s and case folding). */
export const CHARSET_RE = compile(';\\s*charset=([^;]*)', 2);
/** webob.descriptors.SCHEME_RE: `^[a-z]+:`, case-insensitive. */
export const SCHEME_RE = compile('^[a-z]+:', 2);

/** Constructor arguments (Python keywords). `charset` absent is webob's `_marker` (not given). */
export interface ResponseInit {
  readonly body?: Buffer | string | null;
  readonly status?: string | number | null;
  readonly headerlist?: Headerlist | null;
  readonly app_iter?: AppIter | null;
  readonly content_type?: string | null;
  readonly conditional_response?: boolean | null;
  readonly charset?: string | null;
  readonly json_body?: unknown;
  /** Stored, unused by webob (as `Response(request=req)` in Glance). */
  readonly request?: unknown;
  readonly environ?: unknown;
  readonly location?: string | null;
  readonly content_md5?: string | null;
  readonly content_length?: number | null;
}

/** Is this content type one webob adds a charset to (text/*, application/xml, application/*+xml, image/*+xml)? */
export function contentTypeHasCharset(contentType: string): boolean {
  return contentType.startsWith('text/') || isXml(contentType);
}

function isXml(ct: string): boolean {
  return (
    ct.startsWith('application/xml') ||
    (ct.startsWith('application/') && ct.endsWith('+xml')) ||
    (ct.startsWith('image/') && ct.endsWith('+xml'))
  );
}

/** Python's `isinstance(app_iter, list)`: arrays are the lists here. */
function isList(x: unknown): x is Buffer[] {
  return Array.isArray(x);
}

export class Response implements WsgiCallable {
  static defaultContentType: string | null = 'text/html';
  static defaultCharset: string | null = 'UTF-8';
  static defaultBodyEncoding = 'UTF-8';

  request: unknown = null;
  environ: unknown = null;
  conditional_response: boolean;
  protected _status = '200 OK';
  protected _headerlist: Headerlist;
  protected _headers: ResponseHeaders | null = null;
  protected _app_iter: AppIter | null;

  constructor(init: ResponseInit = {}) {
    const cls = this.constructor as typeof Response;
    let body = init.body ?? null;
    let contentType = init.content_type ?? null;
    if (init.app_iter == null && body === null && init.json_body !== undefined) {
      body = Buffer.from(JSON.stringify(init.json_body), 'utf8');
      if (contentType === null) contentType = 'application/json';
    }
    let appIter: AppIter | null = init.app_iter ?? null;
    if (appIter === null) {
      if (body === null) body = Buffer.alloc(0);
    } else if (body !== null) {
      throw new TypeError_('You may only give one of the body and app_iter arguments');
    }
    if (init.status !== undefined && init.status !== null) this.status = init.status;
    const headerlistGiven = init.headerlist !== undefined && init.headerlist !== null;
    this._headerlist = headerlistGiven ? (init.headerlist as Headerlist) : [];
    const charsetGiven = init.charset !== undefined;
    let encoding: string | null = charsetGiven ? (init.charset as string | null) : null;
    const codeHasBody = this._status[0] !== '1' && !['204', '205', '304'].includes(this._status.slice(0, 3));
    contentType = contentType || cls.defaultContentType;
    if (!headerlistGiven && codeHasBody && contentType) {
      const hasCharset = contentType.includes('charset=');
      if (hasCharset) encoding = null;
      let newCharset = encoding;
      if (!hasCharset && !charsetGiven && cls.defaultCharset) newCharset = cls.defaultCharset;
      if (newCharset && (contentType === 'text/html' || contentTypeHasCharset(contentType))) contentType += '; charset=' + newCharset;
      this._headerlist.push(['Content-Type', contentType]);
    }
    this.conditional_response = Boolean(init.conditional_response ?? false);
    if (appIter === null && codeHasBody) {
      let bytes: Buffer;
      if (typeof body === 'string') {
        const enc = encoding || this.charset;
        if (!enc) throw new TypeError_('You cannot set the body to a text value without a charset');
        bytes = encodeText(body, enc);
      } else bytes = body as Buffer;
      appIter = [bytes];
      if (headerlistGiven) {
        const kept = this._headerlist.filter(([k]) => k.toLowerCase() !== 'content-length');
        this._headerlist.length = 0;
        this._headerlist.push(...kept);
      }
      this._headerlist.push(['Content-Length', String(bytes.length)]);
    } else if (appIter === null) {
      appIter = [Buffer.alloc(0)];
    }
    this._app_iter = appIter;
    if (init.request !== undefined) this.request = init.request;
    if (init.environ !== undefined) this.environ = init.environ;
    if (init.location !== undefined) this.location = init.location;
    if (init.content_md5 !== undefined) this.content_md5 = init.content_md5;
    if (init.content_length !== undefined) this.content_length = init.content_length;
  }

  // ------------------------------------------------------------- status

  /** The status line text: '200 OK'. */
  get status(): string {
    return this._status;
  }
  /** An int (or int-like text) gets webob's reason phrase; otherwise the text must start with an integer. */
  set status(value: string | number) {
    if (typeof value === 'number') {
      this.status_code = value;
      return;
    }
    const asInt = pyIntOrUndefined(value);
    if (asInt !== undefined) {
      this.status_code = asInt;
      return;
    }
    const first = pySplit(value)[0];
    if (first === undefined) throw new IndexError('list index out of range');
    if (pyIntOrUndefined(first) === undefined) throw new ValueError('Invalid status code, integer required.');
    this._status = value;
  }

  get status_code(): number {
    return Number(pyInt10(pySplit(this._status)[0] ?? ''));
  }
  set status_code(code: number) {
    this._status = statusLineFor(code);
  }
  get status_int(): number {
    return this.status_code;
  }
  set status_int(code: number) {
    this.status_code = code;
  }

  // ------------------------------------------------------------ headers

  get headerlist(): Headerlist {
    return this._headerlist;
  }
  set headerlist(value: Headerlist) {
    this._headers = null;
    this._headerlist = value;
  }

  /** A case-insensitive view on the headerlist. */
  get headers(): ResponseHeaders {
    if (this._headers === null) this._headers = ResponseHeaders.view(this._headerlist);
    return this._headers;
  }
  set headers(value: Headerlist | Readonly<Record<string, string>>) {
    this.headerlist = Array.isArray(value) ? (value as Headerlist) : Object.entries(value);
    this._headers = null;
  }

  /** header_getter: the first field of that name (case-insensitive), or null. */
  protected getHeader(name: string): string | null {
    const key = name.toLowerCase();
    for (const [k, v] of this._headerlist) if (k.toLowerCase() === key) return v;
    return null;
  }

  /** header_getter's setter: removes every field of that name, then appends one (null: only removes). */
  protected setHeader(name: string, value: string | null): void {
    this.deleteHeader(name);
    if (value !== null) {
      if (value.includes('\n') || value.includes('\r')) throw new ValueError('Header value may not contain control characters');
      this._headerlist.push([name, value]);
    }
  }

  protected deleteHeader(name: string): void {
    const key = name.toLowerCase();
    const kept = this._headerlist.filter(([k]) => k.toLowerCase() !== key);
    this._headerlist.length = 0;
    this._headerlist.push(...kept);
  }

  /** Content-Length as an int (ValueError on a non-integer header), null when absent. */
  get content_length(): number | null {
    const v = this.getHeader('Content-Length');
    if (v === null || v === '') return null;
    return Number(pyInt10(v));
  }
  set content_length(value: number | null) {
    this.setHeader('Content-Length', value === null ? null : String(value));
  }

  get location(): string | null {
    return this.getHeader('Location');
  }
  set location(value: string | null) {
    this.setHeader('Location', value);
  }

  get content_md5(): string | null {
    return this.getHeader('Content-MD5');
  }
  set content_md5(value: string | null) {
    this.setHeader('Content-MD5', value);
  }

  get content_encoding(): string | null {
    return this.getHeader('Content-Encoding');
  }
  set content_encoding(value: string | null) {
    this.setHeader('Content-Encoding', value);
  }

  get content_disposition(): string | null {
    return this.getHeader('Content-Disposition');
  }
  set content_disposition(value: string | null) {
    this.setHeader('Content-Disposition', value);
  }

  /** The Allow header as a tuple of methods (null when absent). */
  get allow(): string[] | null {
    return parseList(this.getHeader('Allow'));
  }
  set allow(value: string | readonly string[] | null) {
    this.setHeader('Allow', value === null ? null : typeof value === 'string' ? value : value.join(', '));
  }

  /** The Content-Type without parameters, or null. */
  get content_type(): string | null {
    const header = this.headers.get('Content-Type');
    if (!header) return null;
    return header.split(';', 1)[0] as string;
  }
  /**
   * Replaces the whole header (parameters dropped), adding
   * `; charset=UTF-8` to text/*, application/xml and *+xml types unless the
   * value names a charset. A falsy value deletes the header.
   */
  set content_type(value: string | null) {
    if (!value) {
      this.headers.pop('Content-Type', undefined);
      return;
    }
    let ct = value;
    const cls = this.constructor as typeof Response;
    if (!ct.includes('charset=') && cls.defaultCharset && (ct === 'text/html' || contentTypeHasCharset(ct))) {
      ct += '; charset=' + cls.defaultCharset;
    }
    this.headers.setItem('Content-Type', ct);
  }

  /** The parameters of the Content-Type (`_PARAM_RE` over what follows the first ';'). */
  get content_type_params(): Map<string, string> {
    const header = this.headers.get('Content-Type', '') as string;
    const result = new Map<string, string>();
    const semi = header.indexOf(';');
    if (semi < 0) return result;
    for (const m of header.slice(semi + 1).matchAll(/([a-z0-9]+)=(?:"([^"]*)"|([a-z0-9_.-]*))/gi)) {
      result.set(m[1] as string, m[2] || m[3] || '');
    }
    return result;
  }

  /** The charset parameter of the Content-Type, or null. */
  get charset(): string | null {
    const header = this.headers.get('Content-Type');
    if (!header) return null;
    const m = CHARSET_RE.search(header);
    return m === null ? null : m.group(1);
  }
  set charset(charset: string | null) {
    if (charset === null) {
      this.deleteCharset();
      return;
    }
    let header = this.headers.get('Content-Type');
    if (header === null) throw new AttributeError('You cannot set the charset when no content-type is defined');
    header = stripCharset(header);
    this.headers.setItem('Content-Type', header + `; charset=${charset}`);
  }

  private deleteCharset(): void {
    const header = this.headers.pop('Content-Type', undefined);
    if (header === undefined) return;
    this.headers.setItem('Content-Type', stripCharset(header));
  }

  // --------------------------------------------------------------- body

  /** The whole body, reading (and then keeping) the app_iter if need be. */
  get body(): Buffer {
    const appIter = this._app_iter;
    if (isList(appIter) && appIter.length === 1) return appIter[0] as Buffer;
    if (appIter === null) throw new AttributeError('No body has been set');
    let body: Buffer;
    try {
      body = Buffer.concat([...appIter].map((c) => chunkBytes(c)));
    } finally {
      iterClose(appIter);
    }
    this._app_iter = [body];
    if (body.length === 0) {
      // An empty body is taken for a HEAD response: Content-Length is left alone.
    } else if (this.content_length === null) {
      this.content_length = body.length;
    } else if (this.content_length !== body.length) {
      throw new AssertionError_(`Content-Length is different from actual app_iter length (${this.content_length}!=${body.length})`);
    }
    return body;
  }
  set body(value: Buffer) {
    if (!Buffer.isBuffer(value)) {
      throw new TypeError_(
        typeof value === 'string'
          ? 'You cannot set Response.body to a text object (use Response.text)'
          : `You can only set the body to a binary type (not ${pyTypeName(value)})`,
      );
    }
    if (this._app_iter !== null) this.content_md5 = null;
    this._app_iter = [value];
    this.content_length = value.length;
  }

  /** Whether there is a body, without reading a lazy app_iter. */
  get has_body(): boolean {
    const appIter = this._app_iter;
    if (isList(appIter) && appIter.length === 1) return (appIter[0] as Buffer).length > 0;
    return appIter !== null;
  }

  /** The body decoded with the charset (or UTF-8). */
  get text(): string {
    const enc = this.charset || (this.constructor as typeof Response).defaultBodyEncoding;
    return decodeText(this.body, enc);
  }
  set text(value: string) {
    if (typeof value !== 'string') throw new TypeError_(`You can only set Response.text to a unicode string (not ${pyTypeName(value)})`);
    const enc = this.charset || (this.constructor as typeof Response).defaultBodyEncoding;
    this.body = encodeText(value, enc);
  }

  /** Deprecated alias of `text`. */
  get unicode_body(): string {
    return this.text;
  }
  set unicode_body(value: string) {
    this.text = value;
  }

  get json_body(): unknown {
    return JSON.parse(utf8Decode(this.body));
  }

  get app_iter(): AppIter | null {
    return this._app_iter;
  }
  /** Replacing the app_iter drops Content-Length (it no longer describes the body). */
  set app_iter(value: AppIter | null) {
    if (this._app_iter !== null) this.content_length = null;
    this._app_iter = value;
  }
  deleteAppIter(): void {
    this._app_iter = [];
    this.content_length = null;
  }

  /** `resp.write(text)`: appends to the body (the app_iter becomes a list). */
  write(chunk: Buffer | string): void {
    let bytes: Buffer;
    if (Buffer.isBuffer(chunk)) bytes = chunk;
    else if (typeof chunk === 'string') {
      if (!this.charset) throw new TypeError_('You can only write text to Response if charset has been set');
      bytes = encodeText(chunk, this.charset);
    } else throw new TypeError_(`You can only write str to a Response.body_file, not ${pyTypeName(chunk)}`);
    const current = this._app_iter;
    let list: Buffer[];
    if (isList(current)) list = current;
    else {
      try {
        list = [...(current ?? [])].map((c) => chunkBytes(c));
      } finally {
        iterClose(current);
      }
      this._app_iter = list;
      this.content_length = list.reduce((n, c) => n + c.length, 0);
    }
    list.push(bytes);
    const len = this.content_length;
    if (len !== null) this.content_length = len + bytes.length;
  }

  /** `md5_etag(set_content_md5=True)`'s Content-MD5 part: base64 of the body's MD5. */
  md5Base64(body?: Buffer): string {
    return createHash('md5').update(body ?? this.body).digest('base64');
  }

  // --------------------------------------------------------------- WSGI

  /** The headerlist as served: a relative Location made absolute against the request URL. */
  absHeaderlist(environ: Environ): Headerlist {
    return this._headerlist.map(([k, v]) => (k.toLowerCase() !== 'location' ? [k, v] : [k, makeLocationAbsolute(environ, v)]));
  }

  /** WSGI: start_response(status, absolute headerlist), the app_iter back (nothing for HEAD). */
  call(environ: Environ, startResponse: StartResponse): AppIter {
    if (this.conditional_response) throw new NotImplementedError_('conditional_response_app is not ported (Glance never turns it on)');
    const headerlist = this.absHeaderlist(environ);
    startResponse(this._status, headerlist);
    if (environ['REQUEST_METHOD'] === 'HEAD') return new EmptyResponse(this._app_iter);
    return this._app_iter ?? [];
  }

  toPyRepr(): string {
    return `<${this.constructor.name} at 0x0 ${this._status}>`;
  }
}

/** The iterable a HEAD request gets: empty, closing the real app_iter when closed. */
export class EmptyResponse implements Iterable<Buffer> {
  readonly close?: () => void;
  constructor(appIter?: AppIter | null) {
    const close = (appIter as { close?: unknown } | null | undefined)?.close;
    if (typeof close === 'function') this.close = () => (close as () => void).call(appIter);
  }
  *[Symbol.iterator](): Iterator<Buffer> {
    // Nothing to send.
  }
}

/** `Response._make_location_absolute`: a value with a scheme stays, anything else is joined onto the request URI. */
export function makeLocationAbsolute(environ: Environ, value: string): string {
  if (SCHEME_RE.search(value) !== null) return value;
  return urljoin(requestUri(environ), value);
}

/**
 * webob.response._request_uri: like wsgiref's request_uri without ':80'
 * (or ':443' for https), SCRIPT_NAME and PATH_INFO quoted from their latin-1
 * bytes; without SCRIPT_NAME the path's first character is dropped.
 */
export function requestUri(environ: Environ): string {
  const scheme = String(environ['wsgi.url_scheme']);
  let url = scheme + '://';
  const host = envGet<string>(environ, 'HTTP_HOST');
  if (host) url += host;
  else url += `${String(environ['SERVER_NAME'])}:${String(environ['SERVER_PORT'])}`;
  if (url.endsWith(':80') && scheme === 'http') url = url.slice(0, -3);
  else if (url.endsWith(':443') && scheme === 'https') url = url.slice(0, -4);
  const scriptName = latin1Encode(envGet<string>(environ, 'SCRIPT_NAME', '/') as string);
  const pathInfo = latin1Encode(envGet<string>(environ, 'PATH_INFO', '') as string);
  url += urlQuoteBytes(scriptName);
  const qpath = urlQuoteBytes(pathInfo);
  url += Object.prototype.hasOwnProperty.call(environ, 'SCRIPT_NAME') ? qpath : qpath.slice(1);
  return url;
}

function stripCharset(header: string): string {
  const m = CHARSET_RE.search(header);
  if (m === null) return header;
  const [s, e] = m.span();
  const chars = [...header];
  return chars.slice(0, s).join('') + chars.slice(e).join('');
}

function parseList(value: string | null): string[] | null {
  if (!value) return null;
  return value
    .split(',')
    .map((v) => pyStrip(v))
    .filter((v) => v !== '');
}

function chunkBytes(c: unknown): Buffer {
  if (Buffer.isBuffer(c)) return c;
  if (c instanceof Uint8Array) return Buffer.from(c);
  throw new TypeError_(`An item of the app_iter was text, causing a text body: ${String(c)}`);
}

function pyIntOrUndefined(s: string): number | undefined {
  const n = pyIntOrNull(s);
  return n === null ? undefined : Number(n);
}

/** `text.encode(charset)`. */
export function encodeText(text: string, charset: string): Buffer {
  return pyEncode(text, charset);
}

function decodeText(body: Buffer, charset: string): string {
  return pyDecode(body, charset);
}

/** Python's AssertionError. */
export class AssertionError_ extends PyException {
  override get pyName(): string {
    return 'AssertionError';
  }
}

export { LookupError } from './compat.js';

/** The reason phrase webob gives a code ('Not Found'), if it knows one. */
export function reasonFor(code: number): string | undefined {
  return STATUS_REASONS.get(code);
}
