/**
 * image.show and image.index: read-only use cases.
 * @see glance/api/v2/images.py ImagesController.show, ImagesController.index
 */
import { pyStr } from '../../lib/python.js';
import type { Ctx } from '../context.js';
import { fail } from '../errors.js';
import { markerLookupFailure } from '../compat/listing.js';
import { loadImage, readable } from './access.js';
import type { MultiDict } from '../../lib/webob/multidict.js';
import type { Image } from './image.js';
import { listImageIds } from '../db/image-listing.js';
import { readFilters } from './filters.js';

export function showImage(ctx: Ctx, id: string): Image {
  return loadImage(ctx, id).image;
}

/** What a listing asks for, as the index deserializer hands it over. */
export interface ImageQuery {
  readonly limit: number | null;
  readonly marker: string | null;
  readonly memberStatus: string;
  readonly sortKeys: readonly string[];
  readonly sortDirs: readonly string[];
  /** What is left of the query, repeated keys included; `tags` the list of tags. */
  readonly filters: MultiDict<unknown>;
}

export interface ImagePage {
  readonly images: Image[];
  /** The last image's id when the page is full. */
  readonly nextMarker: string | null;
}

export function listImages(ctx: Ctx, q: ImageQuery): ImagePage {
  const sortKeys = [...q.sortKeys];
  const sortDirs = [...q.sortDirs];
  const filters = q.filters.copy();
  filters.setItem('deleted', false);
  // The last value of a repeated protected filter decides, and replaces them all.
  const protectedFilter = filters.get('protected');
  if (protectedFilter !== null) {
    if (protectedFilter !== 'true' && protectedFilter !== 'false') {
      fail('HTTPBadRequest', `Invalid value '${pyStr(protectedFilter)}' for 'protected' filter. Valid values are 'true' or 'false'.`);
    }
    filters.setItem('protected', protectedFilter === 'true');
  }
  const limit = Math.min(ctx.settings.api_limit_max, q.limit ?? ctx.settings.limit_param_default);
  const protections = ctx.protections();
  ctx.policy.enforce(ctx.actor, 'get_images', {});
  const ids = listPage(ctx, filters, sortKeys, sortDirs, limit, q.memberStatus, q.marker);
  const images = ctx.repo.loadPage(ctx.actor, ids).map((image) => {
    if (protections.enabled) image.properties = readable(ctx, image.properties);
    return image;
  });
  const nextMarker = ids.length !== 0 && ids.length === limit ? (ids[ids.length - 1] as string) : null;
  return { images, nextMarker };
}

/**
 * image_get_all: defaults created_at/desc, one direction applies to every
 * key, created_at and id are appended, the marker is read with visibility.
 */
function listPage(
  ctx: Ctx, filters: MultiDict<unknown>, keys: string[], dirs: string[], limit: number, memberStatus: string, marker: unknown,
): string[] {
  if (keys.length === 0) keys.push('created_at');
  let defaultDir = 'desc';
  if (dirs.length === 0) dirs.push(...keys.map(() => 'desc'));
  else if (dirs.length === 1) {
    defaultDir = dirs[0] as string;
    dirs.push(...keys.slice(1).map(() => defaultDir));
  }
  const { conditions, visibility } = readFilters(filters);
  let markerRow = null;
  if (marker !== undefined && marker !== null) {
    try {
      markerRow = ctx.repo.getRowChecked(ctx.actor, String(marker));
    } catch (e) {
      throw markerLookupFailure(e);
    }
  }
  for (const key of ['created_at', 'id']) {
    if (keys.includes(key)) continue;
    keys.push(key);
    dirs.push(defaultDir);
  }
  return listImageIds(ctx.world.db, ctx.actor, { conditions, visibility, sortKeys: keys, sortDirs: dirs, limit, memberStatus, marker: markerRow });
}
