/**
 * webob.dec.wsgify: a request handler made a WSGI application.
 *
 * Served, the handler gets a `RequestClass(environ)` whose ad-hoc attribute
 * `response` is a fresh `Response()`; what it returns becomes the answer:
 * - a Response, an HTTP exception or any other WSGI application: called
 *   with the same environ (so a router can return the next app);
 * - null/undefined: `req.response`;
 * - a string: encoded with the request's charset, then as bytes;
 * - bytes: written to `req.response` (its body becomes b'' + the bytes,
 *   Content-Type stays `text/html; charset=UTF-8`).
 * An `HTTPException` thrown by the handler is served as the response; any
 * other error propagates. `callWithRequest(req)` is the handler called
 * directly, as Python calls a wsgify-decorated function with a request.
 *
 * @see webob/dec.py wsgify.__call__
 */
import { HTTPException } from './exc.js';
import { Request } from './request.js';
import { Response, encodeText } from './response.js';
import { callApp, type AppIter, type Environ, type StartResponse, type WsgiApp, type WsgiCallable } from './wsgi.js';

/** What a wrapped handler may return. */
export type WsgifyResult = Response | WsgiApp | string | Buffer | null | undefined;

export type RequestClass<R extends Request> = new (environ: Environ) => R;

export class Wsgify<R extends Request = Request> implements WsgiCallable {
  constructor(
    readonly func: (req: R) => WsgifyResult,
    readonly RequestClass: RequestClass<R>,
  ) {}

  /** The handler called with a request (Python's `wrapped(req)`), no WSGI conversion. */
  callWithRequest(req: R): WsgifyResult {
    return this.func(req);
  }

  call(environ: Environ, startResponse: StartResponse): AppIter {
    const req = new this.RequestClass(environ);
    const fresh = new (req.constructor as typeof Request).ResponseClass();
    req.setAttr('response', fresh);
    let resp: WsgifyResult;
    try {
      resp = this.func(req);
    } catch (e) {
      if (!(e instanceof HTTPException)) throw e;
      resp = e as unknown as WsgiApp;
    }
    const reqResponse = req.getAttr('response') as Response;
    if (resp === null || resp === undefined) resp = reqResponse;
    if (typeof resp === 'string') resp = encodeText(resp, req.charset);
    if (Buffer.isBuffer(resp)) {
      reqResponse.write(resp);
      resp = reqResponse;
    }
    // merge_cookies: req.response never carries Set-Cookie here, so `resp` is served as it is.
    return callApp(resp, environ, startResponse);
  }
}

/** `@webob.dec.wsgify(RequestClass=...)` around `func`. */
export function wsgify<R extends Request = Request>(func: (req: R) => WsgifyResult, RequestClass?: RequestClass<R>): Wsgify<R> {
  return new Wsgify<R>(func, RequestClass ?? (Request as unknown as RequestClass<R>));
}
