/**
 * glance/common/store_utils.py: deleting a location's data (now, or later
 * through the scrubber's queue) and deciding which external locations an
 * image may point at.
 *
 * Python's module reads glance_store, the db api, the scrub queue and CONF
 * as globals; the port receives them once, in `StoreUtilsDeps`.
 */
import { KeyError, TypeError_, pyTypeName } from '../lib/python.js';
import type { Settings } from '../shared/settings.js';
import type { GlanceStore } from '../shared/store/api.js';
import { NotFound, StoreDeleteNotSupported, UnsupportedBackend } from '../shared/store/exceptions.js';
import { validateExternalLocation } from '../shared/store/index.js';
import type { Location } from './proxy.js';

// validate_external_location is the one rule of this module the flat model
// needs too, so it lives with the shared store.
export { RESTRICTED_URI_SCHEMAS, validateExternalLocation } from '../shared/store/index.js';

/** The db api calls store_utils and the scrub queue make. */
export interface StoreUtilsDbApi {
  imageLocationDelete(context: unknown, imageId: string, locationId: unknown, status: string): void;
  imageLocationAdd(context: unknown, imageId: string, location: Location): void;
}

export interface StoreUtilsDeps {
  readonly store: GlanceStore;
  readonly db_api: StoreUtilsDbApi;
  /** Only `delayed_delete` is read here. */
  readonly settings: Pick<Settings, 'delayed_delete'>;
  /** `context.get_admin_context(show_deleted=True)`, the scrub queue's context. */
  readonly adminContext: () => unknown;
  /** CONF.use_user_token (registry client option, default true). */
  readonly use_user_token?: boolean;
}

/** What the location and quota layers call (tests substitute a fake). */
export interface StoreUtilsLike {
  safeDeleteFromBackend(context: unknown, imageId: string, location: Location): unknown;
  scheduleDelayedDeleteFromBackend(context: unknown, imageId: string, location: Location): boolean;
  deleteImageLocationFromBackend(context: unknown, imageId: string, location: Location): void;
  validateExternalLocation(uri: unknown): boolean;
}

/** Python's `location[key]` on what callers hand down (dicts, or garbage from a PATCH). */
export function subscript(location: unknown, key: string): unknown {
  if (location === null || location === undefined) throw new TypeError_("'NoneType' object is not subscriptable");
  if (typeof location === 'string') throw new TypeError_('string indices must be integers');
  if (Array.isArray(location)) throw new TypeError_('list indices must be integers or slices, not str');
  if (typeof location !== 'object') throw new TypeError_(`'${pyTypeName(location)}' object is not subscriptable`);
  if (!Object.prototype.hasOwnProperty.call(location, key)) throw new KeyError(key);
  return (location as Record<string, unknown>)[key];
}

function hasKey(location: Location, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(location, key);
}

/**
 * The functions of glance/common/store_utils.py over one world's store and db.
 * @see glance/common/store_utils.py
 */
export class StoreUtils implements StoreUtilsLike {
  constructor(private readonly deps: StoreUtilsDeps) {}

  /**
   * Deletes the data and marks the location row deleted. A missing object,
   * a store that cannot delete (http) or an unsupported backend is only
   * logged, and then the location is left as it was.
   * @see glance/common/store_utils.py safe_delete_from_backend
   */
  safeDeleteFromBackend(context: unknown, imageId: string, location: Location): unknown {
    try {
      this.deps.store.deleteFromBackend(subscript(location, 'url') as string, { context });
      location.status = 'deleted';
      if (hasKey(location, 'id')) this.deps.db_api.imageLocationDelete(context, imageId, location.id, 'deleted');
      return null;
    } catch (e) {
      // NOTE(quirk): an http location's data cannot be deleted
      // (StoreDeleteNotSupported), so its row keeps its active status.
      if (e instanceof NotFound || e instanceof StoreDeleteNotSupported || e instanceof UnsupportedBackend) return null;
      throw e;
    }
  }

  /**
   * Queues the location for the scrubber: the row is marked pending_delete
   * as admin by the queue, then again as the caller.
   * @see glance/common/store_utils.py schedule_delayed_delete_from_backend
   */
  scheduleDelayedDeleteFromBackend(context: unknown, imageId: string, location: Location): boolean {
    // NOTE(quirk): glance/common/store_utils.py reads CONF.use_user_token here.
    const caller = this.deps.use_user_token === false ? null : context;
    const queued = this.addToScrubQueue(imageId, location);
    if (queued) {
      location.status = 'pending_delete';
      if (hasKey(location, 'id')) this.deps.db_api.imageLocationDelete(caller, imageId, location.id, 'pending_delete');
      else this.deps.db_api.imageLocationAdd(caller, imageId, location);
    }
    return queued;
  }

  /** @see glance/scrubber.py ScrubDBQueue.add_location */
  private addToScrubQueue(imageId: string, location: Location): boolean {
    const locationId = location.id;
    if (!locationId) return false;
    this.deps.db_api.imageLocationDelete(this.deps.adminContext(), imageId, locationId, 'pending_delete');
    return true;
  }

  /**
   * Delayed delete when configured and possible (the location has a row),
   * otherwise immediate.
   * @see glance/common/store_utils.py delete_image_location_from_backend
   */
  deleteImageLocationFromBackend(context: unknown, imageId: string, location: Location): void {
    let deleted = false;
    // NOTE(quirk): glance/common/store_utils.py reads CONF.delayed_delete here.
    if (this.deps.settings.delayed_delete) deleted = this.scheduleDelayedDeleteFromBackend(context, imageId, location);
    if (!deleted) this.safeDeleteFromBackend(context, imageId, location);
  }

  /**
   * A URI's scheme must be known to the store and not one of the restricted
   * local ones (file, filesystem, swift+config).
   * @see glance/common/store_utils.py validate_external_location
   */
  validateExternalLocation(uri: unknown): boolean {
    return validateExternalLocation(this.deps.store, uri);
  }
}
