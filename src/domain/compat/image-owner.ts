/**
 * Changing an image's owner through PATCH, guarded as Glance 16.0.0
 * guards it.
 * @see glance/api/v2/images.py ImagesController._do_replace, _do_add
 */
import type { Actor } from '../actor.js';
import type { Change } from '../images/update.js';

/**
 * docs/divergence-candidates.md #15b: only `replace /owner` is refused to
 * a non-admin; `add /owner` goes through to the save, which then cannot
 * read a private or shared image back (404, nothing changed) but gives a
 * public or community one away.
 */
export function ownerChangeRefused(op: Change['op'], root: string, actor: Actor): boolean {
  return op === 'replace' && root === 'owner' && !actor.isAdmin;
}
