import { describe, expect, it } from 'vitest';
import { identify } from '../../../src/domain/http/identity.js';
import { Policy } from '../../../src/domain/rules/policy.js';
import type { Environ } from '../../../src/lib/webob/index.js';
import type { ScenarioConfig, Settings } from '../../../src/shared/settings.js';
import { settings } from '../__test-helpers__/actors.js';
import { failure } from '../__test-helpers__/failures.js';

function who(environ: Environ, config: ScenarioConfig = {}, anonymous = true): ReturnType<typeof identify> {
  const s: Settings = { ...settings(config), allow_anonymous_access: anonymous };
  return identify(environ, s, new Policy(s));
}

const confirmed = (extra: Environ = {}): Environ => ({
  HTTP_X_IDENTITY_STATUS: 'Confirmed', HTTP_X_USER_ID: 'u-alice', HTTP_X_PROJECT_ID: 'p-alice', HTTP_X_ROLES: 'Member, reader', ...extra,
});

describe('who is asking, from the identity headers', () => {
  it('reads a confirmed caller: project as owner, roles stripped and lower-cased', () => {
    const id = who(confirmed());
    expect(id.usable).toBe(true);
    if (!id.usable) return;
    expect(id.actor.owner).toBe('p-alice');
    expect(id.actor.roles).toEqual(['member', 'reader']);
    expect(id.actor.readOnly).toBe(false);
  });

  it('takes the older tenant headers when the project id header is absent', () => {
    const id = who({ HTTP_X_IDENTITY_STATUS: 'Confirmed', HTTP_X_USER: 'u-bob', HTTP_X_TENANT: 'p-bob', HTTP_X_ROLE: 'member' });
    expect(id.usable && id.actor.owner).toBe('p-bob');
  });

  it('owns by user when owner_is_tenant is off', () => {
    const id = who(confirmed(), { owner_is_tenant: false });
    expect(id.usable && id.actor.owner).toBe('u-alice');
  });

  it('makes anyone unconfirmed the anonymous read-only caller, or refuses them (401) when anonymous access is off', () => {
    const id = who({ HTTP_X_IDENTITY_STATUS: 'Invalid' });
    expect(id.usable && id.actor.readOnly).toBe(true);
    expect(failure(() => who({}, {}, false)).status).toBe(401);
  });

  it('answers a service catalog that is not JSON with a positional 500', () => {
    expect(failure(() => who(confirmed({ HTTP_X_SERVICE_CATALOG: '{' })))).toMatchObject({
      kind: 'HTTPInternalServerError', message: 'Invalid service catalog json.', positional: true,
    });
  });

  it('quirk #43: an over-long request id leaves an unusable context', () => {
    expect(who(confirmed({ HTTP_X_OPENSTACK_REQUEST_ID: 'r'.repeat(65) }))).toEqual({ usable: false });
    expect(who(confirmed({ HTTP_X_OPENSTACK_REQUEST_ID: 'r'.repeat(64) })).usable).toBe(true);
  });
});
