/**
 * tag.update and tag.delete: a tag change is a full image save.
 * @see glance/api/v2/image_tags.py Controller
 */
import { requireWritable } from '../actor.js';
import type { Ctx } from '../context.js';
import { DomainError, fail } from '../errors.js';
import { absentTag, addTagThenCheck, tagLimitExceeded } from '../compat/tags.js';
import { loadImage } from './access.js';
import { saveImage } from './save.js';

/** The tags controller's own texts for NotFound, Forbidden and Invalid. */
function tagError(e: unknown, id: string, verb: 'update' | 'delete'): unknown {
  if (!(e instanceof DomainError) || e.kind === 'HTTPNotFound') return e;
  if (e.status === 404) return new DomainError('HTTPNotFound', `Image ${id} not found.`);
  if (e.status === 403) return new DomainError('HTTPForbidden', `Not allowed to ${verb} tags for image ${id}.`);
  if (verb === 'update' && e.status === 400) return new DomainError('HTTPBadRequest', `Could not update image: ${e.message}`);
  if (verb === 'update' && e.kind === 'ImageTagLimitExceeded') return tagLimitExceeded(id, e.message);
  return e;
}

export function addTag(ctx: Ctx, id: string, tag: string): void {
  requireWritable(ctx.actor);
  try {
    const loaded = loadImage(ctx, id);
    if (!loaded.mutable) fail('Forbidden', 'You are not permitted to modify tags on this image.');
    addTagThenCheck(loaded.image.tags, tag, ctx.settings.image_tag_quota);
    saveImage(ctx, loaded);
  } catch (e) {
    throw tagError(e, id, 'update');
  }
}

export function removeTag(ctx: Ctx, id: string, tag: string): void {
  requireWritable(ctx.actor);
  try {
    const loaded = loadImage(ctx, id);
    if (!loaded.image.tags.has(tag)) throw absentTag();
    if (!loaded.mutable) fail('Forbidden', 'You are not permitted to modify tags on this image.');
    loaded.image.tags.delete(tag);
    saveImage(ctx, loaded);
  } catch (e) {
    throw tagError(e, id, 'delete');
  }
}
