/**
 * An image as the use cases hold it between reading and writing: plain
 * data, no behaviour, typed as the image schema lets values through.
 */
import type { PyFloat } from '../../lib/pyjson.js';
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

/** An integer as the image schema lets one through: an int, an int of any size, or a float like 1.0. */
export type WholeNumber = number | bigint | PyFloat;

export interface Image {
  /** Also where a save writes (a PATCH of image_id retargets the save). */
  id: string;
  name: string | null;
  status: string;
  created_at: Date;
  updated_at: Date;
  visibility: string;
  min_disk: WholeNumber;
  min_ram: WholeNumber;
  protected: boolean;
  checksum: string | null;
  owner: string | null;
  disk_format: string | null;
  container_format: string | null;
  size: number | null;
  virtual_size: number | null;
  /** Extra properties the caller can read, in insertion order. */
  properties: Map<string, string>;
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
