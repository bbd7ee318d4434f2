/**
 * webob.exc (1.8.6): the HTTP exceptions, each both a Python exception and
 * a WSGI response, and the error pages they render.
 *
 * Served (`call(environ, startResponse)`), an exception without a body of
 * its own renders one for the request's Accept header
 * (`create_accept_header(environ.get('HTTP_ACCEPT', ''))`, then
 * `acceptable_offers(['text/html', 'application/json'])`, first wins):
 * - no Accept header (the valid empty header: nothing acceptable), or one
 *   preferring neither: text/plain, `${status}\n\n${body}` where body is
 *   the body template with `strip_tags` applied (newlines to spaces, each
 *   `<br ...>` to a newline, comments and tags removed);
 * - text/html preferred, or an INVALID Accept header (which accepts
 *   everything, so the first offer): the HTML page, values HTML-escaped;
 * - application/json preferred: `{"message": body, "code": status,
 *   "title": title}` (json.dumps, ASCII-escaped), body unescaped.
 * The body template is `${explanation}<br /><br />\n${detail}\n${html_comment}\n`
 * unless the class (405, 406, 415, 501, redirects) or the caller
 * (`body_template`) gives another; a custom template can also name environ
 * keys (`${REQUEST_METHOD}`) and lower-cased response headers. Headers sent:
 * the exception's own (e.g. Allow), then Content-Length, then Content-Type
 * (`text/plain; charset=UTF-8`, `text/html; charset=UTF-8` or
 * `application/json`). A HEAD request, an exception given a body, and the
 * empty-body statuses (204, 205, 304) are served as plain responses:
 * status and headers (a HEAD gets `Content-Type: text/html; charset=UTF-8`
 * and `Content-Length: 0`), no body.
 *
 * Differences from webob, kept for the legacy port's callers: `status` is
 * the numeric code (webob's status text '404 Not Found' is `statusLine`);
 * the constructor takes the detail string or an options object.
 * `explanation`, `detail`, `comment` and `body_template` can be changed
 * after construction, as Glance's translate_exception does.
 *
 * @see webob/exc.py
 */
import { PyException, TypeError_, ValueError, pyStr } from '../python.js';
import { pyJsonDumpsValue } from '../pyjson.js';
import { createAcceptHeader } from './acceptparse.js';
import { htmlEscape, utf8Decode } from './compat.js';
import { ResponseHeaders } from './headers.js';
import { Request } from './request.js';
import { Response } from './response.js';
import { urljoin } from './urlparse.js';
import { safeSubstitute, substitute, type TemplateArgs } from './util.js';
import { envGet, type AppIter, type Environ, type Headerlist, type StartResponse, type WsgiCallable } from './wsgi.js';

/** A `string.Template`: compared by identity, as webob compares body_template_obj. */
export class Template {
  constructor(readonly template: string) {}
}

const DEFAULT_BODY_TEMPLATE = new Template('${explanation}<br /><br />\n${detail}\n${html_comment}\n');
const PLAIN_TEMPLATE = '${status}\n\n${body}';
const HTML_TEMPLATE =
  '<html>\n <head>\n  <title>${status}</title>\n </head>\n <body>\n  <h1>${status}</h1>\n  ${body}\n </body>\n</html>';

/** `json_formatter(body, status, title, environ)`: the JSON page's object. */
export type JsonFormatter = (body: string, status: string, title: string, environ: Environ) => unknown;

/** Keyword arguments Glance (and webob callers) pass to an HTTP exception. */
export interface HttpExceptionOptions {
  readonly detail?: string | null;
  /** Extra response headers: pairs, or a dict. */
  readonly headers?: Headerlist | ReadonlyArray<readonly [string, string]> | Readonly<Record<string, string>> | null;
  readonly comment?: string | null;
  readonly body_template?: string | null;
  readonly json_formatter?: JsonFormatter | null;
  /** Replaces the class's explanation for this instance (a Response attribute set from **kw). */
  readonly explanation?: string;
  /** Stored, unused (`request=req`). */
  readonly request?: unknown;
  /** The exception's own Content-Type (text/* gets '; charset=UTF-8'); its page is typed by Accept all the same. */
  readonly content_type?: string | null;
  readonly charset?: string | null;
  /** Redirects only. */
  readonly location?: string | null;
  readonly add_slash?: boolean;
}

