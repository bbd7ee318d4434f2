/**
 * Stories aimed at the authorization, policy and domain-core layers and the HTTP plumbing (router, deserializers, serializers, wsgi.Resource): requests the rest of the generators rarely or
 * never make, each reaching behaviour the mutation runs showed unchecked
 * (`npm run survivors`).
 */
import fc from 'fast-check';
import type { ScenarioConfig } from '../../../shared/settings.js';
import { LAST_REF } from '../hostile-requests.js';
import { createBody, maker, patchOf, type GeneratedStep, type Opening } from '../story-kit.js';
import { CALLERS, IMAGE_IDS, anyJsonArb, callerArb, w } from '../values.js';

/** Property keys that are members of every JS object: Glance's getattr finds no such attribute, so they read as extra properties. */
const OBJECT_MEMBER_KEYS = ['constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/**
 * Rules that read an image's extra properties through the policy layer's
 * ImageTarget: deactivate and reactivate get the target itself (an
 * attribute, else an extra property, a KeyError and a failed check when
 * neither), delete_image gets `dict(target)` (the attributes, then every
 * extra property). One image of each shape is made, deactivated, then
 * reactivated or deleted: which calls the rules let through depends on
 * every step of that lookup.
 */
const policyTargetArb: fc.Arbitrary<Opening> = fc
  .record({
    key: fc.constantFrom('x_foo', 'os_distro'),
    member: fc.constantFrom(...OBJECT_MEMBER_KEYS),
    // One property at most: a property quota of 1 lets every create through.
    shapes: fc.array(fc.record({ prop: fc.constantFrom('v1', 'v2', 'member', 'member', 'none'), upload: fc.boolean(), end: fc.constantFrom('reactivate', 'delete', 'both') }), { minLength: 2, maxLength: 3 }),
  })
  .map(({ key, member, shapes }) => {
    const alice = CALLERS.alice;
    const rules = { deactivate: `'v1':%(${key})s`, reactivate: `'c':%(${member})s`, delete_image: `'c':%(${member})s or 'v2':%(${key})s` };
    const steps = shapes.flatMap((shape): GeneratedStep[] => {
      const props: Array<[string, string]> = shape.prop === 'none' ? [] : [shape.prop === 'member' ? [member, 'c'] : [key, shape.prop]];
      const image = `/v2/images/${LAST_REF}`;
      return [
        maker({ as: alice, method: 'POST', path: '/v2/images', json: createBody(null, 'private', props, []) }),
        ...(shape.upload ? [{ as: alice, method: 'PUT', path: `${image}/file`, data_b64: 'YWJj' }] : []),
        { as: alice, method: 'POST', path: `${image}/actions/deactivate` },
        ...(shape.end !== 'delete' ? [{ as: alice, method: 'POST', path: `${image}/actions/reactivate` }] : []),
        ...(shape.end !== 'reactivate' ? [{ as: alice, method: 'DELETE', path: image }] : []),
      ];
    });
    return { config: (config: ScenarioConfig) => ({ ...config, policy: { ...(config.policy ?? {}), ...rules } }) as ScenarioConfig, steps };
  });

/**
 * Routes whose mapper entry rejects a body (glance/api/v2/router.py
 * `body_reject=True`) and that the random steps seldom send one: with a
 * body Glance answers 400 before the controller, which would otherwise take
 * the body as an unexpected keyword argument (a 500).
 */
const BODY_REJECTING_ROUTES: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/v2/schemas/members'],
  ...['namespace', 'namespaces', 'resource_type', 'resource_types', 'property', 'properties', 'object', 'objects', 'tag'].map((s) => ['GET', `/v2/schemas/metadefs/${s}`] as const),
  ['GET', '/v2/metadefs/namespaces/OS::Compute::Libvirt/resource_types'],
  ['DELETE', '/v2/metadefs/namespaces/OS::Compute::Libvirt/resource_types/OS::Glance::Image'],
  ['DELETE', '/v2/metadefs/namespaces/OS::Compute::Libvirt/objects/o1'],
  ['GET', '/v2/metadefs/namespaces/OS::Compute::Libvirt/tags/t1'],
  ['DELETE', '/v2/metadefs/namespaces/OS::Compute::Libvirt/tags/t1'],
  ['POST', `/v2/images/${IMAGE_IDS[0] as string}/actions/reactivate`],
  ['GET', `/v2/images/${IMAGE_IDS[0] as string}/file`],
  ['GET', `/v2/images/${IMAGE_IDS[0] as string}/members/p-bob`],
];

