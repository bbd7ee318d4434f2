// environFromRequest beyond what the reference runner can send (the
// webob-request fixture covers that): targets outside /v2, repeated header
// fields, streamed bodies; and httpResponseOf / serveRequest, the way back.
import { describe, expect, it } from 'vitest';
import type { HttpRequest, StreamedBody } from '../../src/shared/http.js';
import { environFromRequest, TargetNotUnderV2, v2PathOf } from '../../src/lib/webob/environ.js';
import { DisconnectionError } from '../../src/lib/webob/io.js';
import { Request } from '../../src/lib/webob/request.js';
import { Response } from '../../src/lib/webob/response.js';
import { httpResponseOf, serveRequest } from '../../src/lib/webob/serve.js';
import * as exc from '../../src/lib/webob/exc.js';
import type { Environ, StartResponse } from '../../src/lib/webob/wsgi.js';

const get = (target: string, headers: Array<[string, string]> = [], body: Buffer | StreamedBody = Buffer.alloc(0)): HttpRequest => ({
  method: 'GET',
  target,
  headers,
  body,
});

function stream(chunks: string[], length: number | null): StreamedBody {
  return { length, chunks: () => chunks.map((c) => Buffer.from(c)) };
}

describe('v2PathOf / environFromRequest: which targets reach the v2 application', () => {
  it('takes what follows /v2 for /v2, /v2/... and /v2?...', () => {
    expect(v2PathOf('/v2/images?limit=1')).toBe('/images?limit=1');
    expect(v2PathOf('/v2')).toBe('');
    expect(v2PathOf('/v2?x=1')).toBe('?x=1');
  });

  it('refuses any other target (the caller answers 404 without calling Glance)', () => {
    expect(v2PathOf('/v1/images')).toBeNull();
    expect(v2PathOf('/v2images')).toBeNull();
    expect(v2PathOf('/')).toBeNull();
    expect(() => environFromRequest(get('/v3/images'))).toThrow(TargetNotUnderV2);
  });

  it('gives /v2 alone an empty PATH_INFO', () => {
    expect(environFromRequest(get('/v2'))['PATH_INFO']).toBe('');
  });
});

describe('environFromRequest: header fields', () => {
  it('joins fields that share an environ key with commas, as eventlet does (X_Roles and X-Roles collide)', () => {
    const env = environFromRequest(get('/v2/images', [['X-Roles', 'admin'], ['x_roles', 'member'], ['X-ROLES', 'reader']]));
    expect(env['HTTP_X_ROLES']).toBe('admin,member,reader');
  });

  it('takes HTTP_HOST from a Host header, else keeps Request.blank\'s localhost:80', () => {
    expect(environFromRequest(get('/v2/images', [['Host', 'localhost']]))['HTTP_HOST']).toBe('localhost');
    expect(environFromRequest(get('/v2/images'))['HTTP_HOST']).toBe('localhost:80');
  });

  it('NOTE(quirk): Content_Type is HTTP_CONTENT_TYPE, not CONTENT_TYPE, in webob\'s table', () => {
    const env = environFromRequest(get('/v2/images', [['Content_Type', 'application/json']]));
    expect(env['HTTP_CONTENT_TYPE']).toBe('application/json');
    expect(new Request(env).content_type).toBe('');
  });
});

describe('environFromRequest: bodies', () => {
  it('reads a streamed body up to its Content-Length through the limited input', () => {
    const env = environFromRequest({ method: 'PUT', target: '/v2/images/x/file', headers: [['Content-Length', '6']], body: stream(['abc', 'def', 'ghi'], 6) });
    const req = new Request(env);
    expect(req.is_body_readable).toBe(true);
    expect(req.body_file.read().toString()).toBe('abcdef');
  });

  it('raises DisconnectionError when the stream ends before its Content-Length', () => {
    const env = environFromRequest({ method: 'PUT', target: '/v2/images/x/file', headers: [['Content-Length', '10']], body: stream(['abc'], 10) });
    expect(() => new Request(env).body_file.read()).toThrow(DisconnectionError);
  });

  it('NOTE(quirk): a chunked body without Content-Length is unreadable for webob (no wsgi.input_terminated)', () => {
    const env = environFromRequest({ method: 'PUT', target: '/v2/images/x/file', headers: [['Transfer-Encoding', 'chunked']], body: stream(['abc'], null) });
    const req = new Request(env);
    expect(req.is_body_readable).toBe(false);
    expect(req.body.length).toBe(0);
  });

  it('makes a buffered body seekable, so reading it twice gives it twice', () => {
    const env = environFromRequest({ method: 'POST', target: '/v2/images', headers: [['Content-Length', '2']], body: Buffer.from('{}') });
    const req = new Request(env);
    expect(req.body.toString()).toBe('{}');
    expect(req.body.toString()).toBe('{}');
  });
});

describe('httpResponseOf / serveRequest', () => {
  it('answers status, reason, header list and body as the application started them', () => {
    const app = (environ: Environ, startResponse: StartResponse) => {
      startResponse('201 Created', [['Location', '/v2/images/a'], ['Content-Type', 'application/json']]);
      return [Buffer.from(String(environ['PATH_INFO']), 'latin1')];
    };
    const r = serveRequest(app, get('/v2/images/%C3%A9'));
    expect(r.status).toBe(201);
    expect(r.reason).toBe('Created');
    expect(r.headers).toEqual([['Location', '/v2/images/a'], ['Content-Type', 'application/json']]);
    expect(r.body).toEqual(Buffer.from('/images/\xc3\xa9', 'latin1'));
  });

  it('keeps a lazy app_iter lazy (downloads are drained by the adapter)', () => {
    let pulled = 0;
    const chunks = (function* () {
      pulled++;
      yield Buffer.from('a');
    })();
    const resp = new Response({ app_iter: chunks });
    const r = httpResponseOf(resp);
    expect(pulled).toBe(0);
    expect(Buffer.concat([...(r.body as Iterable<Buffer>)]).toString()).toBe('a');
  });

  it('serves an HTTP exception with its page for the request', () => {
    const r = serveRequest(new exc.HTTPNotFound(), get('/v2/images/x', [['Accept', 'application/json']]));
    expect(r.status).toBe(404);
    expect(r.reason).toBe('Not Found');
    expect(r.headers).toContainEqual(['Content-Type', 'application/json']);
  });
});

describe('params and urlvars as Glance reads them', () => {
  it('request.params.copy() keeps every pair; dict(params) keeps the last value of each key (Python prints the same)', () => {
    const req = new Request(environFromRequest(get('/v2/x?a=1&b=2&a=3')));
    expect(req.params.copy().items()).toEqual([['a', '1'], ['b', '2'], ['a', '3']]);
    expect([...req.params.toDict()]).toEqual([['a', '3'], ['b', '2']]);
    expect(req.params.keys()).toEqual(['a', 'b', 'a']);
    expect([...req.params.mixed()]).toEqual([['a', ['1', '3']], ['b', '2']]);
  });

  it('urlvars reads the routing match, and installs an empty one when there is none', () => {
    const env = environFromRequest(get('/v2/images/x/tags/t'));
    const req = new Request(env);
    expect(req.urlvars).toEqual({});
    expect(env['wsgiorg.routing_args']).toEqual([[], {}]);
    env['wsgiorg.routing_args'] = [null, { tag_value: 't' }];
    expect(req.urlvars).toEqual({ tag_value: 't' });
  });
});
