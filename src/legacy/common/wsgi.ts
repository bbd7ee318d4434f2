/**
 * Glance's WSGI plumbing for the v2 API: the `Resource` that runs a
 * request through a deserializer, a controller action and a serializer and
 * turns what escapes into HTTP answers; the JSON request deserializer and
 * response serializer every v2 resource builds on; exception translation.
 *
 * Calling convention (Python's `method(request, **action_args)`): an action
 * is a method on the controller, deserializer or serializer object, found
 * by name, else that object's `default`. Deserializer actions take the
 * request and return the keyword arguments they parsed (a `Kwargs`);
 * controller actions take the request and one `Kwargs` object, the routing
 * arguments (`image_id`, ...) updated with the deserializer's; serializer
 * actions take the response and the controller's result. A controller that
 * wraps positional TypeScript methods binds its keywords with `bindKwargs`,
 * which raises Python's TypeError for an unexpected or missing one (Glance
 * answers those with its bare 500).
 *
 * @see glance/common/wsgi.py
 */
import { PyFloat, pyJsonDumpsValue, pyJsonLoads, type PyJson } from '../../lib/pyjson.js';
import { AttributeError, TypeError_, ValueError, pyRepr } from '../../lib/python.js';
import {
  MultiDict, Request as WebobRequest, Response, UnicodeDecodeError, utf8Decode, wsgify,
  type AppIter, type Environ, type StartResponse, type WsgiApp, type WsgiCallable, type WsgifyResult,
} from '../../lib/webob/index.js';
import { ContentRange, Range } from '../../lib/webob/byterange.js';
import { Mapper, RoutesMiddleware, type MatchDict, type Route } from '../../lib/routes.js';
import { InvalidContentType } from '../exception.js';
import {
  HTTPBadRequest, HTTPError, HTTPException, HTTPInternalServerError, HTTPMethodNotAllowed, HTTPNotFound, HTTPNotImplemented,
  HTTPRequestRangeNotSatisfiable,
  WSGIHTTPException,
} from '../webob.js';

// ------------------------------------------------------------ Python calling

/** Python keyword arguments (`**action_args`), in the order they were set. */
export type Kwargs = Record<string, unknown>;

/** One parameter of a Python function: without `default` it is required. */
export interface PyParam {
  readonly name: string;
  readonly default?: unknown;
}

/**
 * Binds keyword arguments to a Python signature, as a call
 * `func(req, **kwargs)` would: an unknown keyword or a missing required one
 * raises Python's TypeError (with its message). Returns every parameter's
 * value, defaults filled in; with `varkw` the unknown keywords are kept too.
 */
export function bindKwargs(func: string, params: readonly PyParam[], kwargs: Kwargs, varkw = false): Kwargs {
  const known = new Set(params.map((p) => p.name));
  const bound: Kwargs = Object.create(null) as Kwargs;
  for (const name of Object.keys(kwargs)) {
    if (!known.has(name) && !varkw) throw new TypeError_(`${func}() got an unexpected keyword argument '${name}'`);
  }
  const missing: string[] = [];
  for (const p of params) {
    if (Object.prototype.hasOwnProperty.call(kwargs, p.name)) bound[p.name] = kwargs[p.name];
    else if ('default' in p) bound[p.name] = p.default;
    else missing.push(p.name);
  }
  if (missing.length > 0) throw new TypeError_(missingMessage(func, missing));
  if (varkw) for (const [k, v] of Object.entries(kwargs)) if (!known.has(k)) bound[k] = v;
  return bound;
}

/** CPython's "f() missing 2 required positional arguments: 'a' and 'b'". */
function missingMessage(func: string, names: string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
  return `${func}() missing ${names.length} required positional argument${names.length === 1 ? '' : 's'}: ${list}`;
}

/** `oslo_utils.strutils.bool_from_string(subject)` (not strict, default False). */
export function boolFromString(subject: unknown): boolean {
  if (typeof subject === 'boolean') return subject;
  const lowered = (subject === null || subject === undefined ? 'None' : String(subject)).trim().toLowerCase();
  return ['1', 't', 'true', 'on', 'y', 'yes'].includes(lowered);
}

