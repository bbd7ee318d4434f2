/**
 * Whole generated format-2 scenarios: a deployment, a prelude that makes a
 * few images (client-chosen ids, some server-chosen), then requests of
 * every route by callers of several projects and roles, with now and then a
 * short story that walks one image through its life. `<uuid-N>` references
 * name only ids an earlier step could have made, so most scenarios are
 * valid; the harness discards the few whose referenced id never appeared.
 */
import fc from 'fast-check';
import { pyJsonDumpsValue, type PyJson } from '../../lib/pyjson.js';
import type { ScenarioConfig } from '../../shared/settings.js';
import type { Caller } from '../../shared/world.js';
import { configArb, hostileConfigArb } from '../config.js';
import { hostileHeadersArb } from './hostile-headers.js';
import { LAST_REF, patternBytes } from './hostile-requests.js';
import { metadefChunkArb, metadefContentsStoryArb, withLoadedMetadefs } from './metadefs.js';
import { extraHeadersArb, requestArb, wellFormedOpArb } from './requests.js';
import { STORY_CHUNKS, STORY_OPENINGS } from './stories/index.js';
import { createBody, creatable, isMaker, maker, patchOf, type GeneratedStep, type Opening } from './story-kit.js';
import { CALLERS, IMAGE_IDS, PROPERTY_KEYS, TAGS, VISIBILITIES, callerArb, w } from './values.js';

export type { GeneratedStep } from './story-kit.js';

export interface GeneratedHttpScenario {
  format: 'peel-scenario/2';
  name: string;
  config: ScenarioConfig;
  steps: GeneratedStep[];
}

const headersArb = fc.oneof(w(4, extraHeadersArb), w(1, hostileHeadersArb));

const stepArb: fc.Arbitrary<GeneratedStep> = fc.tuple(callerArb, requestArb, headersArb).map(([as, request, extra]) => {
  const headers = extra || request.headers ? { ...request.headers, ...extra } : undefined;
  return { as, ...request, ...(headers ? { headers } : {}) };
});

/** Images to act on: the first ids of the pool (client-chosen), and one the server names. */
const preludeArb: fc.Arbitrary<GeneratedStep[]> = fc
  .tuple(
    // The first id is the one steps name most: it is always made.
    fc.uniqueArray(fc.constantFrom(...IMAGE_IDS.slice(0, 3)), { minLength: 1, maxLength: 3 }).map((ids) => (ids.includes(IMAGE_IDS[0] as string) ? ids : [IMAGE_IDS[0] as string, ...ids.slice(0, 2)])),
    fc.boolean(),
    fc.array(fc.record({
      owner: fc.constantFrom<Caller>(CALLERS.alice, CALLERS.alice, CALLERS.bob),
      visibility: fc.constantFrom(...VISIBILITIES),
      props: fc.array(fc.tuple(fc.constantFrom(...PROPERTY_KEYS), fc.constantFrom('v1', 'v2')), { maxLength: 2 }),
      tags: fc.subarray([...TAGS], { maxLength: 2 }),
    }), { minLength: 4, maxLength: 4 }),
  )
  .map(([ids, serverChosen, shapes]) => {
    const steps: GeneratedStep[] = ids.map((id, i) => {
      const s = shapes[i] as (typeof shapes)[number];
      return { as: s.owner, method: 'POST', path: '/v2/images', json: createBody(id, s.visibility, s.props, s.tags) };
    });
    if (serverChosen) {
      const s = shapes[3] as (typeof shapes)[number];
      // Later steps name this image by `<uuid-N>`: a create most deployments let through keeps them valid.
      steps.push(maker({ as: s.owner, method: 'POST', path: '/v2/images', json: createBody(null, creatable(s.owner, s.visibility), [], []) }));
    }
    return steps;
  });

