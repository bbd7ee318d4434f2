/**
 * One arbitrary per route of Glance 16.0.0's v2 router (images, data,
 * actions, tags, members, tasks, schemas, discovery), mostly requests a
 * client would send, often malformed ones: values of every JSON type in
 * every field, JSON that does not parse, wrong content types, bodies where
 * none is expected, unknown paths and methods, odd and repeated query
 * parameters, `Accept` headers that pick other error pages.
 */
import fc from 'fast-check';
import { PyFloat, type PyJson } from '../../lib/pyjson.js';
import {
  CONTAINER_FORMATS, DISK_FORMATS, IMAGE_IDS, LOCATION_URLS, MEMBER_STATUSES, ODD_STRINGS, PROJECTS, PROPERTY_KEYS,
  PROXY_KEYS, SORT_KEYS, SPECIAL_KEYS, TAGS, UNKNOWN_ID, VISIBILITIES, anyJsonArb, mostly, segment, sometimes, usually, w,
} from './values.js';
import { hostileRequestArb } from './hostile-requests.js';

/** A request before its caller is chosen; bodies as the scenario format writes them. */
export interface GeneratedRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  json?: PyJson;
  text?: string;
  data_b64?: string;
}

// ------------------------------------------------------------------ ids

/** An image named in a path: mostly one that exists, sometimes a server-chosen one by reference, sometimes junk. */
export const imageRefArb: fc.Arbitrary<string> = fc.oneof(
  w(12, fc.constantFrom(...IMAGE_IDS.slice(0, 2))),
  w(3, fc.constantFrom(...IMAGE_IDS.slice(2))),
  w(4, fc.constantFrom('<uuid-1>', '<uuid-2>')),
  w(1, fc.constant(UNKNOWN_ID)),
  w(1, fc.constantFrom('nope', 'AAAAAAAA-0000-4000-8000-000000000001', '%20', '..', 'x'.repeat(40))),
);
const taskRefArb = fc.oneof(w(6, fc.constantFrom('<uuid-1>', '<uuid-2>', '<uuid-3>')), w(1, fc.constant(UNKNOWN_ID)), w(1, fc.constant('nope')));
const memberArb = fc.oneof(w(8, fc.constantFrom<string>(...PROJECTS)), w(1, fc.constantFrom('u-bob', 'p-nobody', '', 'x'.repeat(256))));
const tagArb = fc.oneof(w(10, fc.constantFrom<string>(...TAGS)), w(1, fc.constantFrom<string>(...ODD_STRINGS)));
const propertyKeyArb = fc.oneof(
  w(10, fc.constantFrom<string>(...PROPERTY_KEYS)), w(2, fc.constantFrom<string>(...SPECIAL_KEYS)), w(1, fc.constantFrom<string>(...PROXY_KEYS)),
  w(1, fc.constantFrom('', 'é', 'x'.repeat(256), '~', '/')),
);
const propertyValueArb = mostly(fc.constantFrom<PyJson>('v1', 'v2', 'ubuntu', ''), 6);

// ------------------------------------------------------------------ images

const imageBodyArb: fc.Arbitrary<PyJson> = fc
  .record({
    id: sometimes(mostly(fc.constantFrom<PyJson>(...IMAGE_IDS), 12), 2),
    name: sometimes(mostly(fc.constantFrom<PyJson>('cirros', 'ubuntu', 'zeta', null)), 2),
    visibility: sometimes(mostly(fc.constantFrom<PyJson>(...VISIBILITIES, 'bogus')), 2),
    protected: sometimes(mostly(fc.boolean()), 6),
    min_disk: sometimes(mostly(fc.integer({ min: 0, max: 20 })), 5),
    min_ram: sometimes(mostly(fc.integer({ min: 0, max: 512 })), 6),
    disk_format: usually(mostly(fc.constantFrom<PyJson>(...DISK_FORMATS, null)), 5),
    container_format: usually(mostly(fc.constantFrom<PyJson>(...CONTAINER_FORMATS, null)), 5),
    owner: sometimes(mostly(fc.constantFrom<PyJson>(...PROJECTS, null)), 8),
    tags: sometimes(mostly(fc.uniqueArray(fc.constantFrom<PyJson>(...TAGS), { maxLength: 3 })), 3),
    locations: sometimes(fc.constant<PyJson>([]), 20),
  })
  .chain((fields) =>
    fc.array(fc.tuple(propertyKeyArb, propertyValueArb), { maxLength: 3 }).map((extra) => {
      const body = new Map<string, PyJson>();
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.set(k, v);
      for (const [k, v] of extra) body.set(k, v);
      return body;
    }),
  );

const createImageArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
  w(12, imageBodyArb.map((json) => ({ method: 'POST', path: '/v2/images', json }))),
  w(1, anyJsonArb.map((json) => ({ method: 'POST', path: '/v2/images', json }))),
  w(1, fc.constantFrom('{', '{"name": "x",}', 'null', '"x"', '', '[1, 2]', '{"name": NaN}', '{"min_ram": Infinity}', '{"min_disk": -Infinity}').map((text) => ({ method: 'POST', path: '/v2/images', text, headers: { 'Content-Type': 'application/json' } }))),
  w(1, imageBodyArb.map((json) => ({ method: 'POST', path: '/v2/images', json, headers: { 'Content-Type': 'text/plain' } }))),
);

/** A query string: each parameter mostly valid, now and then refused, sometimes repeated. */
function queryOf(params: ReadonlyArray<readonly [string, string]>): string {
  if (params.length === 0) return '';
  return '?' + params.map(([k, v]) => `${segment(k)}=${segment(v)}`).join('&');
}

const isoTimeArb = fc.constantFrom(
  '2018-02-28T00:00:02Z', '2018-02-28T00:00:05Z', '2018-02-28T00:00:02', '2018-02-28', '2018-02-28T00:00:02.5+00:00',
  '2018-02-28T01:00:00+01:00', '2018-02-28T00:00:02.000249Z', '0001-01-01T00:00:00+01:00', '2018-01-01T00:00:00+23:99', 'yesterday', '',
);
const timeFilterArb = fc.tuple(fc.constantFrom('gt', 'gte', 'lt', 'lte', 'eq', 'neq', 'bogus'), isoTimeArb).map(([op, t]) => `${op}:${t}`);

const imageQueryParamArb: fc.Arbitrary<[string, string]> = fc.oneof(
  w(4, fc.tuple(fc.constant('limit'), fc.oneof(w(6, fc.integer({ min: 0, max: 4 }).map(String)), w(1, fc.constantFrom('-1', 'x', '1.5', '1001', '')), w(1, fc.constant('99999999999999999999'))))),
  w(3, fc.tuple(fc.constant('marker'), imageRefArb)),
  w(3, fc.tuple(fc.constant('sort_key'), fc.oneof(w(10, fc.constantFrom<string>(...SORT_KEYS)), w(1, fc.constantFrom('tags', 'locations', 'bogus', ''))))),
  w(2, fc.tuple(fc.constant('sort_dir'), fc.oneof(w(8, fc.constantFrom('asc', 'desc')), w(1, fc.constantFrom('up', ''))))),
  w(2, fc.tuple(fc.constant('sort'), fc.constantFrom('name:asc', 'name:desc,size', 'created_at', 'bogus:asc', 'name:up', 'name,name', ''))),
  w(2, fc.tuple(fc.constant('visibility'), fc.constantFrom('public', 'private', 'shared', 'community', 'all', 'bogus'))),
  w(2, fc.tuple(fc.constant('member_status'), fc.constantFrom('pending', 'accepted', 'rejected', 'all', 'bogus'))),
  w(2, fc.tuple(fc.constant('status'), fc.constantFrom('active', 'queued', 'in:active,queued', 'deactivated', 'in:', 'bogus'))),
  w(2, fc.tuple(fc.constant('name'), fc.constantFrom('cirros', 'in:cirros,ubuntu', 'in:"cirros,x",ubuntu', 'gt:a', 'eq:cirros'))),
  w(1, fc.tuple(fc.constant('tag'), tagArb)),
  w(1, fc.tuple(fc.constantFrom('size_min', 'size_max'), fc.constantFrom('1', '10', '0', 'x', '-1', ''))),
  w(1, fc.tuple(fc.constant('protected'), fc.constantFrom('true', 'false', 'True', 'yes'))),
  w(2, fc.tuple(fc.constantFrom('created_at', 'updated_at'), timeFilterArb)),
  w(1, fc.tuple(fc.constantFrom('os_distro', 'x_foo', 'owner', 'id', 'disk_format', 'container_format', 'checksum', 'min_ram'), fc.constantFrom('ubuntu', 'v1', 'p-alice', 'raw', IMAGE_IDS[0] as string, '0'))),
  w(1, fc.tuple(fc.constantFrom('bogus', 'deleted', 'is_public', '', 'properties', 'changes-since', '_method', 'size', 'virtual_size_min'), fc.constantFrom('true', '1', ''))),
);