/** Python's `webob.exc.HTTPException(Exception)`. */
export class HTTPException extends PyException {}

/** `strip_tags`: how the plain-text page flattens the HTML body template. */
export function stripTags(value: string): string {
  return value
    .replace(/\n/g, ' ')
    .replace(/\r/g, '')
    .replace(/<br[\s\S]*?>/gi, '\n')
    .replace(/<!--|-->/g, '')
    .replace(/<[\s\S]*?>/g, '');
}

/** webob.exc.no_escape: None is '', bytes are UTF-8, anything else its str(). */
function noEscape(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return utf8Decode(value);
  return pyStr(value);
}

/** webob.util.html_escape for any value (None is ''). */
function htmlEscapeValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return htmlEscape(typeof value === 'string' ? value : pyStr(value));
}

type Escape = (value: unknown) => string;

/** Lazily escaped value: escaping happens only if the template uses it (webob's `lazify`). */
function lazy(escape: Escape, value: unknown): { toString(): string } {
  return { toString: () => escape(value) };
}

function normalizeHeaders(h: HttpExceptionOptions['headers']): Array<[string, string]> {
  if (!h) return [];
  if (Array.isArray(h)) return (h as ReadonlyArray<readonly [string, string]>).map(([k, v]) => [k, v]);
  return Object.entries(h as Readonly<Record<string, string>>);
}

/**
 * Base of every webob HTTP exception: a Python exception that is also a
 * webob Response (`response` is that Response half; the usual Response
 * attributes are forwarded).
 *
 * @see webob/exc.py WSGIHTTPException
 */
export class WSGIHTTPException extends HTTPException implements WsgiCallable {
  static code = 500;
  static title = 'Internal Server Error';
  static explanation = '';
  static body_template_obj: Template = DEFAULT_BODY_TEMPLATE;
  static empty_body = false;

  explanation: string;
  detail: string | null;
  comment: string | null;
  /** Set only when given (Glance's translate_exception checks for it). */
  body_template: string | null = null;
  body_template_obj: Template;
  json_formatter: JsonFormatter = (body, status, title) =>
    new Map<string, unknown>([
      ['message', body],
      ['code', status],
      ['title', title],
    ]);
  request: unknown = null;
  /** The Response this exception is. */
  readonly response: Response;

  constructor(opts: HttpExceptionOptions | string | null = {}) {
    super();
    const o: HttpExceptionOptions = typeof opts === 'string' ? { detail: opts } : (opts ?? {});
    const cls = this.constructor as typeof WSGIHTTPException;
    this.response = new Response({
      status: `${cls.code} ${cls.title}`,
      ...(o.content_type !== undefined ? { content_type: o.content_type } : {}),
      ...(o.charset !== undefined ? { charset: o.charset } : {}),
    });
    this.explanation = o.explanation ?? cls.explanation;
    if (o.request !== undefined) this.request = o.request;
    const extra = normalizeHeaders(o.headers);
    if (extra.length > 0) this.response.headers.extend(extra);
    this.detail = o.detail ?? null;
    this.comment = o.comment ?? null;
    this.body_template_obj = cls.body_template_obj;
    if (o.body_template !== undefined && o.body_template !== null) {
      this.body_template = o.body_template;
      this.body_template_obj = new Template(o.body_template);
    }
    if (cls.empty_body) {
      this.response.content_type = null;
      this.response.content_length = null;
    }
    if (o.json_formatter) this.json_formatter = o.json_formatter;
  }

  /** Python's `str(e)`: the detail, else the explanation. */
  override get message(): string {
    return this.detail || this.explanation;
  }
  override toPyStr(): string {
    return this.message;
  }

