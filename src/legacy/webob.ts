/**
 * The webob.exc HTTP exceptions Glance's v2 controllers (and its notifier)
 * raise, with webob 1.8's status codes, titles and stock explanations.
 * webob normalises every class `explanation` at import time (whitespace
 * runs become one space), so the texts here are the normalised ones.
 *
 * Differences from webob: `status` is the numeric code (webob's `status`
 * is the text "404 Not Found"; that is `statusLine` here), and there is no
 * WSGI response machinery.
 *
 * @see webob/exc.py (webob 1.8.6)
 */
import { PyException } from '../lib/python.js';

/** Keyword arguments Glance passes to webob exceptions. */
export interface HttpExceptionOptions {
  readonly explanation?: string;
  readonly detail?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
  readonly comment?: string | null;
  /** Accepted for parity with Glance's calls (`request=req`); unused. */
  readonly request?: unknown;
  /** Accepted for parity with Glance's calls (`content_type=...`); unused. */
  readonly content_type?: string;
}

/** @see webob/exc.py HTTPException */
export class HTTPException extends PyException {}

/**
 * Base of every webob HTTP exception. A positional string argument is the
 * `detail` (webob's first positional parameter); `explanation` replaces
 * the class's stock text for this instance only.
 *
 * @see webob/exc.py WSGIHTTPException.__init__
 */
export class WSGIHTTPException extends HTTPException {
  static code = 500;
  static title = 'Internal Server Error';
  static explanation = '';
  static empty_body = false;

  readonly explanation: string;
  readonly detail: string | null;
  readonly comment: string | null;
  readonly headers: Readonly<Record<string, string>>;

  constructor(opts: HttpExceptionOptions | string | null = {}) {
    const o: HttpExceptionOptions = typeof opts === 'string' ? { detail: opts } : (opts ?? {});
    const cls = new.target as typeof WSGIHTTPException;
    const explanation = o.explanation ?? cls.explanation;
    const detail = o.detail ?? null;
    // webob's __str__: detail or explanation.
    super(detail || explanation);
    this.explanation = explanation;
    this.detail = detail;
    this.comment = o.comment ?? null;
    this.headers = o.headers ?? {};
  }

  private get cls(): typeof WSGIHTTPException {
    return this.constructor as typeof WSGIHTTPException;
  }
  /** The numeric HTTP status (webob's `status_int` / `code`). */
  get status(): number {
    return this.cls.code;
  }
  get code(): number {
    return this.cls.code;
  }
  get status_int(): number {
    return this.cls.code;
  }
  get title(): string {
    return this.cls.title;
  }
  /** webob's `status`: "404 Not Found". */
  get statusLine(): string {
    return `${this.cls.code} ${this.cls.title}`;
  }
}

/**
 * The text a trace shows as `error`: the explanation Glance passed, else
 * the positional detail it passed, else webob's stock explanation. Same
 * rule as the oracle's `_http_error`: an explanation equal to the stock
 * text counts as not passed.
 */
export function httpErrorMessage(e: WSGIHTTPException): string {
  const stock = (e.constructor as typeof WSGIHTTPException).explanation;
  if (e.explanation === stock && e.detail) return e.detail;
  return e.explanation;
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
export class HTTPNoContent extends HTTPOk {
  static override code = 204;
  static override title = 'No Content';
  static override empty_body = true;
}

// ------------------------------------------------------------------- 4xx

export class HTTPClientError extends HTTPError {
  static override code = 400;
  static override title = 'Bad Request';
  static override explanation =
    'The server could not comply with the request since it is either malformed or otherwise incorrect.';
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
/** Its stock explanation is inherited from HTTPClientError (webob uses a body template instead). */
export class HTTPMethodNotAllowed extends HTTPClientError {
  static override code = 405;
  static override title = 'Method Not Allowed';
}
export class HTTPNotAcceptable extends HTTPClientError {
  static override code = 406;
  static override title = 'Not Acceptable';
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
/** Its stock explanation is inherited from HTTPClientError (webob uses a body template instead). */
export class HTTPUnsupportedMediaType extends HTTPClientError {
  static override code = 415;
  static override title = 'Unsupported Media Type';
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

// ------------------------------------------------------------------- 5xx

export class HTTPServerError extends HTTPError {
  static override code = 500;
  static override title = 'Internal Server Error';
  static override explanation = 'The server has either erred or is incapable of performing the requested operation.';
}
export class HTTPInternalServerError extends HTTPServerError {}
/** Its stock explanation is inherited from HTTPServerError (webob uses a body template instead). */
export class HTTPNotImplemented extends HTTPServerError {
  static override code = 501;
  static override title = 'Not Implemented';
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
