/**
 * Stories aimed at the database layer (images, members, tasks and the metadef catalog) and the flat model's SQL: requests the rest of the generators rarely or
 * never make, each reaching behaviour the mutation runs showed unchecked
 * (`npm run survivors`).
 */
import fc from 'fast-check';
import type { PyJson } from '../../../lib/pyjson.js';
import type { ScenarioConfig } from '../../../shared/settings.js';
import type { Caller } from '../../../shared/world.js';
import { LAST_REF } from '../hostile-requests.js';
import { maker, type GeneratedStep, type Opening } from '../story-kit.js';
import { CALLERS, IMAGE_IDS, segment, w } from '../values.js';

const query = (params: ReadonlyArray<readonly [string, string]>): string =>
  params.length === 0 ? '' : '?' + params.map(([k, v]) => `${segment(k)}=${segment(v)}`).join('&');

/** Optional query parameters: each of `pool` present or not. */
const paramsArb = (pool: ReadonlyArray<fc.Arbitrary<readonly [string, string]>>): fc.Arbitrary<Array<readonly [string, string]>> =>
  fc.tuple(...pool.map((p) => fc.option(p, { nil: undefined, freq: 2 }))).map((ps) => ps.filter((p): p is readonly [string, string] => p !== undefined));

// ------------------------------------------------------------------ metadef paging

const NAMESPACES = ['OS::Peel::Alpha', 'OS::Peel::Beta', 'peel-gamma'] as const;
const NS_SORT_KEYS = ['created_at', 'updated_at', 'id', 'namespace', 'display_name', 'visibility', 'protected', 'owner', 'description'] as const;

/**
 * A few namespaces with some nullable columns set and some not (display
 * name, description), of two owners and both visibilities, one with tags;
 * then pages of the catalog from a marker under every sort key and
 * direction (paginate_query's marker criteria: a NULL marker value skips
 * its term, booleans are compared as integers), and pages of the tags.
 */
const metadefPagingArb: fc.Arbitrary<GeneratedStep[]> = fc
  .record({
    shapes: fc.array(
      fc.record({
        owner: fc.constantFrom<Caller>(CALLERS.alice, CALLERS.alice, CALLERS.bob, CALLERS.admin),
        visibility: fc.constantFrom('public', 'private'),
        display: fc.option(fc.constantFrom('Zed', 'Alpha'), { nil: undefined }),
        description: fc.option(fc.constantFrom('d', 'e'), { nil: undefined }),
        protected: fc.boolean(),
      }),
      { minLength: 3, maxLength: 3 },
    ),
    lists: fc.array(
      fc.tuple(
        fc.constantFrom<Caller>(CALLERS.alice, CALLERS.bob, CALLERS.admin),
        fc.constantFrom(...NAMESPACES).map((m) => ['marker', m] as const),
        // Mostly a key some namespaces leave NULL: the marker's NULL skips that term.
        fc.oneof(w(2, fc.constantFrom('display_name', 'description')), w(1, fc.constantFrom(...NS_SORT_KEYS))).map((k) => ['sort_key', k] as const),
        paramsArb([
          fc.constantFrom('asc', 'desc').map((d) => ['sort_dir', d] as const),
          fc.constantFrom('1', '2').map((l) => ['limit', l] as const),
          fc.constantFrom('public', 'private').map((v) => ['visibility', v] as const),
        ]),
      ),
      { minLength: 2, maxLength: 4 },
    ),
    tagLists: fc.array(
      paramsArb([
        fc.constantFrom('t1', 't2', 'T1').map((m) => ['marker', m] as const),
        fc.constantFrom('created_at', 'name', 'id', 'updated_at').map((k) => ['sort_key', k] as const),
        fc.constantFrom('asc', 'desc').map((d) => ['sort_dir', d] as const),
        fc.constantFrom('1', '2').map((l) => ['limit', l] as const),
      ]),
      { maxLength: 2 },
    ),
  })
  .map(({ shapes, lists, tagLists }) => {
    const creates: GeneratedStep[] = shapes.map((s, i) => {
      const body = new Map<string, PyJson>([['namespace', NAMESPACES[i] as string], ['visibility', s.visibility], ['protected', s.protected]]);
      if (s.display !== undefined) body.set('display_name', s.display);
      if (s.description !== undefined) body.set('description', s.description);
      if (i === 0) body.set('tags', [new Map([['name', 't1']]), new Map([['name', 'T1']]), new Map([['name', 't2']])]);
      return { as: s.owner, method: 'POST', path: '/v2/metadefs/namespaces', json: body };
    });
    const owner = shapes[0]?.owner ?? CALLERS.alice;
    return [
      ...creates,
      ...lists.map(([as, marker, key, params]) => ({ as, method: 'GET', path: `/v2/metadefs/namespaces${query([marker, key, ...params])}` })),
      ...tagLists.map((params) => ({ as: owner, method: 'GET', path: `/v2/metadefs/namespaces/${NAMESPACES[0]}/tags${query(params)}` })),
    ];
  });