/** An attribute of a Python object: own or inherited, never Object.prototype's. */
function pyAttr(obj: object | null | undefined, name: string): unknown {
  if (obj === null || obj === undefined) return undefined;
  for (let o: object | null = obj; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    if (Object.prototype.hasOwnProperty.call(o, name)) return (obj as Record<string, unknown>)[name];
  }
  return undefined;
}

/**
 * `bytes.decode('utf-8')`, strict: a BOM stays in the text (Python's
 * 'utf-8' codec keeps it; json.loads then refuses it). Text is taken as it is.
 */
export function decodeUtf8(data: Buffer | string): string {
  return typeof data === 'string' ? data : utf8Decode(data);
}

// ------------------------------------------------------------ JSON (de)serializers

const VALID_TRANSFER_ENCODING = new Set(['chunked', 'compress', 'deflate', 'gzip', 'identity']);
const HTTPVERB_MAY_HAVE_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Reads a JSON body into `{'body': ...}` for any action it has no method
 * for (its `default`); the v2 deserializers extend it.
 *
 * @see glance/common/wsgi.py JSONRequestDeserializer
 */
export class JSONRequestDeserializer {
  static is_valid_encoding(request: WebobRequest): boolean {
    return VALID_TRANSFER_ENCODING.has((request.headers.get('transfer-encoding') ?? '').toLowerCase());
  }

  static is_valid_method(request: WebobRequest): boolean {
    return HTTPVERB_MAY_HAVE_BODY.has(request.method.toUpperCase());
  }

  /** Whether the request will have an entity body (and marks a chunked one readable). */
  has_body(request: WebobRequest): boolean {
    if (JSONRequestDeserializer.is_valid_encoding(request) && JSONRequestDeserializer.is_valid_method(request)) {
      request.is_body_readable = true;
      return true;
    }
    return request.content_length !== null && request.content_length > 0;
  }

  /**
   * `jsonutils.loads` (strict UTF-8, then Python's json) of a dict or list.
   * Bytes that are not UTF-8 are a ValueError there too: 'Malformed JSON'.
   */
  from_json(datastring: Buffer | string): PyJson {
    let jsondata: PyJson;
    try {
      jsondata = pyJsonLoads(decodeUtf8(datastring));
    } catch (e) {
      if (e instanceof ValueError) throw new HTTPBadRequest({ explanation: 'Malformed JSON in request body.' });
      throw e;
    }
    if (!(jsondata instanceof Map) && !Array.isArray(jsondata)) {
      throw new HTTPBadRequest({ explanation: 'Unexpected body type. Expected list/dict.' });
    }
    return jsondata;
  }

  default(request: WebobRequest): Kwargs {
    if (this.has_body(request)) return { body: this.from_json(request.body) };
    return {};
  }
}

/** `timeutils.PERFECT_TIME_FORMAT` ('%Y-%m-%dT%H:%M:%S.%f'), as to_primitive writes datetimes. */
function perfectTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000');
}

