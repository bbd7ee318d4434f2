// Random inputs, compared with the real libraries. __fixtures__/webob-fuzz.json
// was recorded with /usr/bin/python3 (webob 1.8.6, Routes 2.5.1) from a seeded
// generator (random.Random(20261203)): 400 request targets of random text
// (percent escapes good and bad, non-ASCII, control characters) with random
// Accept headers, read through Request.blank; and 600 paths built from
// Glance's v2 route templates with odd values and odd endings, under random
// methods and _method overrides, routed by RoutesMiddleware over Glance's
// mapper (its connect calls as in routes-glance-v2.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PyException } from '../../src/lib/python.js';
import { Mapper, RoutesMiddleware, type Route, type RouteKwargs } from '../../src/lib/routes.js';
import { environFromUrl } from '../../src/lib/webob/environ.js';
import { Request } from '../../src/lib/webob/request.js';
import type { Environ, StartResponse } from '../../src/lib/webob/wsgi.js';

interface Fuzz {
  webob: Array<{ target: string; accept: string | null; expected: Record<string, unknown> }>;
  routes: Array<{ method: string; path: string; query: string; expected: Record<string, unknown> }>;
}
const fuzz = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'webob-fuzz.json'), 'utf8')) as Fuzz;
const glance = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'routes-glance-v2.json'), 'utf8')) as {
  connects: Array<[string, Record<string, unknown>]>;
};

function attempt(f: () => unknown): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    if (e instanceof PyException) return { error: [e.pyName, e.message] };
    throw e;
  }
}

function readRequest(target: string, accept: string | null): Record<string, unknown> {
  let req: Request;
  try {
    req = new Request(environFromUrl(target));
  } catch (e) {
    if (e instanceof PyException) return { blank_error: [e.pyName, e.message] };
    throw e;
  }
  if (accept !== null) req.headers.setItem('Accept', accept);
  return {
    PATH_INFO: req.environ['PATH_INFO'],
    QUERY_STRING: req.environ['QUERY_STRING'],
    path_info: attempt(() => req.path_info),
    path: attempt(() => req.path),
    url: attempt(() => req.url),
    GET: attempt(() => req.GET.items()),
    accept: [req.accept.constructor.name, req.accept.acceptableOffers(['text/html', 'application/json'])],
  };
}

class Named {
  constructor(readonly name: string) {}
  call(): Iterable<Buffer> {
    throw new Error('not called');
  }
}

function route(method: string, path: string, query: string): Record<string, unknown> {
  const mapper = new Mapper();
  for (const [p, kw] of glance.connects) mapper.connect(p, { ...kw, controller: new Named(kw['controller'] as string) } as RouteKwargs);
  mapper.redirect('', '/');
  let seen: Record<string, unknown> | null = null;
  const app = (environ: Environ, startResponse: StartResponse): Iterable<Buffer> => {
    const [, match] = environ['wsgiorg.routing_args'] as [unknown, Record<string, unknown>];
    const r = environ['routes.route'] as Route | null;
    seen = {
      method: environ['REQUEST_METHOD'],
      match: Object.fromEntries(Object.entries(match).map(([k, v]) => [k, v instanceof Named ? { controller: v.name } : v])),
      route: r === null ? null : r.routepath,
      path_info: environ['PATH_INFO'],
      script_name: environ['SCRIPT_NAME'],
    };
    startResponse('200 OK', []);
    return [Buffer.alloc(0)];
  };
  const req = new Request(environFromUrl('/'));
  req.environ['PATH_INFO'] = path;
  req.environ['QUERY_STRING'] = query;
  req.method = method;
  try {
    const resp = req.get_response(new RoutesMiddleware(app, mapper));
    return seen ?? { redirect: [resp.status, resp.headerlist] };
  } catch (e) {
    if (e instanceof PyException) return { error: [e.pyName, e.message] };
    throw e;
  }
}

describe('random request targets read as webob reads them (400 seeded cases)', () => {
  it('give the same environ, path, url, query parameters and Accept ranking', () => {
    for (const c of fuzz.webob) expect(readRequest(c.target, c.accept), JSON.stringify([c.target, c.accept])).toEqual(c.expected);
  });
});

describe("random paths from Glance's route templates, routed as Routes 2.5.1 routes them (600 seeded cases)", () => {
  it('give the same match, route and method', () => {
    for (const c of fuzz.routes) expect(route(c.method, c.path, c.query), JSON.stringify([c.method, c.path, c.query])).toEqual(c.expected);
  });
});
