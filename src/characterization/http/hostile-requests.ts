/**
 * Requests a hostile client sends, beyond the mostly-valid ones of
 * requests.ts: listings with hostile query strings, paths with every
 * percent-encoding class, bodies of every shape on every route (JSON of
 * each type, malformed and empty text, form-encoded and multipart text,
 * bytes on JSON routes) under Content-Types in any case and with
 * parameters, uploads and stagings of several sizes, imports of both
 * methods, downloads with Range, locations of every kind (http(s) that
 * exist, `.invalid`, `/missing`, other schemes, very long), tasks of both
 * types, and ids the server chose named by `<uuid-N>` (`<uuid-last>` is
 * the latest one, resolved in scenario.ts).
 */
import fc from 'fast-check';
import type { PyJson } from '../../lib/pyjson.js';
import { imageQueryParamsArb, queryStringArb, taskQueryParamsArb, timeFilterParamsArb } from './hostile-queries.js';
import { rangeHeadersArb } from './hostile-headers.js';
import type { GeneratedRequest } from './requests.js';
import { IMAGE_IDS, ODD_STRINGS, PROJECTS, TAGS, UNKNOWN_ID, anyJsonArb, segment, w } from './values.js';

/** The newest id the server chose so far (scenario.ts turns it into `<uuid-N>`). */
export const LAST_REF = '<uuid-last>';

// ------------------------------------------------------------------ paths

/** An image id as a hostile client writes it in a path. */
export const hostileImageRefArb: fc.Arbitrary<string> = fc.oneof(
  w(10, fc.constantFrom(...IMAGE_IDS.slice(0, 3))),
  w(4, fc.constantFrom(LAST_REF, '<uuid-1>')),
  w(1, fc.constantFrom(
    IMAGE_IDS[0]!.toUpperCase(), '%61' + IMAGE_IDS[0]!.slice(1), IMAGE_IDS[0]!.replace(/-/g, ''), `{${IMAGE_IDS[0]}}`,
    IMAGE_IDS[0] + '%00', IMAGE_IDS[0] + '%2Ffile', IMAGE_IDS[0] + '%20', ' ' + IMAGE_IDS[0], '%FF', '%C3%A9', UNKNOWN_ID, 'x'.repeat(300), '.', '..', '%2E%2E', '',
  )),
);

/** A path segment under every percent-encoding class; raw non-ASCII stays out of paths (the runner cannot send it). */
const oddSegmentArb: fc.Arbitrary<string> = fc.oneof(
  w(6, fc.constantFrom<string>(...TAGS, ...PROJECTS).map(segment)),
  w(2, fc.constantFrom<string>(...ODD_STRINGS).map(segment)),
  w(2, fc.constantFrom('%C3%A9', '%E9', '%FF%FE', '%00', 'a%2Fb', 'a%3Bb', 'a;b', 'a+b', 'a%2Bb', '%25', '%', 'a%20b', '%7E', '~', '@', 'a,b', '%F0%9F%98%80', '%ED%A0%80', 'A')),
);

const hostileTagArb: fc.Arbitrary<GeneratedRequest> = fc
  .tuple(fc.constantFrom('PUT', 'PUT', 'DELETE'), hostileImageRefArb, oddSegmentArb)
  .map(([method, id, tag]) => ({ method, path: `/v2/images/${id}/tags/${tag}` }));

const hostileMemberPathArb: fc.Arbitrary<GeneratedRequest> = fc
  .tuple(fc.constantFrom('GET', 'DELETE', 'PUT'), hostileImageRefArb, oddSegmentArb, fc.constantFrom<PyJson>('accepted', 'rejected', 'pending', 'bogus'))
  .map(([method, id, member, status]) => ({
    method, path: `/v2/images/${id}/members/${member}`, ...(method === 'PUT' ? { json: new Map([['status', status]]) } : {}),
  }));