/** Is this a value Python's json writes as it is (the port's dicts included: Maps and plain objects)? */
function isJsonNative(value: unknown): boolean {
  if (value === null || value === undefined || typeof value !== 'object') return typeof value !== 'function' && typeof value !== 'symbol';
  if (Array.isArray(value) || value instanceof Map || value instanceof PyFloat) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * json.dumps's `default` hook as JSONResponseSerializer sets it: objects
 * with `to_dict`, MultiDicts (mixed), then `jsonutils.to_primitive`
 * (datetimes, bytes, exceptions as their repr, sets and other iterables
 * as lists, objects with `items()` as dicts).
 * NOTE(quirk): to_primitive hands back what it cannot convert (a webob
 * Response, say) with a warning, and json.dumps then fails with "Circular
 * reference detected"; Resource answers the unserialized result.
 */
function sanitizer(value: unknown): unknown {
  const toDict = pyAttr(value as object, 'to_dict');
  if (typeof toDict === 'function') return (toDict as () => unknown).call(value);
  if (value instanceof MultiDict) return value.mixed();
  if (value instanceof Date) return perfectTime(value);
  if (Buffer.isBuffer(value)) return decodeUtf8(value);
  if (value instanceof Error) return pyRepr(value);
  if (value instanceof Set) return [...value];
  const items = pyAttr(value as object, 'items');
  if (typeof items === 'function') return new Map((items as () => Iterable<[unknown, unknown]>).call(value));
  if (typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function') return [...(value as Iterable<unknown>)];
  throw new ValueError('Circular reference detected');
}

/** Applies the `default` hook wherever json.dumps would call it, all the way down. */
function sanitize(value: unknown): unknown {
  let v = value;
  for (let guard = 0; !isJsonNative(v); guard++) {
    if (guard > 100) throw new ValueError('Circular reference detected');
    v = sanitizer(v);
  }
  if (Array.isArray(v)) return v.map(sanitize);
  if (v instanceof Map) {
    const out = new Map<unknown, unknown>();
    for (const [k, x] of v) out.set(k, sanitize(x));
    return out;
  }
  if (v !== null && typeof v === 'object' && !(v instanceof PyFloat)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: sanitize(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/**
 * Writes the controller's result as JSON (`json.dumps` defaults: ', ' and
 * ': ' separators, ASCII only) into an `application/json` response.
 *
 * @see glance/common/wsgi.py JSONResponseSerializer
 */
export class JSONResponseSerializer {
  to_json(data: unknown): Buffer {
    return Buffer.from(pyJsonDumpsValue(sanitize(data)), 'utf-8');
  }

  default(response: Response, result: unknown): void {
    response.content_type = 'application/json';
    response.body = this.to_json(result);
  }
}

/**
 * Translates all translatable elements of the given exception into the
 * request's language.
 *
 * @see glance/common/wsgi.py translate_exception
 */
export function translate_exception<E>(req: unknown, e: E): E {
  // "The RequestClass attribute in the webob.dec.wsgify decorator does not
  // guarantee that the request object will be a particular type."
  const bestMatch = pyAttr(req as object, 'best_match_language');
  if (typeof bestMatch !== 'function') return e;
  const locale = (bestMatch as () => string | null).call(req);
  if (e instanceof HTTPError) {
    e.explanation = i18n.translate(e.explanation, locale) as string;
    e.detail = i18n.translate(e.detail, locale);
    if (e.body_template) e.body_template = i18n.translate(e.body_template, locale);
  }
  return e;
}

// ------------------------------------------------------------ Middleware

/**
 * Base WSGI middleware: `process_request` may answer instead of the wrapped
 * application; otherwise the application's response (with `request` set)
 * goes through `process_response`.
 *
 * @see glance/common/wsgi.py Middleware
 */
export class Middleware implements WsgiCallable {
  private readonly wsgi = wsgify((req: WebobRequest) => this.__call__(req));

  constructor(readonly application: WsgiApp | null) {}

  /** Called on each request; an answer (not null) stops the request here. */
  process_request(_req: WebobRequest): WsgifyResult {
    return null;
  }

  /** Do whatever you'd like to the response. */
  process_response(response: Response): Response {
    return response;
  }

  __call__(req: WebobRequest): WsgifyResult {
    const early = this.process_request(req);
    if (early !== null && early !== undefined) return early;
    if (this.application === null) throw new TypeError_("'NoneType' object is not callable");
    const response = req.get_response(this.application);
    response.request = req;
    try {
      return this.process_response(response);
    } catch (e) {
      if (e instanceof HTTPException) return e as unknown as WsgiApp;
      throw e;
    }
  }

  call(environ: Environ, startResponse: StartResponse): AppIter {
    return this.wsgi.call(environ, startResponse);
  }
}

// ------------------------------------------------------------ routing

/**
 * A Routes mapper that can match the empty path (Routes refuses it), so
 * the router's redirect of '' to '/' applies.
 *
 * @see glance/common/wsgi.py APIMapper
 */
export class APIMapper extends Mapper {
  override routematch(url: string | null = null, environ: Record<string, unknown> | null = null): [MatchDict, Route] | null {
    if (url === '') {
      // NOTE(quirk): Glance answers the pair even when nothing matched
      // ((None, None), truthy in Python); RoutesMiddleware then sees no match.
      const [match, route] = this._match('', environ);
      return [match as MatchDict, route as Route];
    }
    return super.routematch(url, environ);
  }
}

/** The methods Glance implements at all: another one on an unknown path is 501, not 404. */
const IMPLEMENTED_HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'];

/**
 * WSGI middleware that maps incoming requests to WSGI apps: RoutesMiddleware
 * matches the request against the mapper, then `_dispatch` calls the
 * matched route's controller (a Resource), or answers 404 (501 for a
 * method Glance implements nowhere) when no route matched.
 *
 * @see glance/common/wsgi.py Router
 */
export class Router implements WsgiCallable {
  readonly map: Mapper;
  private readonly _router: RoutesMiddleware;
  private readonly wsgi = wsgify(() => this._router);

  constructor(mapper: Mapper) {
    mapper.redirect('', '/');
    this.map = mapper;
    this._router = new RoutesMiddleware(Router._dispatch, this.map);
  }

  call(environ: Environ, startResponse: StartResponse): AppIter {
    return this.wsgi.call(environ, startResponse);
  }

  /**
   * Called by RoutesMiddleware after matching the request to a route and
   * putting the match into the environ: 404, 501, or the route's app.
   */
  static readonly _dispatch = wsgify((req: WebobRequest): WsgifyResult => {
    const routing = req.environ['wsgiorg.routing_args'] as [unknown, MatchDict];
    const match = routing[1];
    if (Object.keys(match).length === 0) {
      const answer = IMPLEMENTED_HTTP_METHODS.includes(String(req.environ['REQUEST_METHOD'])) ? new HTTPNotFound() : new HTTPNotImplemented();
      noteErrorClass(req.environ, answer);
      return answer as unknown as WsgiApp;
    }
    return match['controller'] as WsgiApp;
  });
}

// ------------------------------------------------------------ Request

/**
 * glance/i18n.py as the reference runner has it: only en_US is available
 * (Glance ships no compiled catalogs in its source tree), and `translate`
 * returns plain strings as they are (oslo_i18n translates only lazy
 * Messages, and Glance never enables lazy translation). Tests stub these,
 * as Glance's own stub gettext and oslo_i18n.
 */
export const i18n = {
  get_available_languages(_domain: string): string[] {
    return ['en_US'];
  },
  translate(message: string | null, _locale: string | null): string | null {
    return message;
  },
};

/**
 * webob's Request with OpenStack's additions: content negotiation, the
 * request body's content type, the request language, the Range header;
 * `context` is the ad-hoc attribute ContextMiddleware sets.
 *
 * (`CONF.secure_proxy_ssl_header` is None by default: the scheme is never
 * taken from a header. The PY2 `params` override does not apply.)
 *
 * @see glance/common/wsgi.py Request
 */
export class Request extends WebobRequest {
  /** `req.context`: AttributeError until ContextMiddleware has set it. */
  get context(): unknown {
    return this.getAttr('context');
  }
  set context(value: unknown) {
    this.setAttr('context', value);
  }

  /** Determine the requested response content-type. */
  best_match_content_type(): string {
    const supported = ['application/json'];
    const bm = this.accept.bestMatch(supported);
    return bm || 'application/json';
  }

  /** Determine content type of the request body. */
  get_content_type(allowed_content_types: readonly string[]): string {
    if (!this.headers.contains('Content-Type')) throw new InvalidContentType(null, { content_type: null });
    const content_type = this.content_type;
    if (!allowed_content_types.includes(content_type)) throw new InvalidContentType(null, { content_type });
    return content_type;
  }

  /** The best available locale from the Accept-Language header, or null when there is none. */
  best_match_language(): string | null {
    if (!this.accept_language.truthy()) return null;
    const langs = i18n.get_available_languages('glance');
    return this.accept_language.bestMatch(langs);
  }

  /** The `Range` (or, for backward compatibility, `Content-Range`) of a request. */
  get_range_from_request(image_size: number): Range | ContentRange | null {
    const range_str = this.headers.get('Range');
    if (range_str !== null) {
      // "We do not support multi range requests."
      if (range_str.includes(',')) {
        throw new HTTPBadRequest({
          explanation:
            'Requests with multiple ranges are not supported in Glance. You may make multiple single-range requests instead.',
        });
      }
      const range_ = Range.parse(range_str);
      if (range_ === null) throw new HTTPRequestRangeNotSatisfiable('Invalid Range header.');
      // "Ensure that a range like bytes=4- for an image size of 3 is invalidated as per rfc7233."
      if (range_.start >= image_size) {
        throw new HTTPRequestRangeNotSatisfiable(
          `Invalid start position in Range header. Start position MUST be in the inclusive range [0, ${image_size - 1}].`,
        );
      }
      return range_;
    }
    const c_range_str = this.headers.get('Content-Range');
    if (c_range_str !== null) {
      const content_range = ContentRange.parse(c_range_str);
      if (content_range === null) throw new HTTPRequestRangeNotSatisfiable('Invalid Content-Range header.');
      if (content_range.length === null && content_range.stop !== null && content_range.stop > image_size) {
        throw new HTTPRequestRangeNotSatisfiable(
          `Invalid stop position in Content-Range header. The stop position MUST be in the inclusive range [0, ${image_size - 1}].`,
        );
      }
      if (content_range.start !== null && content_range.start >= image_size) {
        throw new HTTPRequestRangeNotSatisfiable(
          `Invalid start position in Content-Range header. Start position MUST be in the inclusive range [0, ${image_size - 1}].`,
        );
      }
      return content_range;
    }
    return null;
  }
}

// ------------------------------------------------------------ RejectMethodController

/**
 * The controller of every path's last route: any method the path does not
 * implement is answered 405 with the `Allow` header of the route.
 *
 * @see glance/common/wsgi.py RejectMethodController
 */
export class RejectMethodController {
  /** `reject(self, req, allowed_methods, *args, **kwargs)`. */
  reject(_req: unknown, kwargs: Kwargs): never {
    const { allowed_methods } = bindKwargs('reject', [{ name: 'allowed_methods' }], kwargs, true);
    throw new HTTPMethodNotAllowed({ headers: [['Allow', allowed_methods as string]] });
  }
}

// ------------------------------------------------------------ Resource

/**
 * The WSGI app behind each v2 route: parses the request with the
 * deserializer's action, runs the controller's action with the routing
 * arguments and the parsed ones, and writes the result with the
 * serializer's action into a fresh `webob.Response(request=request)`.
 *
 * Errors: a webob HTTP error raised while parsing or running the action is
 * re-raised (wsgify serves it); a UnicodeDecodeError (a query that is not
 * UTF-8) is a 400; anything else is a bare 500. A webob HTTP error raised
 * by the serializer is answered; any other serializer failure answers the
 * controller's result itself.
 *
 * @see glance/common/wsgi.py Resource
 */
export class Resource implements WsgiCallable {
  readonly controller: object;
  readonly serializer: object;
  readonly deserializer: object;
  private readonly wsgi = wsgify((req: Request) => this.__call__(req), Request);

  constructor(controller: object, deserializer: object | null = null, serializer: object | null = null) {
    this.controller = controller;
    this.serializer = serializer ?? new JSONResponseSerializer();
    this.deserializer = deserializer ?? new JSONRequestDeserializer();
  }

  call(environ: Environ, startResponse: StartResponse): AppIter {
    return this.wsgi.call(environ, startResponse);
  }

  /** WSGI method that controls (de)serialization and method dispatch. */
  __call__(request: Request): WsgifyResult {
    const action_args = this.get_action_args(request.environ);
    const action = popKey(action_args, 'action') as string | undefined;
    const body_reject = boolFromString(popKey(action_args, 'body_reject') ?? null);
    let action_result: unknown;
    try {
      if (body_reject && this.hasBody(request)) {
        throw new HTTPBadRequest({ explanation: 'A body is not expected with this request.' });
      }
      const deserialized_request = this.dispatch(this.deserializer, action, request) as Kwargs;
      Object.assign(action_args, deserialized_request);
      action_result = this.dispatch(this.controller, action, request, action_args);
    } catch (e) {
      if (e instanceof WSGIHTTPException) {
        noteErrorClass(request.environ, e);
        throw translate_exception(request, e);
      }
      if (e instanceof UnicodeDecodeError) {
        noteErrorClass(request.environ, e);
        throw new HTTPBadRequest({
          explanation:
            'Error decoding your request. Either the URL or the request body contained characters that could not be decoded by Glance',
        });
      }
      noteCaughtError(request.environ, e);
      return new HTTPInternalServerError() as unknown as WsgiApp;
    }
    // "We cannot serialize an Exception, so return the action_result"
    if (action_result instanceof Error) return action_result as unknown as WsgiApp;
    try {
      const response = new Response({ request });
      this.dispatch(this.serializer, action, response, action_result);
      return response;
    } catch (e) {
      if (e instanceof HTTPException) noteErrorClass(request.environ, e);
      if (e instanceof WSGIHTTPException) return translate_exception(request, e) as unknown as WsgiApp;
      if (e instanceof HTTPException) return e as unknown as WsgiApp;
      // NOTE(quirk): glance/common/wsgi.py answers the unserialized result
      // when the serializer fails for any other reason ("return
      // unserializable result (typically a webob exc)").
      return action_result as WsgifyResult;
    }
  }

  private hasBody(request: Request): boolean {
    const has = pyAttr(this.deserializer, 'has_body');
    if (typeof has !== 'function') throw new AttributeError(`'${pyClassName(this.deserializer)}' object has no attribute 'has_body'`);
    return Boolean((has as (r: Request) => unknown).call(this.deserializer, request));
  }

  /** Find the action-specific method on the object (else its `default`) and call it. */
  dispatch(obj: object | null, action: string | undefined, ...args: unknown[]): unknown {
    let method = action === undefined ? undefined : pyAttr(obj, action);
    if (method === undefined) method = pyAttr(obj, 'default');
    if (method === undefined) throw new AttributeError(`'${pyClassName(obj)}' object has no attribute 'default'`);
    if (typeof method !== 'function') throw new TypeError_(`'${typeof method}' object is not callable`);
    return (method as (...a: unknown[]) => unknown).apply(obj, args);
  }

  /** Parse the dictionary created by the routes library (without `controller` and `format`). */
  get_action_args(request_environment: Environ): Kwargs {
    const routing = request_environment['wsgiorg.routing_args'];
    const match = Array.isArray(routing) ? (routing[1] as unknown) : undefined;
    if (match === undefined || match === null || typeof match !== 'object') return {};
    const args: Kwargs = { ...(match instanceof Map ? Object.fromEntries(match) : (match as Kwargs)) };
    delete args['controller'];
    delete args['format'];
    return args;
  }
}

/**
 * Diagnostics, not Glance: the class of the exception that decided an
 * error answer (for a bare 500, the one Glance logs with "Caught error"),
 * kept in the environ for the model's `errorClass`. `PEEL_DEBUG` prints
 * the stack of a bare 500's cause, as ORACLE_DEBUG does.
 */
export const ERROR_CLASS_KEY = 'peel.error_class';

function noteCaughtError(environ: Environ, e: unknown): void {
  noteErrorClass(environ, e);
  if (process.env.PEEL_DEBUG) process.stderr.write(`Caught error: ${e instanceof Error ? e.stack : String(e)}\n`);
}

/** Diagnostics: records the class of the exception that decided an error answer (see ERROR_CLASS_KEY). */
export function noteErrorClass(environ: Environ, e: unknown): void {
  environ[ERROR_CLASS_KEY] = pyClassOfError(e);
}

/** The Python class name of an exception (`JS:<name>` for a JavaScript error the port let escape). */
export function pyClassOfError(e: unknown): string {
  const pyName = (e as { pyName?: unknown } | null)?.pyName;
  if (typeof pyName === 'string') return pyName;
  // JavaScript's stack overflow is where CPython hits its recursion limit (deeply nested JSON).
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'RecursionError';
  return `JS:${e instanceof Error ? e.constructor.name : typeof e}`;
}

function popKey(args: Kwargs, key: string): unknown {
  const value = args[key];
  delete args[key];
  return value;
}

function pyClassName(obj: unknown): string {
  return obj === null || obj === undefined ? 'NoneType' : (obj as object).constructor?.name ?? 'object';
}
