/**
 * webob.Request (1.8.6) over a WSGI environ: what Glance and a router read.
 *
 * URL parts: `method`, `script_name` / `path_info` (the environ's latin-1
 * text decoded as UTF-8: invalid UTF-8 raises UnicodeDecodeError),
 * `query_string`, `host`, `host_url`, `application_url`, `path_url`,
 * `path`, `path_qs`, `url` (quoted back with webob's PATH_SAFE).
 *
 * Parameters: `GET` parses QUERY_STRING with webob.compat.parse_qsl_text
 * (blank values kept, '+' as space, ';' separates too, strict UTF-8: a bad
 * escape such as '%ff' raises UnicodeDecodeError, a character beyond U+00FF
 * in the query raises UnicodeEncodeError; `%4` alone is byte 4). `POST`
 * parses an urlencoded or multipart form body as cgi.FieldStorage does
 * (UTF-8 with replacement characters; multipart.ts), a POST without
 * Content-Type as urlencoded, nothing for GET and HEAD; any other request
 * gets NoVars. `params` is both.
 *
 * Body: `content_type` (no parameters), `charset`, `content_length`,
 * `body` (bytes; reading makes the input seekable), `body_file`,
 * `is_body_readable`, `text`, `json_body` (Python's json.loads, src/lib/pyjson.ts).
 *
 * Negotiation: `accept` / `accept_language` (acceptparse objects, parsed on
 * every read as webob does).
 *
 * `get_response(app)` / `send(app)` call the application and wrap what it
 * started into a Response (headerlist as given, app_iter kept lazy unless the
 * app wrote through `write`).
 *
 * Python's ad-hoc attributes (`req.response = ...`, `req.context = ...`,
 * stored in `environ['webob.adhoc_attrs']`) are `getAttr` / `setAttr`.
 *
 * Not ported (Glance's v2 code never reaches them): cookies, `copy`,
 * `decode` (charset transcoding), conditional-request headers, `Request.blank`'s
 * `base_url` and `POST` arguments, tempfiles for large bodies.
 *
 * @see webob/request.py
 */
import { AttributeError, PyException, TypeError_, pyTypeName } from '../python.js';
import { latin1Decode, latin1Encode, parseQslText, pyDecode, pyIntOrNull, pyStrip, urlQuoteBytes, utf8Decode, utf8Encode } from './compat.js';
import { createAcceptHeader, createAcceptLanguageHeader, type Accept, type AcceptLanguage } from './acceptparse.js';
import { environFromUrl } from './environ.js';
import { EnvironHeaders } from './headers.js';
import { BytesIO, DisconnectionError, LimitedLengthFile, type PyFileLike } from './io.js';
import { GetDict, MultiDict, NestedMultiDict, NoVars } from './multidict.js';
import { multipartFields } from './multipart.js';
import { CHARSET_RE, Response } from './response.js';
import { urljoin } from './urlparse.js';
import { pyJsonLoads, type PyJson } from '../pyjson.js';
import { callApp, envDelete, envGet, envHas, type AppIter, type Environ, type Headerlist, type WsgiApp } from './wsgi.js';

/** Characters `url_quote` leaves alone in paths (webob's PATH_SAFE). */
export const PATH_SAFE = "/~!$&'()*+,;=:@";

/** Keyword arguments of Request(...) / Request.blank(...). */
export interface RequestOptions {
  readonly method?: string;
  readonly content_type?: string | null;
  readonly body?: Buffer | null;
  readonly headers?: Iterable<readonly [string, string]> | Readonly<Record<string, string>>;
  readonly environ?: Readonly<Record<string, unknown>>;
}

/** Python's DeprecationWarning, which webob raises for a form posted in a charset other than UTF-8. */
export class DeprecationWarning extends PyException {}

function isUtf8(charset: string | null): boolean {
  return !charset || charset.toLowerCase().replace(/-/g, '') === 'utf8';
}

/** `detect_charset(content_type)`: the charset parameter, quotes and spaces stripped. */
export function detectCharset(contentType: string): string | null {
  const m = CHARSET_RE.search(contentType);
  if (m === null) return null;
  return pyStrip((m.group(1) as string).replace(/^"+|"+$/g, ''));
}

