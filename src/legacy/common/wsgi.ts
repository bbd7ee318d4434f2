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
import { pyJsonDumpsValue, pyJsonLoads, type PyJson } from '../../lib/pyjson.js';
import { PyException, TypeError_, ValueError, AttributeError } from '../../lib/python.js';
import {
  HTTPBadRequest, HTTPException, HTTPInternalServerError, WSGIHTTPException,
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

/** Is this the UnicodeDecodeError Python raises for bytes that are not UTF-8? */
export function isUnicodeDecodeError(e: unknown): boolean {
  if (e instanceof PyException) return e.pyName === 'UnicodeDecodeError';
  return e instanceof TypeError && (e as { code?: unknown }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA';
}

/** Python's UnicodeDecodeError (a ValueError, as UnicodeError is). */
export class UnicodeDecodeError extends ValueError {}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * `bytes.decode('utf-8')`: strict, and a BOM stays in the text (Python's
 * 'utf-8' codec keeps it; json.loads then refuses it).
 */
export function decodeUtf8(data: Buffer | string): string {
  if (typeof data === 'string') return data;
  try {
    return UTF8.decode(data);
  } catch {
    throw new UnicodeDecodeError("'utf-8' codec can't decode bytes");
  }
}

// ------------------------------------------------------------ what Glance reads of webob

/**
 * The parts of a webob request Glance's wsgi code reads. `src/lib/webob`'s
 * Request has them; Glance's `Request` below adds its own methods.
 */
export interface WebobRequestView {
  readonly environ: Record<string, unknown>;
  readonly method: string;
  readonly headers: { get(name: string): string | undefined };
  readonly content_length: number | null;
  readonly body: Buffer;
  is_body_readable: boolean;
}

/** The parts of a webob response Glance's serializers set. */
export interface WebobResponseView {
  content_type: string | null;
  body: Buffer;
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
  static is_valid_encoding(request: WebobRequestView): boolean {
    return VALID_TRANSFER_ENCODING.has((request.headers.get('transfer-encoding') ?? '').toLowerCase());
  }

  static is_valid_method(request: WebobRequestView): boolean {
    return HTTPVERB_MAY_HAVE_BODY.has(request.method.toUpperCase());
  }

  /** Whether the request will have an entity body (and marks a chunked one readable). */
  has_body(request: WebobRequestView): boolean {
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

  default(request: WebobRequestView): Kwargs {
    if (this.has_body(request)) return { body: this.from_json(request.body) };
    return {};
  }
}

/** `timeutils.PERFECT_TIME_FORMAT` ('%Y-%m-%dT%H:%M:%S.%f'), as to_primitive writes datetimes. */
function perfectTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000');
}

/**
 * `jsonutils.to_primitive` as the serializer's `default` hook applies it,
 * for the values JavaScript holds that json cannot write: objects with a
 * `to_dict`, sets (as lists), datetimes.
 */
function sanitize(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sanitize);
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>();
    for (const [k, v] of value) out.set(k, sanitize(v));
    return out;
  }
  if (value instanceof Set) return [...value].map(sanitize);
  if (value instanceof Date) return perfectTime(value);
  if (Buffer.isBuffer(value)) return decodeUtf8(value);
  const toDict = pyAttr(value, 'to_dict');
  if (typeof toDict === 'function') return sanitize((toDict as () => unknown).call(value));
  if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = sanitize(v);
    return out;
  }
  return value;
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

  default(response: WebobResponseView, result: unknown): void {
    response.content_type = 'application/json';
    response.body = this.to_json(result);
  }
}

/**
 * Translates an HTTP error's texts into the request's language. Glance's
 * messages are plain strings (lazy translation is never enabled) and no
 * catalog but en_US is installed, so `i18n.translate` returns them as
 * they are; the language is still negotiated, as Glance does.
 *
 * @see glance/common/wsgi.py translate_exception
 */
export function translate_exception<E>(req: unknown, e: E): E {
  const bestMatch = pyAttr(req as object, 'best_match_language');
  if (typeof bestMatch !== 'function') return e;
  (bestMatch as () => unknown).call(req);
  return e;
}

// ------------------------------------------------------------ Resource

/** An object whose actions Resource dispatches to by name. */
export type Dispatchable = object;

/** What `Resource.call` answers: a response, or an HTTP error to render as one. */
export type ResourceAnswer<R> = R | WSGIHTTPException;

