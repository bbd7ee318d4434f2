// The v2 routing table of glance/api/v2/router.py (image side): every
// path × method reaches the controller action router.py names, or the
// reject route (405 with the path's Allow header); unknown paths are 404,
// or 501 for a method Glance implements nowhere. Expected values are
// router.py's, and what the reference runner answered for the same
// requests (examples/http/2xx-method-not-allowed-*).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API } from '../../../src/legacy/api/v2/router.js';
import { APIMapper } from '../../../src/legacy/common/wsgi.js';
import { depsFor, legacyModel } from '../../../src/legacy/model.js';
import { openWorld } from '../../../src/shared/runner.js';
import { drainBody, headerValue, type HttpResponse, type HttpSession } from '../../../src/shared/http.js';
import type { World } from '../../../src/shared/world.js';

interface RouteRow {
  readonly path: string;
  /** Method → action, with body_reject as router.py sets it. */
  readonly actions: Readonly<Record<string, readonly [string, boolean]>>;
  readonly allow: string;
}

const IMAGE = '11111111-2222-4333-8444-555555555555';
const TABLE: readonly RouteRow[] = [
  { path: '/schemas/image', actions: { GET: ['image', true] }, allow: 'GET' },
  { path: '/schemas/images', actions: { GET: ['images', true] }, allow: 'GET' },
  { path: '/schemas/member', actions: { GET: ['member', true] }, allow: 'GET' },
  { path: '/schemas/members', actions: { GET: ['members', true] }, allow: 'GET' },
  { path: '/schemas/task', actions: { GET: ['task', false] }, allow: 'GET' },
  { path: '/schemas/tasks', actions: { GET: ['tasks', false] }, allow: 'GET' },
  { path: '/images', actions: { GET: ['index', false], POST: ['create', false] }, allow: 'GET, POST' },
  {
    path: `/images/${IMAGE}`,
    actions: { PATCH: ['update', false], GET: ['show', true], DELETE: ['delete', true] },
    allow: 'GET, PATCH, DELETE',
  },
  { path: `/images/${IMAGE}/import`, actions: { POST: ['import_image', false] }, allow: 'POST' },
  { path: `/images/${IMAGE}/actions/deactivate`, actions: { POST: ['deactivate', true] }, allow: 'POST' },
  { path: `/images/${IMAGE}/actions/reactivate`, actions: { POST: ['reactivate', true] }, allow: 'POST' },
  { path: `/images/${IMAGE}/file`, actions: { GET: ['download', true], PUT: ['upload', false] }, allow: 'GET, PUT' },
  { path: `/images/${IMAGE}/stage`, actions: { PUT: ['stage', false] }, allow: 'PUT' },
  { path: `/images/${IMAGE}/tags/blue`, actions: { PUT: ['update', true], DELETE: ['delete', true] }, allow: 'PUT, DELETE' },
  { path: `/images/${IMAGE}/members`, actions: { GET: ['index', true], POST: ['create', false] }, allow: 'GET, POST' },
  {
    path: `/images/${IMAGE}/members/p-bob`,
    actions: { GET: ['show', true], PUT: ['update', false], DELETE: ['delete', true] },
    allow: 'GET, PUT, DELETE',
  },
  { path: '/tasks', actions: { POST: ['create', false], GET: ['index', false] }, allow: 'GET, POST' },
  { path: '/tasks/t-1', actions: { GET: ['get', false], DELETE: ['delete', false] }, allow: 'GET, DELETE' },
  { path: '/info/import', actions: { GET: ['get_image_import', true] }, allow: 'GET' },
];

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'BREW', 'get'];

let opened: ReturnType<typeof openWorld>;
let world: World;
let api: API;
let session: HttpSession;

beforeEach(() => {
  opened = openWorld({});
  world = opened.world;
  api = new API(new APIMapper(), depsFor(world));
  session = legacyModel.openHttp!(world);
});
afterEach(() => opened.close());

/** What the mapper matches for a path and method, as RoutesMiddleware asks it. */
function routeOf(path: string, method: string): Record<string, unknown> | null {
  const result = api.map.routematch(path, Object.assign(Object.create(null) as Record<string, unknown>, { REQUEST_METHOD: method, PATH_INFO: path }));
  api.map.environ = null;
  return result === null ? null : result[0];
}

const MEMBER = [['X-Identity-Status', 'Confirmed'], ['X-User-Id', 'u-alice'], ['X-Project-Id', 'p-alice'], ['X-Roles', 'member']] as const;

function send(method: string, target: string, headers: ReadonlyArray<readonly [string, string]> = [], body = ''): HttpResponse & { text: string } {
  const buf = Buffer.from(body);
  const all = [['Host', 'localhost'] as const, ...MEMBER, ...headers, ...(body ? [['Content-Length', String(buf.length)] as const] : [])];
  const response = session.handle({ method, target, headers: all, body: buf });
  return { ...response, text: drainBody(response.body).toString('utf8') };
}

