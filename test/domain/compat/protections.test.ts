import { describe, expect, it } from 'vitest';
import { malformedProtections, pileUpServiceRoles, readableOnly, refuseUnreadableKeys } from '../../../src/domain/compat/protections.js';
import { recorded } from '../__test-helpers__/recorded.js';
import type { Protections } from '../../../src/domain/rules/protections.js';
import { alice, settings } from '../__test-helpers__/actors.js';
import { failure } from '../__test-helpers__/failures.js';
import { newActor } from '../../../src/domain/actor.js';
import { Policy } from '../../../src/domain/rules/policy.js';

/** Rules under which only keys starting with x_ may be read. */
const readsXOnly: Protections = { enabled: true, allows: (_actor, name, op) => op !== 'read' || name.startsWith('x_') };

describe('property protections applied to an image (ledger #10, #11, #29, #36)', () => {
  it('quirk #11: keys the caller cannot read are dropped from the image itself', () => {
    const props = new Map([['x_a', '1'], ['secret', '2'], ['x_b', '3']]);
    expect([...readableOnly(readsXOnly, alice(), props)]).toEqual([['x_a', '1'], ['x_b', '3']]);
  });

  it('quirk #10: an unreadable key in the save target escapes as KeyError naming it', () => {
    expect(failure(() => refuseUnreadableKeys(readsXOnly, alice(), ['x_a', 'secret']))).toMatchObject({ kind: 'KeyError', message: 'secret', status: 500 });
    expect(() => refuseUnreadableKeys(readsXOnly, alice(), ['x_a'])).not.toThrow();
  });

  it('quirk #36: every check appends the service roles again, so they pile up', () => {
    const s = settings();
    const actor = newActor({ user_id: 'u', project_id: 'p', roles: ['member'], serviceRoles: ['service'], values: {}, readOnly: false, ownerIsTenant: true }, s, new Policy(s));
    pileUpServiceRoles(actor);
    pileUpServiceRoles(actor);
    expect(actor.roles).toEqual(['member', 'service', 'service']);
  });

  it('quirk #29: a malformed protections file fails each image request as a bare 500, while routes without images answer', () => {
    const e = malformedProtections();
    expect(e).toMatchObject({ kind: 'InvalidPropertyProtectionConfiguration', crashed: true });
    expect(e.glanceClass).toBe('InvalidPropertyProtectionConfiguration');
    expect([recorded('protections-malformed', 0).status, recorded('protections-malformed', 1).status]).toEqual([e.status, e.status]);
    expect(recorded('protections-malformed', 2).status).toBe(200);
  });
});