export class Request {
  /** The Response class `send` builds (Python's `ResponseClass`). */
  static ResponseClass: typeof Response = Response;

  private _charset: string | null = null;
  private _headers: EnvironHeaders | null = null;

  constructor(
    readonly environ: Environ,
    opts: RequestOptions = {},
  ) {
    if (opts.method !== undefined) this.method = opts.method;
    if (opts.content_type !== undefined) this.content_type = opts.content_type;
    if (opts.body !== undefined) this.body = opts.body ?? Buffer.alloc(0);
  }

  /**
   * `Request.blank(path, environ=None, headers=None, **kw)`: a GET for the
   * (percent-encoded) path, query string split off, host localhost:80.
   */
  static blank<T extends Request>(this: new (environ: Environ, opts?: RequestOptions) => T, path: string, opts: RequestOptions = {}): T {
    const env = environFromUrl(path);
    if (opts.environ) for (const [k, v] of Object.entries(opts.environ)) env[k] = v;
    const { headers, environ: _ignored, ...kw } = opts;
    const req = new this(env, kw);
    if (headers !== undefined) req.headers.update(headers);
    return req;
  }

  // ---------------------------------------------------- ad-hoc attributes

  /** `req.name` for an attribute webob does not define (KeyError -> AttributeError). */
  getAttr(name: string): unknown {
    const adhoc = envGet<Record<string, unknown>>(this.environ, 'webob.adhoc_attrs');
    if (adhoc && Object.prototype.hasOwnProperty.call(adhoc, name)) return adhoc[name];
    throw new AttributeError(name);
  }
  hasAttr(name: string): boolean {
    const adhoc = envGet<Record<string, unknown>>(this.environ, 'webob.adhoc_attrs');
    return adhoc !== undefined && Object.prototype.hasOwnProperty.call(adhoc, name);
  }
  setAttr(name: string, value: unknown): void {
    let adhoc = envGet<Record<string, unknown>>(this.environ, 'webob.adhoc_attrs');
    if (adhoc === undefined) {
      adhoc = Object.create(null) as Record<string, unknown>;
      this.environ['webob.adhoc_attrs'] = adhoc;
    }
    adhoc[name] = value;
  }

  // ------------------------------------------------------------ environ

  private str(key: string, fallback?: string): string {
    if (!envHas(this.environ, key)) {
      if (fallback === undefined) throw new AttributeError(key);
      return fallback;
    }
    return this.environ[key] as string;
  }

  private setOrDelete(key: string, value: string | null): void {
    if (value === null) envDelete(this.environ, key);
    else this.environ[key] = value;
  }

  get method(): string {
    return this.str('REQUEST_METHOD', 'GET');
  }
  set method(value: string) {
    this.environ['REQUEST_METHOD'] = value;
  }
  get scheme(): string {
    return this.str('wsgi.url_scheme');
  }
  get http_version(): string {
    return this.str('SERVER_PROTOCOL');
  }
  get url_encoding(): string {
    return this.str('webob.url_encoding', 'UTF-8');
  }
  get query_string(): string {
    return this.str('QUERY_STRING', '');
  }
  set query_string(value: string | null) {
    this.setOrDelete('QUERY_STRING', value);
  }
  get server_name(): string {
    return this.str('SERVER_NAME');
  }
  get server_port(): number | null {
    const v = this.str('SERVER_PORT');
    return v === '' ? null : Number(pyIntOrNull(v));
  }
  get remote_addr(): string | null {
    return envGet<string>(this.environ, 'REMOTE_ADDR', undefined) ?? null;
  }

  /** `encget`: a native string decoded with url_encoding (latin encodings as they are). */
  private encget(key: string, fallback?: string): string {
    const val = this.str(key, fallback);
    const enc = this.url_encoding.toLowerCase();
    if (['ascii', 'latin-1', 'latin', 'latin_1', 'l1', 'latin1', 'iso-8859-1', 'iso8859_1', 'iso_8859_1', 'iso8859', '8859'].includes(enc)) return val;
    return utf8Decode(latin1Encode(val));
  }
  private encset(key: string, value: string): void {
    this.environ[key] = latin1Decode(utf8Encode(value));
  }