/** Upload, share, accept, download, deactivate: one image through its life. */
const lifecycleArb: fc.Arbitrary<GeneratedStep[]> = fc
  .record({ image: fc.constantFrom(...IMAGE_IDS.slice(0, 3)), member: fc.constantFrom<Caller>(CALLERS.bob, CALLERS.carol), data: fc.constantFrom('YWJj', 'aGVsbG8gd29ybGQ=') })
  .map(({ image, member, data }) => {
    const alice = CALLERS.alice;
    return [
      { as: alice, method: 'POST', path: '/v2/images', json: createBody(image, 'shared', [], []) },
      { as: alice, method: 'PUT', path: `/v2/images/${image}/file`, data_b64: data },
      { as: alice, method: 'POST', path: `/v2/images/${image}/members`, json: new Map([['member', member.project]]) },
      { as: member, method: 'PUT', path: `/v2/images/${image}/members/${member.project}`, json: new Map([['status', 'accepted']]) },
      { as: member, method: 'GET', path: `/v2/images/${image}/file` },
      { as: alice, method: 'POST', path: `/v2/images/${image}/actions/deactivate` },
      { as: member, method: 'GET', path: `/v2/images?member_status=all` },
    ];
  });

/**
 * What a caller who may see an image but not change it tries: each write
 * meets the immutable proxies of the authorization layer (an attribute, a
 * property, the locations, the tags, the data, the state, the members).
 */
const FOREIGN_WRITES: ReadonlyArray<(image: string) => Omit<GeneratedStep, 'as'>> = [
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('replace', '/name', 'taken') }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('replace', '/min_ram', 64) }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('replace', '/min_disk', 1) }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('replace', '/protected', true) }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('replace', '/visibility', 'private') }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('replace', '/container_format', 'ovf') }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('replace', '/disk_format', 'qcow2') }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('replace', '/tags', ['b']) }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('add', '/os_distro', 'v2') }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('replace', '/x_foo', 'v2') }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('remove', '/x_foo') }),
  // An add of an attribute the proxy has sets it (replace /owner is refused earlier, for non-admins).
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('add', '/owner', 'p-bob') }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('add', '/image_id', 'x') }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('add', '/extra_properties', 'x') }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('add', '/locations/-', new Map<string, PyJson>([['url', 'http://example.com/images/one'], ['metadata', new Map()]])) }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('remove', '/locations/0') }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('replace', '/locations', []) }),
  (image) => ({ method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('replace', '/locations', [new Map<string, PyJson>([['url', 'http://example.com/images/two'], ['metadata', new Map()]])]) }),
  (image) => ({ method: 'PUT', path: `/v2/images/${image}/tags/blue` }),
  (image) => ({ method: 'DELETE', path: `/v2/images/${image}/tags/a` }),
  (image) => ({ method: 'PUT', path: `/v2/images/${image}/file`, data_b64: 'eA==' }),
  (image) => ({ method: 'DELETE', path: `/v2/images/${image}` }),
  (image) => ({ method: 'POST', path: `/v2/images/${image}/actions/deactivate` }),
  (image) => ({ method: 'POST', path: `/v2/images/${image}/actions/reactivate` }),
  (image) => ({ method: 'POST', path: `/v2/images/${image}/members`, json: new Map([['member', 'p-carol']]) }),
  (image) => ({ method: 'PUT', path: `/v2/images/${image}/members/p-alice`, json: new Map([['status', 'accepted']]) }),
  (image) => ({ method: 'DELETE', path: `/v2/images/${image}/members/p-bob` }),
  (image) => ({ method: 'GET', path: `/v2/images/${image}/members` }),
  (image) => ({ method: 'GET', path: `/v2/images/${image}/members/p-bob` }),
];

/**
 * An image shared with a member (or made public by an admin): the member
 * and others try to change it (now and then removing one of its two
 * locations, which needs show_multiple_locations), the owner tries to set
 * the member's status, lists, reads and removes members.
 */
