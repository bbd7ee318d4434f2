/**
 * The rules for changing one image attribute, in the order Glance's layers
 * apply them: the visibility policies, the tag quota, then the domain's own
 * checks (status machine, formats only while queued, no negative minimums).
 */
import { PyFloat } from '../../lib/pyjson.js';
import { pyStr, pyTruthy, pyTypeName } from '../../lib/python.js';
import type { Ctx } from '../context.js';
import { DomainError, fail } from '../errors.js';
import { checkCount } from '../rules/quota.js';
import { checkTransition } from '../rules/status.js';
import { VISIBILITIES } from '../rules/visibility.js';
import type { Image } from './image.js';

export function enforceVisibilityPolicy(ctx: Ctx, visibility: unknown, target: Record<string, unknown>): void {
  if (visibility === 'public') ctx.policy.enforce(ctx.actor, 'publicize_image', target);
  else if (visibility === 'community') ctx.policy.enforce(ctx.actor, 'communitize_image', target);
}

/** A bad visibility is a ValueError nobody catches (500). */
export function checkVisibility(value: unknown): void {
  if (!(VISIBILITIES as readonly unknown[]).includes(value)) {
    fail('crash', 'Visibility must be one of "community", "public", "private", or "shared"', 'ValueError');
  }
}

/** `value and value < 0`: Python 3 refuses to order text (or lists, dicts) against 0. */
export function checkMinimum(param: 'min_disk' | 'min_ram', value: unknown): void {
  if (!pyTruthy(value)) return;
  const n = value instanceof PyFloat ? value.value : value;
  if (typeof n === 'boolean') return;
  if (typeof n !== 'number' && typeof n !== 'bigint') {
    fail('crash', `'<' not supported between instances of '${pyTypeName(value)}' and 'int'`, 'TypeError');
  }
  if ((typeof n === 'bigint' && n < 0n) || (typeof n === 'number' && n < 0)) {
    fail('bad_request', `Invalid value '${pyStr(value)}' for parameter '${param}': Cannot be a negative value`, 'InvalidParameterValue');
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
  if (image.status !== 'queued') fail('forbidden', `Attribute ${key} can be only replaced for a queued image.`, 'Forbidden');
  image[key] = value;
}

/** Sets a plain attribute (not locations or extra_properties) through every layer's rule. */
export function setAttribute(ctx: Ctx, image: Image, name: string, value: unknown, liveTarget: () => Record<string, unknown>): void {
  switch (name) {
    case 'visibility':
      enforceVisibilityPolicy(ctx, value, liveTarget());
      checkVisibility(value);
      image.visibility = value as string;
      return;
    case 'tags':
      // The quota counts len(value) of whatever was given (a string counts its characters).
      if (lengthOf(value) > 0) checkCount('tags', lengthOf(value), ctx.settings.image_tag_quota);
      image.tags = new Set(toIterable(value));
      return;
    case 'status':
      return setStatus(image, value);
    case 'disk_format':
    case 'container_format':
      return setFormat(image, name, value);
    case 'min_disk':
    case 'min_ram':
      checkMinimum(name, value);
      image[name] = value;
      return;
    case 'image_id':
      image.id = value as string;
      return;
    case 'owner':
      image.owner = value as string | null;
      return;
    case 'created_at':
    case 'updated_at':
      // The db layer formats these with strftime: anything but a datetime fails at save.
      (image as unknown as Record<string, unknown>)[name] = value;
      return;
    case 'name': case 'protected': case 'checksum': case 'size': case 'virtual_size':
      (image as unknown as Record<string, unknown>)[name] = value;
      return;
    default:
      throw new DomainError('crash', `cannot set ${name}`, 'AttributeError');
  }
}

function toIterable(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  if (typeof value === 'string') return [...value];
  if (value !== null && typeof value === 'object') return Object.keys(value);
  throw new DomainError('crash', `'${typeof value}' object is not iterable`, 'TypeError');
}

function lengthOf(value: unknown): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (value !== null && typeof value === 'object') return Object.keys(value).length;
  return 0;
}
