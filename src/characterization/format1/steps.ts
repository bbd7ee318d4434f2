/**
 * One arbitrary per op of the scenario format, mostly valid and aimed at
 * images that exist, with a share of invalid input: unknown ids, wrong
 * types and values, reserved and read-only names, bad transitions, bad
 * filters and sort keys.
 */
import fc from 'fast-check';
import type { ScenarioStep } from '../../shared/scenario.js';
import type { Caller, OpName } from '../../shared/world.js';
import {
  AWKWARD_PROPERTY_KEYS, CALLERS, CONTAINER_FORMATS, DISK_FORMATS, IMAGE_IDS, LOCATION_URLS, MEMBER_STATUSES,
  PROJECTS, PROPERTY_KEYS, SORT_KEYS, TAGS, UNKNOWN_IMAGE_ID, UNKNOWN_TASK_ID, VISIBILITIES,
} from './pools.js';

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

export const callerArb: fc.Arbitrary<Caller | null> = fc.oneof(
  w(8, fc.constant(CALLERS.alice ?? null)),
  w(3, fc.constant(CALLERS.bob ?? null)),
  w(3, fc.constant(CALLERS.admin ?? null)),
  w(1, fc.constant(CALLERS.alan ?? null)),
  w(1, fc.constant(CALLERS.carol ?? null)),
  w(1, fc.constant(CALLERS.nobody ?? null)),
  w(1, fc.constant(null)),
);

export const imageIdArb = fc.oneof(w(14, fc.constantFrom(...IMAGE_IDS.slice(0, 2))), w(3, fc.constantFrom(...IMAGE_IDS.slice(2))), w(1, fc.constant(UNKNOWN_IMAGE_ID)));
const projectArb = fc.oneof(w(8, fc.constantFrom(...PROJECTS)), w(1, fc.constantFrom('u-bob', 'p-nobody')));
const tagArb = fc.oneof(w(8, fc.constantFrom(...TAGS)), w(1, fc.constant('')));
const propertyKeyArb = fc.oneof(w(8, fc.constantFrom(...PROPERTY_KEYS)), w(1, fc.constantFrom(...AWKWARD_PROPERTY_KEYS)));
const propertyValueArb = fc.oneof(w(8, fc.constantFrom('v1', 'v2', 'ubuntu', '')), w(1, fc.constantFrom<unknown>(5, null, true)));
const visibilityArb = fc.oneof(w(10, fc.constantFrom(...VISIBILITIES)), w(1, fc.constant('bogus')));
const urlArb = fc.constantFrom(...LOCATION_URLS);
const locationArb = fc.record({ url: urlArb, metadata: fc.oneof(w(5, fc.constant({})), w(1, fc.constant({ k: 'v' }))) });

/** An optional field, present one time in `every`. */
const sometimes = <T>(arb: fc.Arbitrary<T>, every: number) => fc.oneof(w(every - 1, fc.constant(undefined)), w(1, arb));

const createArb = fc
  .record({
    id: imageIdArb,
    name: sometimes(fc.constantFrom('cirros', 'ubuntu', 'zeta', null), 2),
    visibility: sometimes(visibilityArb, 2),
    protected: sometimes(fc.oneof(w(5, fc.boolean()), w(1, fc.constant<unknown>('yes'))), 6),
    min_disk: sometimes(fc.oneof(w(5, fc.integer({ min: 0, max: 20 })), w(1, fc.constant(-1))), 5),
    min_ram: sometimes(fc.integer({ min: 0, max: 512 }), 6),
    disk_format: fc.oneof(w(8, fc.constantFrom(...DISK_FORMATS)), w(1, fc.constant(null))),
    container_format: fc.oneof(w(8, fc.constantFrom(...CONTAINER_FORMATS)), w(1, fc.constant(null))),
    owner: sometimes(fc.oneof(w(3, projectArb), w(1, fc.constant(null))), 8),
  })
  .map((image) => Object.fromEntries(Object.entries(image).filter(([, v]) => v !== undefined)))
  .chain((image) =>
    fc.record({
      image: fc.constant(image),
      extra_properties: fc.dictionary(propertyKeyArb, propertyValueArb, { maxKeys: 2 }),
      tags: fc.array(tagArb, { maxLength: 3 }),
    }),
  );

