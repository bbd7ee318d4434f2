/**
 * From a webob response to the wire: what the client of `HttpSession`
 * receives (src/shared/http.ts). The reference runner reads the Response
 * `req.get_response(app)` returns; `httpResponseOf` reads the same object:
 * the status code and its reason phrase as written in the status line,
 * the headerlist as the application started it (names as written, order
 * kept), and the body: one buffer when the app_iter is a list, else the
 * lazy chunks (a download), drained by the adapter.
 *
 * `serveRequest(app, request)` is the whole path for one HttpRequest:
 * environ (environ.ts), `Request(environ).get_response(app)`, HttpResponse.
 */
import type { HttpRequest, HttpResponse } from '../../shared/http.js';
import { environFromRequest } from './environ.js';
import { Request } from './request.js';
import type { Response } from './response.js';
import type { WsgiApp } from './wsgi.js';

/** The HttpResponse a client sees for this (served) webob Response. */
export function httpResponseOf(resp: Response): HttpResponse {
  const status = resp.status;
  const space = status.indexOf(' ');
  const reason = space < 0 ? '' : status.slice(space + 1);
  const appIter = resp.app_iter ?? [];
  const body = Array.isArray(appIter) ? Buffer.concat(appIter as Buffer[]) : appIter;
  return { status: resp.status_int, reason, headers: resp.headerlist.map(([k, v]) => [k, v] as const), body };
}

/** One request through a WSGI application, as the reference runner sends it. */
export function serveRequest(app: WsgiApp, request: HttpRequest): HttpResponse {
  const req = new Request(environFromRequest(request));
  return httpResponseOf(req.get_response(app));
}