const sharedStoryArb: fc.Arbitrary<GeneratedStep[]> = fc
  .record({
    image: fc.constantFrom(...IMAGE_IDS.slice(0, 3)),
    owner: fc.constantFrom<Caller>(CALLERS.alice, CALLERS.alice, CALLERS.admin),
    member: fc.constantFrom<Caller>(CALLERS.bob, CALLERS.bob, CALLERS.carol),
    visibility: fc.constantFrom('shared', 'shared', 'public', 'community'),
    data: fc.constantFrom('none', 'upload', 'upload and a second location'),
    status: fc.constantFrom('accepted', 'accepted', 'pending', 'rejected'),
    writes: fc.array(fc.tuple(fc.constantFrom<Caller>(CALLERS.bob, CALLERS.bob, CALLERS.carol, CALLERS.alan), fc.constantFrom(...FOREIGN_WRITES)), { minLength: 1, maxLength: 5 }),
    ownerSets: fc.constantFrom('accepted', 'rejected'),
    removal: fc.constantFrom<Caller>(CALLERS.alice, CALLERS.admin, CALLERS.bob),
  })
  .map(({ image, owner, member, visibility, data, status, writes, ownerSets, removal }) => {
    const shared = visibility === 'shared';
    const body = createBody(image, creatable(owner, visibility), [['x_foo', 'v1']], ['a']);
    const second = data === 'upload and a second location';
    const location = new Map<string, PyJson>([['url', 'http://example.com/images/one'], ['metadata', new Map()]]);
    return [
      { as: owner, method: 'POST', path: '/v2/images', json: body },
      ...(data !== 'none' ? [{ as: owner, method: 'PUT', path: `/v2/images/${image}/file`, data_b64: 'YWJj' }] : []),
      ...(second ? [{ as: owner, method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('add', '/locations/-', location) }] : []),
      ...(shared
        ? [
            { as: owner, method: 'POST', path: `/v2/images/${image}/members`, json: new Map([['member', member.project]]) },
            { as: member, method: 'PUT', path: `/v2/images/${image}/members/${member.project}`, json: new Map([['status', status]]) },
          ]
        : []),
      ...writes.map(([as, write]) => ({ as, ...write(image) })),
      // An image with two locations lets the controller get as far as popping one.
      ...(second ? [{ as: member, method: 'PATCH', path: `/v2/images/${image}`, json: patchOf('remove', '/locations/0') }] : []),
      // Only the member may set its status: the owner (not an admin) meets an immutable member.
      ...(shared ? [{ as: owner, method: 'PUT', path: `/v2/images/${image}/members/${member.project}`, json: new Map([['status', ownerSets]]) }] : []),
      { as: owner, method: 'GET', path: `/v2/images/${image}/members` },
      { as: owner, method: 'GET', path: `/v2/images/${image}/members/${member.project}` },
      { as: removal, method: 'DELETE', path: `/v2/images/${image}/members/${member.project}` },
      { as: member, method: 'GET', path: `/v2/images/${image}` },
    ];
  });

/**
 * Properties of every protection class (free, create-only, readable by
 * members, admin-only) added, replaced, read and removed by their owner, an
 * admin and a reader, now and then with several roles or service roles:
 * what property protections decide, when the deployment has them.
 */
const propertiesStoryArb: fc.Arbitrary<GeneratedStep[]> = fc
  .record({
    image: fc.constantFrom(...IMAGE_IDS.slice(0, 3)),
    changes: fc.array(
      fc.tuple(
        fc.constantFrom<Caller>(CALLERS.alice, CALLERS.alice, CALLERS.admin, CALLERS.carol),
        fc.constantFrom('add', 'replace', 'remove'),
        fc.constantFrom(...PROPERTY_KEYS),
        fc.constantFrom<PyJson>('v1', 'v2', ''),
        // Several roles of which one is allowed, and service roles, which the roles format counts too.
        fc.constantFrom<Record<string, string> | undefined>(undefined, undefined, undefined, { 'X-Roles': 'reader,member' }, { 'X-Roles': 'member, admin' }, { 'X-Service-Roles': 'admin' }),
      ),
      { minLength: 2, maxLength: 6 },
    ),
  })
  .map(({ image, changes }) => [
    { as: CALLERS.alice, method: 'POST', path: '/v2/images', json: createBody(image, 'shared', [['x_foo', 'v1'], ['os_distro', 'v1'], ['spl_create_only', 'v1']], []) },
    ...changes.map(([as, op, key, value, headers]): GeneratedStep => ({
      as, method: 'PATCH', path: `/v2/images/${image}`, json: patchOf(op, `/${key}`, op === 'remove' ? undefined : value), ...(headers ? { headers } : {}),
    })),
    { as: CALLERS.alice, method: 'GET', path: `/v2/images/${image}` },
    { as: CALLERS.admin, method: 'GET', path: `/v2/images?visibility=all` },
  ]);