/**
 * The WSGI app behind each v2 route: parses the request with the
 * deserializer's action, runs the controller's action with the routing
 * arguments and the parsed ones, and writes the result with the
 * serializer's action into a fresh 200 response.
 *
 * Errors: a webob HTTP error raised while parsing or running the action is
 * re-raised (rendered by wsgify); a UnicodeDecodeError (a query that is not
 * UTF-8) is a 400; anything else is a bare 500. A webob HTTP error raised
 * by the serializer is answered; any other serializer failure answers the
 * controller's result itself.
 *
 * @see glance/common/wsgi.py Resource
 */
export class Resource<Req extends WebobRequestView = WebobRequestView, Resp extends WebobResponseView = WebobResponseView> {
  readonly controller: Dispatchable;
  readonly serializer: Dispatchable;
  readonly deserializer: Dispatchable;

  constructor(
    controller: Dispatchable,
    deserializer: Dispatchable | null = null,
    serializer: Dispatchable | null = null,
    private readonly newResponse: (request: Req) => Resp = defaultResponse as unknown as (request: Req) => Resp,
  ) {
    this.controller = controller;
    this.serializer = serializer ?? new JSONResponseSerializer();
    this.deserializer = deserializer ?? new JSONRequestDeserializer();
  }

  /** The body of `Resource.__call__` (what `@webob.dec.wsgify(RequestClass=Request)` wraps). */
  call(request: Req): ResourceAnswer<Resp> | unknown {
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
      if (e instanceof WSGIHTTPException) throw translate_exception(request, e);
      if (isUnicodeDecodeError(e)) {
        throw new HTTPBadRequest({
          explanation:
            'Error decoding your request. Either the URL or the request body contained characters that could not be decoded by Glance',
        });
      }
      if (process.env.PEEL_DEBUG) process.stderr.write(`Caught error: ${e instanceof Error ? e.stack : String(e)}\n`);
      return new HTTPInternalServerError();
    }
    // "We cannot serialize an Exception, so return the action_result"
    if (action_result instanceof Error) return action_result;
    try {
      const response = this.newResponse(request);
      this.dispatch(this.serializer, action, response, action_result);
      return response;
    } catch (e) {
      if (e instanceof WSGIHTTPException) return translate_exception(request, e);
      if (e instanceof HTTPException) return e;
      // NOTE(quirk): glance/common/wsgi.py returns the unserialized result
      // when the serializer fails for any other reason.
      return action_result;
    }
  }

  private hasBody(request: Req): boolean {
    const has = pyAttr(this.deserializer, 'has_body');
    if (typeof has !== 'function') throw new AttributeError(`'${pyClassName(this.deserializer)}' object has no attribute 'has_body'`);
    return Boolean((has as (r: Req) => unknown).call(this.deserializer, request));
  }

  /** The object's method named `action`, else its `default`; AttributeError when neither exists. */
  dispatch(obj: Dispatchable, action: string | undefined, ...args: unknown[]): unknown {
    let method = action === undefined ? undefined : pyAttr(obj, action);
    if (method === undefined) method = pyAttr(obj, 'default');
    if (method === undefined) throw new AttributeError(`'${pyClassName(obj)}' object has no attribute 'default'`);
    if (typeof method !== 'function') throw new TypeError_(`'${typeof method}' object is not callable`);
    return (method as (...a: unknown[]) => unknown).apply(obj, args);
  }

  /** The routing arguments, without `controller` and `format`. */
  get_action_args(request_environment: Record<string, unknown>): Kwargs {
    const routing = request_environment['wsgiorg.routing_args'];
    const match = Array.isArray(routing) ? (routing[1] as unknown) : undefined;
    if (match === undefined || match === null || typeof match !== 'object') return {};
    const args: Kwargs = { ...(match instanceof Map ? Object.fromEntries(match) : (match as Kwargs)) };
    delete args['controller'];
    delete args['format'];
    return args;
  }
}

function popKey(args: Kwargs, key: string): unknown {
  const value = args[key];
  delete args[key];
  return value;
}

function pyClassName(obj: unknown): string {
  return obj === null || obj === undefined ? 'NoneType' : (obj as object).constructor?.name ?? 'object';
}

/** Until src/lib/webob's Response is wired in: a bare 200 response. */
function defaultResponse(): WebobResponseView & { status_int: number } {
  return { status_int: 200, content_type: null, body: Buffer.alloc(0) };
}
