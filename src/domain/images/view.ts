/**
 * What listeners see of an image: the notification payload
 * (glance/notifier.py format_image_notification), and oslo's isotime.
 */
import type { Image } from './image.js';

/** oslo isotime: seconds precision, Z. */
export function isotime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
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