/** Paths around the routes: slashes doubled or trailing, dot segments, case, fragments, unknown suffixes. */
const strayPathArb: fc.Arbitrary<GeneratedRequest> = fc
  .tuple(
    fc.constantFrom('GET', 'DELETE', 'POST', 'PUT', 'PATCH', 'HEAD', 'OPTIONS'),
    fc.constantFrom(
      '/v2//images', '/v2/images/./{id}', '/v2/images/{id}/../{id}', '/v2/images/{id}/', '/v2/Images', '/v2/IMAGES/{id}',
      '/v2/images/{id}/file/', '/v2/images/{id}/tags', '/v2/images/{id}/tags/', '/v2/images/{id}/members/', '/v2/images/{id}/actions/',
      '/v2/images/{id}/actions/bogus', '/v2/images/{id}/actions/deactivate/', '/v2/tasks/', '/v2/schemas/image/', '/v2/schemas/',
      '/v2/info', '/v2/info/import/', '/v2/images/{id}%2Ftags%2Fa', '/v2/images%2F{id}', '/v2/images/{id}/stage', '/v2/images/{id}/import',
      '/v2/images/{id};x=1', '/v2/images?', '/v2/images/{id}?', '/v2/%69mages', '/v2/images/{id}/%66ile', '/v2/images/{id}#x',
    ),
    hostileImageRefArb,
  )
  .map(([method, template, id]) => ({ method, path: template.replace(/\{id\}/g, id) }));

// ------------------------------------------------------------------ bodies on every route

/** Content-Types in any case, with parameters, and of the wrong kind for the route. */
export const CONTENT_TYPES = [
  'application/json', 'Application/JSON', 'application/json; charset=UTF-8', 'application/json;charset=latin-1', 'application/json; charset=bogus',
  'application/json ', ' application/json', 'application/json;', 'text/json', 'application/x-json', '*/*', '',
  'application/openstack-images-v2.1-json-patch', 'application/openstack-images-v2.1-json-patch; charset=UTF-8',
  'APPLICATION/OPENSTACK-IMAGES-V2.1-JSON-PATCH', 'application/openstack-images-v2.0-json-patch', 'application/json-patch+json',
  'application/octet-stream', 'application/octet-stream; x=y', 'Application/Octet-Stream', 'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8', 'multipart/form-data; boundary=xyz', 'text/plain', 'text/plain; charset=utf-8',
] as const;

/** Every route of the images, tasks, schemas and discovery resources, with its methods and a few wrong ones. */
const ROUTES: ReadonlyArray<readonly [string, string]> = [
  ['POST', '/v2/images'], ['GET', '/v2/images'], ['GET', '/v2/images/{id}'], ['PATCH', '/v2/images/{id}'], ['DELETE', '/v2/images/{id}'],
  ['PUT', '/v2/images/{id}/file'], ['GET', '/v2/images/{id}/file'], ['PUT', '/v2/images/{id}/stage'], ['POST', '/v2/images/{id}/import'],
  ['POST', '/v2/images/{id}/actions/deactivate'], ['POST', '/v2/images/{id}/actions/reactivate'], ['PUT', '/v2/images/{id}/tags/a'],
  ['DELETE', '/v2/images/{id}/tags/a'], ['POST', '/v2/images/{id}/members'], ['GET', '/v2/images/{id}/members'],
  ['GET', '/v2/images/{id}/members/p-bob'], ['PUT', '/v2/images/{id}/members/p-bob'], ['DELETE', '/v2/images/{id}/members/p-bob'],
  ['POST', '/v2/tasks'], ['GET', '/v2/tasks'], ['GET', '/v2/tasks/<uuid-1>'], ['DELETE', '/v2/tasks/<uuid-1>'],
  ['GET', '/v2/schemas/image'], ['GET', '/v2/schemas/images'], ['GET', '/v2/schemas/member'], ['GET', '/v2/schemas/task'],
  ['GET', '/v2/info/import'], ['PUT', '/v2/images/{id}'], ['POST', '/v2/images/{id}'], ['PATCH', '/v2/images'], ['DELETE', '/v2/images'],
];