const indexImagesArb: fc.Arbitrary<GeneratedRequest> = fc
  .array(imageQueryParamArb, { maxLength: 4 })
  .map((params) => ({ method: 'GET', path: '/v2/images' + queryOf(params) }));

const PATCH_TYPES = ['application/openstack-images-v2.1-json-patch', 'application/openstack-images-v2.0-json-patch'] as const;
const attrPathArb = fc.constantFrom('/name', '/visibility', '/protected', '/min_disk', '/min_ram', '/disk_format', '/container_format', '/owner', '/tags', '/status', '/id', '/checksum', '/direct_url', '/self');
const locationArb: fc.Arbitrary<PyJson> = fc.record({ url: mostly(fc.constantFrom<PyJson>(...LOCATION_URLS), 10), metadata: mostly(fc.constantFrom<PyJson>(new Map(), new Map([['k', 'v']])), 10) }).map((l) => new Map(Object.entries(l)));
const patchOpArb: fc.Arbitrary<PyJson> = fc
  .oneof(
    w(5, fc.record({ op: fc.constant('replace'), path: attrPathArb, value: mostly(fc.constantFrom<PyJson>('x', 'public', 'private', 'shared', 'community', 'raw', 'bare', true, 1, ['a', 'b'], 'p-bob'), 4) })),
    w(4, fc.record({ op: fc.constantFrom('add', 'replace'), path: propertyKeyArb.map((k) => '/' + k.replace(/~/g, '~0').replace(/\//g, '~1')), value: propertyValueArb })),
    w(2, fc.record({ op: fc.constant('remove'), path: fc.oneof(propertyKeyArb.map((k) => '/' + k), attrPathArb) })),
    w(2, fc.record({ op: fc.constant('add'), path: fc.constantFrom('/locations/-', '/locations/0', '/locations/5', '/locations/x'), value: locationArb })),
    w(1, fc.record({ op: fc.constant('replace'), path: fc.constant('/locations'), value: fc.array(locationArb, { maxLength: 2 }) })),
    w(1, fc.record({ op: fc.constant('remove'), path: fc.constantFrom('/locations/0', '/locations/-', '/locations/1') })),
    w(1, fc.record({ op: fc.constantFrom('test', 'move', 'copy', 'bogus', ''), path: fc.constantFrom('/name', 'name', '', '/', '//x', '/~2') , value: fc.constant<PyJson>('x') })),
    w(1, fc.record({ op: mostly(fc.constant<PyJson>('replace'), 2), path: mostly(fc.constant<PyJson>('/name'), 2) })),
  )
  .map((op) => new Map(Object.entries(op)) as PyJson);

/** A change the owner (or an admin) may make: the writes that succeed and move an image to its next states. */
export const wellFormedOpArb: fc.Arbitrary<PyJson> = fc
  .oneof(
    w(3, fc.tuple(fc.constantFrom('/name', '/min_ram', '/min_disk', '/protected', '/visibility', '/tags'), fc.constantFrom('add', 'replace')).chain(([path, op]) =>
      ({
        '/name': fc.constantFrom<PyJson>('renamed', 'cirros', ''),
        '/min_ram': fc.constantFrom<PyJson>(0, 64, 512),
        '/min_disk': fc.constantFrom<PyJson>(0, 1, 20),
        '/protected': fc.boolean() as fc.Arbitrary<PyJson>,
        '/visibility': fc.constantFrom<PyJson>('private', 'shared', 'community', 'public'),
        '/tags': fc.subarray<PyJson>([...TAGS], { maxLength: 3 }),
      }[path] as fc.Arbitrary<PyJson>).map((value) => ({ op, path, value })))),
    w(3, fc.tuple(fc.constantFrom('add', 'replace'), fc.constantFrom<string>(...PROPERTY_KEYS), fc.constantFrom<PyJson>('v1', 'v2', 'ubuntu')).map(([op, k, value]) => ({ op, path: `/${k}`, value }))),
    w(1, fc.constantFrom<string>(...PROPERTY_KEYS).map((k) => ({ op: 'remove', path: `/${k}` }))),
    w(1, fc.constantFrom('raw', 'qcow2').map((value) => ({ op: 'replace', path: '/disk_format', value }))),
  )
  .map((op) => new Map(Object.entries(op)) as PyJson);

const patchImageArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
  w(6, fc.tuple(imageRefArb, fc.array(wellFormedOpArb, { minLength: 1, maxLength: 2 })).map(([id, json]) => ({ method: 'PATCH', path: `/v2/images/${id}`, json }))),
  w(10, fc.tuple(imageRefArb, fc.array(patchOpArb, { maxLength: 3 }), fc.constantFrom<string | undefined>(undefined, undefined, undefined, PATCH_TYPES[1])).map(([id, ops, type]) => ({
    method: 'PATCH', path: `/v2/images/${id}`, json: ops, ...(type ? { headers: { 'Content-Type': type } } : {}),
  }))),
  w(1, fc.tuple(imageRefArb, anyJsonArb).map(([id, json]) => ({ method: 'PATCH', path: `/v2/images/${id}`, json }))),
  w(1, fc.tuple(imageRefArb, fc.array(patchOpArb, { maxLength: 2 }), fc.constantFrom('application/json', 'application/json-patch+json', 'text/plain')).map(([id, json, type]) => ({
    method: 'PATCH', path: `/v2/images/${id}`, json, headers: { 'Content-Type': type },
  }))),
);

const uploadArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
  w(8, fc.tuple(imageRefArb, fc.constantFrom('aGVsbG8=', 'eA==', '', Buffer.from('x'.repeat(40)).toString('base64'), Buffer.from([0, 255, 1]).toString('base64'))).map(([id, data_b64]) => ({ method: 'PUT', path: `/v2/images/${id}/file`, data_b64 }))),
  w(1, fc.tuple(imageRefArb, fc.constantFrom('text', '')).map(([id, text]) => ({ method: 'PUT', path: `/v2/images/${id}/file`, text }))),
  w(1, imageRefArb.map((id) => ({ method: 'PUT', path: `/v2/images/${id}/file`, data_b64: 'aGVsbG8=', headers: { 'Content-Type': 'application/json' } }))),
  w(1, imageRefArb.map((id) => ({ method: 'PUT', path: `/v2/images/${id}/file` }))),
);

const simpleImageArb = (method: string, suffix = ''): fc.Arbitrary<GeneratedRequest> => imageRefArb.map((id) => ({ method, path: `/v2/images/${id}${suffix}` }));

/** Downloads, now and then of a byte range (or the Content-Range old clients send). */
const downloadArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
  w(4, simpleImageArb('GET', '/file')),
  w(1, fc.tuple(imageRefArb, fc.constantFrom<Record<string, string>>(
    { Range: 'bytes=0-1' }, { Range: 'bytes=-2' }, { Range: 'bytes=1-' }, { Range: 'bytes=3-100' }, { Range: 'bytes=50-60' },
    { Range: 'bytes=0-1,3-4' }, { Range: 'pages=1-2' }, { 'Content-Range': 'bytes 1-2/*' }, { 'Content-Range': 'bytes 0-40/*' }, { 'Content-Range': 'x' },
  )).map(([id, headers]) => ({ method: 'GET', path: `/v2/images/${id}/file`, headers }))),
);

/** Image import's two routes: data to the staging area, then the import request. */
const importArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
  w(3, fc.tuple(imageRefArb, fc.constantFrom('aGVsbG8=', 'eA==', '', Buffer.from('x'.repeat(12)).toString('base64'))).map(([id, data_b64]) => ({ method: 'PUT', path: `/v2/images/${id}/stage`, data_b64 }))),
  w(3, fc.tuple(imageRefArb, fc.constantFrom<PyJson>(
    new Map([['method', new Map([['name', 'glance-direct']])]]),
    new Map([['method', new Map<string, PyJson>([['name', 'web-download'], ['uri', 'http://example.com/x']])]]),
    new Map([['method', new Map<string, PyJson>([['name', 'web-download'], ['uri', 'file:///etc/passwd']])]]),
    new Map([['method', new Map<string, PyJson>([['name', 'web-download'], ['uri', 'http://example.com:8080/x']])]]),
    new Map([['method', new Map<string, PyJson>([['name', 'web-download'], ['uri', 'http://example.com:x/y']])]]),
    new Map([['method', new Map<string, PyJson>([['name', 'web-download']])]]),
    new Map([['method', new Map([['name', 'copy']])]]),
    new Map([['method', 'glance-direct']]),
    new Map(),
  )).map(([id, json]) => ({ method: 'POST', path: `/v2/images/${id}/import`, json }))),
);

const tagRequestArb: fc.Arbitrary<GeneratedRequest> = fc.tuple(fc.constantFrom('PUT', 'PUT', 'DELETE'), imageRefArb, tagArb).map(([method, id, tag]) => ({
  method, path: `/v2/images/${id}/tags/${segment(tag)}`,
}));

// ------------------------------------------------------------------ members

const memberRequestArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
  w(4, fc.tuple(imageRefArb, mostly(memberArb, 10)).map(([id, member]) => ({ method: 'POST', path: `/v2/images/${id}/members`, json: new Map([['member', member]]) }))),
  w(4, fc.tuple(imageRefArb, memberArb, mostly(fc.constantFrom<PyJson>(...MEMBER_STATUSES, 'bogus'), 10)).map(([id, member, status]) => ({
    method: 'PUT', path: `/v2/images/${id}/members/${segment(member)}`, json: new Map([['status', status]]),
  }))),
  w(1, simpleImageArb('GET', '/members')),
  w(1, fc.tuple(imageRefArb, memberArb).map(([id, m]) => ({ method: 'GET', path: `/v2/images/${id}/members/${segment(m)}` }))),
  w(1, fc.tuple(imageRefArb, memberArb).map(([id, m]) => ({ method: 'DELETE', path: `/v2/images/${id}/members/${segment(m)}` }))),
  w(1, fc.tuple(imageRefArb, anyJsonArb).map(([id, json]) => ({ method: 'POST', path: `/v2/images/${id}/members`, json }))),
);

