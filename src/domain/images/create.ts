/**
 * image.create: who may own it, which extra properties the caller may set,
 * the publicize/communitize and add_image policies, the tag and property
 * quotas, the new row, then image.create.
 * @see glance/api/v2/images.py ImagesController.create
 */
import type { Ctx } from '../context.js';
import { requireWritable } from '../actor.js';
import { DomainError, fail } from '../errors.js';
import { checkCount } from '../rules/quota.js';
import { policyTarget, readable, readableLocations } from './access.js';
import { checkMinimum, checkVisibility, enforceVisibilityPolicy } from './attributes.js';
import type { Image } from './image.js';
import { imageBody, imagePayload } from './view.js';

const CREATABLE = ['image_id', 'name', 'visibility', 'min_disk', 'min_ram', 'protected', 'owner', 'disk_format', 'container_format'];
const READONLY = ['created_at', 'updated_at', 'status', 'checksum', 'size', 'virtual_size'];
const RESERVED = ['owner', 'locations', 'deleted', 'deleted_at', 'direct_url', 'self', 'file', 'schema'];

export interface CreateArgs {
  readonly image: Readonly<Record<string, unknown>>;
  readonly extra_properties: Readonly<Record<string, unknown>>;
  readonly tags: readonly unknown[];
}

export function createImage(ctx: Ctx, args: CreateArgs): Record<string, unknown> {
  requireWritable(ctx.actor);
  const protections = ctx.protections();
  const fields = renameId(args.image);
  const owner = Object.prototype.hasOwnProperty.call(fields, 'owner') ? (fields['owner'] as string | null) : ctx.actor.owner;
  if (!ctx.actor.isAdmin && (owner === null || owner !== ctx.actor.owner)) {
    fail('forbidden', `You are not permitted to create images owned by '${owner ?? 'None'}'.`, 'Forbidden');
  }
  for (const key of Object.keys(args.extra_properties)) {
    if (!protections.allows(ctx.actor, key, 'create')) fail('forbidden', `Attribute '${key}' is reserved.`, 'ReservedProperty');
  }
  enforceVisibilityPolicy(ctx, fields['visibility'], {});
  if (args.tags.length > 0) checkCount('tags', args.tags.length, ctx.settings.image_tag_quota);
  const image = newImage(ctx, { ...fields, owner }, args.extra_properties, args.tags);
  if (protections.enabled) image.properties = readable(ctx, image.properties);

  ctx.policy.enforce(ctx.actor, 'add_image', policyTarget(image, false));
  checkCount('properties', image.properties.size, ctx.settings.image_property_quota);
  ctx.repo.insert(image);
  ctx.notify('image.create', imagePayload(image, ctx.world.clock));
  return imageBody(image, ctx.settings, ctx.world.clock, readableLocations(ctx, image));
}

function renameId(given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...given };
  if ('id' in fields) {
    fields['image_id'] = fields['id'];
    delete fields['id'];
  }
  return fields;
}

/** domain.ImageFactory.new_image and Image.__init__ checks, in their order. */
function newImage(ctx: Ctx, fields: Record<string, unknown>, extra: Readonly<Record<string, unknown>>, tags: readonly unknown[]): Image {
  for (const key of READONLY) if (key in fields) fail('forbidden', `Attribute '${key}' is read-only.`, 'ReadonlyProperty');
  const unexpected = Object.keys(fields).filter((k) => !CREATABLE.includes(k));
  if (unexpected.length > 0) {
    fail('bad_request', `new_image() got unexpected keywords dict_keys([${unexpected.map((k) => `'${k}'`).join(', ')}])`, 'TypeError');
  }
  for (const key of RESERVED) if (key in extra) fail('forbidden', `Attribute '${key}' is reserved.`, 'ReservedProperty');
  // The factory draws the id before the Image constructor validates anything.
  const id = (fields['image_id'] as string | null | undefined) ?? ctx.world.ids.uuid4();
  const now = ctx.world.clock.now();
  const visibility = fields['visibility'] === undefined ? 'shared' : fields['visibility'];
  checkVisibility(visibility);
  const minDisk = fields['min_disk'] === undefined ? 0 : fields['min_disk'];
  const minRam = fields['min_ram'] === undefined ? 0 : fields['min_ram'];
  try {
    checkMinimum('min_disk', minDisk);
    checkMinimum('min_ram', minRam);
  } catch (e) {
    // The create controller answers a TypeError with 400 and its text.
    if (e instanceof DomainError && e.kind === 'TypeError') fail('bad_request', e.message, e.kind);
    throw e;
  }
  return {
    id,
    name: fields['name'] ?? null,
    status: 'queued',
    created_at: now,
    updated_at: now,
    visibility: visibility as string,
    min_disk: minDisk,
    min_ram: minRam,
    protected: fields['protected'] === undefined ? false : fields['protected'],
    checksum: null,
    owner: fields['owner'] as string | null,
    disk_format: fields['disk_format'] ?? null,
    container_format: fields['container_format'] ?? null,
    size: null,
    virtual_size: null,
    properties: new Map(Object.entries(extra)),
    tags: new Set(tags as string[]),
    locations: [],
  };
}