const FORM_BODIES = ['name=x', 'name=x&_method=DELETE', '_method=PUT', '_method=get', 'a=1&a=2', '=', '%FF=1', 'name=%C3%A9', 'member=p-bob', 'status=accepted', ''] as const;
const MULTIPART = '--xyz\r\nContent-Disposition: form-data; name="_method"\r\n\r\nDELETE\r\n--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--xyz--\r\n';
const MALFORMED_JSON = ['{', '{"name": "x",}', 'null', '"x"', '', ' ', '[1, 2]', '{"name": NaN}', '{"min_ram": Infinity}', "{'a': 1}", '{"a": 1}{"b": 2}', '\u00e9', 'true', '1e999', '{"a": "\\ud800"}', '[{"op": "replace", "path": "/name", "value": "x"}]'] as const;

/** A body of any shape, with the Content-Type it goes with (or a wrong one). */
const anyBodyArb: fc.Arbitrary<Omit<GeneratedRequest, 'method' | 'path'>> = fc.oneof(
  w(4, fc.tuple(anyJsonArb, fc.option(fc.constantFrom(...CONTENT_TYPES), { freq: 3 })).map(([json, ct]) => ({ json, ...(ct !== null ? { headers: { 'Content-Type': ct } } : {}) }))),
  w(3, fc.tuple(fc.constantFrom(...MALFORMED_JSON), fc.option(fc.constantFrom(...CONTENT_TYPES), { freq: 4 })).map(([text, ct]) => ({ text, ...(ct !== null ? { headers: { 'Content-Type': ct } } : {}) }))),
  w(2, fc.constantFrom(...FORM_BODIES).map((text) => ({ text, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }))),
  w(1, fc.constant({ text: MULTIPART, headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' } })),
  w(2, fc.tuple(fc.constantFrom('aGVsbG8=', '', '/w==', 'e30=', Buffer.from('{"name": "x"}').toString('base64')), fc.constantFrom(...CONTENT_TYPES)).map(([data_b64, ct]) => ({ data_b64, headers: { 'Content-Type': ct } }))),
);

const anyRouteWithBodyArb: fc.Arbitrary<GeneratedRequest> = fc
  .tuple(fc.constantFrom(...ROUTES), hostileImageRefArb, anyBodyArb)
  .map(([[method, template], id, body]) => ({ method, path: template.replace(/\{id\}/g, id), ...body }));

/** Valid image bodies under Content-Types that differ only in case or parameters. */
const contentTypeVariantArb: fc.Arbitrary<GeneratedRequest> = fc
  .tuple(fc.constantFrom(...CONTENT_TYPES), fc.constantFrom<PyJson>(
    new Map<string, PyJson>([['name', 'ct'], ['disk_format', 'raw'], ['container_format', 'bare']]),
    new Map<string, PyJson>([['id', IMAGE_IDS[2] as string], ['name', 'ct']]),
  ))
  .map(([ct, json]) => ({ method: 'POST', path: '/v2/images', json, headers: { 'Content-Type': ct } }));

// ------------------------------------------------------------------ data

/** Bytes of a given length, a fixed pattern (so scenarios stay readable and repeatable). */
export function patternBytes(length: number): string {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = (i * 7 + 3) % 256;
  return b.toString('base64');
}

/** Sizes around the tiny caps and quotas configs use, and around the store's 64 KiB chunks. */
export const UPLOAD_SIZES = [0, 1, 2, 3, 5, 8, 11, 40, 64, 1000, 1024, 4096, 65535, 65536, 65537] as const;
const sizeArb = fc.oneof(w(10, fc.constantFrom(...UPLOAD_SIZES.slice(0, 11))), w(1, fc.constantFrom(...UPLOAD_SIZES.slice(11))));
const DATA_TYPES = ['application/octet-stream', 'Application/Octet-Stream', 'application/octet-stream; charset=x', 'application/json', 'text/plain', '', 'application/x-www-form-urlencoded'] as const;

const sizedUploadArb: fc.Arbitrary<GeneratedRequest> = fc
  .tuple(fc.constantFrom('file', 'file', 'file', 'stage'), hostileImageRefArb, sizeArb, fc.option(fc.constantFrom(...DATA_TYPES), { freq: 5 }))
  .map(([what, id, size, ct]) => ({
    method: 'PUT', path: `/v2/images/${id}/${what}`, data_b64: patternBytes(size), ...(ct !== null ? { headers: { 'Content-Type': ct } } : {}),
  }));

const rangeDownloadArb: fc.Arbitrary<GeneratedRequest> = fc
  .tuple(hostileImageRefArb, rangeHeadersArb)
  .map(([id, headers]) => ({ method: 'GET', path: `/v2/images/${id}/file`, headers }));

const IMPORT_BODIES: readonly PyJson[] = [
  new Map([['method', new Map([['name', 'glance-direct']])]]),
  new Map([['method', new Map<string, PyJson>([['name', 'web-download'], ['uri', 'http://example.com/data']])]]),
  new Map([['method', new Map<string, PyJson>([['name', 'web-download'], ['uri', 'ftp://example.com/data']])]]),
  new Map([['method', new Map<string, PyJson>([['name', 'web-download']])]]),
  new Map([['method', new Map([['name', 'bogus']])]]),
  new Map([['method', 'glance-direct']]),
  new Map(),
  new Map([['method', new Map()]]),
];

const importArb: fc.Arbitrary<GeneratedRequest> = fc
  .tuple(hostileImageRefArb, fc.oneof(w(6, fc.constantFrom(...IMPORT_BODIES)), w(1, anyJsonArb)))
  .map(([id, json]) => ({ method: 'POST', path: `/v2/images/${id}/import`, json }));

// ------------------------------------------------------------------ locations

/** Location URLs: http(s) that exist, `.invalid` hosts and `/missing` paths (404), other schemes, odd and very long ones. */
export const HOSTILE_LOCATION_URLS = [
  'http://example.com/images/one', 'https://mirror.example.org/three', 'http://example.com/images/one?x=1#f', 'HTTP://EXAMPLE.COM/up',
  'http://host.invalid/gone', 'https://x.invalid/', 'http://example.com/missing/four', 'http://example.com/a/missing',
  'ftp://example.com/nope', 'swift://account:key@example.com/container/obj', 'rbd://fsid/pool/image/snap', 'cinder://volume-id',
  'sheepdog://x', 'vsphere://host/folder/file', 's3://key:secret@host/bucket/obj', 'file:///var/lib/glance/images/nope', 'file:///etc/passwd',
  'http://', 'http:///path', 'example.com/no-scheme', '', ' http://example.com/space', 'http://example.com/é', 'http://[::1]/x',
  'http://example.com:99999/port', 'http://user:pw@example.com/creds', `http://example.com/${'x'.repeat(3000)}`,
] as const;

/**
 * A URL of one class picked first (reachable, unreachable, other schemes,
 * malformed, very long), so a rare class is as likely as a common one.
 */
const locationUrlArb: fc.Arbitrary<PyJson> = fc.oneof(
  ...[
    HOSTILE_LOCATION_URLS.slice(0, 4),
    HOSTILE_LOCATION_URLS.slice(4, 8),
    HOSTILE_LOCATION_URLS.slice(8, 17),
    HOSTILE_LOCATION_URLS.slice(17, 26),
    HOSTILE_LOCATION_URLS.slice(26),
  ].map((urls) => fc.constantFrom<PyJson>(...urls)),
);

const locationValueArb: fc.Arbitrary<PyJson> = fc
  .record({
    url: fc.oneof(w(10, locationUrlArb), w(1, anyJsonArb)),
    metadata: fc.oneof(w(8, fc.constantFrom<PyJson>(new Map(), new Map([['k', 'v']]), new Map<string, PyJson>([['n', 1], ['l', [1]]]))), w(1, anyJsonArb)),
    extra: fc.option(fc.constantFrom<[string, PyJson]>(['status', 'active'], ['id', 1], ['bogus', 'x']), { freq: 6 }),
    drop: fc.option(fc.constantFrom('url', 'metadata'), { freq: 10 }),
  })
  .map(({ url, metadata, extra, drop }) => {
    const m = new Map<string, PyJson>([['url', url], ['metadata', metadata]]);
    if (extra) m.set(extra[0], extra[1]);
    if (drop) m.delete(drop);
    return m;
  });

const locationPatchArb: fc.Arbitrary<GeneratedRequest> = fc
  .tuple(
    hostileImageRefArb,
    fc.oneof(
      w(4, fc.tuple(fc.constantFrom('/locations/-', '/locations/0', '/locations/1', '/locations/9', '/locations/-1', '/locations/01', '/locations/x'), locationValueArb)
        .map(([path, value]) => new Map<string, PyJson>([['op', 'add'], ['path', path], ['value', value]]))),
      w(2, fc.array(locationValueArb, { maxLength: 3 }).map((value) => new Map<string, PyJson>([['op', 'replace'], ['path', '/locations'], ['value', value]]))),
      w(1, fc.constantFrom('/locations/0', '/locations/-', '/locations/1', '/locations').map((path) => new Map<string, PyJson>([['op', 'remove'], ['path', path]]))),
    ),
    fc.array(fc.constantFrom<PyJson>(new Map([['op', 'replace'], ['path', '/name'], ['value', 'loc']]), new Map([['op', 'add'], ['path', '/disk_format'], ['value', 'raw']]), new Map([['op', 'add'], ['path', '/container_format'], ['value', 'bare']])), { maxLength: 2 }),
  )
  .map(([id, op, before]) => ({ method: 'PATCH', path: `/v2/images/${id}`, json: [...before, op] }));

// ------------------------------------------------------------------ tasks

const TASK_INPUTS: readonly PyJson[] = [
  new Map<string, PyJson>([['import_from', 'http://example.com/x'], ['import_from_format', 'qcow2'], ['image_properties', new Map([['name', 'x']])]]),
  new Map<string, PyJson>([['import_from', 'swift://x/y'], ['import_from_format', 'raw'], ['image_properties', new Map()]]),
  new Map<string, PyJson>([['image_id', IMAGE_IDS[0] as string], ['import_req', new Map([['method', new Map([['name', 'glance-direct']])]])]]),
  new Map<string, PyJson>([['image_id', LAST_REF]]),
  new Map(),
  new Map<string, PyJson>([['x', 'é'.repeat(3)]]),
];

/** Tasks of both types, inputs of the right and wrong shapes, and visits to tasks the server named. */
const taskArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
  w(4, fc.tuple(fc.constantFrom<PyJson>('import', 'api_image_import', 'Import', ''), fc.oneof(w(6, fc.constantFrom(...TASK_INPUTS)), w(1, anyJsonArb)))
    .map(([type, input]) => ({ method: 'POST', path: '/v2/tasks', json: new Map([['type', type], ['input', input]]) }))),
  w(3, fc.constantFrom(LAST_REF, '<uuid-1>', '<uuid-2>').map((id) => ({ method: 'GET', path: `/v2/tasks/${id}` }))),
  w(3, queryStringArb(taskQueryParamsArb).map((q) => ({ method: 'GET', path: '/v2/tasks' + q }))),
  w(1, fc.constantFrom(LAST_REF, UNKNOWN_ID.toUpperCase(), '%00').map((id) => ({ method: 'GET', path: `/v2/tasks/${id}` }))),
);

/** The hostile request classes, each a modest share. */
export const hostileRequestArb: fc.Arbitrary<GeneratedRequest> = fc.oneof(
  w(5, queryStringArb(imageQueryParamsArb).map((q) => ({ method: 'GET', path: '/v2/images' + q }))),
  w(2, queryStringArb(timeFilterParamsArb).map((q) => ({ method: 'GET', path: '/v2/images' + q }))),
  w(3, taskArb),
  w(3, anyRouteWithBodyArb),
  w(2, contentTypeVariantArb),
  w(3, sizedUploadArb),
  w(2, rangeDownloadArb),
  w(1, importArb),
  w(5, locationPatchArb),
  w(2, hostileTagArb),
  w(1, hostileMemberPathArb),
  w(1, strayPathArb),
);
