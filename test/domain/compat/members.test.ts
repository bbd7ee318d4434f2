import { describe, expect, it } from 'vitest';
import { MEMBER_CREATED_STATUS, memberLimitExceeded, refreshAclsAfterWrite } from '../../../src/domain/compat/members.js';
import { recorded, recordedExplanation } from '../__test-helpers__/recorded.js';
import type { Ctx } from '../../../src/domain/context.js';
import { DomainError } from '../../../src/domain/errors.js';
import { Policy } from '../../../src/domain/rules/policy.js';
import { alice, settings } from '../__test-helpers__/actors.js';
import { failure } from '../__test-helpers__/failures.js';

function ctx(policy: Record<string, string> = {}): Ctx {
  const s = settings({ policy });
  return { actor: alice(), policy: new Policy(s), settings: s } as unknown as Ctx;
}

describe('image members as Glance answers them (ledger #23, #24, #30)', () => {
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

  it("quirk #30: member.create's answer to the member quota ends with a stray ':'", () => {
    const quota = 'The limit has been exceeded on the number of allowed image members for this image. Attempted: 4, Maximum: 3';
    const e = memberLimitExceeded('11111111-1111-4111-8235-000000000001', quota);
    expect(e.status).toBe(recorded(235, 10).status);
    expect(e.message).toBe(recordedExplanation(235, 10));
  });
});