  get code(): number {
    return (this.constructor as typeof WSGIHTTPException).code;
  }
  get title(): string {
    return (this.constructor as typeof WSGIHTTPException).title;
  }
  get empty_body(): boolean {
    return (this.constructor as typeof WSGIHTTPException).empty_body;
  }
  /** The numeric status (webob's `status_int`): kept numeric for the legacy port's callers. */
  get status(): number {
    return this.response.status_int;
  }
  /** webob's `status`: '404 Not Found'. */
  get statusLine(): string {
    return this.response.status;
  }
  get status_int(): number {
    return this.response.status_int;
  }
  get status_code(): number {
    return this.response.status_int;
  }
  get headerlist(): Headerlist {
    return this.response.headerlist;
  }
  get headers(): ResponseHeaders {
    return this.response.headers;
  }
  get content_type(): string | null {
    return this.response.content_type;
  }
  set content_type(value: string | null) {
    this.response.content_type = value;
  }
  get content_length(): number | null {
    return this.response.content_length;
  }
  get location(): string | null {
    return this.response.location;
  }
  set location(value: string | null) {
    this.response.location = value;
  }
  get has_body(): boolean {
    return this.response.has_body;
  }
  get body(): Buffer {
    return this.response.body;
  }
  set body(value: Buffer) {
    this.response.body = value;
  }

  /** Fills the body template; `escape` is applied to every value the template uses. */
  protected makeBody(environ: Environ, escape: Escape): string {
    const args = new Map<string, { toString(): string } | string>([
      ['explanation', lazy(escape, this.explanation)],
      ['detail', lazy(escape, this.detail || '')],
      ['comment', lazy(escape, this.comment || '')],
      ['html_comment', this.comment ? `<!-- ${escape(this.comment)} -->` : ''],
    ]);
    if (this.body_template_obj !== DEFAULT_BODY_TEMPLATE) {
      for (const [k, v] of Object.entries(environ)) args.set(k, lazy(escape, v));
      for (const [k, v] of this.headers.items()) args.set(k.toLowerCase(), lazy(escape, v));
    }
    const lookup: TemplateArgs = (name) => args.get(name);
    return safeSubstitute(this.body_template_obj.template, lookup);
  }

  plain_body(environ: Environ): string {
    const body = stripTags(this.makeBody(environ, noEscape));
    const vals = new Map([
      ['status', this.statusLine],
      ['title', this.title],
      ['body', body],
    ]);
    return substitute(PLAIN_TEMPLATE, (n) => vals.get(n));
  }

  html_body(environ: Environ): string {
    const body = this.makeBody(environ, htmlEscapeValue);
    const vals = new Map([
      ['status', this.statusLine],
      ['body', body],
    ]);
    return substitute(HTML_TEMPLATE, (n) => vals.get(n));
  }

  json_body(environ: Environ): string {
    const body = this.makeBody(environ, noEscape);
    return pyJsonDumpsValue(this.json_formatter(body, this.statusLine, this.title, environ));
  }

  /** The page for the request's Accept header, served. */
  generate_response(environ: Environ, startResponse: StartResponse): AppIter {
    if (this.response.content_length !== null) this.response.content_length = null;
    const headerlist: Headerlist = [...this.response.headerlist];
    const accept = createAcceptHeader((envGet<string>(environ, 'HTTP_ACCEPT', '') as string) ?? '');
    const offers = accept.acceptableOffers(['text/html', 'application/json']);
    const match = offers.length > 0 ? (offers[0] as [string, number])[0] : null;
    let contentType: string;
    let body: string;
    if (match === 'text/html') {
      contentType = 'text/html';
      body = this.html_body(environ);
    } else if (match === 'application/json') {
      contentType = 'application/json';
      body = this.json_body(environ);
    } else {
      contentType = 'text/plain';
      body = this.plain_body(environ);
    }
    const resp = new Response({ body, status: this.statusLine, headerlist, content_type: contentType });
    resp.content_type = contentType;
    return resp.call(environ, startResponse);
  }

  /** WSGI: the rendered page, or the exception's own response (HEAD, a body given, an empty-body status). */
  call(environ: Environ, startResponse: StartResponse): AppIter {
    const isHead = environ['REQUEST_METHOD'] === 'HEAD';
    const appIter =
      this.has_body || this.empty_body || isHead ? this.response.call(environ, startResponse) : this.generate_response(environ, startResponse);
    return isHead ? [] : appIter;
  }

  /** `exc.wsgi_response`: the exception itself. */
  get wsgi_response(): this {
    return this;
  }
}

export class HTTPError extends WSGIHTTPException {}
export class HTTPRedirection extends WSGIHTTPException {}

// ------------------------------------------------------------------- 2xx