const attrPath = fc.constantFrom('name', 'visibility', 'protected', 'min_disk', 'min_ram', 'disk_format', 'container_format', 'owner', 'tags', 'status');
const changeArb = fc.oneof(
  w(4, fc.record({ op: fc.constant('replace'), path: attrPath.map((p) => [p]), value: fc.oneof(fc.constantFrom<unknown>('x', 'public', 'private', 'shared', 'community', 'raw', 'bare', true, false, 1, 0, ['a', 'b'], 'active'), visibilityArb) })),
  w(3, fc.record({ op: fc.constantFrom('add', 'replace'), path: propertyKeyArb.map((k) => [k]), value: propertyValueArb }, { requiredKeys: ['op', 'path', 'value'] })),
  w(1, fc.record({ op: fc.constant('add'), path: propertyKeyArb.map((k) => [k]), value: propertyValueArb, json_schema_version: fc.constantFrom(4, 10) })),
  w(2, fc.record({ op: fc.constant('remove'), path: fc.oneof(propertyKeyArb, attrPath).map((k) => [k]) })),
  w(2, fc.record({ op: fc.constant('add'), path: fc.constantFrom(['locations', '-'], ['locations', '0'], ['locations', '5'], ['locations', 'x']), value: locationArb })),
  w(1, fc.record({ op: fc.constant('replace'), path: fc.constant(['locations']), value: fc.array(locationArb, { maxLength: 2 }) })),
  w(1, fc.record({ op: fc.constant('remove'), path: fc.constantFrom(['locations', '0'], ['locations', '-'], ['locations', '1']) })),
);

/** A filter value: mostly one that lists something, now and then one Glance refuses. */
const filterValue = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) => fc.oneof(w(6, valid), w(1, invalid));

const indexArb = fc.record(
  {
    // A marker must name an image the caller can see, or the page is refused.
    marker: fc.oneof(w(1, imageIdArb), w(1, fc.constantFrom(...IMAGE_IDS.slice(0, 2)))),
    limit: fc.integer({ min: 0, max: 4 }),
    sort_key: fc.array(fc.oneof(w(12, fc.constantFrom(...SORT_KEYS)), w(1, fc.constant('bogus'))), { minLength: 1, maxLength: 2 }),
    sort_dir: fc.array(fc.constantFrom('asc', 'desc'), { minLength: 1, maxLength: 1 }),
    filters: fc
      .record(
        {
          visibility: filterValue(fc.constantFrom<string>(...VISIBILITIES), fc.constantFrom('all', 'bogus')),
          status: fc.constantFrom('active', 'queued', 'in:active,queued', 'deactivated'),
          name: filterValue(fc.constantFrom('cirros', 'in:cirros,ubuntu'), fc.constant('gt:a')),
          protected: filterValue(fc.constantFrom('true', 'false'), fc.constant('True')),
          size_min: filterValue(fc.constantFrom('1', '10'), fc.constant('x')),
          size_max: fc.constantFrom('5', '100'),
          os_distro: fc.constantFrom('v1', 'ubuntu'),
          tags: fc.array(fc.constantFrom(...TAGS), { minLength: 1, maxLength: 2 }),
          created_at: filterValue(fc.constantFrom('gte:2018-02-28T00:00:02Z', 'lt:2018-02-28T00:00:05Z'), fc.constantFrom('bogus:2018', 'gt:yesterday')),
        },
        { requiredKeys: [] },
      )
      .map((filters) => Object.fromEntries(Object.entries(filters).slice(0, 2))),
    member_status: filterValue(fc.constantFrom('pending', 'accepted', 'rejected', 'all'), fc.constant('bogus')),
  },
  { requiredKeys: [] },
).chain((args) => fc.boolean().map((keepMarker) => (keepMarker ? args : Object.fromEntries(Object.entries(args).filter(([k]) => k !== 'marker')))));

const uploadArb = fc.record(
  {
    image_id: imageIdArb,
    data: fc.constantFrom('hello', 'x'.repeat(30), '', 'glance-peel'),
    size: fc.oneof(w(3, fc.constant(undefined)), w(3, fc.constant(-2)), w(1, fc.integer({ min: 0, max: 64 }))),
  },
  { requiredKeys: ['image_id', 'data'] },
).map(({ size, ...rest }) => (size === -2 ? { ...rest, size: Buffer.byteLength(rest.data) } : size === undefined ? rest : { ...rest, size }));

const taskArb = fc.record({
  type: fc.oneof(w(6, fc.constant('import')), w(1, fc.constant('bogus'))),
  input: fc.constantFrom<unknown>({ import_from: 'http://example.com/x', import_from_format: 'qcow2', image_properties: {} }, {}, 'text'),
});

const taskIndexArb = fc.record(
  {
    limit: fc.integer({ min: 0, max: 3 }),
    sort_key: fc.constantFrom('created_at', 'status', 'type', 'bogus'),
    sort_dir: fc.constantFrom('asc', 'desc'),
    filters: fc.record({ status: fc.constantFrom('pending', 'success'), type: fc.constantFrom('import') }, { requiredKeys: [] }),
    marker: fc.constant(UNKNOWN_TASK_ID),
  },
  { requiredKeys: [] },
);

const id = fc.record({ image_id: imageIdArb });
const memberArgs = fc.record({ image_id: imageIdArb, member_id: projectArb });