  /** SCRIPT_NAME decoded as UTF-8. */
  get script_name(): string {
    return this.encget('SCRIPT_NAME', '');
  }
  set script_name(value: string) {
    this.encset('SCRIPT_NAME', value);
  }
  /** PATH_INFO decoded as UTF-8 (UnicodeDecodeError for other bytes). */
  get path_info(): string {
    return this.encget('PATH_INFO');
  }
  set path_info(value: string) {
    this.encset('PATH_INFO', value);
  }

  get headers(): EnvironHeaders {
    if (this._headers === null) this._headers = new EnvironHeaders(this.environ);
    return this._headers;
  }

  /** HTTP_HOST, else 'SERVER_NAME:SERVER_PORT'. */
  get host(): string {
    if (envHas(this.environ, 'HTTP_HOST')) return this.environ['HTTP_HOST'] as string;
    return `${this.str('SERVER_NAME')}:${this.str('SERVER_PORT')}`;
  }
  set host(value: string) {
    this.environ['HTTP_HOST'] = value;
  }

  get host_port(): string {
    const host = envGet<string>(this.environ, 'HTTP_HOST');
    if (host !== undefined) {
      if (host.includes(':') && !host.endsWith(']')) return host.slice(host.lastIndexOf(':') + 1);
      return this.environ['wsgi.url_scheme'] === 'https' ? '443' : '80';
    }
    return this.str('SERVER_PORT');
  }

  /** 'http://localhost' (the default port dropped). */
  get host_url(): string {
    const scheme = envGet<string>(this.environ, 'wsgi.url_scheme') as string;
    let url = scheme + '://';
    let host = envGet<string>(this.environ, 'HTTP_HOST');
    let port: string | null | undefined;
    if (host !== undefined) {
      if (host.includes(':') && !host.endsWith(']')) {
        const i = host.lastIndexOf(':');
        port = host.slice(i + 1);
        host = host.slice(0, i);
      } else port = null;
    } else {
      host = envGet<string>(this.environ, 'SERVER_NAME') as string;
      port = envGet<string>(this.environ, 'SERVER_PORT');
    }
    if (scheme === 'https' && port === '443') port = null;
    else if (scheme === 'http' && port === '80') port = null;
    url += host;
    if (port) url += ':' + port;
    return url;
  }

  get application_url(): string {
    return this.host_url + urlQuoteBytes(utf8Encode(this.script_name), PATH_SAFE);
  }
  get path_url(): string {
    return this.application_url + urlQuoteBytes(utf8Encode(this.path_info), PATH_SAFE);
  }
  get path(): string {
    return urlQuoteBytes(utf8Encode(this.script_name), PATH_SAFE) + urlQuoteBytes(utf8Encode(this.path_info), PATH_SAFE);
  }
  get path_qs(): string {
    const qs = envGet<string>(this.environ, 'QUERY_STRING');
    return qs ? `${this.path}?${qs}` : this.path;
  }
  get url(): string {
    const qs = envGet<string>(this.environ, 'QUERY_STRING');
    return qs ? `${this.path_url}?${qs}` : this.path_url;
  }
  relative_url(other: string, toApplication = false): string {
    let base: string;
    if (toApplication) {
      base = this.application_url;
      if (!base.endsWith('/')) base += '/';
    } else base = this.path_url;
    return urljoin(base, other);
  }

  // ------------------------------------------------------- content type

  private get contentTypeRaw(): string {
    return this.str('CONTENT_TYPE', '');
  }