export class HTTPOk extends WSGIHTTPException {
  static override code = 200;
  static override title = 'OK';
}
export class HTTPCreated extends HTTPOk {
  static override code = 201;
  static override title = 'Created';
}
export class HTTPAccepted extends HTTPOk {
  static override code = 202;
  static override title = 'Accepted';
  static override explanation = 'The request is accepted for processing.';
}
export class HTTPNonAuthoritativeInformation extends HTTPOk {
  static override code = 203;
  static override title = 'Non-Authoritative Information';
}
export class HTTPNoContent extends HTTPOk {
  static override code = 204;
  static override title = 'No Content';
  static override empty_body = true;
}
export class HTTPResetContent extends HTTPOk {
  static override code = 205;
  static override title = 'Reset Content';
  static override empty_body = true;
}
export class HTTPPartialContent extends HTTPOk {
  static override code = 206;
  static override title = 'Partial Content';
}

// ------------------------------------------------------------------- 3xx

/**
 * Redirections that need a Location: given (`location`) or the request URL
 * with a '/' added (`add_slash`); made absolute against the request's path
 * URL when served.
 *
 * @see webob/exc.py _HTTPMove
 */
const MOVE_KWARGS = new Set(['detail', 'headers', 'comment', 'body_template', 'location', 'add_slash']);

export class HTTPMove extends HTTPRedirection {
  static override explanation = 'The resource has been moved to';
  static override body_template_obj = new Template(
    '${explanation} <a href="${location}">${location}</a>;\nyou should be redirected automatically.\n${detail}\n${html_comment}',
  );
  add_slash: boolean;

  constructor(opts: HttpExceptionOptions | string | null = {}) {
    const o: HttpExceptionOptions = typeof opts === 'string' ? { detail: opts } : (opts ?? {});
    // NOTE(quirk): _HTTPMove.__init__ takes no **kw: explanation, content_type, ... are a TypeError.
    const unexpected = Object.keys(o).find((k) => !MOVE_KWARGS.has(k));
    if (unexpected !== undefined) throw new TypeError_(`_HTTPMove.__init__() got an unexpected keyword argument '${unexpected}'`);
    const { location, add_slash, ...rest } = o;
    super(rest);
    if (location !== undefined && location !== null) {
      if (location.includes('\n') || location.includes('\r')) throw new ValueError('Control characters are not allowed in location');
      this.location = location;
      if (add_slash) throw new TypeError_('You can only provide one of the arguments location and add_slash');
    }
    this.add_slash = Boolean(add_slash);
  }

  override call(environ: Environ, startResponse: StartResponse): AppIter {
    const req = new Request(environ);
    if (this.add_slash) {
      let url = req.path_url + '/';
      const qs = envGet<string>(environ, 'QUERY_STRING');
      if (qs) url += '?' + qs;
      this.location = url;
    }
    this.location = urljoin(req.path_url, this.location ?? '');
    return super.call(environ, startResponse);
  }
}

export class HTTPMultipleChoices extends HTTPMove {
  static override code = 300;
  static override title = 'Multiple Choices';
}
export class HTTPMovedPermanently extends HTTPMove {
  static override code = 301;
  static override title = 'Moved Permanently';
}
export class HTTPFound extends HTTPMove {
  static override code = 302;
  static override title = 'Found';
  static override explanation = 'The resource was found at';
}
export class HTTPSeeOther extends HTTPMove {
  static override code = 303;
  static override title = 'See Other';
}
export class HTTPNotModified extends HTTPRedirection {
  static override code = 304;
  static override title = 'Not Modified';
  static override empty_body = true;
}
export class HTTPUseProxy extends HTTPMove {
  static override code = 305;
  static override title = 'Use Proxy';
  static override explanation = 'The resource must be accessed through a proxy located at';
}
export class HTTPTemporaryRedirect extends HTTPMove {
  static override code = 307;
  static override title = 'Temporary Redirect';
}
export class HTTPPermanentRedirect extends HTTPMove {
  static override code = 308;
  static override title = 'Permanent Redirect';
}

// ------------------------------------------------------------------- 4xx
// Explanations are webob's after its import-time normalisation (whitespace runs to one space).