/**
 * Locations (they need show_multiple_locations): on an active image, add
 * one, replace the list, remove one; or several at once on a queued image,
 * the first URL sometimes one the store cannot size, so a storage quota
 * charges the first size the backend knows times their number.
 */
const locationsArb: fc.Arbitrary<GeneratedStep[]> = fc
  .record({
    image: fc.constantFrom(...IMAGE_IDS.slice(0, 3)),
    url: fc.constantFrom('http://example.com/images/one', 'http://example.com/images/two'),
    first: fc.constantFrom('http://example.com/missing/four', 'http://host.invalid/gone', 'http://example.com/images/two'),
    owner: fc.constantFrom<Caller>(CALLERS.alice, CALLERS.admin),
    way: fc.constantFrom('one by one', 'one by one', 'several on a queued image'),
  })
  .map(({ image, url, first, owner, way }) => {
    const location = (u: string): PyJson => new Map<string, PyJson>([['url', u], ['metadata', new Map()]]);
    const patch = (op: string, path: string, value?: PyJson): GeneratedStep => ({ as: owner, method: 'PATCH', path: `/v2/images/${image}`, json: patchOf(op, path, value) });
    const several = [location(first), location(url), location('https://mirror.example.org/three')];
    const create: GeneratedStep = { as: owner, method: 'POST', path: '/v2/images', json: createBody(image, 'private', [], []) };
    const upload: GeneratedStep = { as: owner, method: 'PUT', path: `/v2/images/${image}/file`, data_b64: 'aGVsbG8=' };
    const download: GeneratedStep = { as: owner, method: 'GET', path: `/v2/images/${image}/file` };
    if (way === 'several on a queued image') return [create, patch('replace', '/locations', several), patch('add', '/locations/1', location(url)), download];
    return [
      create, upload,
      patch('add', '/locations/-', location(url)),
      patch('replace', '/locations', [location(url), location('https://mirror.example.org/three')]),
      patch('remove', '/locations/0'),
      download,
    ];
  });

/** Image import: stage the data, ask for the import, look at the image and delete it while it is uploading. */
const importStoryArb: fc.Arbitrary<GeneratedStep[]> = fc.constantFrom(...IMAGE_IDS.slice(0, 3)).map((image) => {
  const alice = CALLERS.alice;
  return [
    { as: alice, method: 'POST', path: '/v2/images', json: createBody(image, 'private', [], []) },
    { as: alice, method: 'PUT', path: `/v2/images/${image}/stage`, data_b64: 'aGVsbG8=' },
    { as: alice, method: 'POST', path: `/v2/images/${image}/import`, json: new Map([['method', new Map([['name', 'glance-direct']])]]) as PyJson },
    { as: alice, method: 'GET', path: `/v2/images/${image}` },
    { as: alice, method: 'DELETE', path: `/v2/images/${image}` },
  ];
});

/** An image the server names, then steps that reach it only by its `<uuid-N>`. */
const serverChosenArb: fc.Arbitrary<GeneratedStep[]> = fc
  .tuple(
    fc.constantFrom<Caller>(CALLERS.alice, CALLERS.alice, CALLERS.bob, CALLERS.admin),
    fc.constantFrom(...VISIBILITIES),
    fc.array(fc.tuple(callerArb, requestArb.filter((r) => r.path.includes(IMAGE_IDS[0] as string))), { minLength: 1, maxLength: 4 }),
  )
  .map(([owner, visibility, later]) => [
    maker({ as: owner, method: 'POST', path: '/v2/images', json: createBody(null, creatable(owner, visibility), [], []) }),
    { as: owner, method: 'PUT', path: `/v2/images/${LAST_REF}/file`, data_b64: patternBytes(5) },
    ...later.map(([as, r]) => ({ as, ...r, path: r.path.split(IMAGE_IDS[0] as string).join(LAST_REF) })),
  ]);