export const ARGS_BY_OP: Record<OpName, fc.Arbitrary<Record<string, unknown>>> = {
  'image.create': createArb,
  'image.show': id,
  'image.index': indexArb,
  'image.update': fc.record({ image_id: imageIdArb, changes: fc.array(changeArb, { minLength: 0, maxLength: 3 }) }),
  'image.delete': id,
  'image.deactivate': id,
  'image.reactivate': id,
  'image.upload': uploadArb,
  'image.download': id,
  'tag.update': fc.record({ image_id: imageIdArb, tag_value: tagArb }),
  'tag.delete': fc.record({ image_id: imageIdArb, tag_value: tagArb }),
  'member.create': memberArgs,
  'member.update': fc.record({ image_id: imageIdArb, member_id: projectArb, status: fc.oneof(w(8, fc.constantFrom(...MEMBER_STATUSES)), w(1, fc.constant<unknown>('bogus'))) }),
  'member.index': id,
  'member.show': memberArgs,
  'member.delete': memberArgs,
  'task.create': fc.record({ task: taskArb }),
  'task.index': taskIndexArb,
  'task.get': fc.record({ task_id: fc.constant(UNKNOWN_TASK_ID) }),
};

/** How often each op is drawn: the lifecycle ops that build state come most. */
export const OP_WEIGHTS: Record<OpName, number> = {
  'image.create': 8, 'image.show': 3, 'image.index': 4, 'image.update': 5, 'image.delete': 2,
  'image.deactivate': 2, 'image.reactivate': 2, 'image.upload': 4, 'image.download': 2,
  'tag.update': 2, 'tag.delete': 1,
  'member.create': 3, 'member.update': 3, 'member.index': 1, 'member.show': 1, 'member.delete': 1,
  'task.create': 1, 'task.index': 1, 'task.get': 1,
};

export function stepArb(op: OpName): fc.Arbitrary<ScenarioStep> {
  return fc.record({ as: callerArb, op: fc.constant(op), args: ARGS_BY_OP[op] });
}

export const anyStepArb: fc.Arbitrary<ScenarioStep> = fc.oneof(
  ...(Object.entries(OP_WEIGHTS) as Array<[OpName, number]>).map(([op, weight]) => w(weight, stepArb(op))),
);

/** A short story that walks one image through its life, shared and accepted. */
export const lifecycleArb: fc.Arbitrary<ScenarioStep[]> = fc
  .record({ image: IMAGE_IDS.length ? fc.constantFrom(...IMAGE_IDS.slice(0, 3)) : fc.constant(''), member: fc.constantFrom('p-bob', 'p-carol'), data: fc.constantFrom('abc', 'hello world') })
  .map(({ image, member, data }) => {
    const alice = CALLERS.alice ?? null;
    const memberCaller = member === 'p-bob' ? (CALLERS.bob ?? null) : (CALLERS.carol ?? null);
    return [
      { as: alice, op: 'image.create', args: { image: { id: image, disk_format: 'raw', container_format: 'bare', visibility: 'shared' }, extra_properties: {}, tags: [] } },
      { as: alice, op: 'image.upload', args: { image_id: image, data } },
      { as: alice, op: 'member.create', args: { image_id: image, member_id: member } },
      { as: memberCaller, op: 'member.update', args: { image_id: image, member_id: member, status: 'accepted' } },
      { as: memberCaller, op: 'image.download', args: { image_id: image } },
    ] satisfies ScenarioStep[];
  });

/** Plain creates by a member, so most scenarios start with images to act on. */
const preludeArb: fc.Arbitrary<ScenarioStep[]> = fc.uniqueArray(fc.constantFrom(...IMAGE_IDS.slice(0, 3)), { minLength: 1, maxLength: 3 }).chain((ids) =>
  fc.tuple(
    ...ids.map((image) =>
      fc.record({
        as: fc.constantFrom(CALLERS.alice ?? null, CALLERS.alice ?? null, CALLERS.bob ?? null),
        op: fc.constant('image.create' as const),
        args: fc.record({
          image: fc.record({ id: fc.constant(image), visibility: fc.constantFrom(...VISIBILITIES), disk_format: fc.constant('raw'), container_format: fc.constant('bare') }),
          extra_properties: fc.dictionary(fc.constantFrom(...PROPERTY_KEYS), fc.constantFrom('v1', 'v2'), { maxKeys: 2 }),
          tags: fc.subarray([...TAGS], { maxLength: 2 }),
        }),
      }),
    ),
  ),
);

export const stepsArb: fc.Arbitrary<ScenarioStep[]> = fc
  .tuple(preludeArb, fc.array(fc.oneof(w(8, anyStepArb.map((s) => [s])), w(1, lifecycleArb)), { minLength: 1, maxLength: 16 }))
  .map(([prelude, chunks]) => [...prelude, ...chunks.flat()].slice(0, 30));