// ------------------------------------------------------------------ tasks

const taskBodyArb: fc.Arbitrary<PyJson> = fc
  .record({
    type: mostly(fc.constantFrom<PyJson>('import', 'api_image_import', 'bogus'), 8),
    input: mostly(
      fc.constantFrom<PyJson>(
        new Map<string, PyJson>([['import_from', 'http://example.com/x'], ['import_from_format', 'qcow2'], ['image_properties', new Map([['name', 'x']])]]),
        new Map<string, PyJson>([['image_id', IMAGE_IDS[0] as string]]),
        new Map(),
      ),
      6,
    ),
  })
  .map((t) => new Map(Object.entries(t)));

const taskRequestArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
  w(4, taskBodyArb.map((json) => ({ method: 'POST', path: '/v2/tasks', json }))),
  w(2, fc.array(fc.oneof(
    fc.tuple(fc.constant('limit'), fc.constantFrom('0', '1', '2', '-1', 'x')),
    fc.tuple(fc.constant('marker'), taskRefArb),
    fc.tuple(fc.constant('sort_key'), fc.constantFrom('created_at', 'status', 'type', 'id', 'bogus')),
    fc.tuple(fc.constant('sort_dir'), fc.constantFrom('asc', 'desc', 'up')),
    fc.tuple(fc.constantFrom('status', 'type'), fc.constantFrom('pending', 'import', 'bogus')),
  ), { maxLength: 3 }).map((params) => ({ method: 'GET', path: '/v2/tasks' + queryOf(params) }))),
  w(3, taskRefArb.map((id) => ({ method: 'GET', path: `/v2/tasks/${id}` }))),
  w(1, taskRefArb.map((id) => ({ method: 'DELETE', path: `/v2/tasks/${id}` }))),
);