/** A task the server names, then looked at, listed and paged from by its `<uuid-N>`, by its owner and by others. */
const taskStoryArb: fc.Arbitrary<GeneratedStep[]> = fc
  .tuple(fc.constantFrom('import', 'api_image_import'), callerArb, fc.constantFrom('', '&limit=1', '&sort_dir=asc', '&status=pending', '&status=pending&status=success'))
  .map(([type, other, query]) => {
    const admin = CALLERS.admin;
    const input = type === 'import'
      ? new Map<string, PyJson>([['import_from', 'http://example.com/x'], ['import_from_format', 'raw'], ['image_properties', new Map([['name', 't']])]])
      : new Map<string, PyJson>([['image_id', IMAGE_IDS[0] as string]]);
    return [
      maker({ as: admin, method: 'POST', path: '/v2/tasks', json: new Map<string, PyJson>([['type', type], ['input', input]]) }),
      { as: admin, method: 'GET', path: `/v2/tasks/${LAST_REF}` },
      { as: other, method: 'GET', path: `/v2/tasks/${LAST_REF}` },
      { as: admin, method: 'GET', path: `/v2/tasks?marker=${LAST_REF}${query}` },
    ];
  });

/** Both import methods, on staged data of a few sizes or from a URL: the image and the tasks after it. */
const importMethodsArb: fc.Arbitrary<GeneratedStep[]> = fc
  .tuple(fc.constantFrom(...IMAGE_IDS.slice(0, 3)), fc.constantFrom(0, 3, 8), fc.boolean())
  .map(([image, size, direct]) => {
    const alice = CALLERS.alice;
    const method = direct ? new Map([['name', 'glance-direct']]) : new Map([['name', 'web-download'], ['uri', 'http://example.com/x']]);
    return [
      { as: alice, method: 'POST', path: '/v2/images', json: createBody(image, 'private', [], []) },
      ...(direct ? [{ as: alice, method: 'PUT', path: `/v2/images/${image}/stage`, data_b64: patternBytes(size) }] : []),
      { as: alice, method: 'POST', path: `/v2/images/${image}/import`, json: new Map([['method', method]]) as PyJson },
      { as: alice, method: 'GET', path: `/v2/images/${image}` },
      { as: CALLERS.admin, method: 'GET', path: '/v2/tasks' },
    ];
  });

/** Writes of an image's owner besides PATCH: a tag added and one removed, the data uploaded, the image deactivated and reactivated. */
const OWNER_WRITES: ReadonlyArray<(image: string) => Array<Omit<GeneratedStep, 'as'>>> = [
  (image) => [{ method: 'PUT', path: `/v2/images/${image}/tags/b` }],
  (image) => [{ method: 'DELETE', path: `/v2/images/${image}/tags/a` }],
  (image) => [
    { method: 'PUT', path: `/v2/images/${image}/file`, data_b64: 'YWJj' },
    { method: 'POST', path: `/v2/images/${image}/actions/deactivate` },
    { method: 'POST', path: `/v2/images/${image}/actions/reactivate` },
  ],
];

/**
 * An image its owner reads the schema of, then changes with writes that go
 * through (attributes, properties, tags, data, state), now and then
 * renaming its id (Glance sets image_id, then finds no image to save:
 * 404), and an admin gives it to another project: the setters of every
 * layer's image proxy, down to the domain image.
 */