  /** The Content-Type without parameters ('' when none). */
  get content_type(): string {
    return this.contentTypeRaw.split(';', 1)[0] as string;
  }
  /** Setting a bare type keeps the old parameters; null removes the header. */
  set content_type(value: string | null) {
    if (value === null) {
      envDelete(this.environ, 'CONTENT_TYPE');
      return;
    }
    let v = String(value);
    if (!v.includes(';')) {
      const raw = this.contentTypeRaw;
      const semi = raw.indexOf(';');
      if (semi >= 0) v += ';' + raw.slice(semi + 1);
    }
    this.environ['CONTENT_TYPE'] = v;
  }

  /** The request charset: the Content-Type's, 'UTF-8' for any spelling of UTF-8 or none. */
  get charset(): string {
    if (this._charset === null) {
      const cs = detectCharset(this.contentTypeRaw);
      this._charset = isUtf8(cs) ? 'UTF-8' : (cs as string);
    }
    return this._charset;
  }

  /** CONTENT_LENGTH as an int; null when absent, empty or not an integer (parse_int_safe). */
  get content_length(): number | null {
    const v = envGet<string>(this.environ, 'CONTENT_LENGTH');
    if (v === undefined || v === null || v === '') return null;
    const n = pyIntOrNull(String(v));
    return n === null ? null : Number(n);
  }
  set content_length(value: number | null) {
    this.setOrDelete('CONTENT_LENGTH', value === null ? null : String(value));
  }

  // ----------------------------------------------------------------- body

  get is_body_seekable(): boolean {
    return Boolean(envGet(this.environ, 'webob.is_body_seekable', false));
  }
  set is_body_seekable(flag: boolean) {
    this.environ['webob.is_body_seekable'] = flag;
  }

  /** A body can be read: a non-zero Content-Length, or none with wsgi.input_terminated / webob.is_body_readable set. */
  get is_body_readable(): boolean {
    const clen = this.content_length;
    if (clen !== null && clen !== 0) return true;
    if (clen === null) {
      if (envHas(this.environ, 'wsgi.input_terminated')) return Boolean(this.environ['wsgi.input_terminated']);
      return Boolean(envGet(this.environ, 'webob.is_body_readable', false));
    }
    return false;
  }
  set is_body_readable(flag: boolean) {
    this.environ['wsgi.input_terminated'] = Boolean(flag);
  }

  get body_file_raw(): PyFileLike {
    return this.environ['wsgi.input'] as PyFileLike;
  }
  set body_file_raw(value: PyFileLike) {
    this.environ['wsgi.input'] = value;
  }

  /** The input stream: empty when unreadable, limited to Content-Length when not seekable. */
  get body_file(): PyFileLike {
    if (!this.is_body_readable) return new BytesIO();
    const raw = this.body_file_raw;
    const clen = this.content_length;
    if (!this.is_body_seekable && clen !== null) {
      const cached = envGet<[PyFileLike, PyFileLike]>(this.environ, 'webob._body_file');
      if (cached && cached[1] === raw) return cached[0];
      const wrapped = new LimitedLengthFile(raw, clen);
      this.environ['webob._body_file'] = [wrapped, raw];
      return wrapped;
    }
    return raw;
  }
  set body_file(value: PyFileLike) {
    this.content_length = null;
    this.body_file_raw = value;
    this.is_body_seekable = false;
    this.is_body_readable = true;
  }

  /** The whole body (b'' when unreadable); reading makes the input seekable. */
  get body(): Buffer {
    if (!this.is_body_readable) return Buffer.alloc(0);
    this.make_body_seekable();
    const r = this.body_file.read(this.content_length);
    this.body_file_raw.seek?.(0);
    return r;
  }
  set body(value: Buffer) {
    if (!Buffer.isBuffer(value)) throw new TypeError_(`You can only set Request.body to bytes (not ${pyTypeName(value)})`);
    this.content_length = value.length;
    this.body_file_raw = new BytesIO(value);
    this.is_body_seekable = true;
  }

  get text(): string {
    return decodeWith(this.body, this.charset);
  }

  /** `json.loads(body.decode(charset))`. */
  get json_body(): PyJson {
    return pyJsonLoads(this.text);
  }

  make_body_seekable(): void {
    if (this.is_body_seekable) this.body_file_raw.seek?.(0);
    else this.copy_body();
  }

