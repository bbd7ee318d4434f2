import { describe, expect, it } from 'vitest';
import { canSee } from '../../../src/domain/compat/lookups.js';
import { canMutate } from '../../../src/domain/rules/visibility.js';
import { admin, alice, anonymous, bob } from '../__test-helpers__/actors.js';

const image = (owner: string | null, visibility: string) => ({ owner, visibility });
const noMembers = (): boolean => false;
const member = (): boolean => true;

describe('show visibility', () => {
  it('shows every image to an admin', () => {
    expect(canSee(admin(), image('p-bob', 'private'), noMembers)).toBe(true);
  });

  it('shows public and community images to everyone, anonymous included', () => {
    for (const v of ['public', 'community']) {
      expect(canSee(anonymous(), image('p-bob', v), noMembers)).toBe(true);
      expect(canSee(alice(), image('p-bob', v), noMembers)).toBe(true);
    }
  });

  it('hides private and shared images of others', () => {
    expect(canSee(alice(), image('p-bob', 'private'), noMembers)).toBe(false);
    expect(canSee(alice(), image('p-bob', 'shared'), noMembers)).toBe(false);
    expect(canSee(anonymous(), image('p-bob', 'shared'), member)).toBe(false);
  });

  it('shows a shared image to a member of any status (quirk: index needs accepted)', () => {
    expect(canSee(alice(), image('p-bob', 'shared'), member)).toBe(true);
  });

  it('never shows a private image to a member row', () => {
    expect(canSee(alice(), image('p-bob', 'private'), member)).toBe(false);
  });

  it('shows ownerless images to everyone (quirk 8)', () => {
    expect(canSee(anonymous(), image(null, 'private'), noMembers)).toBe(true);
    expect(canSee(bob(), image(null, 'shared'), noMembers)).toBe(true);
  });
});

describe('who may change an image', () => {
  it('lets the owner and admins change it', () => {
    expect(canMutate(alice(), image('p-alice', 'private'))).toBe(true);
    expect(canMutate(admin(), image('p-bob', 'public'))).toBe(true);
  });

  it('refuses other projects, anonymous callers and ownerless images to non-admins', () => {
    expect(canMutate(bob(), image('p-alice', 'public'))).toBe(false);
    expect(canMutate(anonymous(), image(null, 'public'))).toBe(false);
    expect(canMutate(alice(), image(null, 'shared'))).toBe(false);
  });
});