const ownerEditsArb: fc.Arbitrary<GeneratedStep[]> = fc
  .record({
    image: fc.constantFrom(...IMAGE_IDS.slice(0, 3)),
    owner: fc.constantFrom<Caller>(CALLERS.alice, CALLERS.alice, CALLERS.bob, CALLERS.admin),
    schema: fc.constantFrom(null, 'image', 'images'),
    edits: fc.array(fc.array(wellFormedOpArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    writes: fc.subarray([...OWNER_WRITES]),
    renameId: fc.oneof(w(3, fc.constant(false)), w(1, fc.constant(true))),
    giveTo: fc.constantFrom(null, 'p-bob', 'p-carol'),
  })
  .map(({ image, owner, schema, edits, writes, renameId, giveTo }) => {
    const patch = (as: Caller, json: PyJson): GeneratedStep => ({ as, method: 'PATCH', path: `/v2/images/${image}`, json });
    return [
      ...(schema !== null ? [{ as: owner, method: 'GET', path: `/v2/schemas/${schema}` }] : []),
      { as: owner, method: 'POST', path: '/v2/images', json: createBody(image, 'private', [['os_distro', 'v1']], ['a']) },
      ...edits.map((ops) => patch(owner, ops)),
      ...writes.flatMap((write) => write(image).map((step) => ({ as: owner, ...step }))),
      ...(renameId ? [patch(owner, patchOf('add', '/image_id', IMAGE_IDS[3] as string))] : []),
      ...(giveTo !== null ? [patch(CALLERS.admin, patchOf('replace', '/owner', giveTo))] : []),
      { as: owner, method: 'GET', path: `/v2/images/${image}` },
    ];
  });

const chunksArb: fc.Arbitrary<GeneratedStep[][]> = fc.array(
  fc.oneof(
    w(26, stepArb.map((s) => [s])), w(2, lifecycleArb), w(1, locationsArb), w(1, importStoryArb),
    w(1, serverChosenArb), w(1, taskStoryArb), w(1, importMethodsArb), w(3, metadefChunkArb),
    w(2, sharedStoryArb), w(1, propertiesStoryArb), w(1, ownerEditsArb), w(1, metadefContentsStoryArb),
    ...STORY_CHUNKS,
  ),
  { minLength: 1, maxLength: 14 },
);

/** A scenario's steps: the prelude, the opening story of its deployment if any, then the chunks; at most 30. */
function scenarioSteps(prelude: GeneratedStep[], opening: GeneratedStep[], chunks: GeneratedStep[][]): GeneratedStep[] {
  return keepReferencesReachable([...prelude, ...opening, ...chunks.flat()].slice(0, 30));
}

export const httpStepsArb: fc.Arbitrary<GeneratedStep[]> = fc.tuple(preludeArb, chunksArb).map(([prelude, chunks]) => scenarioSteps(prelude, [], chunks));

/** Rules that open the tasks API to every caller: Glance's default keeps it to admins, who may change every task. */
const OPEN_TASKS = { tasks_api_access: '', get_tasks: '', get_task: '', add_task: '' } as const;

/**
 * Where the tasks API is open: a project makes a task, a caller without a
 * project lists them (it sees every task, none of them its own: the
 * immutable task stubs), others read it.
 */
const openTasksArb: fc.Arbitrary<Opening> = fc
  .tuple(fc.constantFrom<Caller>(CALLERS.alice, CALLERS.bob), fc.constantFrom('', '?limit=1', '?sort_dir=asc', '?status=pending'), callerArb)
  .map(([owner, query, reader]) => ({
    config: (config) => ({ ...config, policy: { ...(config.policy ?? {}), ...OPEN_TASKS } }) as ScenarioConfig,
    steps: [
      maker({ as: owner, method: 'POST', path: '/v2/tasks', json: new Map<string, PyJson>([['type', 'import'], ['input', new Map<string, PyJson>([['import_from', 'http://example.com/x'], ['import_from_format', 'raw'], ['image_properties', new Map([['name', 't']])]])]]) }),
      { as: CALLERS.nobody, method: 'GET', path: `/v2/tasks${query}` },
      { as: reader, method: 'GET', path: `/v2/tasks/${LAST_REF}` },
    ],
  }));

/**
 * Where every location is shown: alice's shared image, uploaded and given a
 * second location, which its accepted member bob tries to change (always
 * removing a location, where the controller gets as far as popping one of
 * the immutable image's, then a few of the other foreign writes), then
 * alice tries to set bob's status (only the member may).
 */
const foreignLocationsArb: fc.Arbitrary<Opening> = fc
  .tuple(fc.subarray([...FOREIGN_WRITES], { minLength: 2, maxLength: 6 }), fc.constantFrom('accepted', 'rejected'))
  .map(([writes, status]) => {
    const [alice, bob] = [CALLERS.alice, CALLERS.bob];
    const image = IMAGE_IDS[3] as string;
    const patch = (as: Caller, json: PyJson): GeneratedStep => ({ as, method: 'PATCH', path: `/v2/images/${image}`, json });
    return {
      config: (config) => ({ ...config, show_multiple_locations: true }) as ScenarioConfig,
      steps: [
        { as: alice, method: 'POST', path: '/v2/images', json: createBody(image, 'shared', [['x_foo', 'v1']], ['a']) },
        { as: alice, method: 'PUT', path: `/v2/images/${image}/file`, data_b64: 'YWJj' },
        patch(alice, patchOf('add', '/locations/-', new Map<string, PyJson>([['url', 'http://example.com/images/one'], ['metadata', new Map()]]))),
        { as: alice, method: 'POST', path: `/v2/images/${image}/members`, json: new Map([['member', bob.project]]) },
        { as: bob, method: 'PUT', path: `/v2/images/${image}/members/${bob.project}`, json: new Map([['status', 'accepted']]) },
        patch(bob, patchOf('remove', '/locations/0')),
        ...writes.map((write) => ({ as: bob, ...write(image) })),
        { as: alice, method: 'PUT', path: `/v2/images/${image}/members/${bob.project}`, json: new Map([['status', status]]) },
      ],
    };
  });

/** Mostly ordinary deployments, one in five at the edges. */
const deploymentArb: fc.Arbitrary<ScenarioConfig> = fc.oneof(w(4, configArb), w(1, hostileConfigArb));

export const httpScenarioArb: fc.Arbitrary<GeneratedHttpScenario> = fc
  .record({
    config: deploymentArb,
    prelude: preludeArb,
    // One deployment in four is changed for a story that needs it, which then comes first.
    opening: fc.oneof(w(6, fc.constant(null)), w(1, openTasksArb), w(1, foreignLocationsArb), ...STORY_OPENINGS),
    chunks: chunksArb,
    loadMetadefs: fc.oneof(w(9, fc.constant(false)), w(1, fc.constant(true))),
  })
  .map(({ config, prelude, opening, chunks, loadMetadefs }) => ({
    format: 'peel-scenario/2' as const,
    name: 'generated',
    config: withLoadedMetadefs(opening ? opening.config(config) : config, loadMetadefs),
    steps: scenarioSteps(prelude, opening?.steps ?? [], chunks),
  }));

/** The scenario file's text: what the models, the reference runner and the corpus read. */
export function httpScenarioText(scenario: GeneratedHttpScenario): string {
  return pyJsonDumpsValue(scenario, { indent: 1, ensureAscii: false }) + '\n';
}

/**
 * References beyond what the maker steps before them could have made are
 * replaced by a client-chosen id, so few scenarios are invalid; `<uuid-last>`
 * becomes the latest maker's `<uuid-N>`.
 */
function keepReferencesReachable(steps: GeneratedStep[]): GeneratedStep[] {
  let makers = 0;
  return steps.map((step) => {
    const latest = replaceLast(step, makers);
    const fixed = makers === 0 ? replaceRefs(latest, () => IMAGE_IDS[0] as string) : replaceRefs(latest, (n) => (n <= makers ? null : IMAGE_IDS[0] as string));
    if (isMaker(step)) makers++;
    return fixed;
  });
}

/** `<uuid-last>` names the latest id a step could have made: `<uuid-N>`, or a client-chosen id before any. */
function replaceLast(step: GeneratedStep, makers: number): GeneratedStep {
  const last = makers === 0 ? (IMAGE_IDS[0] as string) : `<uuid-${makers}>`;
  return mapStrings(step, (s) => s.split(LAST_REF).join(last));
}

function replaceRefs(step: GeneratedStep, replacement: (n: number) => string | null): GeneratedStep {
  return mapStrings(step, (s) => s.replace(/<uuid-([0-9]+)>/g, (ref, n: string) => replacement(Number(n)) ?? ref));
}

/** The step with `fix` applied to its path, header values, text and every string of its JSON. */
function mapStrings(step: GeneratedStep, fix: (s: string) => string): GeneratedStep {
  const fixJson = (v: PyJson): PyJson => {
    if (typeof v === 'string') return fix(v);
    if (Array.isArray(v)) return v.map(fixJson);
    if (v instanceof Map) return new Map([...v].map(([k, x]) => [fix(k), fixJson(x)]));
    return v;
  };
  return {
    ...step,
    path: fix(step.path),
    ...(step.headers ? { headers: Object.fromEntries(Object.entries(step.headers).map(([k, v]) => [k, fix(v)])) } : {}),
    ...(step.json !== undefined ? { json: fixJson(step.json) } : {}),
    ...(step.text !== undefined ? { text: fix(step.text) } : {}),
  };
}
