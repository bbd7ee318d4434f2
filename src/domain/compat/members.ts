/**
 * Image members, kept as Glance 16.0.0 answers them.
 * @see glance/api/v2/image_members.py, glance/location.py ImageMemberRepoProxy
 */
import type { Ctx } from '../context.js';
import { DomainError } from '../errors.js';

/**
 * docs/divergence-candidates.md #23: after a member is added or removed,
 * the location layer refreshes the store ACLs by reading the image's
 * locations, so a get_image_location denial answers 403 after the db write.
 */
export function refreshAclsAfterWrite(ctx: Ctx, refused?: () => DomainError): void {
  if (ctx.policy.allows(ctx.actor, 'get_image_location', {})) return;
  throw refused?.() ?? new DomainError('Forbidden', 'You are not authorized to complete get_image_location action.');
}

/** docs/divergence-candidates.md #24: a member added answers 200, not 201. */
export const MEMBER_CREATED_STATUS = 200;

/**
 * docs/divergence-candidates.md #30: member.create's answer to the member
 * quota ends its message with a stray ':'.
 */
export function memberLimitExceeded(imageId: string, message: string): DomainError {
  return new DomainError('HTTPRequestEntityTooLarge', `Image member limit exceeded for image ${imageId}: ${message}:`);
}
