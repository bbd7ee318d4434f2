/**
 * Glance's `unit_test_utils.get_fake_request()` as the deserializer and
 * serializer tests use it: a `glance.common.wsgi.Request.blank(path)` with
 * a method and a RequestContext, whose body the test sets; and the webob
 * response `wsgi.Resource` hands a serializer (`webob.Response(request=req)`).
 */
import { Request } from '../../../src/legacy/common/wsgi.js';
import { Response } from '../../../src/lib/webob/response.js';
import { MultiDict } from '../../../src/lib/webob/multidict.js';
import { pyJsonDumpsValue, pyJsonLoads, type PyJson } from '../../../src/lib/pyjson.js';
import { getFakeContext, type FakeRequestOptions } from './v2-fixtures.js';

export interface WsgiRequestOptions extends FakeRequestOptions {
  readonly path?: string;
  readonly method?: string;
}

/** @see glance/tests/unit/utils.py get_fake_request */
export function getFakeWsgiRequest(opts: WsgiRequestOptions = {}): Request {
  const req = Request.blank(opts.path ?? '');
  req.method = opts.method ?? 'POST';
  req.context = getFakeContext(opts);
  return req;
}

/** `jsonutils.dump_as_bytes(value)`: Python's json.dumps of the value, UTF-8. */
export function dumpAsBytes(value: unknown): Buffer {
  return Buffer.from(pyJsonDumpsValue(value), 'utf-8');
}

/** A request whose body is `value` as JSON (`request.body = jsonutils.dump_as_bytes(value)`). */
export function jsonRequest(value: unknown, opts: WsgiRequestOptions = {}): Request {
  const req = getFakeWsgiRequest(opts);
  req.body = dumpAsBytes(value);
  return req;
}

/** `webob.Response(request=req)`, the response wsgi.Resource serializes into. */
export function responseFor(request: Request = getFakeWsgiRequest()): Response & { request: unknown } {
  return new Response({ request }) as Response & { request: unknown };
}

/** The JSON a serializer wrote, as Python's json reads it. */
export function jsonBody(response: Response): PyJson {
  return pyJsonLoads(response.text);
}

/** A deserializer's Python values as plain ones (dicts as objects, a MultiDict as `dict(multidict)`), for toEqual. */
export function plain(value: unknown): unknown {
  if (value instanceof MultiDict) {
    const out: Record<string, unknown> = {};
    for (const key of value.keys()) out[key] = plain(value.getItem(key));
    return out;
  }
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[k as string] = plain(v);
    return out;
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}