  /** Reads the body into memory (tempfiles are not needed here) and installs it as a seekable input. */
  copy_body(): void {
    if (!this.is_body_readable) {
      this.body = Buffer.alloc(0);
      return;
    }
    if (this.is_body_seekable) this.body_file_raw.seek?.(0);
    const clen = this.content_length;
    const input = this.body_file;
    const chunks: Buffer[] = [];
    let todo = clen ?? 65535;
    while (todo > 0) {
      const data = input.read(Math.min(todo, 65535));
      if (data.length === 0 && clen === null) break;
      if (data.length === 0) throw new DisconnectionError(`Client disconnected (${todo} more bytes were expected)`);
      chunks.push(data);
      if (clen !== null) todo -= data.length;
    }
    this.body = Buffer.concat(chunks);
  }

  // ------------------------------------------------------------ params

  /** The query string's variables (cached per QUERY_STRING value, as webob caches them). */
  get GET(): GetDict {
    const source = envGet<string>(this.environ, 'QUERY_STRING', '') as string;
    const cached = envGet<[GetDict, string]>(this.environ, 'webob._parsed_query_vars');
    if (cached && cached[1] === source) return cached[0];
    const data = source ? parseQslText(source) : [];
    const vars = new GetDict(data, this.environ);
    this.environ['webob._parsed_query_vars'] = [vars, source];
    return vars;
  }

  /** The form variables of an urlencoded (or type-less POST) body; NoVars for anything else. */
  get POST(): MultiDict<string> {
    const cached = envGet<[MultiDict<string>, PyFileLike]>(this.environ, 'webob._parsed_post_vars');
    if (cached && cached[1] === this.body_file_raw) return cached[0];
    const ct = this.content_type;
    if ((this.method !== 'POST' && !ct) || !['', 'application/x-www-form-urlencoded', 'multipart/form-data'].includes(ct)) {
      return new NoVars(`Not an HTML form submission (Content-Type: ${ct})`);
    }
    if (this.charset !== 'UTF-8') {
      throw new DeprecationWarning(`Requests are expected to be submitted in UTF-8, not ${this.charset}. You can fix this by doing req = req.decode('${this.charset}')`);
    }
    this.make_body_seekable();
    this.body_file_raw.seek?.(0);
    const vars = new MultiDict<string>(this.fieldStoragePairs());
    this.environ['webob._parsed_post_vars'] = [vars, this.body_file_raw];
    return vars;
  }

  /** cgi.FieldStorage's reading of the body: its content type decides. */
  private fieldStoragePairs(): Array<[string, string]> {
    // For GET and HEAD, FieldStorage reads QUERY_STRING, which webob blanks: nothing.
    if (this.method === 'GET' || this.method === 'HEAD') return [];
    let ctype: string;
    if (envHas(this.environ, 'CONTENT_TYPE')) ctype = parseHeaderType(this.environ['CONTENT_TYPE'] as string);
    else ctype = this.method === 'POST' ? 'application/x-www-form-urlencoded' : 'text/plain';
    if (ctype === 'application/x-www-form-urlencoded') {
      const length = Number(pyIntOrNull(String(envGet(this.environ, 'CONTENT_LENGTH', '0'))) ?? 0n);
      const qs = this.body_file.read(length);
      return parseQslUrllib(new TextDecoder('utf-8').decode(qs));
    }
    if (ctype.startsWith('multipart/')) {
      const clen = pyIntOrNull(String(envGet(this.environ, 'CONTENT_LENGTH', '0')));
      // NOTE(quirk): a file part (FieldStorage) or a nameless part (key None) goes into the dict as webob puts it;
      // the dict is typed for the text values Glance reads.
      return multipartFields(this.body_file as BytesIO, String(this.environ['CONTENT_TYPE']), clen === null ? -1 : Number(clen)) as Array<[string, string]>;
    }
    return [];
  }

  /** GET then POST. */
  get params(): NestedMultiDict {
    return new NestedMultiDict(this.GET, this.POST);
  }

