/**
 * What callers and listeners see of an image: the v2 response body and the
 * notification payloads (glance/api/v2/images.py ResponseSerializer,
 * glance/notifier.py format_image_notification).
 */
import type { Settings } from '../../shared/settings.js';
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
 * The image body. `locations` is what the caller may read of them, or null
 * when get_image_location is denied (the serializer then shows none).
 */
export function imageBody(image: Image, settings: Settings, locations: readonly Location[] | null): Record<string, unknown> {
  const view: Record<string, unknown> = Object.fromEntries(image.properties);
  Object.assign(view, {
    name: image.name, disk_format: image.disk_format, container_format: image.container_format,
    visibility: image.visibility, size: image.size, virtual_size: image.virtual_size, status: image.status,
    checksum: image.checksum, protected: image.protected, min_ram: image.min_ram, min_disk: image.min_disk,
    owner: image.owner, id: image.id, created_at: isotime(image.created_at), updated_at: isotime(image.updated_at),
  });
  const shown = locations ?? [];
  if (settings.show_multiple_locations) view['locations'] = shown.map((l) => ({ ...l.extra, url: l.url, metadata: l.metadata }));
  if (settings.show_image_direct_url && shown.length > 0) view['direct_url'] = shown[0]?.url;
  view['tags'] = [...image.tags];
  for (const [k, v] of Object.entries(view)) if (v === null && !SCHEMA_KEYS.has(k)) view[k] = '';
  return view;
}

export function imagePayload(image: Image): Record<string, unknown> {
  return {
    id: image.id, name: image.name, status: image.status,
    created_at: isotime(image.created_at), updated_at: isotime(image.updated_at),
    min_disk: image.min_disk, min_ram: image.min_ram, protected: image.protected, checksum: image.checksum,
    owner: image.owner, disk_format: image.disk_format, container_format: image.container_format,
    size: image.size, virtual_size: image.virtual_size, is_public: image.visibility === 'public',
    visibility: image.visibility, properties: Object.fromEntries(image.properties), tags: [...image.tags],
    deleted: false, deleted_at: null,
  };
}
