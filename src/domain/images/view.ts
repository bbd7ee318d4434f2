/**
 * What callers and listeners see of an image: the v2 response body and the
 * notification payloads (glance/api/v2/images.py ResponseSerializer,
 * glance/notifier.py format_image_notification).
 */
import { pyTruthy, pyTypeName } from '../../lib/python.js';
import type { Settings } from '../../shared/settings.js';
import type { Clock } from '../../shared/world.js';
import { DomainError } from '../errors.js';
import type { Image, Location } from './image.js';

/** Keys of the v2 image schema; other keys holding null show as ''. */
const SCHEMA_KEYS = new Set([
  'id', 'name', 'status', 'visibility', 'protected', 'checksum', 'owner', 'size', 'virtual_size',
  'container_format', 'disk_format', 'created_at', 'updated_at', 'tags', 'direct_url', 'min_ram',
  'min_disk', 'self', 'file', 'schema', 'locations',
]);

/** oslo isotime: seconds precision, Z. */
export function isotime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * timeutils.isotime on an image's own time, which a PATCH may have replaced.
 * NOTE(quirk): a falsy value means now; any other non-datetime fails on
 * `strftime` (AttributeError, 500), after the save.
 */
export function imageTime(at: unknown, clock: Clock): string {
  const when = at instanceof Date || pyTruthy(at) ? at : clock.now();
  if (!(when instanceof Date)) throw new DomainError('crash', `'${pyTypeName(when)}' object has no attribute 'strftime'`, 'AttributeError');
  return isotime(when);
}

/**
 * The image body. `locations` is what the caller may read of them, or null
 * when get_image_location is denied (the serializer then shows none).
 */
export function imageBody(
  image: Image, settings: Settings, clock: Clock, locations: readonly Location[] | null,
): Record<string, unknown> {
  const view: Record<string, unknown> = Object.fromEntries(image.properties);
  Object.assign(view, {
    name: image.name, disk_format: image.disk_format, container_format: image.container_format,
    visibility: image.visibility, size: image.size, virtual_size: image.virtual_size, status: image.status,
    checksum: image.checksum, protected: image.protected, min_ram: image.min_ram, min_disk: image.min_disk,
    owner: image.owner, id: image.id, created_at: imageTime(image.created_at, clock), updated_at: imageTime(image.updated_at, clock),
  });
  const shown = locations ?? [];
  if (settings.show_multiple_locations) view['locations'] = shown.map((l) => ({ ...l.extra, url: l.url, metadata: l.metadata }));
  if (settings.show_image_direct_url && shown.length > 0) view['direct_url'] = shown[0]?.url;
  view['tags'] = [...image.tags];
  return schemaFiltered(view, settings.allow_additional_image_properties);
}

/**
 * glance/schema.py filter: without additional properties only schema keys
 * are shown.
 * NOTE(quirk): a null-valued key outside the schema shows as '' even then.
 */
function schemaFiltered(view: Record<string, unknown>, permissive: boolean): Record<string, unknown> {
  for (const [k, v] of Object.entries(view)) {
    if (SCHEMA_KEYS.has(k)) continue;
    if (v === null) view[k] = '';
    else if (!permissive) delete view[k];
  }
  return view;
}

export function imagePayload(image: Image, clock: Clock): Record<string, unknown> {
  return {
    id: image.id, name: image.name, status: image.status,
    created_at: imageTime(image.created_at, clock), updated_at: imageTime(image.updated_at, clock),
    min_disk: image.min_disk, min_ram: image.min_ram, protected: image.protected, checksum: image.checksum,
    owner: image.owner, disk_format: image.disk_format, container_format: image.container_format,
    size: image.size, virtual_size: image.virtual_size, is_public: image.visibility === 'public',
    visibility: image.visibility, properties: Object.fromEntries(image.properties), tags: [...image.tags],
    deleted: false, deleted_at: null,
  };
}