  /**
   * The named variables the router matched: `paste.urlvars`, else
   * `wsgiorg.routing_args[1]` (set to `((), {})` when neither exists).
   */
  get urlvars(): Record<string, unknown> {
    if (envHas(this.environ, 'paste.urlvars')) return this.environ['paste.urlvars'] as Record<string, unknown>;
    if (envHas(this.environ, 'wsgiorg.routing_args')) return (this.environ['wsgiorg.routing_args'] as [unknown, Record<string, unknown>])[1];
    const result: Record<string, unknown> = {};
    this.environ['wsgiorg.routing_args'] = [[], result];
    return result;
  }

  // ------------------------------------------------------- negotiation

  get accept(): Accept {
    return createAcceptHeader(envGet<string>(this.environ, 'HTTP_ACCEPT', undefined) ?? null);
  }
  get accept_language(): AcceptLanguage {
    return createAcceptLanguageHeader(envGet<string>(this.environ, 'HTTP_ACCEPT_LANGUAGE', undefined) ?? null);
  }

  // ---------------------------------------------------------- calling

  /** Calls the app; returns [status, headerlist, app_iter] (app_iter drained only when the app wrote or did not start). */
  call_application(app: WsgiApp): [string, Headerlist, AppIter] {
    if (this.is_body_seekable) this.body_file_raw.seek?.(0);
    let captured: [string, Headerlist] | null = null;
    const output: Buffer[] = [];
    const appIter = callApp(app, this.environ, (status, headers, excInfo) => {
      if (excInfo !== undefined && excInfo !== null) throw excInfo;
      captured = [status, headers];
      return (chunk: Buffer) => {
        output.push(chunk);
      };
    });
    let result: AppIter = appIter;
    if (output.length > 0 || captured === null) {
      try {
        for (const chunk of appIter) output.push(chunk);
      } finally {
        const close = (appIter as { close?: unknown }).close;
        if (typeof close === 'function') (close as () => void).call(appIter);
      }
      result = output;
    }
    const started = captured as [string, Headerlist] | null;
    if (started === null) throw new TypeError_('The application did not call start_response');
    return [started[0], started[1], result];
  }

  /** `req.get_response(app)`: the app's answer as a Response (headerlist as started, no defaults added). */
  get_response(app: WsgiApp): Response {
    const [status, headers, appIter] = this.call_application(app);
    const cls = (this.constructor as typeof Request).ResponseClass;
    return new cls({ status, headerlist: [...headers], app_iter: appIter });
  }
  send(app: WsgiApp): Response {
    return this.get_response(app);
  }
}

/** `cgi.parse_header(line)[0]`: the media type before the first ';' (webob already required it to be a form type). */
function parseHeaderType(line: string): string {
  return pyStrip(line.split(';', 1)[0] as string);
}

/**
 * `urllib.parse.parse_qsl(qs, keep_blank_values=True, encoding='utf8',
 * errors='replace')` with '&' the only separator (CPython 3.11), as
 * cgi.FieldStorage reads a form.
 */
export function parseQslUrllib(qs: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const nameValue of qs.split('&')) {
    if (!nameValue) continue;
    const eq = nameValue.indexOf('=');
    const name = eq < 0 ? nameValue : nameValue.slice(0, eq);
    const value = eq < 0 ? '' : nameValue.slice(eq + 1);
    out.push([urllibUnquote(name.replace(/\+/g, ' ')), urllibUnquote(value.replace(/\+/g, ' '))]);
  }
  return out;
}

/** `urllib.parse.unquote(s, errors='replace')`: %XX (two hex digits) in ASCII runs, decoded as UTF-8 with U+FFFD for bad bytes. */
export function urllibUnquote(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/[\x00-\x7f]+/g, (run) => {
    const bytes: number[] = [];
    for (let i = 0; i < run.length; i++) {
      if (run[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(run.slice(i + 1, i + 3))) {
        bytes.push(parseInt(run.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(run.charCodeAt(i));
    }
    return new TextDecoder('utf-8').decode(Buffer.from(bytes));
  });
}

function decodeWith(body: Buffer, charset: string): string {
  return pyDecode(body, charset);
}
