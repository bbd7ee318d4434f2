/**
 * What the image use cases ask of the stores: validate an external
 * location, read sizes, delete data (and mark the location row), as
 * glance/location.py and glance/common/store_utils.py do.
 */
import { Forbidden, HasSnapshot, InUseByStore } from '../../shared/store/exceptions.js';
import { urlparse } from '../../shared/store/urlparse.js';
import { nothingStaged } from '../compat/image-data.js';
import { urlValueError } from '../compat/locations.js';
import type { Ctx } from '../context.js';
import { DomainError, escapedException, pyName } from '../errors.js';
import type { Location } from './image.js';
import { stagedUri } from './data.js';

const RESTRICTED_SCHEMES = ['file', 'filesystem', 'swift+config'];

/**
 * A failure escaping from the store or its URI parsing: a ValueError (a
 * malformed IPv6 host, compat/locations.ts urlValueError) is the caller's
 * 400, anything else a 500.
 */
export function storeFailure(e: unknown): DomainError {
  if (e instanceof DomainError) return e;
  return urlValueError(e) ?? escapedException(e);
}

/** _check_image_location: a known, non-local scheme with data behind it, and text-only metadata. */
export function checkLocation(ctx: Ctx, location: Location): void {
  let ok = false;
  try {
    const scheme = location.url ? urlparse(location.url).scheme : '';
    ok = Boolean(location.url) && ctx.world.store.getKnownSchemes().includes(scheme) && !RESTRICTED_SCHEMES.includes(scheme) &&
      ctx.world.store.getSizeFromBackend(location.url) > 0;
  } catch (e) {
    if (!['UnknownScheme', 'NotFound', 'BadStoreUri'].includes(pyName(e))) throw storeFailure(e);
  }
  if (!ok) throw new DomainError('BadStoreUri', 'Invalid location');
  try {
    ctx.world.store.checkLocationMetadata(location.metadata);
  } catch (e) {
    throw storeFailure(e);
  }
}

/** The backend size, or null where quota's _calc_required_size skips the location. */
export function backendSize(ctx: Ctx, url: string): number | null {
  try {
    return ctx.world.store.getSizeFromBackend(url);
  } catch (e) {
    if (['UnknownScheme', 'NotFound'].includes(pyName(e))) return null;
    if (pyName(e) === 'BadStoreUri') throw new DomainError('BadStoreUri', 'The Store URI was malformed.');
    throw storeFailure(e);
  }
}

/**
 * delete_image_location_from_backend: with delayed_delete the row waits as
 * pending_delete; otherwise the data goes now and the row is marked deleted.
 * Stores that cannot delete (http) leave both alone.
 */
export function deleteLocationData(ctx: Ctx, imageId: string, location: Location): void {
  if (ctx.settings.delayed_delete && location.id !== undefined) {
    location.status = 'pending_delete';
    ctx.repo.markLocation(imageId, location.id, 'pending_delete');
    return;
  }
  try {
    ctx.world.store.deleteFromBackend(location.url);
  } catch (e) {
    if (['NotFound', 'StoreDeleteNotSupported', 'UnsupportedBackend'].includes(pyName(e))) return;
    throw e;
  }
  location.status = 'deleted';
  if (location.id !== undefined) ctx.repo.markLocation(imageId, location.id, 'deleted');
}

/**
 * Deleting an image in `uploading` first deletes its staged data, before any
 * permission check; store failures answer as the delete controller maps
 * them (nothing staged: compat/image-data.ts nothingStaged).
 * @see glance/api/v2/images.py ImagesController.delete
 */
export function deleteStagedData(ctx: Ctx, imageId: string): void {
  try {
    ctx.world.store.deleteFromBackend(stagedUri(ctx, imageId));
  } catch (e) {
    const missing = nothingStaged(e);
    if (missing !== null) throw missing;
    if (e instanceof Forbidden) throw new DomainError('HTTPForbidden', e.msg);
    if (e instanceof InUseByStore) {
      throw new DomainError('HTTPConflict', `Image ${imageId} could not be deleted because it is in use: ${e.msg}`);
    }
    if (e instanceof HasSnapshot) throw new DomainError('HTTPConflict', e.msg);
    throw e;
  }
}
