/**
 * image.create: who may own it, which extra properties the caller may set,
 * the publicize/communitize and add_image policies, the tag and property
 * quotas, the new row, then image.create.
 * @see glance/api/v2/images.py ImagesController.create
 */
import type { Ctx } from '../context.js';
import { requireWritable } from '../actor.js';
import { fail } from '../errors.js';
import { checkCreateTags } from '../compat/tags.js';
import { checkCount } from '../rules/quota.js';
import { policyTarget, readable } from './access.js';
import { checkMinimum, enforceVisibilityPolicy } from './attributes.js';
import type { Image, WholeNumber } from './image.js';
import { imagePayload } from './view.js';

const READONLY = ['created_at', 'updated_at', 'status', 'checksum', 'size', 'virtual_size'];
const RESERVED = ['owner', 'locations', 'deleted', 'deleted_at', 'direct_url', 'self', 'file', 'schema'];

export interface CreateArgs {
  /** The base attributes given (`image_id`, not `id`), in the order given. */
  readonly image: ReadonlyMap<string, unknown>;
  readonly extra: ReadonlyMap<string, string>;
  readonly tags: readonly string[];
}

export function createImage(ctx: Ctx, args: CreateArgs): Image {
  requireWritable(ctx.actor);
  const protections = ctx.protections();
  const fields = new Map(args.image);
  const owner = fields.has('owner') ? (fields.get('owner') as string | null) : ctx.actor.owner;
  if (!ctx.actor.isAdmin && (owner === null || owner !== ctx.actor.owner)) {
    fail('Forbidden', `You are not permitted to create images owned by '${owner ?? 'None'}'.`);
  }
  for (const key of args.extra.keys()) {
    if (!protections.allows(ctx.actor, key, 'create')) fail('ReservedProperty', `Attribute '${key}' is reserved.`);
  }
  enforceVisibilityPolicy(ctx, fields.get('visibility'), {});
  const { tags } = args;
  checkCreateTags(tags, ctx.settings.image_tag_quota);
  fields.set('owner', owner);
  const image = newImage(ctx, fields, args.extra, tags);
  if (protections.enabled) image.properties = readable(ctx, image.properties);

  ctx.policy.enforce(ctx.actor, 'add_image', policyTarget(image, false));
  checkCount('properties', image.properties.size, ctx.settings.image_property_quota);
  ctx.repo.insert(image);
  ctx.notify('image.create', imagePayload(image));
  return image;
}

/** domain.ImageFactory.new_image and Image.__init__ checks, in their order. */
/** The body's values are what the image schema accepted for each attribute. */
function newImage(ctx: Ctx, fields: ReadonlyMap<string, unknown>, extra: ReadonlyMap<string, string>, tags: readonly string[]): Image {
  for (const key of READONLY) if (fields.has(key)) fail('ReadonlyProperty', `Attribute '${key}' is read-only.`);
  for (const key of RESERVED) if (extra.has(key)) fail('ReservedProperty', `Attribute '${key}' is reserved.`);
  // The factory draws the id before the Image constructor validates anything.
  const id = (fields.get('image_id') as string | null | undefined) ?? ctx.world.ids.uuid4();
  const now = ctx.world.clock.now();
  const visibility = fields.has('visibility') ? fields.get('visibility') : 'shared';
  const minDisk = (fields.has('min_disk') ? fields.get('min_disk') : 0) as WholeNumber;
  const minRam = (fields.has('min_ram') ? fields.get('min_ram') : 0) as WholeNumber;
  checkMinimum('min_disk', minDisk);
  checkMinimum('min_ram', minRam);
  return {
    id,
    name: (fields.get('name') ?? null) as string | null,
    status: 'queued',
    created_at: now,
    updated_at: now,
    visibility: visibility as string,
    min_disk: minDisk,
    min_ram: minRam,
    protected: fields.get('protected') === true,
    checksum: null,
    owner: fields.get('owner') as string | null,
    disk_format: (fields.get('disk_format') ?? null) as string | null,
    container_format: (fields.get('container_format') ?? null) as string | null,
    size: null,
    virtual_size: null,
    properties: new Map(extra),
    tags: new Set(tags),
    locations: [],
  };
}