// ------------------------------------------------------------------ metadef writes that fail in the driver

const NS_ALPHA = `/v2/metadefs/namespaces/${NAMESPACES[0]}`;

/**
 * A JSON body sent as text: a scenario file cannot hold a lone surrogate in
 * a string (it is not UTF-8), but JSON text can escape one (`\ud800`),
 * which Glance's json.loads reads as a str pysqlite cannot encode.
 */
const jsonText = (method: string, path: string, body: string): Omit<GeneratedStep, 'as'> => ({ method, path, text: body, headers: { 'Content-Type': 'application/json' } });
const U = '\\ud800';

/**
 * Writes of the catalog whose names pysqlite refuses to encode: the insert
 * or update fails with an error that is no duplicate, so the db api's
 * `except DBDuplicateEntry` lets it through as a 500 instead of the 409 a
 * clash gives (namespaces, objects, properties, tags, associations; creates
 * and renames).
 */
const UNENCODABLE_WRITES: ReadonlyArray<Array<Omit<GeneratedStep, 'as'>>> = [
  [jsonText('POST', '/v2/metadefs/namespaces', `{"namespace": "x${U}", "visibility": "public"}`)],
  [jsonText('PUT', NS_ALPHA, `{"namespace": "y${U}", "visibility": "public"}`)],
  [jsonText('POST', `${NS_ALPHA}/objects`, `{"name": "o${U}"}`)],
  [
    { method: 'POST', path: `${NS_ALPHA}/objects`, json: new Map<string, PyJson>([['name', 'obj1']]) },
    jsonText('PUT', `${NS_ALPHA}/objects/obj1`, `{"name": "o${U}"}`),
  ],
  [jsonText('POST', `${NS_ALPHA}/properties`, `{"name": "p${U}", "title": "T", "type": "string"}`)],
  [
    { method: 'POST', path: `${NS_ALPHA}/properties`, json: new Map<string, PyJson>([['name', 'prop1'], ['title', 'T'], ['type', 'string']]) },
    jsonText('PUT', `${NS_ALPHA}/properties/prop1`, `{"name": "p${U}", "title": "T", "type": "string"}`),
  ],
  [jsonText('POST', `${NS_ALPHA}/tags`, `{"tags": [{"name": "t1"}, {"name": "t${U}"}]}`)],
  [
    { method: 'POST', path: `${NS_ALPHA}/tags/t1` },
    jsonText('PUT', `${NS_ALPHA}/tags/t1`, `{"name": "t${U}"}`),
  ],
  [jsonText('POST', `${NS_ALPHA}/resource_types`, `{"name": "r${U}"}`)],
  [jsonText('POST', `${NS_ALPHA}/resource_types`, `{"name": "OS::Glance::Image", "prefix": "p${U}"}`)],
];

const unencodableWritesArb: fc.Arbitrary<GeneratedStep[]> = fc
  .tuple(fc.constantFrom<Caller>(CALLERS.alice, CALLERS.admin), fc.subarray([...UNENCODABLE_WRITES], { minLength: 2, maxLength: 5 }))
  .map(([as, writes]) => [
    { as, method: 'POST', path: '/v2/metadefs/namespaces', json: new Map<string, PyJson>([['namespace', NAMESPACES[0]], ['visibility', 'public']]) },
    ...writes.flat().map((step) => ({ as, ...step })),
  ]);

// ------------------------------------------------------------------ task listings

