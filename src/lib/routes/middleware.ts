/**
 * routes.middleware.RoutesMiddleware (Routes 2.5.1): matches PATH_INFO and
 * hands the result to the wrapped application in the environ.
 *
 * On each call:
 * 1. Method override (on by default): if the raw QUERY_STRING contains
 *    '_method' anywhere, `Request(environ).GET.get('_method')` (the last
 *    value; a UnicodeDecodeError while parsing counts as none, a
 *    UnicodeEncodeError escapes) replaces REQUEST_METHOD, upper-cased, for
 *    the matching only; else a POST form body's `_method` does the same.
 *    The original method is put back before the application runs, so the
 *    application (and a 405 page) sees the method the client sent.
 * 2. `mapper.routematch(PATH_INFO)` with the mapper's environ set to this
 *    one (what assigning `request_config().environ` does).
 * 3. `environ['wsgiorg.routing_args'] = (url, match)` (match `{}` when
 *    nothing matched), `routes.route`, `routes.url` (a URLGenerator).
 * 4. A redirect route answers `start_response(status, [('Content-Type',
 *    'text/plain; charset=utf8'), ('Location', url)])` and an empty body.
 * 5. A `path_info` variable in the match moves the matched prefix to
 *    SCRIPT_NAME.
 * 6. The application is called; the mapper's environ is cleared.
 *
 * @see routes/middleware.py
 */
import { NotImplementedError_ } from '../python.js';
import { compile } from '../pyre.js';
import { UnicodeDecodeError } from '../webob/compat.js';
import { FieldStorage } from '../webob/multipart.js';
import { Request } from '../webob/request.js';
import { callApp, envHas, type AppIter, type Environ, type StartResponse, type WsgiApp, type WsgiCallable } from '../webob/wsgi.js';
import { redirectId, type Mapper } from './mapper.js';
import { reEscape, type MatchDict, type Route } from './route.js';

export interface RoutesMiddlewareOptions {
  readonly use_method_override?: boolean;
  readonly path_info?: boolean;
  readonly singleton?: boolean;
}

/**
 * routes.util.URLGenerator, for what RoutesMiddleware needs of it: the
 * Location of a redirect route (a named static route, prefixed with
 * SCRIPT_NAME). General URL generation is not ported (Glance's v2 API
 * never generates URLs through Routes).
 */
export class URLGenerator {
  constructor(
    readonly mapper: Mapper,
    readonly environ: Environ,
  ) {
    if (!envHas(environ, 'SCRIPT_NAME')) environ['SCRIPT_NAME'] = '';
  }

  call(name: string, kwargs: MatchDict = {}): string {
    const route = this.mapper._routenames.get(name);
    if (route === undefined || !route.static || route.routelist.some((p) => typeof p !== 'string') || Object.keys(kwargs).length > 0) {
      throw new NotImplementedError_(`URL generation for ${name} is not ported (only static named routes without arguments)`);
    }
    const scriptName = String(this.environ['SCRIPT_NAME'] ?? '');
    return route.absolute || route.external ? route.routepath : scriptName + route.routepath;
  }
}

/** Is the request a POSTed HTML form (urlencoded or multipart)? */
export function isFormPost(environ: Environ): boolean {
  let ct = String(envHas(environ, 'CONTENT_TYPE') ? environ['CONTENT_TYPE'] : '').toLowerCase();
  if (ct.includes(';')) ct = ct.split(';', 1)[0] as string;
  return ct === 'application/x-www-form-urlencoded' || ct === 'multipart/form-data';
}

export class RoutesMiddleware implements WsgiCallable {
  readonly use_method_override: boolean;
  readonly path_info: boolean;
  readonly singleton: boolean;

  constructor(
    readonly app: WsgiApp,
    readonly mapper: Mapper,
    opts: RoutesMiddlewareOptions = {},
  ) {
    this.use_method_override = opts.use_method_override ?? true;
    this.path_info = opts.path_info ?? true;
    this.singleton = opts.singleton ?? true;
  }

  /** The `_method` override for matching, or null. */
  private overrideMethod(environ: Environ): string | null {
    const qs = envHas(environ, 'QUERY_STRING') ? String(environ['QUERY_STRING']) : '';
    let method: unknown = null;
    if (qs.includes('_method')) {
      method = readParam(() => new Request(environ).GET.get('_method'));
    } else if (environ['REQUEST_METHOD'] === 'POST' && isFormPost(environ)) {
      method = readParam(() => new Request(environ).POST.get('_method'));
    }
    // NOTE(quirk): a file part named _method is a FieldStorage, whose bool() raises TypeError.
    if (method instanceof FieldStorage) method.truthy();
    return typeof method === 'string' && method ? method.toUpperCase() : null;
  }

  call(environ: Environ, startResponse: StartResponse): AppIter {
    let oldMethod: string | null = null;
    if (this.use_method_override) {
      const method = this.overrideMethod(environ);
      if (method) {
        oldMethod = String(environ['REQUEST_METHOD']);
        environ['REQUEST_METHOD'] = method;
      }
    }
    let match: MatchDict | null = null;
    let route: Route | null = null;
    this.mapper.environ = environ;
    if (this.singleton) {
      // request_config().environ = environ: matches PATH_INFO when there is one.
      if (envHas(environ, 'PATH_INFO')) {
        const result = this.mapper.routematch(String(environ['PATH_INFO']));
        if (result !== null) [match, route] = result;
      }
    } else {
      const result = this.mapper.routematch(null, environ);
      if (result !== null) [match, route] = result;
    }
    if (oldMethod) environ['REQUEST_METHOD'] = oldMethod;
    if (!match) match = {};
    const url = new URLGenerator(this.mapper, environ);
    environ['wsgiorg.routing_args'] = [url, match];
    environ['routes.route'] = route;
    environ['routes.url'] = url;
    if (route && route.redirect) {
      const location = url.call(`_redirect_${redirectId(route)}`, {});
      startResponse(route.redirect_status, [
        ['Content-Type', 'text/plain; charset=utf8'],
        ['Location', location],
      ]);
      return [];
    }
    if (this.path_info && Object.prototype.hasOwnProperty.call(match, 'path_info')) {
      const oldpath = String(environ['PATH_INFO']);
      const newpath = String(match['path_info'] || '');
      environ['PATH_INFO'] = newpath.startsWith('/') ? newpath : '/' + newpath;
      const re = compile('^(.*?)/' + reEscape(newpath) + '$');
      const m = re.search(oldpath);
      // re.sub keeps what follows the match (a final newline Python's `$` stepped over).
      const moved = m === null ? oldpath : (m.group(1) as string) + [...oldpath].slice(m.span()[1]).join('');
      environ['SCRIPT_NAME'] = String(environ['SCRIPT_NAME'] ?? '') + moved;
    }
    const response = callApp(this.app, environ, startResponse);
    this.mapper.environ = null;
    return response;
  }
}

/** A parameter read where a UnicodeDecodeError means "none" (and only that). */
function readParam(read: () => unknown): unknown {
  try {
    return read();
  } catch (e) {
    if (e instanceof UnicodeDecodeError) return null;
    throw e;
  }
}
