/**
 * The WSGI environ a request arrives in, as the reference runner builds it:
 * `webob.Request.blank(path_after_/v2)` (webob/request.py environ_from_url),
 * then the method, the body and each header set on the request.
 *
 * `environFromRequest(request)`:
 * - the target must be under `/v2` (`/v2`, `/v2/...` or `/v2?...`):
 *   `v2PathOf(target)` says what follows; a target outside throws
 *   `TargetNotUnderV2`. Callers check `v2PathOf` first and answer 404
 *   themselves (Glance's v2 app is never reached; the reference runner
 *   refuses such a step as an invalid scenario);
 * - PATH_INFO is the path after `/v2` percent-decoded by
 *   `webob.compat.url_unquote` (bytes kept as latin-1 characters, so
 *   '%C3%A9' is 'Ã©' and '%2F' is '/'); a character beyond ASCII in the
 *   path raises UnicodeEncodeError, as `Request.blank` does (the reference
 *   runner then crashes);
 * - QUERY_STRING is the raw text after the first '?' (no fragment handling);
 * - SERVER_NAME 'localhost', SERVER_PORT '80', SCRIPT_NAME '', HTTP_HOST
 *   'localhost:80' unless a Host header is sent, SERVER_PROTOCOL
 *   'HTTP/1.0', wsgi.url_scheme 'http';
 * - each header goes to its webob key (`transName`: Content-Type and
 *   Content-Length to CONTENT_TYPE / CONTENT_LENGTH, any other to
 *   HTTP_<NAME> with '-' as '_', so `X_Roles` and `X-Roles` share a key);
 *   fields sharing a key are joined with ',' as eventlet's server joins
 *   them (the reference runner, setting `req.headers[name]`, keeps the last
 *   instead: its scenario adapter sends each key once). Values are kept as
 *   given (eventlet would strip surrounding whitespace);
 * - the body is `wsgi.input`: a buffer becomes a seekable BytesIO (as
 *   `req.body = data` makes it; `webob.is_body_seekable`), a stream a
 *   read-once StreamInput. CONTENT_LENGTH comes only from a Content-Length
 *   header. A stream without one is not readable by webob
 *   (`is_body_readable` is false: eventlet 0.33 sets no
 *   `wsgi.input_terminated`).
 *
 * @see webob/request.py BaseRequest.blank, environ_from_url
 */
import type { HttpRequest } from '../../shared/http.js';
import { TypeError_, ValueError, pyStringRepr } from '../python.js';
import { urlUnquote } from './compat.js';
import { transName } from './headers.js';
import { BytesIO, StreamInput } from './io.js';
import { SCHEME_RE } from './response.js';
import { envHas, newEnviron, type Environ } from './wsgi.js';

/** A request target not under `/v2`: not Glance's v2 application's to answer. */
export class TargetNotUnderV2 extends ValueError {}

/** What follows `/v2` in a target under it ('/images?limit=1', '', '?x'), or null for any other target. */
export function v2PathOf(target: string): string | null {
  if (target === '/v2' || target.startsWith('/v2/') || target.startsWith('/v2?')) return target.slice(3);
  return null;
}

/**
 * `environ_from_url(path)` (what `Request.blank(path)` starts from): a path
 * with a scheme ('http://host:8080/x') sets the scheme and host too.
 */
export function environFromUrl(url: string): Environ {
  let path = url;
  let scheme = 'http';
  let netloc = 'localhost:80';
  if (SCHEME_RE.search(url) !== null) {
    const m = /^([^:]+):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s.exec(url);
    if (m === null) throw new TypeError_(`Unsupported URL for Request.blank: ${url}`);
    scheme = (m[1] as string).toLowerCase();
    netloc = m[2] as string;
    path = (m[3] as string) + (m[4] ? '?' + m[4] : '');
    if (m[5]) throw new TypeError_(`Path cannot contain a fragment (${pyStringRepr(m[5])})`);
    if (!netloc.includes(':')) {
      if (scheme === 'http') netloc += ':80';
      else if (scheme === 'https') netloc += ':443';
      else throw new TypeError_(`Unknown scheme: ${pyStringRepr(scheme)}`);
    }
  }
  let pathInfo: string;
  let queryString = '';
  const q = path.indexOf('?');
  if (path && q >= 0) {
    pathInfo = urlUnquote(path.slice(0, q));
    queryString = path.slice(q + 1);
  } else pathInfo = urlUnquote(path);
  const [serverName, serverPort] = netloc.split(':') as [string, string];
  return newEnviron([
    ['REQUEST_METHOD', 'GET'],
    ['SCRIPT_NAME', ''],
    ['PATH_INFO', pathInfo],
    ['QUERY_STRING', queryString],
    ['SERVER_NAME', serverName],
    ['SERVER_PORT', serverPort],
    ['HTTP_HOST', netloc],
    ['SERVER_PROTOCOL', 'HTTP/1.0'],
    ['wsgi.version', [1, 0]],
    ['wsgi.url_scheme', scheme],
    ['wsgi.input', new BytesIO()],
    ['wsgi.errors', null],
    ['wsgi.multithread', false],
    ['wsgi.multiprocess', false],
    ['wsgi.run_once', false],
  ]);
}

/** The environ the reference runner's `Request.blank` + header setting produces for this request (see the file header). */
export function environFromRequest(request: HttpRequest): Environ {
  const path = v2PathOf(request.target);
  if (path === null) throw new TargetNotUnderV2(`not under /v2: ${request.target}`);
  const env = environFromUrl(path);
  env['REQUEST_METHOD'] = request.method;
  const seen = new Set<string>();
  for (const [name, value] of request.headers) {
    const key = transName(name);
    if (seen.has(key) && envHas(env, key)) env[key] = `${String(env[key])},${value}`;
    else env[key] = value;
    seen.add(key);
  }
  if (Buffer.isBuffer(request.body)) {
    env['wsgi.input'] = new BytesIO(request.body);
    // `req.body = data` marks the input seekable; a request without a body never set one.
    if (request.body.length > 0 || envHas(env, 'CONTENT_LENGTH')) env['webob.is_body_seekable'] = true;
  } else {
    env['wsgi.input'] = new StreamInput(request.body);
  }
  return env;
}
