/**
 * Who finds an image, kept as Glance 16.0.0 decides it.
 * @see glance/db/__init__.py ImageRepo.get, glance/db/sqlalchemy/api.py is_image_visible
 */
import type { Actor } from '../actor.js';
import type { Ctx } from '../context.js';
import type { Owned } from '../rules/visibility.js';

/**
 * docs/divergence-candidates.md #1: show-visibility lets anyone see an
 * ownerless image of any visibility, and a shared image to a member row
 * of any status (pending, rejected), where the listing is stricter.
 */
export function canSee(actor: Actor, image: Owned, isMember: () => boolean): boolean {
  if (actor.isAdmin || image.owner === null) return true;
  if (image.visibility === 'public' || image.visibility === 'community') return true;
  if (actor.owner === null) return false;
  if (actor.owner === image.owner) return true;
  return image.visibility === 'shared' && isMember();
}

/**
 * docs/divergence-candidates.md #2: for a missing image `get_image` is
 * still enforced (with an empty target), so a denial answers 403, not 404.
 */
export function enforceGetImageOnMissing(ctx: Ctx): void {
  ctx.policy.enforce(ctx.actor, 'get_image', {});
}

/**
 * docs/divergence-candidates.md #4: member lookups compare owners with
 * `==`, so an anonymous caller (no owner) counts as the owner of an
 * ownerless image.
 */
export function ownerEquals(actor: Actor, owner: string | null): boolean {
  return actor.owner === owner;
}
