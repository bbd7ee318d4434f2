import { describe, expect, it } from 'vitest';
import { contentsOwner, DISSOCIATION_RULE, dissociationNotFound, emptyingRefusal } from '../../../src/domain/compat/metadef-authorization.js';
import { checkCreate, namespaceDeleteRefusal } from '../../../src/domain/metadefs/rules.js';
import { admin, alice, anonymous, bob } from '../__test-helpers__/actors.js';
import { failure } from '../__test-helpers__/failures.js';
import { recordedExplanation } from '../__test-helpers__/recorded.js';

const alicePublic = { namespace: 'OS::Peel::Pub', owner: 'p-alice', visibility: 'public', protected: false };

describe('who may change the catalog (ledger #56, #59, #63)', () => {
  it("quirk #56: a dissociation is checked by the resource type listing's rule, none of its own", () => {
    expect(DISSOCIATION_RULE).toBe('list_metadef_resource_types');
  });

  it("quirk #56: a dissociation answers a missing association and a missing namespace alike, with the resource type's text", () => {
    // Example 321: step 10 (no such association), step 11 (no such namespace).
    expect(dissociationNotFound('OS::Nova::Flavor')).toMatchObject({ status: 404, message: recordedExplanation(321, 10) });
    expect(dissociationNotFound('OS::Glance::Image').message).toBe(recordedExplanation(321, 11));
  });

  it("quirk #63: contents are created as the caller's own project, so another project may add to a public namespace", () => {
    expect(contentsOwner(bob())).toBe('p-bob');
    // Example 308 step 4: p-bob's object in p-alice's public namespace is made (201).
    expect(() => checkCreate(bob(), 'object', contentsOwner(bob()))).not.toThrow();
    // Example 328 step 10: an anonymous caller names no owner.
    expect(failure(() => checkCreate(anonymous(), 'object', contentsOwner(anonymous())))).toMatchObject({
      status: 403, message: recordedExplanation(328, 10),
    });
  });

  it('quirk #59: emptying a namespace is refused in the words of deleting it', () => {
    // Example 308 step 12: p-bob empties p-alice's namespace of its objects.
    expect(emptyingRefusal(bob(), alicePublic)).toMatchObject({ status: 403, message: recordedExplanation(308, 12) });
    // Example 310 step 9: the owner empties a protected namespace of its tags.
    const bulk = { ...alicePublic, namespace: 'OS::Peel::Bulk', protected: true };
    expect(emptyingRefusal(alice(), bulk)?.message).toBe(recordedExplanation(310, 9));
    expect(emptyingRefusal(alice(), alicePublic)).toBeNull();
  });

  it('quirk #59: the refusals are exactly those of deleting the namespace', () => {
    for (const who of [alice(), bob(), anonymous(), admin()]) {
      for (const ns of [alicePublic, { ...alicePublic, protected: true }]) expect(emptyingRefusal(who, ns)).toEqual(namespaceDeleteRefusal(who, ns));
    }
  });
});
