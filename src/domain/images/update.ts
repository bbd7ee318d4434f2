/**
 * image.update (PATCH): read the image, apply every change in order (one
 * failure aborts them all), then save once and send image.update.
 * @see glance/api/v2/images.py ImagesController.update
 */
import { requireWritable } from '../actor.js';
import type { Ctx } from '../context.js';
import { DomainError, fail } from '../errors.js';
import { pyTypeName } from '../../lib/python.js';
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
/** What every Python object has: `hasattr` is true, setting one is refused (__class__, __dict__) or ignored. */
const PYTHON_OBJECT_NAMES = [
  '__class__', '__delattr__', '__dict__', '__dir__', '__doc__', '__eq__', '__format__', '__ge__', '__getattribute__', '__gt__',
  '__hash__', '__init__', '__init_subclass__', '__le__', '__lt__', '__module__', '__ne__', '__new__', '__reduce__', '__reduce_ex__',
  '__repr__', '__setattr__', '__sizeof__', '__str__', '__subclasshook__', '__weakref__',
];

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
    return new DomainError('HTTPRequestEntityTooLarge', `Denying attempt to upload image because it exceeds the quota: ${e.message}`);
  }
  if (e instanceof DomainError && e.kind === 'InvalidOptionValue') return new DomainError('HTTPBadRequest', e.message);
  return e;
}

/** repo.save: modify_image, the property quota on additions, then the db. */
export function saveImage(ctx: Ctx, loaded: Loaded & { broken?: boolean }, fromState: string | null = null): void {
  const { image } = loaded;
  if (loaded.broken) fail('AttributeError', "'str' object has no attribute 'image_id'");
  ctx.policy.enforce(ctx.actor, 'modify_image', snapshotTarget(ctx, image));
  if ([...image.properties.keys()].some((k) => !loaded.originalKeys.has(k))) {
    checkCount('properties', image.properties.size, ctx.settings.image_property_quota);
  }
  if (typeof image.size === 'number' && image.size > ctx.settings.image_size_cap) {
    fail('ImageSizeLimitExceeded', 'The provided image is too large.');
  }
  ctx.repo.save(ctx.actor, image, fromState);
  ctx.notify('image.update', imagePayload(image));
}

function hasAttr(patch: Patch, name: string): boolean {
  return isAttribute(name) || PYTHON_OBJECT_NAMES.includes(name) || (patch.mutable ? PROXY_NAMES : IMMUTABLE_PROXY_NAMES).includes(name);
}

function applyChange(ctx: Ctx, patch: Patch, change: Change): void {
  const [root = '', position] = change.path;
  const { image } = patch;
  if (change.op === 'replace') {
    if (root === 'locations') {
      if (Array.isArray(change.value) && change.value.length === 0) fail('HTTPForbidden', 'Cannot set locations to empty list.', { positional: true });
      return replaceLocations(ctx, patch, change.value);
    }
    if (root === 'owner' && !ctx.actor.isAdmin) fail('HTTPForbidden', "Owner can't be updated by non admin.", { positional: true });
    if (hasAttr(patch, root)) return assign(ctx, patch, root, change.value);
    if (image.properties.has(root)) return setProperty(ctx, patch, root, change.value);
    fail('HTTPConflict', `Property ${root} does not exist.`, { positional: true });
  }
  if (change.op === 'add') {
    if (root === 'locations') return addLocation(ctx, patch, position, change.value);
    const present = hasAttr(patch, root) || image.properties.has(root);
    if (present && change.json_schema_version === 4) fail('HTTPConflict', `Property ${root} already present.`, { positional: true });
    if (hasAttr(patch, root)) return assign(ctx, patch, root, change.value);
    return setProperty(ctx, patch, root, change.value);
  }
  if (root === 'locations') return removeLocation(ctx, patch, position);
  if (hasAttr(patch, root)) fail('HTTPForbidden', `Property ${root} may not be removed.`, { positional: true });
  if (image.properties.has(root)) return deleteProperty(ctx, patch, root);
  fail('HTTPConflict', `Property ${root} does not exist.`, { positional: true });
}

/** setattr on the outermost proxy. */
function assign(ctx: Ctx, patch: Patch, name: string, value: unknown): void {
  if (name === '__class__') fail('TypeError', `__class__ must be set to a class, not '${pyTypeName(value)}' object`);
  if (name === '__dict__') fail('TypeError', `__dict__ must be set to a dictionary, not a '${pyTypeName(value)}'`);
  if (!isAttribute(name)) {
    // Proxy internals: only `base` matters, it cuts the proxy off its image.
    if (name === 'base') patch.broken = true;
    return;
  }
  if (!patch.mutable) fail('Forbidden', `You are not permitted to modify '${name}' on this image.`);
  if (name === 'extra_properties') {
    const props = value !== null && typeof value === 'object' ? Object.entries(value as Record<string, unknown>) : [];
    patch.image.properties = new Map(props);
    return;
  }
  if (name === 'locations') return replaceLocations(ctx, patch, value);
  setAttribute(ctx, patch.image, name, value, () => policyTarget(patch.image, true));
}
