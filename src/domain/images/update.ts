/**
 * image.update (PATCH): read the image, apply every change in order (one
 * failure aborts them all), then save once and send image.update.
 * @see glance/api/v2/images.py ImagesController.update
 */
import { requireWritable } from '../actor.js';
import type { Ctx } from '../context.js';
import { DomainError, fail } from '../errors.js';
import { ownerChangeRefused } from '../compat/image-owner.js';
import { isPropertyDict, isProxyAttribute, replacedExtraProperties, saveAfterBaseReplaced, setProxyAttribute } from '../compat/proxy-attributes.js';
import { loadImage, policyTarget, type Loaded } from './access.js';
import { setAttribute } from './attributes.js';
import { isAttribute, type Image } from './image.js';
import { addLocation, removeLocation, replaceLocations } from './locations.js';
import { deleteProperty, setProperty } from './properties.js';
import { saveImage } from './save.js';

export interface Change {
  readonly op: 'replace' | 'add' | 'remove';
  readonly path: readonly string[];
  readonly value?: unknown;
  readonly json_schema_version?: number;
}

interface Patch extends Loaded {
  /** `base` was overwritten: the save can no longer reach the image. */
  broken: boolean;
}

export function updateImage(ctx: Ctx, id: string, changes: readonly Change[]): Image {
  requireWritable(ctx.actor);
  const patch: Patch = { ...loadImage(ctx, id), broken: false };
  try {
    for (const change of changes) applyChange(ctx, patch, change);
    if (changes.length > 0 && patch.broken) saveAfterBaseReplaced();
    if (changes.length > 0) saveImage(ctx, patch);
  } catch (e) {
    throw remapUpdateError(e);
  }
  return patch.image;
}

/**
 * The update controller's own answers: its wording for storage quota
 * failures, and a malformed quota option (an Invalid) as the caller's 400.
 */
function remapUpdateError(e: unknown): unknown {
  if (e instanceof DomainError && e.kind === 'StorageQuotaFull') {
    return new DomainError('HTTPRequestEntityTooLarge', `Denying attempt to upload image because it exceeds the quota: ${e.message}`);
  }
  if (e instanceof DomainError && e.kind === 'InvalidOptionValue') return new DomainError('HTTPBadRequest', e.message);
  return e;
}

function hasAttr(patch: Patch, name: string): boolean {
  return isAttribute(name) || isProxyAttribute(name, patch.mutable);
}

function applyChange(ctx: Ctx, patch: Patch, change: Change): void {
  const [root = '', position] = change.path;
  const { image } = patch;
  if (change.op === 'replace') {
    if (root === 'locations') {
      if (Array.isArray(change.value) && change.value.length === 0) fail('HTTPForbidden', 'Cannot set locations to empty list.', { positional: true });
      return replaceLocations(ctx, patch, change.value);
    }
    if (ownerChangeRefused(change.op, root, ctx.actor)) fail('HTTPForbidden', "Owner can't be updated by non admin.", { positional: true });
    if (hasAttr(patch, root)) return assign(ctx, patch, root, change.value);
    if (image.properties.has(root)) return setProperty(ctx, patch, root, change.value as string);
    fail('HTTPConflict', `Property ${root} does not exist.`, { positional: true });
  }
  if (change.op === 'add') {
    if (root === 'locations') return addLocation(ctx, patch, position, change.value);
    const present = hasAttr(patch, root) || image.properties.has(root);
    if (present && change.json_schema_version === 4) fail('HTTPConflict', `Property ${root} already present.`, { positional: true });
    if (hasAttr(patch, root)) return assign(ctx, patch, root, change.value);
    return setProperty(ctx, patch, root, change.value as string);
  }
  if (root === 'locations') return removeLocation(ctx, patch, position);
  if (hasAttr(patch, root)) fail('HTTPForbidden', `Property ${root} may not be removed.`, { positional: true });
  if (image.properties.has(root)) return deleteProperty(ctx, patch, root);
  fail('HTTPConflict', `Property ${root} does not exist.`, { positional: true });
}

/** setattr on the outermost proxy. */
function assign(ctx: Ctx, patch: Patch, name: string, value: unknown): void {
  if (!isAttribute(name)) {
    if (setProxyAttribute(name, value)) patch.broken = true;
    return;
  }
  if (!patch.mutable) fail('Forbidden', `You are not permitted to modify '${name}' on this image.`);
  if (name === 'extra_properties') {
    patch.image.properties = replacedExtraProperties(value);
    if (isPropertyDict(value)) delete patch.extraPropertiesReplacedBy;
    else patch.extraPropertiesReplacedBy = value;
    return;
  }
  if (name === 'locations') return replaceLocations(ctx, patch, value);
  setAttribute(ctx, patch.image, name, value, () => policyTarget(patch.image, true));
}
