// Routes 2.5.1 against itself. __fixtures__/routes-glance-v2.json was
// recorded with /usr/bin/python3 (Debian 12's python3-routes 2.5.1): the
// mapper.connect calls of Glance 16.0.0's glance/api/v2/router.py (read with
// Python's ast, each controller replaced by a named stand-in), replayed into
// a routes.Mapper followed by Router's `mapper.redirect('', '/')`; then what
// RoutesMiddleware hands the application (method seen, match dict, route
// path, PATH_INFO, SCRIPT_NAME) for every route's path and odd paths under
// nine methods and `_method` overrides; the regexp of every route; and the
// regexps and matches of synthetic routes, minimized or not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PyException } from '../../src/lib/python.js';
import { Mapper, RoutesMiddleware, type Route, type RouteKwargs } from '../../src/lib/routes.js';
import { Request } from '../../src/lib/webob/request.js';
import { environFromUrl } from '../../src/lib/webob/environ.js';
import type { Environ, StartResponse } from '../../src/lib/webob/wsgi.js';

interface Fixture {
  connects: Array<[string, Record<string, unknown>]>;
  regexps: Array<[string, string]>;
  cases: Array<{ method: string; path: string; query: string; expected: Record<string, unknown> }>;
  synthetic: Array<{ path: string; minimize: boolean; explicit: boolean; kwargs: Record<string, unknown>; expected: Record<string, unknown> }>;
}

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'routes-glance-v2.json'), 'utf8')) as Fixture;

/** A controller stand-in: a WSGI application known by name. */
class Named {
  constructor(readonly name: string) {}
  call(): Iterable<Buffer> {
    throw new Error('not called');
  }
}

function glanceMapper(): Mapper {
  const m = new Mapper();
  for (const [path, kw] of fixture.connects) m.connect(path, { ...kw, controller: new Named(kw['controller'] as string) } as RouteKwargs);
  m.redirect('', '/');
  return m;
}

function plain(v: unknown): unknown {
  return v instanceof Named ? { controller: v.name } : v;
}

function routeCase(method: string, path: string, query: string): Record<string, unknown> {
  const mapper = glanceMapper();
  let seen: Record<string, unknown> | null = null;
  const app = (environ: Environ, startResponse: StartResponse): Iterable<Buffer> => {
    const [, match] = environ['wsgiorg.routing_args'] as [unknown, Record<string, unknown>];
    const route = environ['routes.route'] as Route | null;
    seen = {
      method: environ['REQUEST_METHOD'],
      match: Object.fromEntries(Object.entries(match).map(([k, v]) => [k, plain(v)])),
      route: route === null ? null : route.routepath,
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
  if (method === 'POST' && query === 'form') {
    req.environ['QUERY_STRING'] = '';
    req.body = Buffer.from('_method=delete');
    req.content_type = 'application/x-www-form-urlencoded';
  }
  try {
    const resp = req.get_response(new RoutesMiddleware(app, mapper));
    if (seen === null) return { redirect: [resp.status, resp.headerlist] };
    return seen;
  } catch (e) {
    if (e instanceof PyException) return { error: [e.pyName, e.message] };
    throw e;
  }
}

describe("Glance 16.0.0's v2 routes in a Routes 2.5.1 Mapper", () => {
  it('build the regexps route.py builds for each of the 107 routes', () => {
    const m = glanceMapper();
    m.createRegs([]);
    expect(m.matchlist.map((r) => [r.routepath, r.regexp])).toEqual(fixture.regexps);
  });

  for (const c of fixture.cases) {
    it(`${c.method} ${JSON.stringify(c.path)}${c.query ? ' ?' + c.query : ''}: ${Object.keys(c.expected)[0]} as RoutesMiddleware gives it`, () => {
      expect(routeCase(c.method, c.path, c.query)).toEqual(c.expected);
    });
  }
});

/**
 * Minimized routes join a Python frozenset of characters into a class
 * (`[^/.]`): its order follows the per-process string hash, so the text
 * differs from run to run; the characters are compared sorted.
 */
function normalizeSets(r: Record<string, unknown>): Record<string, unknown> {
  if (typeof r['regexp'] !== 'string') return r;
  return { ...r, regexp: (r['regexp'] as string).replace(/\[\^([^\]]+)\]/g, (_m, set: string) => `[^${[...set].sort().join('')}]`) };
}

describe('route regexps and matches of synthetic routes (__fixtures__/routes-glance-v2.json synthetic)', () => {
  for (const s of fixture.synthetic) {
    it(`${JSON.stringify(s.path)} minimize=${s.minimize} explicit=${s.explicit}`, () => {
      let got: Record<string, unknown>;
      try {
        const m = new Mapper({ controller_scan: ['blog', 'admin/users'], explicit: s.explicit });
        m.minimization = s.minimize;
        m.connect(s.path, s.kwargs as RouteKwargs);
        m.createRegs(['blog', 'admin/users']);
        const route = m.matchlist[0] as Route;
        const urls = ['/a/1.json', '/a/12', '/a/.json', '/a', '/a/x/y', '/blog/view/12', '/blog/view/x', '/a/bc', '/a/b-c', '/a/1,2;3',
          '/x/y/', '/x/y', '/x.y', '/e{scaped}', '/a/ab/c', '/a+b(c)|d', '/blog', '/admin/users/list', '/date/2020', '/date/2020/5',
          '/date/2020/5/6', '/a/b#c', '/blog/', '/tab\there', '/a/1\n'];
        got = { regexp: route.regexp, matches: urls.flatMap((u) => { const r = m.match(u); return r === null ? [] : [[u, r]]; }) };
      } catch (e) {
        if (!(e instanceof PyException)) throw e;
        got = { error: [e.pyName, e.message] };
      }
      expect(normalizeSets(got)).toEqual(normalizeSets(s.expected));
    });
  }
});

describe('RoutesMiddleware quirks Glance inherits', () => {
  it('NOTE(quirk): a POST with ?_method=DELETE is matched as DELETE but the app sees POST', () => {
    const c = fixture.cases.find((x) => x.method === 'POST' && x.path === '/images' && x.query === '_method=delete');
    expect(c?.expected['method']).toBe('POST');
    expect(routeCase('POST', '/images', '_method=delete')).toMatchObject({ method: 'POST', match: { action: 'reject' } });
  });

  it("NOTE(quirk): Python's $ lets a path ending in a newline match the route without it", () => {
    expect(routeCase('GET', '/images\n', '')).toMatchObject({ match: { action: 'index' } });
  });

  it('NOTE(quirk): a multipart file part named _method makes the override raise TypeError, as bool(FieldStorage) does', () => {
    const mapper = new Mapper();
    mapper.connect('/images', { controller: 'c', action: 'x' });
    const req = new Request(environFromUrl('/images'));
    req.method = 'POST';
    req.body = Buffer.from('--xx\r\nContent-Disposition: form-data; name="_method"; filename="m"\r\n\r\nDELETE\r\n--xx--\r\n');
    req.headers.setItem('Content-Type', 'multipart/form-data; boundary=xx');
    const app = (_e: Environ, startResponse: StartResponse) => {
      startResponse('200 OK', []);
      return [Buffer.alloc(0)];
    };
    expect(() => req.get_response(new RoutesMiddleware(app, mapper))).toThrow('Cannot be converted to bool.');
  });

  it('NOTE(quirk): body_reject=True arrives in the match dict as the text "True"', () => {
    expect(routeCase('GET', '/schemas/image', '')).toMatchObject({ match: { body_reject: 'True' } });
  });
});
