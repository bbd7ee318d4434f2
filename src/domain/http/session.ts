/**
 * The flat model's HTTP front: one request in, one response out, over one
 * world. In order, as a client observes Glance 16.0.0's v2 application:
 * the identity headers (401, or 500 for a malformed service catalog), the
 * route (404, 501, or 405 with the path's methods once any JSON body has
 * parsed), the body rule of the route, then the action: parse the request,
 * run the use case, write the answer. A failure becomes webob's error page
 * for the request's Accept header; anything else that escapes is Glance's
 * bare 500.
 */
import { randomUUID } from 'node:crypto';
import {
  environFromRequest, environFromUrl, exc, httpResponseOf, Request, Response, UnicodeDecodeError, v2PathOf,
  type Environ,
} from '../../lib/webob/index.js';
import { headerValue, type HttpRequest, type HttpResponse, type HttpSession } from '../../shared/http.js';
import type { World } from '../../shared/world.js';
import { buildsPropertyRulesFirst, routeMatchingMethod, unexpectedBody, UnserializableResult, unusableContext } from '../compat/http-front.js';
import { loadProtections } from '../rules/protections.js';
import { contextFor, type Ctx } from '../context.js';
import { DomainError } from '../errors.js';
import { Policy } from '../rules/policy.js';
import { failurePage, pyClassOf } from './answers.js';
import { hasBody, jsonBody } from './body.js';
import { HANDLERS, type Call } from './handlers.js';
import { identify, type Identity } from './identity.js';
import { resolve, type Resolution } from './routes.js';

/** The methods Glance implements anywhere: another one on an unknown path is 501, not 404. */
const IMPLEMENTED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'];

export class FlatHttpSession implements HttpSession {
  constructor(private readonly world: World) {}

  handle(request: HttpRequest): HttpResponse {
    // Outside /v2 the v2 application is never reached: webob's plain 404.
    if (v2PathOf(request.target) === null) return outsideV2(request);
    let environ: Environ;
    try {
      environ = environFromRequest(request);
    } catch (e) {
      return serverFailure(e);
    }
    const req = new Request(environ);
    const policy = new Policy(this.world.settings);
    // Before an action runs, only an HTTP error is an answer; anything else escapes the application.
    let identity: Identity;
    let found: Resolution;
    try {
      identity = identify(req.environ, this.world.settings, policy);
      // Routes matches the raw PATH_INFO (latin-1 text), not webob's UTF-8-decoded path_info.
      found = resolve(String(req.environ['PATH_INFO'] ?? ''), routeMatchingMethod(req));
    } catch (e) {
      if (e instanceof DomainError) return failurePageServed(req, e);
      if (e instanceof exc.WSGIHTTPException) return served(req, failed(e));
      return serverFailure(e);
    }
    let answer: Response | exc.WSGIHTTPException;
    try {
      answer = this.route(req, found, identity, policy);
    } catch (e) {
      if (e instanceof UnserializableResult) return serverFailure(new TypeError(e.message));
      return withRequestId(e instanceof DomainError ? failurePageServed(req, e) : served(req, failed(e)), identity, req);
    }
    return withRequestId(served(req, { response: answer }), identity, req);
  }

  /** The route's action, as Glance's wsgi.Resource runs it: every failure is an answer. */
  private route(req: Request, found: Resolution, identity: Identity, policy: Policy): Response | exc.WSGIHTTPException {
    if (found.kind === 'no-route') return IMPLEMENTED_METHODS.includes(req.method) ? new exc.HTTPNotFound() : new exc.HTTPNotImplemented();
    if (found.kind === 'method-not-allowed') {
      // The reject route's default deserializer still parses a JSON body first.
      jsonBody(req);
      throw new exc.HTTPMethodNotAllowed({ headers: [['Allow', found.allow]] });
    }
    const { route, vars } = found;
    if (route.body === 'rejected' && hasBody(req)) throw new DomainError('HTTPBadRequest', 'A body is not expected with this request.');
    if (route.body === 'unexpected' && jsonBody(req) !== undefined) {
      throw unexpectedBody(String(route.document ?? route.action.split('.')[1]));
    }
    const world = this.world;
    let ctx: Ctx | undefined;
    const call: Call = {
      req, vars, route, world,
      ctx: () => (ctx ??= contextOf(world, identity, policy, route.action)),
    };
    return HANDLERS[route.action](call);
  }
}

/** The request's context, once something reads it (compat/http-front.ts unusableContext, buildsPropertyRulesFirst). */
function contextOf(world: World, identity: Identity, policy: Policy, action: string): Ctx {
  if (!identity.usable) {
    if (buildsPropertyRulesFirst(action)) loadProtections(world.settings, policy);
    throw unusableContext();
  }
  return contextFor(world, identity.actor, policy);
}