// ------------------------------------------------------------------ the rest of the router

const SCHEMAS = ['image', 'images', 'member', 'members', 'task', 'tasks'] as const;
/** The catalog's schema documents, each its own controller method. */
const METADEF_SCHEMAS = ['namespace', 'namespaces', 'resource_type', 'resource_types', 'property', 'properties', 'object', 'objects', 'tag', 'tags'] as const;
/** One of the catalog's schema documents (ten of them, each its own controller method). */
export const metadefSchemaArb: fc.Arbitrary<GeneratedRequest> = fc.constantFrom(...METADEF_SCHEMAS).map((s) => ({ method: 'GET', path: `/v2/schemas/metadefs/${s}` }));
const readOnlyArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
  w(2, fc.constantFrom(...SCHEMAS).map((s) => ({ method: 'GET', path: `/v2/schemas/${s}` }))),
  w(3, metadefSchemaArb),
  w(1, fc.constant({ method: 'GET', path: '/v2/info/import' })),
);

const ROUTE_PATHS = ['/v2/images', '/v2/images/<id>', '/v2/images/<id>/file', '/v2/images/<id>/actions/deactivate', '/v2/images/<id>/tags/a', '/v2/images/<id>/members', '/v2/images/<id>/members/p-bob', '/v2/tasks', '/v2/tasks/<uuid-1>', '/v2/schemas/image', '/v2/info/import', '/v2/images/<id>/import', '/v2/images/<id>/stage'];
/** Wrong methods, unknown paths, bodies where none is expected. */
const strayArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
  fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'get'), fc.constantFrom(...ROUTE_PATHS), fc.constantFrom(...IMAGE_IDS.slice(0, 2)))
    .map(([method, path, id]) => ({ method, path: path.replace('<id>', id) })),
  fc.constantFrom('/v2/', '/v2/imagez', '/v2/images/', '/v2/images//file', '/v2/images/x/y/z', '/v2/schemas/bogus', '/v2/images/a%2Fb').map((path) => ({ method: 'GET', path })),
  fc.tuple(fc.constantFrom(...SCHEMAS), anyJsonArb).map(([s, json]) => ({ method: 'GET', path: `/v2/schemas/${s}`, json })),
  imageRefArb.map((id) => ({ method: 'GET', path: `/v2/images/${id}`, text: 'body' })),
  fc.constant({ method: 'POST', path: '/v2/images?_method=DELETE', json: new Map() as PyJson }),
);

