/**
 * An image as the use cases hold it between reading and writing: plain
 * data, no behaviour. Values the API schema would have typed are `unknown`
 * because the controllers receive them unvalidated.
 */
export interface Location {
  url: string;
  /** Text-only dicts, lists or text (glance_store check_location_metadata). */
  metadata: unknown;
  status: string;
  /** The image_locations row id; absent for a location not yet stored. */
  id?: number;
  /** Other keys a caller put in a new location: shown until the image is read back. */
  extra?: Record<string, unknown>;
}

export interface Image {
  /** Also where a save writes (a PATCH of image_id retargets the save). */
  id: string;
  name: unknown;
  status: string;
  created_at: Date;
  updated_at: Date;
  visibility: string;
  min_disk: unknown;
  min_ram: unknown;
  protected: unknown;
  checksum: unknown;
  owner: string | null;
  disk_format: unknown;
  container_format: unknown;
  size: unknown;
  virtual_size: unknown;
  /** Extra properties the caller can read, in insertion order. */
  properties: Map<string, unknown>;
  tags: Set<string>;
  locations: Location[];
}

/** The attribute names a PATCH path or create keyword treats as attributes. */
export const ATTRIBUTES = [
  'name', 'image_id', 'status', 'created_at', 'updated_at', 'visibility', 'min_disk', 'min_ram',
  'protected', 'locations', 'checksum', 'owner', 'disk_format', 'container_format', 'size',
  'virtual_size', 'extra_properties', 'tags',
] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

export function isAttribute(name: string): name is Attribute {
  return (ATTRIBUTES as readonly string[]).includes(name);
}
