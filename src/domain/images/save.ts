/**
 * ImageRepo.save through the layers every use case that changes an image
 * goes through (PATCH, upload, stage, tags, deactivate): the modify_image
 * policy, the property quota on additions, the size cap, the db write, and
 * image.update.
 * @see glance/domain/proxy.py Repo.save, glance/quota/__init__.py, glance/notifier.py
 */
import type { Ctx } from '../context.js';
import { fail } from '../errors.js';
import { saveWithNonDictProperties } from '../compat/proxy-attributes.js';
import { checkCount } from '../rules/quota.js';
import { snapshotTarget, type Loaded } from './access.js';
import { imagePayload } from './view.js';

/** repo.save: modify_image, the property quota on additions, then the db. */
export function saveImage(ctx: Ctx, loaded: Loaded, fromState: string | null = null): void {
  const { image } = loaded;
  ctx.policy.enforce(ctx.actor, 'modify_image', snapshotTarget(ctx, image));
  if ('extraPropertiesReplacedBy' in loaded) saveWithNonDictProperties(loaded.extraPropertiesReplacedBy);
  if ([...image.properties.keys()].some((k) => !loaded.originalKeys.has(k))) {
    checkCount('properties', image.properties.size, ctx.settings.image_property_quota);
  }
  if (typeof image.size === 'number' && image.size > ctx.settings.image_size_cap) {
    fail('ImageSizeLimitExceeded', 'The provided image is too large.');
  }
  ctx.repo.save(ctx.actor, image, fromState);
  ctx.notify('image.update', imagePayload(image));
}