/** Headers a client might add: Accept for the error page's shape, now and then identity overrides. */
export const extraHeadersArb: fc.Arbitrary<Record<string, string> | undefined> = fc.oneof(
  w(12, fc.constant(undefined)),
  w(3, fc.constantFrom('application/json', 'text/html', 'text/plain', '*/*', 'application/json;q=0.1, text/html', 'bogus', '').map((a) => ({ Accept: a }))),
  w(1, fc.constantFrom<Record<string, string>>(
    { 'X-Roles': 'admin' }, { 'X-Identity-Status': 'Invalid' }, { 'X-Tenant-Id': 'p-bob' }, { 'Accept-Language': 'de' }, { 'X-Auth-Token': 'tok' },
    { 'X-Service-Roles': 'admin' }, { 'X-Openstack-Request-ID': 'req-' + 'x'.repeat(70) }, { 'X-Service-Catalog': '[{' }, { 'X-Service-Catalog': '[]' },
    { 'X-Role': 'admin' }, { 'X-Is-Admin-Project': 'False' }, { 'X-Roles': '' },
  )),
);

export const requestArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
  // Lazily: hostile-requests.ts imports this module's types.
  w(20, fc.constant(null).chain(() => hostileRequestArb)),
  w(10, createImageArb),
  w(4, indexImagesArb),
  w(4, simpleImageArb('GET')),
  w(6, patchImageArb),
  w(2, simpleImageArb('DELETE')),
  w(2, simpleImageArb('POST', '/actions/deactivate')),
  w(2, simpleImageArb('POST', '/actions/reactivate')),
  w(5, uploadArb),
  w(3, downloadArb),
  w(2, importArb),
  w(3, tagRequestArb),
  w(5, memberRequestArb),
  w(3, taskRequestArb),
  w(3, readOnlyArb),
  w(2, strayArb),
);

/** Floats in a body are `PyFloat`s; this tells whether one was generated, for statistics. */
export function hasFloat(v: PyJson): boolean {
  if (v instanceof PyFloat) return true;
  if (Array.isArray(v)) return v.some(hasFloat);
  if (v instanceof Map) return [...v.values()].some(hasFloat);
  return false;
}
