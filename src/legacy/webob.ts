/**
 * The webob.exc HTTP exceptions Glance's v2 controllers (and its notifier)
 * raise: the classes of src/lib/webob/exc.ts (webob 1.8.6's codes, titles,
 * normalised stock explanations and error pages), re-exported under the
 * names the legacy port imports, plus the trace's error-text rule.
 *
 * Legacy calling convention kept: `new HTTPNotFound('detail')` or
 * `new HTTPNotFound({ explanation, detail, headers, comment, request,
 * content_type })`; `e.status` is the numeric code (webob's '404 Not Found'
 * is `e.statusLine`). Each exception is also a WSGI application
 * (`e.call(environ, startResponse)`) rendering webob's page for the
 * request's Accept header.
 *
 * @see webob/exc.py (webob 1.8.6)
 */
import { WSGIHTTPException } from '../lib/webob/exc.js';

export {
  HTTPException, WSGIHTTPException, HTTPError, HTTPRedirection,
  HTTPOk, HTTPCreated, HTTPAccepted, HTTPNonAuthoritativeInformation, HTTPNoContent, HTTPResetContent, HTTPPartialContent,
  HTTPMove, HTTPMultipleChoices, HTTPMovedPermanently, HTTPFound, HTTPSeeOther, HTTPNotModified, HTTPUseProxy,
  HTTPTemporaryRedirect, HTTPPermanentRedirect,
  HTTPClientError, HTTPBadRequest, HTTPUnauthorized, HTTPPaymentRequired, HTTPForbidden, HTTPNotFound,
  HTTPMethodNotAllowed, HTTPNotAcceptable, HTTPProxyAuthenticationRequired, HTTPRequestTimeout, HTTPConflict, HTTPGone,
  HTTPLengthRequired, HTTPPreconditionFailed, HTTPRequestEntityTooLarge, HTTPRequestURITooLong, HTTPUnsupportedMediaType,
  HTTPRequestRangeNotSatisfiable, HTTPExpectationFailed, HTTPUnprocessableEntity, HTTPLocked, HTTPFailedDependency,
  HTTPPreconditionRequired, HTTPTooManyRequests, HTTPRequestHeaderFieldsTooLarge, HTTPUnavailableForLegalReasons,
  HTTPServerError, HTTPInternalServerError, HTTPNotImplemented, HTTPBadGateway, HTTPServiceUnavailable,
  HTTPGatewayTimeout, HTTPVersionNotSupported, HTTPInsufficientStorage, HTTPNetworkAuthenticationRequired,
  STATUS_MAP,
} from '../lib/webob/exc.js';
export type { HttpExceptionOptions } from '../lib/webob/exc.js';

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
