import { describe, expect, it } from 'vitest';
import { MEMBER_CREATED_STATUS, refreshAclsAfterWrite } from '../../../src/domain/compat/members.js';
import type { Ctx } from '../../../src/domain/context.js';
import { DomainError } from '../../../src/domain/errors.js';
import { Policy } from '../../../src/domain/rules/policy.js';
import { alice, settings } from '../__test-helpers__/actors.js';
import { failure } from '../__test-helpers__/failures.js';

function ctx(policy: Record<string, string> = {}): Ctx {
  const s = settings({ policy });
  return { actor: alice(), policy: new Policy(s), settings: s } as unknown as Ctx;
}

describe('image members as Glance answers them (ledger #23, #24)', () => {
  it('quirk #23: refreshing the ACLs after a member write reads the locations, so a get_image_location denial is a 403', () => {
    expect(failure(() => refreshAclsAfterWrite(ctx({ get_image_location: '!' })))).toMatchObject({
      kind: 'Forbidden', message: 'You are not authorized to complete get_image_location action.',
    });
    expect(() => refreshAclsAfterWrite(ctx())).not.toThrow();
  });

  it('quirk #23: the caller may give the refusal its own text', () => {
    const refused = (): DomainError => new DomainError('HTTPForbidden', 'Not allowed to create members for image x.');
    expect(failure(() => refreshAclsAfterWrite(ctx({ get_image_location: '!' }), refused)).kind).toBe('HTTPForbidden');
  });

  it('quirk #24: a member added answers 200, not 201', () => {
    expect(MEMBER_CREATED_STATUS).toBe(200);
  });
});