interface Answer {
  readonly response: Response | exc.WSGIHTTPException;
  /** Diagnostics: the exception class that decided an error answer. */
  readonly errorClass?: string;
}

function served(req: Request, answer: Answer): HttpResponse {
  const response = httpResponseOf(req.get_response(answer.response));
  if (answer.errorClass === undefined) return response;
  return { status: response.status, reason: response.reason, headers: response.headers, body: response.body, errorClass: answer.errorClass };
}

/** The answer to a failure, with the exception class that decided it. */
function failed(e: unknown): Answer {
  if (e instanceof exc.WSGIHTTPException) return { response: e, errorClass: e.pyName };
  if (e instanceof UnicodeDecodeError) {
    const text = 'Error decoding your request. Either the URL or the request body contained characters that could not be decoded by Glance';
    return { response: new exc.HTTPBadRequest({ explanation: text }), errorClass: 'UnicodeDecodeError' };
  }
  if (e instanceof DomainError) return { response: failurePage(e), errorClass: pyClassOf(e) };
  if (process.env.PEEL_DEBUG) process.stderr.write(`flat 500: ${e instanceof Error ? e.stack : String(e)}\n`);
  return { response: new exc.HTTPInternalServerError(), errorClass: pyClassOf(e) };
}

/**
 * webob's page for a use case's failure, served: it depends only on the
 * failure's status and text (how failurePage passes it), the Accept header
 * and whether the method is HEAD (a DomainError's page has the default body
 * template, no headers of its own and no Location). Most answers of a
 * scenario are such pages, repeated with the same texts: each is rendered
 * once and copied after (rendering it was a tenth of the flat model's time).
 */
const FAILURE_PAGES = new Map<string, HttpResponse>();
const FAILURE_PAGES_MAX = 2048;

function failurePageServed(req: Request, e: DomainError): HttpResponse {
  const accept = req.environ['HTTP_ACCEPT'] ?? '';
  if (typeof accept !== 'string') return served(req, failed(e));
  const text = e.crashed || e.message === '' ? '' : `${e.positional ? 'd' : 'e'}${e.message}`;
  const head = req.environ['REQUEST_METHOD'] === 'HEAD' ? 'H' : '-';
  const key = `${e.status}${head}${accept.length}\u0000${accept}\u0000${text}`;
  let page = FAILURE_PAGES.get(key);
  if (page === undefined) {
    page = served(req, { response: failurePage(e) });
    if (!Buffer.isBuffer(page.body)) return { ...page, errorClass: pyClassOf(e) };
    if (FAILURE_PAGES.size >= FAILURE_PAGES_MAX) FAILURE_PAGES.delete(FAILURE_PAGES.keys().next().value as string);
    FAILURE_PAGES.set(key, page);
  }
  return {
    status: page.status, reason: page.reason, headers: page.headers.map(([k, v]) => [k, v] as const),
    body: Buffer.from(page.body as Buffer), errorClass: pyClassOf(e),
  };
}

/** Glance's context middleware tags every answer the application gave with the request id. */
function withRequestId(response: HttpResponse, identity: Identity, req: Request): HttpResponse {
  if (!identity.usable) return response;
  const id = req.headers.get('X-Openstack-Request-ID') || `req-${randomUUID()}`;
  const tagged: { -readonly [K in keyof HttpResponse]: HttpResponse[K] } = {
    status: response.status, reason: response.reason,
    headers: [...response.headers, ['x-openstack-request-id', id.startsWith('req-') ? id : `req-${id}`]], body: response.body,
  };
  // Written out, not spread (Node 20 spreads objects slowly); errorClass only where the answer has one.
  if ('errorClass' in response) tagged.errorClass = response.errorClass;
  return tagged;
}

/** webob's 404 for a target outside /v2: its page depends only on the method and Accept. */
function outsideV2(request: HttpRequest): HttpResponse {
  const environ = environFromUrl('/');
  environ['REQUEST_METHOD'] = request.method;
  const accept = headerValue(request.headers, 'Accept');
  if (accept !== undefined) environ['HTTP_ACCEPT'] = accept;
  return httpResponseOf(new Request(environ).get_response(new exc.HTTPNotFound()));
}

/**
 * What the WSGI server answers when the request cannot even be read
 * (a path that is not ASCII): 500, text/plain, an empty body.
 */
function serverFailure(e: unknown): HttpResponse {
  return {
    status: 500, reason: 'Internal Server Error', headers: [['Content-type', 'text/plain'], ['Content-length', '0']],
    body: Buffer.alloc(0), errorClass: pyClassOf(e),
  };
}