/** Rules that open the tasks API to every caller (Glance's default keeps it to admins). */
const OPEN_TASKS = { tasks_api_access: '', get_tasks: '', get_task: '', add_task: '' } as const;
const TASK_SORT_KEYS = ['created_at', 'updated_at', 'id', 'status', 'type', 'owner', 'expires_at'] as const;

const importTask = (format: string): PyJson => new Map<string, PyJson>([
  ['type', 'import'],
  ['input', new Map<string, PyJson>([['import_from', 'http://example.com/x'], ['import_from_format', format], ['image_properties', new Map([['name', 't']])]])],
]);

/**
 * Where the tasks API is open: tasks of two projects, then listings by
 * owners, an admin and a caller without a project, each with filters on
 * task columns (and on an attribute of the model class, which SQLAlchemy
 * compares as a Python value), sort keys, directions, a marker and a limit.
 */
const taskListingsArb: fc.Arbitrary<Opening> = fc
  .record({
    owners: fc.array(fc.constantFrom<Caller>(CALLERS.alice, CALLERS.bob, CALLERS.admin), { minLength: 2, maxLength: 3 }),
    lists: fc.array(
      fc.tuple(
        fc.constantFrom<Caller>(CALLERS.alice, CALLERS.bob, CALLERS.admin, CALLERS.nobody),
        paramsArb([
          fc.constantFrom(['type', 'import'], ['status', 'pending'], ['status', 'success'], ['owner', 'p-bob'], ['__tablename__', 'tasks'], ['__tablename__', 'images']) as fc.Arbitrary<readonly [string, string]>,
          fc.constantFrom(...TASK_SORT_KEYS).map((k) => ['sort_key', k] as const),
          fc.constantFrom('asc', 'desc').map((d) => ['sort_dir', d] as const),
          fc.constant(['marker', LAST_REF] as const),
          fc.constantFrom('1', '2').map((l) => ['limit', l] as const),
        ]),
      ),
      { minLength: 2, maxLength: 4 },
    ),
  })
  .map(({ owners, lists }) => ({
    config: (config) => ({ ...config, policy: { ...(config.policy ?? {}), ...OPEN_TASKS } }) as ScenarioConfig,
    steps: [
      ...owners.map((as, i) => maker({ as, method: 'POST', path: '/v2/tasks', json: importTask(i % 2 === 0 ? 'raw' : 'qcow2') })),
      // The marker is the last task: its id goes into the path unencoded.
      ...lists.map(([as, params]) => ({ as, method: 'GET', path: '/v2/tasks' + (params.length === 0 ? '' : '?' + params.map(([k, v]) => `${k}=${v}`).join('&')) })),
    ],
  }));

// ------------------------------------------------------------------ image listings

/**
 * The image-list filters the v2 deserializer passes through to the db api
 * unchanged: `properties` (a str where the db api wants a dict: 500),
 * `is_public` and `deleted` (a property filter, and one the controller
 * overrides), `tags` (a str iterated by character), a model class
 * attribute, a checksum, size ranges, a property filter and `protected`.
 */
const ODD_IMAGE_FILTERS = [
  ['properties', 'x'], ['properties', ''], ['is_public', 'true'], ['deleted', 'true'], ['tags', 'ab'], ['__tablename__', 'images'],
  ['__tablename__', 'tasks'], ['checksum', '900150983cd24fb0d6963f7d28e17f72'], ['size_min', '2'], ['size_max', '3'], ['os_distro', 'v1'],
  ['protected', 'true'], ['protected', 'false'], ['member_status', 'all'], ['visibility', 'all'], ['tag', 'a'],
  // The db api's validate_quotes: a quote without a comma before or after it, one never closed, an escaped one.
  ['name', 'in:"signed"x'], ['name', 'in:x"signed"'], ['name', 'in:"signed'], ['name', 'in:"sig\\"ned",signed'], ['name', 'in:"signed",prelude'],
  ['status', 'in:"active",killed'],
] as const;

/**
 * A signed image whose certificate cannot be found: its upload fails
 * verification and Glance marks it killed (glance/api/v2/image_data.py
 * _delete), which every listing then hides (the db api's deleted=False
 * hides killed images); then listings with the odd filters, by its owner
 * and others, with and without a marker.
 */