export class HTTPClientError extends HTTPError {
  static override code = 400;
  static override title = 'Bad Request';
  static override explanation = 'The server could not comply with the request since it is either malformed or otherwise incorrect.';
}
export class HTTPBadRequest extends HTTPClientError {}
export class HTTPUnauthorized extends HTTPClientError {
  static override code = 401;
  static override title = 'Unauthorized';
  static override explanation =
    'This server could not verify that you are authorized to access the document you requested. Either you ' +
    'supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply ' +
    'the credentials required.';
}
export class HTTPPaymentRequired extends HTTPClientError {
  static override code = 402;
  static override title = 'Payment Required';
  static override explanation = 'Access was denied for financial reasons.';
}
export class HTTPForbidden extends HTTPClientError {
  static override code = 403;
  static override title = 'Forbidden';
  static override explanation = 'Access was denied to this resource.';
}
export class HTTPNotFound extends HTTPClientError {
  static override code = 404;
  static override title = 'Not Found';
  static override explanation = 'The resource could not be found.';
}
/** Its page names the method: "The method DELETE is not allowed for this resource." */
export class HTTPMethodNotAllowed extends HTTPClientError {
  static override code = 405;
  static override title = 'Method Not Allowed';
  static override body_template_obj = new Template('The method ${REQUEST_METHOD} is not allowed for this resource. <br /><br />\n${detail}');
}
export class HTTPNotAcceptable extends HTTPClientError {
  static override code = 406;
  static override title = 'Not Acceptable';
  static override body_template_obj = new Template(
    'The resource could not be generated that was acceptable to your browser\n(content of type ${HTTP_ACCEPT}. <br /><br />\n${detail}',
  );
}
export class HTTPProxyAuthenticationRequired extends HTTPClientError {
  static override code = 407;
  static override title = 'Proxy Authentication Required';
  static override explanation = 'Authentication with a local proxy is needed.';
}
export class HTTPRequestTimeout extends HTTPClientError {
  static override code = 408;
  static override title = 'Request Timeout';
  static override explanation = 'The server has waited too long for the request to be sent by the client.';
}
export class HTTPConflict extends HTTPClientError {
  static override code = 409;
  static override title = 'Conflict';
  static override explanation = 'There was a conflict when trying to complete your request.';
}
export class HTTPGone extends HTTPClientError {
  static override code = 410;
  static override title = 'Gone';
  static override explanation = 'This resource is no longer available. No forwarding address is given.';
}
export class HTTPLengthRequired extends HTTPClientError {
  static override code = 411;
  static override title = 'Length Required';
  static override explanation = 'Content-Length header required.';
}
export class HTTPPreconditionFailed extends HTTPClientError {
  static override code = 412;
  static override title = 'Precondition Failed';
  static override explanation = 'Request precondition failed.';
}
export class HTTPRequestEntityTooLarge extends HTTPClientError {
  static override code = 413;
  static override title = 'Request Entity Too Large';
  static override explanation = 'The body of your request was too large for this server.';
}
export class HTTPRequestURITooLong extends HTTPClientError {
  static override code = 414;
  static override title = 'Request-URI Too Long';
  static override explanation = 'The request URI was too long for this server.';
}
/** Its page names the request's media type: "The request media type ${CONTENT_TYPE} is not supported by this server." */
export class HTTPUnsupportedMediaType extends HTTPClientError {
  static override code = 415;
  static override title = 'Unsupported Media Type';
  static override body_template_obj = new Template(
    'The request media type ${CONTENT_TYPE} is not supported by this server.\n<br /><br />\n${detail}',
  );
}
export class HTTPRequestRangeNotSatisfiable extends HTTPClientError {
  static override code = 416;
  static override title = 'Request Range Not Satisfiable';
  static override explanation = 'The Range requested is not available.';
}
export class HTTPExpectationFailed extends HTTPClientError {
  static override code = 417;
  static override title = 'Expectation Failed';
  static override explanation = 'Expectation failed.';
}
export class HTTPUnprocessableEntity extends HTTPClientError {
  static override code = 422;
  static override title = 'Unprocessable Entity';
  static override explanation = 'Unable to process the contained instructions';
}
export class HTTPLocked extends HTTPClientError {
  static override code = 423;
  static override title = 'Locked';
  static override explanation = 'The resource is locked';
}
export class HTTPFailedDependency extends HTTPClientError {
  static override code = 424;
  static override title = 'Failed Dependency';
  static override explanation =
    'The method could not be performed because the requested action dependended on another action and that action failed';
}
export class HTTPPreconditionRequired extends HTTPClientError {
  static override code = 428;
  static override title = 'Precondition Required';
  static override explanation = 'This request is required to be conditional';
}
export class HTTPTooManyRequests extends HTTPClientError {
  static override code = 429;
  static override title = 'Too Many Requests';
  static override explanation = 'The client has sent too many requests in a given amount of time';
}
export class HTTPRequestHeaderFieldsTooLarge extends HTTPClientError {
  static override code = 431;
  static override title = 'Request Header Fields Too Large';
  static override explanation = 'The request header fields were too large';
}
export class HTTPUnavailableForLegalReasons extends HTTPClientError {
  static override code = 451;
  static override title = 'Unavailable For Legal Reasons';
  static override explanation = 'The resource is not available due to legal reasons.';
}

