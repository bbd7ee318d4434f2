/**
 * image.update (PATCH): read the image, apply every change in order (one
 * failure aborts them all), then save once and send image.update.
 * @see glance/api/v2/images.py ImagesController.update
 */
import { requireWritable } from '../actor.js';
import type { Ctx } from '../context.js';
import { DomainError, fail } from '../errors.js';
import { pyStr } from '../../lib/python.js';
import { checkCount } from '../rules/quota.js';
import { loadImage, policyTarget, snapshotTarget, type Loaded } from './access.js';
import { setAttribute } from './attributes.js';
import { isAttribute, type Image } from './image.js';
import { addLocation, removeLocation, replaceLocations } from './locations.js';
import { deleteProperty, setProperty } from './properties.js';
import { imagePayload } from './view.js';

export interface Change {
  readonly op: 'replace' | 'add' | 'remove';
  readonly path: readonly string[];
  readonly value?: unknown;
  readonly json_schema_version?: number;
}

/**
 * Names `hasattr` finds on the outermost proxy besides the image attributes.
 * NOTE(quirk): PATCH paths with these names hit the proxy, not a property.
 */
const PROXY_NAMES = ['image', 'context', 'base', 'helper', 'delete', 'deactivate', 'reactivate', 'set_data', 'get_data'];
const IMMUTABLE_PROXY_NAMES = ['base', 'context', 'resource_name', 'delete', 'deactivate', 'reactivate', 'set_data', 'get_data'];

interface Patch extends Loaded {
  /** `base` was overwritten: the save can no longer reach the image. */
  broken: boolean;
}

export function updateImage(ctx: Ctx, id: string, changes: readonly Change[]): Image {
  requireWritable(ctx.actor);
  const patch: Patch = { ...loadImage(ctx, id), broken: false };
  try {
    for (const change of changes) applyChange(ctx, patch, change);
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
    return new DomainError('too_large', `Denying attempt to upload image because it exceeds the quota: ${e.message}`, e.kind);
  }
  if (e instanceof DomainError && e.kind === 'InvalidOptionValue') return new DomainError('bad_request', e.message, e.kind);
  return e;
}

/** repo.save: modify_image, the property quota on additions, then the db. */
export function saveImage(ctx: Ctx, loaded: Loaded & { broken?: boolean }, fromState: string | null = null): void {
  const { image } = loaded;
  if (loaded.broken) fail('crash', "'str' object has no attribute 'image_id'", 'AttributeError');
  ctx.policy.enforce(ctx.actor, 'modify_image', snapshotTarget(ctx, image));
  if ([...image.properties.keys()].some((k) => !loaded.originalKeys.has(k))) {
    checkCount('properties', image.properties.size, ctx.settings.image_property_quota);
  }
  if (typeof image.size === 'number' && image.size > ctx.settings.image_size_cap) {
    fail('crash', 'The provided image is too large.', 'ImageSizeLimitExceeded');
  }
  ctx.repo.save(ctx.actor, image, fromState);
  ctx.notify('image.update', imagePayload(image, ctx.world.clock));
}

function hasAttr(patch: Patch, name: string): boolean {
  return isAttribute(name) || (patch.mutable ? PROXY_NAMES : IMMUTABLE_PROXY_NAMES).includes(name);
}

const OPS: readonly unknown[] = ['replace', 'add', 'remove'];

/**
 * The controller finds the handler with `getattr(self, '_do_' + op)` before it
 * looks at the path.
 * NOTE(quirk): an unknown op escapes as AttributeError (500), a missing one as KeyError.
 */
function checkOp(change: Change): void {
  if (!Object.prototype.hasOwnProperty.call(change, 'op')) fail('crash', "'op'", 'KeyError');
  if (!OPS.includes(change.op)) {
    fail('crash', `'ImagesController' object has no attribute '_do_${pyStr(change.op)}'`, 'AttributeError');
  }
}

function applyChange(ctx: Ctx, patch: Patch, change: Change): void {
  checkOp(change);
  const [root = '', position] = change.path;
  const { image } = patch;
  // /locations without a position: path[1] raises IndexError (500).
  if (root === 'locations' && change.op !== 'replace' && position === undefined) fail('crash', 'list index out of range', 'IndexError');
  if (change.op === 'replace') {
    if (root === 'locations') {
      if (Array.isArray(change.value) && change.value.length === 0) fail('forbidden', 'Cannot set locations to empty list.', 'HTTPForbidden', true);
      return replaceLocations(ctx, patch, change.value);
    }
    if (root === 'owner' && !ctx.actor.isAdmin) fail('forbidden', "Owner can't be updated by non admin.", 'HTTPForbidden', true);
    if (hasAttr(patch, root)) return assign(ctx, patch, root, change.value);
    if (image.properties.has(root)) return setProperty(ctx, patch, root, change.value);
    fail('conflict', `Property ${root} does not exist.`, 'HTTPConflict', true);
  }
  if (change.op === 'add') {
    if (root === 'locations') return addLocation(ctx, patch, position, change.value);
    const present = hasAttr(patch, root) || image.properties.has(root);
    if (present && (change.json_schema_version ?? 10) === 4) fail('conflict', `Property ${root} already present.`, 'HTTPConflict', true);
    if (hasAttr(patch, root)) return assign(ctx, patch, root, change.value);
    return setProperty(ctx, patch, root, change.value);
  }
  if (root === 'locations') return removeLocation(ctx, patch, position);
  if (hasAttr(patch, root)) fail('forbidden', `Property ${root} may not be removed.`, 'HTTPForbidden', true);
  if (image.properties.has(root)) return deleteProperty(ctx, patch, root);
  fail('conflict', `Property ${root} does not exist.`, 'HTTPConflict', true);
}

/** setattr on the outermost proxy. */
function assign(ctx: Ctx, patch: Patch, name: string, value: unknown): void {
  if (!isAttribute(name)) {
    // Proxy internals: only `base` matters, it cuts the proxy off its image.
    if (name === 'base') patch.broken = true;
    return;
  }
  if (!patch.mutable) fail('forbidden', `You are not permitted to modify '${name}' on this image.`, 'Forbidden');
  if (name === 'extra_properties') {
    const props = value !== null && typeof value === 'object' ? Object.entries(value as Record<string, unknown>) : [];
    patch.image.properties = new Map(props);
    return;
  }
  if (name === 'locations') return replaceLocations(ctx, patch, value);
  setAttribute(ctx, patch.image, name, value, () => policyTarget(patch.image, true));
}