const killedAndFilteredArb: fc.Arbitrary<GeneratedStep[]> = fc
  .record({
    killed: fc.boolean(),
    lists: fc.array(
      fc.tuple(
        fc.constantFrom<Caller>(CALLERS.alice, CALLERS.bob, CALLERS.admin),
        fc.subarray([...ODD_IMAGE_FILTERS], { minLength: 1, maxLength: 2 }),
        fc.option(fc.constantFrom(['marker', IMAGE_IDS[3] as string] as const, ['sort_key', 'status'] as const, ['limit', '1'] as const), { nil: undefined }),
      ),
      { minLength: 2, maxLength: 4 },
    ),
  })
  .map(({ killed, lists }) => {
    const alice = CALLERS.alice;
    const image = IMAGE_IDS[3] as string;
    const signed = new Map<string, PyJson>([
      ['id', image], ['name', 'signed'], ['visibility', 'public'], ['disk_format', 'raw'], ['container_format', 'bare'], ['os_distro', 'v1'],
      ['img_signature', 'c2ln'], ['img_signature_hash_method', 'SHA-256'], ['img_signature_key_type', 'RSA-PSS'],
      ['img_signature_certificate_uuid', 'aaaaaaaa-0000-4000-8000-000000000099'],
    ]);
    if (!killed) signed.delete('img_signature');
    return [
      { as: CALLERS.admin, method: 'POST', path: '/v2/images', json: signed },
      { as: CALLERS.admin, method: 'PUT', path: `/v2/images/${image}/file`, data_b64: 'YWJj' },
      { as: alice, method: 'GET', path: `/v2/images/${image}` },
      ...lists.map(([as, filters, extra]) => ({ as, method: 'GET', path: `/v2/images${query([...filters, ...(extra ? [extra] : [])])}` })),
    ];
  });

// ------------------------------------------------------------------ image writes the db api refuses

/**
 * An image whose id its owner renames (PATCH add /image_id) onto another
 * project's image: the db update finds that image not visible
 * (Forbidden), or visible but not its own (_check_mutate_authorization), which
 * glance/db/__init__.py ImageRepo.save turns into 404
 * "No image found"; then the other project reads its image, unchanged.
 */
const renameOntoForeignArb: fc.Arbitrary<GeneratedStep[]> = fc
  // A community image is visible, so the db update's _check_mutate_authorization refuses it instead.
  .tuple(fc.constantFrom('private', 'shared', 'community'), fc.constantFrom<PyJson>('x', 'renamed'))
  .map(([visibility, name]) => {
    const [foreign, own] = [IMAGE_IDS[3] as string, IMAGE_IDS[2] as string];
    const body = (id: string, v: string): PyJson => new Map<string, PyJson>([['id', id], ['name', 'n'], ['visibility', v], ['disk_format', 'raw'], ['container_format', 'bare']]);
    return [
      { as: CALLERS.bob, method: 'POST', path: '/v2/images', json: body(foreign, visibility) },
      { as: CALLERS.alice, method: 'POST', path: '/v2/images', json: body(own, 'private') },
      { as: CALLERS.alice, method: 'PATCH', path: `/v2/images/${own}`, json: [
        new Map<string, PyJson>([['op', 'add'], ['path', '/image_id'], ['value', foreign]]),
        new Map<string, PyJson>([['op', 'replace'], ['path', '/name'], ['value', name]]),
      ] },
      { as: CALLERS.bob, method: 'GET', path: `/v2/images/${foreign}` },
    ];
  });

const location = (url: string, metadata: PyJson): PyJson => new Map<string, PyJson>([['url', url], ['metadata', metadata]]);

/**
 * Where every location is shown: locations whose metadata holds a
 * character outside the BMP, which the db api's `@no_4byte_params` refuses
 * (400) when it adds them, among ordinary adds, replacements and removals.
 */
