// webob.dec.wsgify in a Glance-shaped stack, against webob 1.8.6 and Routes
// 2.5.1. __fixtures__/webob-dec.json was recorded with /usr/bin/python3
// (Debian 12's python3-webob and python3-routes): an outer wsgify middleware
// calling `req.get_response(router)`, a Router (wsgify returning a
// RoutesMiddleware), a `_dispatch` (wsgify: 404, 501 or the matched
// controller) and handlers returning text, bytes, None, a Response, an
// exception, or raising one; the final status, header list and body.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PyException, ValueError } from '../../src/lib/python.js';
import { Mapper, RoutesMiddleware } from '../../src/lib/routes.js';
import { wsgify, type WsgifyResult } from '../../src/lib/webob/dec.js';
import { environFromUrl } from '../../src/lib/webob/environ.js';
import * as exc from '../../src/lib/webob/exc.js';
import { Request } from '../../src/lib/webob/request.js';
import { Response } from '../../src/lib/webob/response.js';
import type { WsgiApp } from '../../src/lib/webob/wsgi.js';

interface Case {
  handler: string;
  method: string;
  accept: string | null;
  expected: unknown;
}

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'webob-dec.json'), 'utf8')) as { cases: Case[] };

const HANDLERS: Record<string, (req: Request) => WsgifyResult> = {
  str: () => 'caf\u00e9 text',
  bytes: () => Buffer.from('raw \xff bytes', 'latin1'),
  none: () => null,
  response: () => new Response({ body: Buffer.from('{"a": 1}'), content_type: 'application/json', status: 201 }),
  raise404: () => {
    throw new exc.HTTPNotFound({ explanation: 'gone <b>' });
  },
  return403: () => new exc.HTTPForbidden('detail'),
  raise_valueerror: () => {
    throw new ValueError('boom');
  },
  app: () => new Response({ body: Buffer.from('from app'), status: 202 }),
  modify_response: (req) => {
    const r = req.getAttr('response') as Response;
    r.status_int = 201;
    r.body = Buffer.from('x');
    return null;
  },
  location: () => new Response({ status: 201, location: '/v2/images/abc' }),
  head_body: () => new Response({ body: Buffer.from('12345') }),
  raise204: () => {
    throw new exc.HTTPNoContent();
  },
  str_latin1_charset: () => 'caf\u00e9',
};

function makeApp(): WsgiApp {
  const mapper = new Mapper();
  for (const [name, fn] of Object.entries(HANDLERS)) {
    mapper.connect('/' + name, { controller: wsgify(fn), action: 'x', conditions: { method: ['GET', 'HEAD', 'POST'] } });
  }
  mapper.connect('/rejected', { controller: wsgify(HANDLERS['none'] as (req: Request) => WsgifyResult), action: 'x', conditions: { method: ['PUT'] } });
  mapper.redirect('', '/');
  const dispatch = wsgify((req) => {
    const match = (req.environ['wsgiorg.routing_args'] as [unknown, Record<string, unknown>])[1];
    if (Object.keys(match).length === 0) {
      if (!['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'].includes(String(req.environ['REQUEST_METHOD']))) return new exc.HTTPNotImplemented();
      return new exc.HTTPNotFound();
    }
    return match['controller'] as WsgiApp;
  });
  const routerMw = new RoutesMiddleware(dispatch, mapper);
  const router = wsgify(() => routerMw);
  return wsgify((req) => {
    try {
      return req.get_response(router);
    } catch (e) {
      if (e instanceof exc.HTTPException) return e as unknown as WsgiApp;
      throw e;
    }
  });
}

function run(c: Case): unknown {
  const req = new Request(environFromUrl(c.handler ? '/' + c.handler : ''));
  if (c.handler === '') req.environ['PATH_INFO'] = '';
  req.method = c.method;
  if (c.handler === 'str_latin1_charset') req.headers.setItem('Content-Type', 'text/plain; charset=latin-1');
  if (c.accept !== null) req.headers.setItem('Accept', c.accept);
  try {
    const resp = req.get_response(makeApp());
    return { status: resp.status, headerlist: resp.headerlist.map(([k, v]) => [k, v]), body: resp.body.toString('base64') };
  } catch (e) {
    if (e instanceof PyException) return { error: [e.pyName, e.message] };
    throw e;
  }
}

describe('wsgify, RoutesMiddleware and get_response together, against webob 1.8.6 (__fixtures__/webob-dec.json)', () => {
  for (const c of fixture.cases) {
    it(`handler ${JSON.stringify(c.handler)} for ${c.method} with Accept ${JSON.stringify(c.accept)}`, () => {
      expect(run(c)).toEqual(c.expected);
    });
  }
});