// ------------------------------------------------------------------- 5xx

export class HTTPServerError extends HTTPError {
  static override code = 500;
  static override title = 'Internal Server Error';
  static override explanation = 'The server has either erred or is incapable of performing the requested operation.';
}
export class HTTPInternalServerError extends HTTPServerError {}
/** Its template starts with a newline, which the plain page turns into a space. */
export class HTTPNotImplemented extends HTTPServerError {
  static override code = 501;
  static override title = 'Not Implemented';
  static override body_template_obj = new Template(
    '\nThe request method ${REQUEST_METHOD} is not implemented for this server. <br /><br />\n${detail}',
  );
}
export class HTTPBadGateway extends HTTPServerError {
  static override code = 502;
  static override title = 'Bad Gateway';
  static override explanation = 'Bad gateway.';
}
export class HTTPServiceUnavailable extends HTTPServerError {
  static override code = 503;
  static override title = 'Service Unavailable';
  static override explanation = 'The server is currently unavailable. Please try again at a later time.';
}
export class HTTPGatewayTimeout extends HTTPServerError {
  static override code = 504;
  static override title = 'Gateway Timeout';
  static override explanation = 'The gateway has timed out.';
}
export class HTTPVersionNotSupported extends HTTPServerError {
  static override code = 505;
  static override title = 'HTTP Version Not Supported';
  static override explanation = 'The HTTP version is not supported.';
}
export class HTTPInsufficientStorage extends HTTPServerError {
  static override code = 507;
  static override title = 'Insufficient Storage';
  static override explanation = 'There was not enough space to save the resource';
}
export class HTTPNetworkAuthenticationRequired extends HTTPServerError {
  static override code = 511;
  static override title = 'Network Authentication Required';
  static override explanation = 'Network authentication is required';
}

/** webob.exc.status_map: the class webob raises for a status code. */
export const STATUS_MAP: ReadonlyMap<number, typeof WSGIHTTPException> = new Map(
  (
    [
      HTTPOk, HTTPCreated, HTTPAccepted, HTTPNonAuthoritativeInformation, HTTPNoContent, HTTPResetContent, HTTPPartialContent,
      HTTPMultipleChoices, HTTPMovedPermanently, HTTPFound, HTTPSeeOther, HTTPNotModified, HTTPUseProxy, HTTPTemporaryRedirect,
      HTTPPermanentRedirect, HTTPBadRequest, HTTPUnauthorized, HTTPPaymentRequired, HTTPForbidden, HTTPNotFound,
      HTTPMethodNotAllowed, HTTPNotAcceptable, HTTPProxyAuthenticationRequired, HTTPRequestTimeout, HTTPConflict, HTTPGone,
      HTTPLengthRequired, HTTPPreconditionFailed, HTTPRequestEntityTooLarge, HTTPRequestURITooLong, HTTPUnsupportedMediaType,
      HTTPRequestRangeNotSatisfiable, HTTPExpectationFailed, HTTPUnprocessableEntity, HTTPLocked, HTTPFailedDependency,
      HTTPPreconditionRequired, HTTPTooManyRequests, HTTPRequestHeaderFieldsTooLarge, HTTPUnavailableForLegalReasons,
      HTTPInternalServerError, HTTPNotImplemented, HTTPBadGateway, HTTPServiceUnavailable, HTTPGatewayTimeout,
      HTTPVersionNotSupported, HTTPInsufficientStorage, HTTPNetworkAuthenticationRequired,
    ] as Array<typeof WSGIHTTPException>
  ).map((c) => [c.code, c]),
);
