import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.js';
import { Policy } from '../../../src/domain/rules/policy.js';
import { actor, admin, alice, anonymous, settings } from '../__test-helpers__/actors.js';

describe('policy decisions', () => {
  it('opens the stock image rules to any caller', () => {
    const policy = new Policy(settings());
    for (const rule of ['get_image', 'get_images', 'add_image', 'modify_image', 'delete_image', 'download_image', 'add_member']) {
      expect(policy.allows(alice(), rule)).toBe(true);
    }
  });

  it('keeps publicize_image and tasks_api_access for admins', () => {
    const policy = new Policy(settings());
    expect(policy.allows(alice(), 'publicize_image')).toBe(false);
    expect(policy.allows(admin(), 'publicize_image')).toBe(true);
    expect(policy.allows(alice(), 'tasks_api_access')).toBe(false);
  });

  it('lets an override replace a stock rule', () => {
    const policy = new Policy(settings({ policy: { get_image: 'role:admin' } }));
    expect(policy.allows(alice(), 'get_image')).toBe(false);
    expect(policy.allows(admin(), 'get_image')).toBe(true);
  });

  it("denies even admins with '!'", () => {
    const policy = new Policy(settings({ policy: { add_image: '!' } }));
    expect(policy.allows(admin(), 'add_image')).toBe(false);
  });

  it('falls back to the default rule for an undefined rule (examples 045)', () => {
    const policy = new Policy(settings({ policy: { default: 'role:member', delete_image: 'rule:no_such_rule' } }));
    expect(policy.allows(alice(), 'delete_image')).toBe(true);
    expect(policy.allows(admin(), 'delete_image')).toBe(false);
  });

  it('formats generic checks against the target', () => {
    const policy = new Policy(settings({ policy: { download_image: 'project_id:%(owner)s' } }));
    expect(policy.allows(alice(), 'download_image', { owner: 'p-alice' })).toBe(true);
    expect(policy.allows(alice(), 'download_image', { owner: 'p-bob' })).toBe(false);
    expect(policy.allows(alice(), 'download_image', {})).toBe(false);
  });

  it('raises the Glance denial text', () => {
    const policy = new Policy(settings({ policy: { modify_image: '!' } }));
    try {
      policy.enforce(alice(), 'modify_image');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).message).toBe('You are not authorized to complete modify_image action.');
      expect((e as DomainError).status).toBe(403);
    }
  });
});

describe('the caller as an actor', () => {
  it('owns what it creates through its project, or its user without owner_is_tenant', () => {
    expect(alice().owner).toBe('p-alice');
    expect(actor('p-alice', ['member'], { owner_is_tenant: false }).owner).toBe('u-p-alice');
  });

  it('is an admin with the admin role, whatever its case', () => {
    expect(actor('p-x', ['Admin']).isAdmin).toBe(true);
    expect(alice().isAdmin).toBe(false);
  });

  it('is an admin when context_is_admin says so, and still with the admin role (examples 044)', () => {
    const config = { policy: { context_is_admin: 'role:superuser' } };
    expect(actor('p-root', ['superuser'], config).isAdmin).toBe(true);
    expect(actor('p-admin', ['admin'], config).isAdmin).toBe(true);
  });

  it('is anonymous and read-only without a caller', () => {
    const a = anonymous();
    expect(a.readOnly).toBe(true);
    expect(a.owner).toBeNull();
    expect(a.isAdmin).toBe(false);
  });
});
