/**
 * PATCH on /locations: replace the list, insert one, or remove one, each
 * with the checks of every layer in Glance's order: the controller's
 * guards, authorization, the location policies, the location and storage
 * quotas, then the store validation.
 * @see glance/api/v2/images.py _do_replace_locations, _do_add_locations, _do_remove_locations
 */
import { pyEquals } from '../../lib/pycollections.js';
import { pyRepr } from '../../lib/python.js';
import { compareCodePoints } from '../../lib/pyjson.js';
import { chargedOwner, echoedKeys, removalFailure, replacedLocations, USAGE_EXCLUDED_ON_ADD } from '../compat/locations.js';
import type { Ctx } from '../context.js';
import { DomainError, fail } from '../errors.js';
import { checkCount, checkStorage, parseStorageQuota, type PyInt } from '../rules/quota.js';
import type { Loaded } from './access.js';
import { policyTarget } from './access.js';
import { setStatus } from './attributes.js';
import type { Image, Location } from './image.js';
import { backendSize, checkLocation, deleteLocationData, storeFailure } from './store.js';

function requireShown(ctx: Ctx, verb: string): void {
  if (!ctx.settings.show_multiple_locations) {
    fail('HTTPForbidden', `It's not allowed to ${verb} locations if locations are invisible.`);
  }
}

/** len(image.locations) through the policy layer: reading needs get_image_location. */
function readCount(ctx: Ctx, image: Image): number {
  ctx.policy.enforce(ctx.actor, 'get_image_location', {});
  return image.locations.length;
}

const sameLocation = (a: Location, b: Location): boolean => a.url === b.url && pyEquals(a.metadata, b.metadata);

/** quota _calc_required_size: size x n, or the first backend size x n. */
function requiredSize(ctx: Ctx, image: Image, locations: readonly Location[]): number | null {
  if (image.size) return (image.size as number) * locations.length;
  for (const loc of locations) {
    const size = backendSize(ctx, loc.url);
    if (size) return size * locations.length;
  }
  return null;
}

/** The storage quota left to the charged project (compat/locations.ts chargedOwner), or null when unlimited. */
export function checkUserStorage(ctx: Ctx, size: number | null, excludeId: string | null): PyInt | null {
  const quota = parseStorageQuota(ctx.settings.user_storage_quota);
  if (quota === null) return null;
  return checkStorage(quota, ctx.repo.storageUsage(chargedOwner(ctx.actor), excludeId), size);
}

/**
 * A location as the image schema let it through: a dict with a url and a
 * metadata dict, and any other keys (compat/locations.ts echoedKeys).
 */
function asLocation(raw: unknown): Location {
  const given = raw as Record<string, unknown>;
  const status = (given['status'] as string | undefined) ?? 'active';
  return { url: given['url'] as string, metadata: given['metadata'], status, extra: echoedKeys(given) };
}

export function replaceLocations(ctx: Ctx, loaded: Loaded, value: unknown): void {
  const { image } = loaded;
  requireShown(ctx, 'update');
  if (image.status !== 'active' && image.status !== 'queued') {
    fail('HTTPConflict', `It's not allowed to replace locations if image status is ${image.status}.`);
  }
  if (!loaded.mutable) fail('Forbidden', "You are not permitted to modify 'locations' on this image.");
  ctx.policy.enforce(ctx.actor, 'set_image_location', policyTarget(image, true));
  const wanted = (value as unknown[]).map(asLocation);
  const newUrls = new Set(wanted.map((l) => l.url));
  if (image.locations.some((l) => !newUrls.has(l.url))) ctx.policy.enforce(ctx.actor, 'delete_image_location', policyTarget(image, true));
  if (ctx.settings.image_location_quota >= 0) checkCount('locations', wanted.length, ctx.settings.image_location_quota);
  checkUserStorage(ctx, requiredSize(ctx, image, wanted), image.id);
  const sorted = (ls: readonly Location[]): string => JSON.stringify(ls.map((l) => l.url).sort(compareCodePoints));
  if (sameList(image.locations, value as unknown[])) return;
  if (image.locations.length > 0 && sorted(wanted) !== sorted(image.locations)) {
    fail('Invalid', `Original locations is not empty: ${pyRepr(image.locations.map(locationRepr))}`);
  }
  if (sorted(wanted) !== sorted(image.locations)) {
    for (const loc of wanted) {
      checkLocation(ctx, loc);
      loc.status = 'active';
      if (wanted.filter((o) => sameLocation(o, loc)).length > 1) fail('DuplicateLocation', `The location ${loc.url} already exists`);
    }
    fillSize(ctx, image, wanted);
  }
  image.locations = replacedLocations(wanted);
}

