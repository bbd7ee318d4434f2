/**
 * Image locations and the storage quota, kept as Glance 16.0.0 handles
 * them through PATCH and upload.
 * @see glance/api/v2/images.py _do_replace_locations, _do_add_locations, _do_remove_locations
 * @see glance/quota/__init__.py, glance/api/common.py check_quota
 */
import type { Actor } from '../actor.js';
import { DomainError, pyName } from '../errors.js';
import type { Location } from '../images/image.js';

/**
 * docs/divergence-candidates.md #20: storage is charged to the caller's
 * project (the context's owner), not to the image owner.
 */
export function chargedOwner(actor: Actor): string | null {
  return actor.owner;
}

/**
 * docs/divergence-candidates.md #20: adding a location checks the quota
 * without leaving the image out, so its own existing usage counts too.
 */
export const USAGE_EXCLUDED_ON_ADD: string | null = null;

/**
 * docs/divergence-candidates.md #14: replacing the locations stores the
 * given list, whose entries carry no row ids, so every row is rewritten
 * (new ids, even for the same URLs) and a queued image stays queued.
 */
export function replacedLocations(wanted: Location[]): Location[] {
  for (const loc of wanted) loc.status = 'active';
  return wanted;
}

/**
 * docs/divergence-candidates.md #13: any Glance failure inside the pop of
 * a location (a delete_image_location denial included) answers 500 with
 * its text.
 */
export function removalFailure(e: unknown): unknown {
  return e instanceof DomainError ? new DomainError('HTTPInternalServerError', e.message) : e;
}

/**
 * docs/divergence-candidates.md #21: the db api reads no locations of a
 * deactivated image for a non-admin, so such a caller deletes it outright
 * (no pending_delete, the data kept) where an admin is refused.
 */
export function locationsHidden(actor: Actor, status: string): boolean {
  return status === 'deactivated' && !actor.isAdmin;
}

/**
 * docs/divergence-candidates.md #31: the image schema lets a new location
 * carry keys besides `url` and `metadata`; they stay on the location the
 * PATCH answers (echoed) but the db never stores them.
 */
export function echoedKeys(raw: Record<string, unknown>): Record<string, unknown> {
  const { url: _url, metadata: _metadata, status: _status, id: _id, ...extra } = raw;
  return extra;
}

/**
 * docs/divergence-candidates.md #31: a URL Python's urlparse refuses (a
 * malformed IPv6 host) raises ValueError, which the PATCH controller
 * answers with 400 and Python's text (`Invalid IPv6 URL`).
 * @returns the failure to raise, or null when `e` is no ValueError.
 */
export function urlValueError(e: unknown): DomainError | null {
  return pyName(e) === 'ValueError' ? new DomainError('BadValue', e instanceof Error ? e.message : String(e)) : null;
}
