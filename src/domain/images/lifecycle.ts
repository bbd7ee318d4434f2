/**
 * image.delete, image.deactivate and image.reactivate.
 * @see glance/api/v2/images.py ImagesController.delete
 * @see glance/api/v2/image_actions.py ImageActionsController
 */
import { requireWritable } from '../actor.js';
import type { Ctx } from '../context.js';
import { DomainError, fail } from '../errors.js';
import { toggleTarget } from '../rules/status.js';
import { loadImage, policyTarget, snapshotTarget } from './access.js';
import { setStatus } from './attributes.js';
import { deleteLocationData, deleteStagedData } from './store.js';
import { saveImage } from './save.js';
import { imagePayload, isotime } from './view.js';

export function deleteImage(ctx: Ctx, id: string): void {
  requireWritable(ctx.actor);
  try {
    const { image, mutable } = loadImage(ctx, id);
    if (ctx.settings.enable_image_import && image.status === 'uploading') deleteStagedData(ctx, image.id);
    if (!mutable) fail('Forbidden', 'You are not permitted to delete this image.');
    ctx.policy.enforce(ctx.actor, 'delete_image', snapshotTarget(ctx, image));
    if (image.protected) fail('ProtectedImageDelete', `Image ${image.id} is protected and cannot be deleted.`);
    // A non-admin read no locations of a deactivated image (compat/locations.ts locationsHidden).
    setStatus(image, ctx.settings.delayed_delete && image.locations.length > 0 ? 'pending_delete' : 'deleted');
    for (const location of image.locations) deleteLocationData(ctx, image.id, location);
    ctx.repo.remove(ctx.actor, image);
    ctx.notify('image.delete', { ...imagePayload(image), deleted: true, deleted_at: isotime(ctx.world.clock.now()) });
  } catch (e) {
    if (e instanceof DomainError && e.status === 404) throw new DomainError('HTTPNotFound', `Failed to find image ${id} to delete`);
    throw e;
  }
}

/** Deactivating an active image (or the reverse) saves it; repeating is a silent no-op. */
export function toggleImage(ctx: Ctx, id: string, action: 'deactivate' | 'reactivate'): void {
  requireWritable(ctx.actor);
  const loaded = loadImage(ctx, id);
  const { image } = loaded;
  const from = image.status;
  if (!loaded.mutable) fail('Forbidden', `You are not permitted to ${action} this image.`);
  ctx.policy.enforce(ctx.actor, action, policyTarget(image, true));
  const to = toggleTarget(from, action);
  if (to === null) return;
  setStatus(image, to);
  saveImage(ctx, loaded, from);
}
