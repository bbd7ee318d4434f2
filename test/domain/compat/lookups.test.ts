import { describe, expect, it } from 'vitest';
import { canSee, enforceGetImageOnMissing, ownerEquals } from '../../../src/domain/compat/lookups.js';
import type { Ctx } from '../../../src/domain/context.js';
import { Policy } from '../../../src/domain/rules/policy.js';
import { admin, alice, anonymous, bob, settings } from '../__test-helpers__/actors.js';
import { failure } from '../__test-helpers__/failures.js';

const never = (): boolean => false;
const always = (): boolean => true;

function ctxDenying(rule: string): Ctx {
  const s = settings({ policy: { [rule]: '!' } });
  return { actor: alice(), policy: new Policy(s), settings: s } as unknown as Ctx;
}

describe('who finds an image (ledger #1, #2, #4)', () => {
  it('quirk #1: anyone sees an ownerless image of any visibility', () => {
    expect(canSee(bob(), { owner: null, visibility: 'private' }, never)).toBe(true);
    expect(canSee(anonymous(), { owner: null, visibility: 'shared' }, never)).toBe(true);
  });

  it('quirk #1: a shared image is seen by a member of any status (the caller decides what counts)', () => {
    expect(canSee(bob(), { owner: 'p-alice', visibility: 'shared' }, always)).toBe(true);
    expect(canSee(bob(), { owner: 'p-alice', visibility: 'shared' }, never)).toBe(false);
  });

  it('shows public and community images to all, private ones to the owner and admins only', () => {
    expect(canSee(anonymous(), { owner: 'p-alice', visibility: 'community' }, never)).toBe(true);
    expect(canSee(bob(), { owner: 'p-alice', visibility: 'private' }, always)).toBe(false);
    expect(canSee(alice(), { owner: 'p-alice', visibility: 'private' }, never)).toBe(true);
    expect(canSee(admin(), { owner: 'p-alice', visibility: 'private' }, never)).toBe(true);
    expect(canSee(anonymous(), { owner: 'p-alice', visibility: 'shared' }, always)).toBe(false);
  });

  it('quirk #2: a missing image still enforces get_image, so a denial is a 403', () => {
    expect(failure(() => enforceGetImageOnMissing(ctxDenying('get_image')))).toMatchObject({
      kind: 'Forbidden', status: 403, message: 'You are not authorized to complete get_image action.',
    });
    expect(() => enforceGetImageOnMissing(ctxDenying('get_images'))).not.toThrow();
  });

  it('quirk #4: an anonymous caller (no owner) counts as the owner of an ownerless image', () => {
    expect(ownerEquals(anonymous(), null)).toBe(true);
    expect(ownerEquals(alice(), 'p-alice')).toBe(true);
    expect(ownerEquals(alice(), null)).toBe(false);
  });
});