const fourByteLocationsArb: fc.Arbitrary<Opening> = fc
  .subarray([
    [{ op: 'add', path: '/locations/-', value: location('http://example.com/images/one', new Map([['k', '\u{1F600}']])) }],
    // Values the JSON column prints Python's way: false, non-ASCII text (escaped), None, a list.
    [{ op: 'add', path: '/locations/-', value: location('http://example.com/images/two', new Map<string, PyJson>([['f', false], ['\u00e9', '\u00fc'], ['n', null], ['l', [1, 'x']]])) }],
    [{ op: 'replace', path: '/locations', value: [location('http://example.com/images/two', new Map([['\u{1F600}', 'v']]))] }],
    [{ op: 'replace', path: '/locations', value: [location('http://example.com/images/one', new Map()), location('http://example.com/images/two', new Map([['k', 'w']]))] }],
    [{ op: 'remove', path: '/locations/0' }],
  ], { minLength: 2 })
  .chain((patches) => fc.constantFrom(null, 'Infinity', '-Infinity', 'NaN', '1e400').map((infinite) => [patches, infinite] as const))
  .map(([patches, infinite]) => {
    const image = IMAGE_IDS[3] as string;
    const alice = CALLERS.alice;
    return {
      config: (config) => ({ ...config, show_multiple_locations: true }) as ScenarioConfig,
      steps: [
        { as: alice, method: 'POST', path: '/v2/images', json: new Map<string, PyJson>([['id', image], ['name', 'l'], ['disk_format', 'raw'], ['container_format', 'bare']]) },
        ...(infinite === null ? [] : [{
          as: alice, method: 'PATCH', path: `/v2/images/${image}`, headers: { 'Content-Type': 'application/openstack-images-v2.1-json-patch' },
          // Python's json.loads reads the non-JSON Infinity, -Infinity and NaN, which the location's metadata column then stores.
          text: `[{"op": "add", "path": "/locations/-", "value": {"url": "http://example.com/images/one", "metadata": {"k": ${infinite}}}}]`,
        }]),
        ...patches.map((ops) => ({ as: alice, method: 'PATCH', path: `/v2/images/${image}`, json: ops.map((op) => new Map(Object.entries(op)) as PyJson) })),
        { as: alice, method: 'GET', path: `/v2/images/${image}` },
      ],
    };
  });

// ------------------------------------------------------------------ members

/**
 * A shared image with two members: each member lists the members (a
 * member sees only its own row, the owner every row), reads the other's
 * membership, then the owner removes one and adds it again (the db revives
 * the soft-deleted row: same id, pending again), and the members list
 * images by member status.
 */
const membersRevivedArb: fc.Arbitrary<GeneratedStep[]> = fc
  .record({
    status: fc.constantFrom('accepted', 'rejected'),
    lister: fc.constantFrom<Caller>(CALLERS.bob, CALLERS.carol, CALLERS.admin, CALLERS.alice),
    memberStatus: fc.constantFrom('pending', 'accepted', 'all'),
  })
  .map(({ status, lister, memberStatus }) => {
    const image = IMAGE_IDS[2] as string;
    const [alice, bob, carol] = [CALLERS.alice, CALLERS.bob, CALLERS.carol];
    const members = `/v2/images/${image}/members`;
    const add = (project: string): GeneratedStep => ({ as: alice, method: 'POST', path: members, json: new Map([['member', project]]) });
    return [
      { as: alice, method: 'POST', path: '/v2/images', json: new Map<string, PyJson>([['id', image], ['name', 'm'], ['visibility', 'shared'], ['disk_format', 'raw'], ['container_format', 'bare']]) },
      add(bob.project),
      add(carol.project),
      { as: bob, method: 'PUT', path: `${members}/${bob.project}`, json: new Map([['status', status]]) },
      { as: lister, method: 'GET', path: members },
      { as: carol, method: 'GET', path: `${members}/${bob.project}` },
      { as: alice, method: 'DELETE', path: `${members}/${bob.project}` },
      add(bob.project),
      { as: bob, method: 'GET', path: `${members}/${bob.project}` },
      { as: bob, method: 'GET', path: `/v2/images?member_status=${memberStatus}` },
    ];
  });

/**
 * Stories placed anywhere in a scenario, with their weights against the
 * other chunks (a single random step weighs 26). Each weighs 1: heavier,
 * they crowd out the stories test/characterization/*-reach.test.ts count.
 */
export const chunks: Array<fc.WeightedArbitrary<GeneratedStep[]>> = [
  w(1, metadefPagingArb), w(1, unencodableWritesArb), w(1, killedAndFilteredArb), w(1, renameOntoForeignArb), w(1, membersRevivedArb),
];

/** Stories that change the deployment and open the scenario, weighed against the plain opening's 6. */
export const openings: Array<fc.WeightedArbitrary<Opening>> = [w(1, fourByteLocationsArb), w(1, taskListingsArb)];
