/**
 * member.create, update, index, show and delete. Every op first finds the
 * image (as image.show does), requires it to be shared, then applies the
 * member rules: the owner (or an admin) adds and removes members, only the
 * member itself (or an admin) sets its status.
 * @see glance/api/v2/image_members.py ImageMembersController
 */
import { requireWritable, type Actor } from '../actor.js';
import type { Ctx } from '../context.js';
import { DomainError, fail } from '../errors.js';
import { loadImage, policyTarget } from '../images/access.js';
import type { Image } from '../images/image.js';
import { isotime } from '../images/view.js';
import { checkCount } from '../rules/quota.js';
import { ownerEquals } from '../compat/lookups.js';
import { memberLimitExceeded, refreshAclsAfterWrite } from '../compat/members.js';
import { pyStr } from '../../lib/python.js';
import { MemberRepository } from '../db/members.js';
import type { Member } from './member.js';

const MEMBER_STATUSES = ['pending', 'accepted', 'rejected'];

interface Scope {
  readonly image: Image;
  readonly members: MemberRepository;
  readonly target: Record<string, unknown>;
}

/** _lookup_image then _get_member_repo, with the controller's texts. */
function scope(ctx: Ctx, imageId: string): Scope {
  let image: Image;
  try {
    image = loadImage(ctx, imageId).image;
  } catch (e) {
    if (e instanceof DomainError && e.status === 404) fail('HTTPNotFound', `Image ${imageId} not found.`);
    if (e instanceof DomainError && e.status === 403) fail('HTTPForbidden', `You are not authorized to lookup image ${imageId}.`);
    throw e;
  }
  if (image.visibility !== 'shared') {
    fail('Forbidden', `Error fetching members of image ${image.id}: Only shared images have members.`);
  }
  return { image, members: new MemberRepository(ctx.world.db, ctx.world.clock), target: policyTarget(image, true) };
}

/** _lookup_member: the owner (compat/lookups.ts ownerEquals), the member itself or an admin, and get_member. */
function lookupMember(ctx: Ctx, s: Scope, memberId: string): Member {
  const lookupDenied = `You are not authorized to lookup the members of the image ${s.image.id}.`;
  if (!(ctx.actor.isAdmin || ownerEquals(ctx.actor, s.image.owner) || ctx.actor.owner === memberId)) fail('Forbidden', lookupDenied);
  if (!ctx.policy.allows(ctx.actor, 'get_member', s.target)) fail('Forbidden', lookupDenied);
  const [member] = s.members.find(ctx.actor, s.image.id, memberId);
  if (member === undefined) fail('NotFound', `${memberId} not found in the member list of the image ${s.image.id}.`);
  return member as Member;
}

const ownsImage = (actor: Actor, image: Image): boolean => actor.isAdmin || ownerEquals(actor, image.owner);


function memberBody(m: Member): Record<string, unknown> {
  return { member_id: m.member_id, image_id: m.image_id, status: m.status, created_at: isotime(m.created_at), updated_at: isotime(m.updated_at) };
}

function memberPayload(m: Member, deletedAt: string | null = null): Record<string, unknown> {
  return { ...memberBody(m), deleted: deletedAt !== null, deleted_at: deletedAt };
}

export function createMember(ctx: Ctx, imageId: string, memberId: unknown): Member {
  requireWritable(ctx.actor);
  const s = scope(ctx, imageId);
  try {
    if (!ctx.actor.isAdmin && (s.image.owner === null || s.image.owner !== ctx.actor.owner)) {
      fail('Forbidden', 'You are not permitted to create image members for the image.');
    }
    if (ctx.settings.image_member_quota >= 0) checkCount('members for this image', s.members.count(s.image.id) + 1, ctx.settings.image_member_quota);
    const now = ctx.world.clock.now();
    const member: Member = { id: 0, image_id: s.image.id, member_id: memberId as string, status: 'pending', created_at: now, updated_at: now };
    if (!ownsImage(ctx.actor, s.image)) fail('Forbidden', `You cannot add image member for ${s.image.id}`);
    ctx.policy.enforce(ctx.actor, 'add_member', s.target);
    if (s.members.find(ctx.actor, s.image.id, memberId as string).length > 0) fail('Duplicate', 'duplicate member');
    s.members.add(ctx.actor, member);
    refreshAclsAfterWrite(ctx);
    ctx.notify('image.member.create', memberPayload(member));
    return member;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    if (e.status === 400) throw e;
    if (e.status === 403) fail('HTTPForbidden', `Not allowed to create members for image ${imageId}.`);
    if (e.status === 409) fail('HTTPConflict', `Member ${pyStr(memberId)} is duplicated for image ${imageId}`);
    if (e.kind === 'ImageMemberLimitExceeded') throw memberLimitExceeded(imageId, e.message);
    throw e;
  }
}

export function updateMember(ctx: Ctx, imageId: string, memberId: string, status: unknown): Member {
  requireWritable(ctx.actor);
  const s = scope(ctx, imageId);
  const member = lookupMember(ctx, s, memberId);
  const denied = (): never => fail('Forbidden', `Not allowed to update members for image ${imageId}.`);
  const mayChange = ctx.actor.isAdmin || (ctx.actor.owner !== null && ctx.actor.owner === member.member_id);
  if (!mayChange) denied();
  if (!MEMBER_STATUSES.includes(status as string)) {
    fail('BadValue', 'Incorrect request: Status must be "pending", "accepted" or "rejected".');
  }
  const previous = member.status;
  member.status = status as string;
  if (!ctx.policy.allows(ctx.actor, 'modify_member', s.target)) denied();
  s.members.save(member, previous);
  ctx.notify('image.member.update', memberPayload(member));
  return member;
}

export function listMembers(ctx: Ctx, imageId: string): Member[] {
  const s = scope(ctx, imageId);
  const denied = (): never => fail('Forbidden', `Not allowed to list members for image ${imageId}.`);
  if (!ctx.policy.allows(ctx.actor, 'get_members', s.target)) denied();
  const all = s.members.find(ctx.actor, s.image.id);
  if (ctx.actor.isAdmin || ownerEquals(ctx.actor, s.image.owner)) return all;
  const own = all.find((m) => m.member_id === ctx.actor.owner);
  if (own === undefined) denied();
  return [own as Member];
}

/** Any 403 of the lookups answers 404 with the same text. */
export function showMember(ctx: Ctx, imageId: string, memberId: string): Member {
  try {
    return lookupMember(ctx, scope(ctx, imageId), memberId);
  } catch (e) {
    if (e instanceof DomainError && e.status === 403) fail('HTTPNotFound', e.message);
    throw e;
  }
}

export function deleteMember(ctx: Ctx, imageId: string, memberId: string): void {
  requireWritable(ctx.actor);
  const s = scope(ctx, imageId);
  const member = lookupMember(ctx, s, memberId);
  const denied = (): never => fail('Forbidden', `Not allowed to delete members for image ${imageId}.`);
  if (!ownsImage(ctx.actor, s.image)) denied();
  if (!ctx.policy.allows(ctx.actor, 'delete_member', s.target)) denied();
  s.members.remove(member);
  refreshAclsAfterWrite(ctx, () => new DomainError('HTTPForbidden', `Not allowed to delete members for image ${imageId}.`));
  ctx.notify('image.member.delete', memberPayload(member, isotime(ctx.world.clock.now())));
}