/** Python's list == between the stored dicts and the given ones. */
function sameList(current: readonly Location[], given: readonly unknown[]): boolean {
  return pyEquals(current.map(locationRepr), given);
}

/** The location as Glance's dict: rows read from the db carry their id; one added in this request has none. */
function locationRepr(l: Location): Record<string, unknown> {
  return l.id === undefined ? { url: l.url, metadata: l.metadata, status: l.status } : { id: l.id, url: l.url, metadata: l.metadata, status: l.status };
}

/** Glance's set_data and size fill read the size through the store; failures surface as Python's. */
function sizeOf(ctx: Ctx, url: string): number {
  try {
    return ctx.world.store.getSizeFromBackend(url);
  } catch (e) {
    throw storeFailure(e);
  }
}

function fillSize(ctx: Ctx, image: Image, locations: readonly Location[]): void {
  if (image.size) return;
  for (const loc of locations) {
    const size = sizeOf(ctx, loc.url);
    if (size) {
      image.size = size;
      return;
    }
  }
}

/** Position of an add ('-' or digits, even past the end) or remove ('-' or an index in range). */
function position(pathPos: string | undefined, length: number, forAdd: boolean): number | null {
  if (pathPos === undefined) return null;
  let pos = forAdd ? length : length - 1;
  if (/^\d+$/.test(pathPos)) pos = Number(pathPos);
  else if (pathPos !== '-') return null;
  if (!forAdd && !(pos >= 0 && pos < length)) return null;
  return pos;
}

export function addLocation(ctx: Ctx, loaded: Loaded, pathPos: string | undefined, value: unknown): void {
  const { image } = loaded;
  requireShown(ctx, 'add');
  if (image.status !== 'active' && image.status !== 'queued') {
    fail('HTTPConflict', `It's not allowed to add locations if image status is ${image.status}.`);
  }
  const pos = position(pathPos, readCount(ctx, image), true);
  if (pos === null) fail('HTTPBadRequest', 'Invalid position for adding a location.');
  if (!loaded.mutable) fail('Forbidden', 'You are not permitted to modify locations for this image.');
  ctx.policy.enforce(ctx.actor, 'set_image_location', {});
  const location = asLocation(value);
  checkUserStorage(ctx, requiredSize(ctx, image, [location]), USAGE_EXCLUDED_ON_ADD);
  if (ctx.settings.image_location_quota >= 0) checkCount('locations', image.locations.length + 1, ctx.settings.image_location_quota);
  checkLocation(ctx, location);
  location.status = 'active';
  if (image.locations.some((l) => sameLocation(l, location))) fail('DuplicateLocation', `The location ${location.url} already exists`);
  image.locations.splice(pos as number, 0, location);
  fillSize(ctx, image, [location]);
  if (image.status === 'queued') setStatus(image, 'active');
}

/**
 * _do_remove re-raises a Glance Forbidden from removing a location (the
 * last-location guard, a get_image_location denial) as a positional
 * HTTPForbidden; a failure inside the pop answers 500 (compat/locations.ts
 * removalFailure).
 */
export function removeLocation(ctx: Ctx, loaded: Loaded, pathPos: string | undefined): void {
  try {
    removeLocationAt(ctx, loaded, pathPos);
  } catch (e) {
    if (e instanceof DomainError && e.kind === 'Forbidden') throw new DomainError('Forbidden', e.message, { positional: true });
    throw e;
  }
}

function removeLocationAt(ctx: Ctx, loaded: Loaded, pathPos: string | undefined): void {
  const { image } = loaded;
  requireShown(ctx, 'remove');
  if (image.status !== 'active') fail('HTTPConflict', `It's not allowed to remove locations if image status is ${image.status}.`);
  const count = readCount(ctx, image);
  if (count === 1) fail('Forbidden', 'Cannot remove last location in the image.');
  const pos = position(pathPos, count, false);
  if (pos === null) fail('HTTPBadRequest', 'Invalid position for removing a location.');
  try {
    if (!loaded.mutable) fail('Forbidden', 'You are not permitted to modify locations for this image.');
    ctx.policy.enforce(ctx.actor, 'delete_image_location', {});
    const [removed] = image.locations.splice(pos as number, 1);
    if (removed !== undefined) deleteLocationData(ctx, image.id, removed);
  } catch (e) {
    throw removalFailure(e);
  }
}