/** A JSON body (of any type) sent to one or two of the routes that reject one. */
const bodyOnBodilessRoutesArb: fc.Arbitrary<GeneratedStep[]> = fc
  .array(fc.tuple(fc.constantFrom(...BODY_REJECTING_ROUTES), callerArb, anyJsonArb), { minLength: 1, maxLength: 2 })
  // The same request without a body first (for a metadef schema, every metadef schema document): the route answers it, so the 400 is the body's.
  .map((sends) => sends.flatMap(([[method, path], as, json]): GeneratedStep[] => [...withoutBody(method, path).map((p) => ({ as, method, path: p })), { as, method, path, json }]));

const METADEF_SCHEMA_DOCS = ['namespace', 'namespaces', 'resource_type', 'resource_types', 'property', 'properties', 'object', 'objects', 'tag', 'tags'] as const;

/** Every metadef schema document for one of them, any other route itself. */
function withoutBody(method: string, path: string): string[] {
  return method === 'GET' && path.startsWith('/v2/schemas/metadefs/') ? METADEF_SCHEMA_DOCS.map((doc) => `/v2/schemas/metadefs/${doc}`) : [path];
}

/**
 * The owner replaces an image's formats before and after uploading: the
 * domain image takes a new container_format or disk_format only while
 * it is queued (403 after, even to the value it has). Now and then the
 * image is community and another project tries to add an attribute only
 * the immutable image proxy refuses.
 */
const formatsAfterUploadArb: fc.Arbitrary<GeneratedStep[]> = fc
  .record({
    owner: fc.constantFrom(CALLERS.alice, CALLERS.admin),
    before: fc.subarray([['container_format', 'ovf'], ['disk_format', 'qcow2']] as const),
    after: fc.array(fc.constantFrom(['container_format', 'bare'], ['container_format', 'ovf'], ['disk_format', 'raw'], ['disk_format', 'iso']), { minLength: 1, maxLength: 2 }),
    op: fc.constantFrom('replace', 'add'),
    foreign: fc.option(fc.tuple(fc.constantFrom(CALLERS.bob, CALLERS.carol), fc.constantFrom<[string, string]>(['/owner', 'p-bob'], ['/image_id', 'x'], ['/extra_properties', 'x'])), { freq: 2, nil: null }),
  })
  .map(({ owner, before, after, op, foreign }) => {
    const image = `/v2/images/${LAST_REF}`;
    return [
      maker({ as: owner, method: 'POST', path: '/v2/images', json: createBody(null, foreign === null ? 'private' : 'community', [], []) }),
      ...before.map(([key, value]): GeneratedStep => ({ as: owner, method: 'PATCH', path: image, json: patchOf(op, `/${key}`, value) })),
      { as: owner, method: 'PUT', path: `${image}/file`, data_b64: 'YWJj' },
      ...after.map(([key, value]): GeneratedStep => ({ as: owner, method: 'PATCH', path: image, json: patchOf(op, `/${key}`, value) })),
      ...(foreign === null ? [] : [{ as: foreign[0], method: 'PATCH', path: image, json: patchOf('add', foreign[1][0], foreign[1][1]) }]),
    ];
  });

/** Stories placed anywhere in a scenario, with their weights against the other chunks (a single random step weighs 26). */
export const chunks: Array<fc.WeightedArbitrary<GeneratedStep[]>> = [w(1, bodyOnBodilessRoutesArb), w(1, formatsAfterUploadArb)];

/** Stories that change the deployment and open the scenario, weighed against the plain opening's 6. */
export const openings: Array<fc.WeightedArbitrary<Opening>> = [w(1, policyTargetArb)];
