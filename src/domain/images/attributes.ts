/**
 * The rules for changing one image attribute, in the order Glance's layers
 * apply them: the visibility policies, the tag quota, then the domain's own
 * checks (status machine, formats only while queued, no negative minimums).
 */
import { PyFloat } from '../../lib/pyjson.js';
import { pyStr } from '../../lib/python.js';
import type { Ctx } from '../context.js';
import { DomainError, fail } from '../errors.js';
import { checkCount } from '../rules/quota.js';
import { checkTransition } from '../rules/status.js';
import type { Image, WholeNumber } from './image.js';

export function enforceVisibilityPolicy(ctx: Ctx, visibility: unknown, target: Record<string, unknown>): void {
  if (visibility === 'public') ctx.policy.enforce(ctx.actor, 'publicize_image', target);
  else if (visibility === 'community') ctx.policy.enforce(ctx.actor, 'communitize_image', target);
}

/**
 * `value and value < 0` on what the image schema let through as an
 * integer: an int, a float like 1.0, or an int of any size.
 */
export function checkMinimum(param: 'min_disk' | 'min_ram', value: unknown): void {
  const n = value instanceof PyFloat ? value.value : value;
  if ((typeof n === 'bigint' && n < 0n) || (typeof n === 'number' && n < 0)) {
    fail('InvalidParameterValue', `Invalid value '${pyStr(value)}' for parameter '${param}': Cannot be a negative value`);
  }
}

/** Image.status setter: the machine, and moving to queued forgets the size. */
export function setStatus(image: Image, status: unknown): void {
  checkTransition(image.status, status, image);
  if (status === 'queued') {
    image.size = null;
    image.virtual_size = null;
  }
  image.status = status as string;
}

function setFormat(image: Image, key: 'disk_format' | 'container_format', value: unknown): void {
  if (image.status !== 'queued') fail('Forbidden', `Attribute ${key} can be only replaced for a queued image.`);
  image[key] = value as string | null;
}

/**
 * Sets a plain attribute (not locations or extra_properties) through every
 * layer's rule; the values are what the image schema accepted for it.
 */
export function setAttribute(ctx: Ctx, image: Image, name: string, value: unknown, liveTarget: () => Record<string, unknown>): void {
  switch (name) {
    case 'visibility':
      enforceVisibilityPolicy(ctx, value, liveTarget());
      image.visibility = value as string;
      return;
    case 'tags': {
      const tags = value as string[];
      if (tags.length > 0) checkCount('tags', tags.length, ctx.settings.image_tag_quota);
      image.tags = new Set(tags);
      return;
    }
    case 'disk_format':
    case 'container_format':
      return setFormat(image, name, value);
    case 'min_disk':
    case 'min_ram':
      checkMinimum(name, value);
      image[name] = value as WholeNumber;
      return;
    case 'image_id':
      image.id = value as string;
      return;
    case 'owner':
      image.owner = value as string | null;
      return;
    case 'name': case 'protected':
      (image as unknown as Record<string, unknown>)[name] = value;
      return;
    default:
      // The read-only attributes never get here: the request deserializer refuses them first.
      throw new DomainError('AttributeError', `cannot set ${name}`);
  }
}
