// Port of glance/tests/unit/test_context.py (all 17 cases ported). Glance's
// FakeDB.is_image_visible is glance/db/utils.py's check, which the port's
// sqlalchemy api provides; is_admin comes from the real policy engine with
// Glance's default rules (context_is_admin = role:admin).
import { describe, expect, it } from 'vitest';
import { RequestContext, contextFromCaller, type RequestContextOptions } from '../../src/legacy/context.js';
import { Enforcer } from '../../src/legacy/policy.js';
import { HTTPUnauthorized } from '../../src/legacy/webob.js';
import { settingsFrom } from '../../src/shared/settings.js';
import { freshDb } from './__test-helpers__/db.js';

/** The Glance test's `_fake_image`: its id is None there; here an id no member row names. */
function fakeImage(owner: string | null, is_public: boolean) {
  return { id: 'no-such-image', owner, visibility: is_public ? 'public' : 'shared' };
}

/**
 * Builds a (fake) image with the owner and visibility given and a context
 * from the keywords given, and checks what is_image_visible answers.
 */
function doVisible(exp_res: boolean, img_owner: string | null, img_public: boolean, kwargs: RequestContextOptions = {}) {
  const { api } = freshDb();
  const ctx = new RequestContext({ policy_enforcer: Enforcer.fromPolicyFile(null), ...kwargs });
  expect(api.isImageVisible(ctx, fakeImage(img_owner, img_public))).toBe(exp_res);
}

describe('TestContext', () => {
  it('test_empty_public: an admin context sees an unowned public image', () => {
    doVisible(true, null, true, { is_admin: true });
  });

  it('test_empty_public_owned: an admin context sees an owned public image', () => {
    doVisible(true, 'pattieblack', true, { is_admin: true });
  });

  it('test_empty_private: an admin context sees an unowned non-public image', () => {
    doVisible(true, null, false, { is_admin: true });
  });

  it('test_empty_private_owned: an admin context sees an owned non-public image', () => {
    doVisible(true, 'pattieblack', false, { is_admin: true });
  });

  it('test_anon_public: an anonymous context sees an unowned public image', () => {
    doVisible(true, null, true);
  });

  it('test_anon_public_owned: an anonymous context sees an owned public image', () => {
    doVisible(true, 'pattieblack', true);
  });

  it('test_anon_private: an anonymous context sees an unowned non-public image', () => {
    doVisible(true, null, false);
  });

  it('test_anon_private_owned: an anonymous context does not see an owned non-public image', () => {
    doVisible(false, 'pattieblack', false);
  });

  it('test_auth_public: an authenticated context sees an unowned public image', () => {
    doVisible(true, null, true, { project_id: 'froggy' });
  });

  it('test_auth_public_unowned: an authenticated context sees a public image it does not own', () => {
    doVisible(true, 'pattieblack', true, { project_id: 'froggy' });
  });

  it('test_auth_public_owned: an authenticated context sees a public image it owns', () => {
    doVisible(true, 'pattieblack', true, { project_id: 'pattieblack' });
  });

  it('test_auth_private: an authenticated context sees an unowned non-public image', () => {
    doVisible(true, null, false, { project_id: 'froggy' });
  });

  it('test_auth_private_unowned: an authenticated context does not see a non-public image it does not own', () => {
    doVisible(false, 'pattieblack', false, { project_id: 'froggy' });
  });

  it('test_auth_private_owned: an authenticated context sees a non-public image it owns', () => {
    doVisible(true, 'pattieblack', false, { project_id: 'pattieblack' });
  });

  it('test_request_id: every context gets its own request id', () => {
    const contexts = Array.from({ length: 5 }, () => new RequestContext().request_id);
    expect(new Set(contexts).size).toBe(5);
  });

  it('test_service_catalog: the service catalog is kept', () => {
    const ctx = new RequestContext({ service_catalog: ['foo'] });
    expect(ctx.service_catalog).toEqual(['foo']);
  });

  it('test_user_identity: to_dict joins user, project and domains into user_identity', () => {
    const ctx = new RequestContext({
      user_id: 'user',
      project_id: 'tenant',
      domain_id: 'domain',
      user_domain_id: 'user-domain',
      project_domain_id: 'project-domain',
    });
    expect(ctx.to_dict()['user_identity']).toBe('user tenant domain user-domain project-domain');
  });
});

