/**
 * Stories aimed at the authorization, policy and domain-core layers and the HTTP plumbing (router, deserializers, serializers, wsgi.Resource): requests the rest of the generators rarely or
 * never make, each reaching behaviour the mutation runs showed unchecked
 * (`npm run survivors`).
 */
import fc from 'fast-check';
import type { ScenarioConfig } from '../../../shared/settings.js';
import { LAST_REF } from '../hostile-requests.js';
import { createBody, maker, type GeneratedStep, type Opening } from '../story-kit.js';
import { CALLERS, w } from '../values.js';

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

/** Stories placed anywhere in a scenario, with their weights against the other chunks (a single random step weighs 26). */
export const chunks: Array<fc.WeightedArbitrary<GeneratedStep[]>> = [];

/** Stories that change the deployment and open the scenario, weighed against the plain opening's 6. */
export const openings: Array<fc.WeightedArbitrary<Opening>> = [w(1, policyTargetArb)];