describe('the v2 routing table (router.py, image side)', () => {
  for (const row of TABLE) {
    for (const method of METHODS) {
      const implemented = row.actions[method];
      const title = implemented ? `${method} ${row.path} -> ${implemented[0]}` : `${method} ${row.path} -> 405 Allow: ${row.allow}`;
      it(title, () => {
        const match = routeOf(row.path, method);
        expect(match).not.toBeNull();
        if (implemented) {
          expect(match?.['action']).toBe(implemented[0]);
          expect(Boolean(match?.['body_reject'])).toBe(implemented[1]);
        } else {
          expect(match?.['action']).toBe('reject');
          expect(match?.['allowed_methods']).toBe(row.allow);
        }
      });
    }
  }

  it('matches no route for a path router.py does not name', () => {
    for (const path of ['/', '/images/', `/images/${IMAGE}/tags`, '/images/a/b', '/schemas', '/schemas/nothing', '/info', '/v2/images', '/tasks/']) {
      for (const method of METHODS) expect(routeOf(path, method), `${method} ${path}`).toBeNull();
    }
  });

  it('routes each of the table\'s implemented methods to the resource of its path', () => {
    const images = routeOf('/images', 'GET')?.['controller'];
    expect(routeOf(`/images/${IMAGE}`, 'GET')?.['controller']).toBe(images);
    expect(routeOf(`/images/${IMAGE}/import`, 'POST')?.['controller']).toBe(images);
    expect(routeOf(`/images/${IMAGE}/file`, 'GET')?.['controller']).not.toBe(images);
    expect(routeOf('/schemas/image', 'POST')?.['controller']).toBe(routeOf('/images', 'PUT')?.['controller']);
  });
});

describe('the v2 routing table over HTTP', () => {
  it('answers a method a path does not implement 405 with the Allow header and webob\'s page', () => {
    const r = send('PUT', '/v2/images');
    expect(r.status).toBe(405);
    expect(headerValue(r.headers, 'Allow')).toBe('GET, POST');
    expect(r.text).toBe('405 Method Not Allowed\n\nThe method PUT is not allowed for this resource. \n\n ');
  });

  it('answers an unknown path 404 and an unknown path with an unknown method 501', () => {
    const notFound = send('GET', '/v2/nothing');
    expect(notFound.status).toBe(404);
    expect(notFound.text).toBe('404 Not Found\n\nThe resource could not be found.\n\n   ');
    const notImplemented = send('FOO', '/v2/nothing');
    expect(notImplemented.status).toBe(501);
    expect(notImplemented.text).toBe('501 Not Implemented\n\n The request method FOO is not implemented for this server. \n\n ');
  });

  it('answers a lower-case method on a known path 405 (methods are matched as sent)', () => {
    const r = send('get', '/v2/images');
    expect(r.status).toBe(405);
    expect(r.text).toContain('The method get is not allowed');
  });

  it('answers a body on a body_reject route 400 before the controller runs', () => {
    const r = send('GET', '/v2/schemas/image', [], 'abc');
    expect(r.status).toBe(400);
    expect(r.text).toBe('400 Bad Request\n\nA body is not expected with this request.\n\n   ');
  });

  it('answers a JSON body on the task schema (no body_reject) with the bare 500 of an unexpected keyword', () => {
    const r = send('GET', '/v2/schemas/task', [['Content-Type', 'application/json']], '{}');
    expect(r.status).toBe(500);
    expect(r.errorClass).toBe('TypeError');
  });

  it('answers a malformed JSON body on a wrong method 400, before the 405 (the reject deserializer reads it)', () => {
    const r = send('PUT', '/v2/schemas/image', [['Content-Type', 'application/json']], '{bad');
    expect(r.status).toBe(400);
    expect(r.text).toContain('Malformed JSON in request body.');
  });

  it('answers HEAD on a GET route 405 (Routes does not match HEAD to GET), without a body', () => {
    const r = send('HEAD', '/v2/images');
    expect(r.status).toBe(405);
    expect(headerValue(r.headers, 'Allow')).toBe('GET, POST');
    expect(r.text).toBe('');
  });

  it('matches with the _method override but answers the method that was sent', () => {
    const r = send('POST', '/v2/images?_method=DELETE');
    expect(r.status).toBe(405);
    expect(r.text).toContain('The method POST is not allowed');
  });

  it('answers a target outside /v2 404 without reaching the v2 app', () => {
    const r = send('GET', '/v1/images');
    expect(r.status).toBe(404);
    expect(headerValue(r.headers, 'x-openstack-request-id')).toBeUndefined();
  });

  it('tags every answer of the v2 app with a req- request id, the caller\'s when it sent one', () => {
    expect(headerValue(send('GET', '/v2/images').headers, 'x-openstack-request-id')).toMatch(/^req-[0-9a-f-]{36}$/);
    expect(headerValue(send('GET', '/v2/images', [['X-Openstack-Request-ID', 'abc']]).headers, 'x-openstack-request-id')).toBe('req-abc');
  });
});

describe('the class behind an error answer (diagnostics)', () => {
  it('names the webob error of a 404, 405 and 501, and the Python error behind a bare 500', () => {
    expect(send('GET', '/v2/nothing').errorClass).toBe('HTTPNotFound');
    expect(send('PUT', '/v2/images').errorClass).toBe('HTTPMethodNotAllowed');
    expect(send('BREW', '/v2/nothing').errorClass).toBe('HTTPNotImplemented');
    expect(send('GET', '/v2/schemas/task', [['Content-Type', 'application/json']], '{}').errorClass).toBe('TypeError');
    expect(send('GET', '/v2/images', [['X-Service-Catalog', '{']]).errorClass).toBe('HTTPInternalServerError');
  });

  it('names none for an answer no exception decided', () => {
    expect(send('GET', '/v2/images').errorClass).toBeUndefined();
  });
});

describe('targets outside /v2', () => {
  it('answers 404 in the page Accept asks for, and HEAD without a body', () => {
    const json = send('GET', '/versions', [['Accept', 'application/json']]);
    expect(json.status).toBe(404);
    expect(headerValue(json.headers, 'Content-Type')).toBe('application/json');
    expect(send('HEAD', '/').text).toBe('');
  });
});