describe('ContextMiddleware.process_request as contextFromCaller', () => {
  const settings = settingsFrom({});
  const policy = new Enforcer(settings);

  it('lower-cases the roles and makes the admin_role an admin', () => {
    const ctx = contextFromCaller({ user: 'u1', project: 'p1', roles: ['Member', 'ADMIN'] }, { settings, policy });
    expect(ctx.roles).toEqual(['member', 'admin']);
    expect(ctx.is_admin).toBe(true);
    expect(ctx.read_only).toBe(false);
    expect(ctx.user).toBe('u1');
    expect(ctx.tenant).toBe('p1');
    expect(ctx.owner).toBe('p1');
  });

  it('a caller without the admin role is not admin', () => {
    const ctx = contextFromCaller({ user: 'u1', project: 'p1', roles: ['member'] }, { settings, policy });
    expect(ctx.is_admin).toBe(false);
    expect(ctx.can_see_deleted).toBe(false);
  });

  it('the policy rule context_is_admin can make a caller admin', () => {
    const custom = settingsFrom({ policy: { context_is_admin: 'role:operator' } });
    const ctx = contextFromCaller({ user: 'u1', project: 'p1', roles: ['operator'] }, {
      settings: custom, policy: new Enforcer(custom),
    });
    expect(ctx.is_admin).toBe(true);
    expect(ctx.can_see_deleted).toBe(true);
  });

  it('context_is_admin sees the roles before they are lower-cased (quirk)', () => {
    const seen: string[][] = [];
    const ctx = contextFromCaller({ user: 'u1', project: 'p1', roles: ['Member'] }, settings, (c) => {
      seen.push([...c.roles]);
      return false;
    });
    expect(seen).toEqual([['Member']]);
    expect(ctx.roles).toEqual(['member']);
  });

  it('roles travel through one comma-joined header, split and stripped again', () => {
    const ctx = contextFromCaller({ user: 'u1', project: 'p1', roles: [' Reader ', 'a,b'] }, { settings, policy });
    expect(ctx.roles).toEqual(['reader', 'a', 'b']);
  });

  it('the owner is the user when owner_is_tenant is off', () => {
    const userOwned = settingsFrom({ owner_is_tenant: false });
    const ctx = contextFromCaller({ user: 'u1', project: 'p1', roles: [] }, { settings: userOwned, policy });
    expect(ctx.owner).toBe('u1');
  });

  it('no caller gets the anonymous read-only context', () => {
    const ctx = contextFromCaller(null, { settings, policy });
    expect(ctx.read_only).toBe(true);
    expect(ctx.is_admin).toBe(false);
    expect(ctx.user).toBeNull();
    expect(ctx.tenant).toBeNull();
    expect(ctx.roles).toEqual([]);
    expect(ctx.owner).toBeNull();
  });

  it('the anonymous context ignores owner_is_tenant and still asks context_is_admin (quirk)', () => {
    const userOwned = settingsFrom({ owner_is_tenant: false, policy: { context_is_admin: '' } });
    const ctx = contextFromCaller(null, { settings: userOwned, policy: new Enforcer(userOwned) });
    expect(ctx.owner_is_tenant).toBe(true);
    expect(ctx.is_admin).toBe(true);
    expect(ctx.read_only).toBe(true);
  });

  it('no caller is refused with 401 when anonymous access is off', () => {
    const closed = settingsFrom({}, { allow_anonymous_access: false });
    expect(() => contextFromCaller(null, { settings: closed, policy })).toThrow(HTTPUnauthorized);
  });

  it('policy values carry Glance\'s user and tenant aliases', () => {
    const ctx = contextFromCaller({ user: 'u1', project: 'p1', roles: ['member'] }, { settings, policy });
    expect(ctx.to_policy_values()).toMatchObject({ user_id: 'u1', project_id: 'p1', user: 'u1', tenant: 'p1', roles: ['member'] });
  });
});
