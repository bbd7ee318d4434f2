/**
 * Reading an image for a use case: the db lookup with show-visibility, the
 * get_image policy, what property protections let the caller read, and
 * whether the caller may change it. Also the policy targets built from it.
 */
import type { Ctx } from '../context.js';
import { DomainError } from '../errors.js';
import { enforceGetImageOnMissing } from '../compat/lookups.js';
import { readableOnly, refuseUnreadableKeys } from '../compat/protections.js';
import { canMutate } from '../rules/visibility.js';
import type { Image, Location } from './image.js';
import type { PyValueProtocol } from '../../lib/python.js';

export interface Loaded {
  readonly image: Image;
  /** Owner or admin: otherwise every write is refused (authorization layer). */
  readonly mutable: boolean;
  /** Property names present when read (the property quota checks additions). */
  readonly originalKeys: ReadonlySet<string>;
  /** What a PATCH of /extra_properties put there when it was not a dict (compat/proxy-attributes.ts). */
  extraPropertiesReplacedBy?: unknown;
}

/** get_repo().get(id), then get_image and what the protections let the caller read. */
export function loadImage(ctx: Ctx, id: string): Loaded {
  const protections = ctx.protections();
  let image: Image;
  try {
    image = ctx.repo.get(ctx.actor, id);
  } catch (e) {
    if (e instanceof DomainError && e.status === 404) enforceGetImageOnMissing(ctx);
    throw e;
  }
  ctx.policy.enforce(ctx.actor, 'get_image', policyTarget(image, false));
  if (protections.enabled) image.properties = readable(ctx, image.properties);
  return { image, mutable: canMutate(ctx.actor, image), originalKeys: new Set(image.properties.keys()) };
}

/** The extra properties the caller may read (see compat/protections.ts readableOnly). */
export function readable(ctx: Ctx, props: ReadonlyMap<string, string>): Map<string, string> {
  return readableOnly(ctx.protections(), ctx.actor, props);
}

/**
 * An ImageTarget: the attributes and the extra properties (attributes win).
 * `live` is the mapping itself, where 'id' reads the image id; a dict()
 * snapshot has no 'id' (glance/api/policy.py ImageTarget).
 */
export function policyTarget(image: Image, live: boolean): Record<string, unknown> {
  const target: Record<string, unknown> = Object.fromEntries(image.properties);
  Object.assign(target, {
    name: image.name, image_id: image.id, status: image.status, created_at: pyDatetime(image.created_at),
    updated_at: pyDatetime(image.updated_at), visibility: image.visibility, min_disk: image.min_disk, min_ram: image.min_ram,
    protected: image.protected, checksum: image.checksum, owner: image.owner,
    disk_format: image.disk_format, container_format: image.container_format, size: image.size,
    virtual_size: image.virtual_size, extra_properties: Object.fromEntries(image.properties),
    tags: proxyObject('glance.quota.QuotaImageTagsProxy'), locations: proxyObject('glance.quota.QuotaImageLocationsProxy'),
  });
  if (live) target['id'] = image.id;
  else delete target['id'];
  return target;
}

/**
 * The tags and locations the policy layer reads are the quota layer's
 * proxies, which Python prints as `<class object at address>`: a rule
 * comparing them with a literal never matches (example 490).
 */
function proxyObject(pyClass: string): PyValueProtocol {
  return { pyTypeName: pyClass.slice(pyClass.lastIndexOf('.') + 1), toPyRepr: () => `<${pyClass} object at 0x7f0000000000>`, pyTruthy: () => true };
}

/** str(datetime) as a policy rule would format it. */
function pyDatetime(at: Date): string {
  return at.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
}

/**
 * The locations the caller may read, or null when get_image_location is
 * denied. The serializer reads them only when a setting shows them, so a
 * rule that cannot even be evaluated fails only those deployments.
 */
export function readableLocations(ctx: Ctx, image: Image): Location[] | null {
  if (!ctx.settings.show_multiple_locations && !ctx.settings.show_image_direct_url) return null;
  return ctx.policy.allows(ctx.actor, 'get_image_location', {}) ? image.locations : null;
}

/** dict(ImageTarget) on a save or delete, read through the protections (compat/protections.ts refuseUnreadableKeys). */
export function snapshotTarget(ctx: Ctx, image: Image): Record<string, unknown> {
  const protections = ctx.protections();
  if (protections.enabled) refuseUnreadableKeys(protections, ctx.actor, image.properties.keys());
  return policyTarget(image, false);
}
