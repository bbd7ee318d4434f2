/**
 * The v2 image schema: the base properties every image has, the schema
 * request bodies are validated against (permissive when additional
 * properties are allowed), the collection schema, and the custom
 * properties a deployment adds from `schema-image.json`.
 *
 * @see glance/api/v2/images.py get_base_properties, get_schema
 */
import { PermissiveSchema, Schema, CollectionSchema, asDict, type DictLike, type PyDict } from '../../schema.js';
import type { Settings } from '../../../shared/settings.js';

/** The options the image schema reads (`CONF.allow_additional_image_properties`, `CONF.image_format.*`). */
export type ImageSchemaSettings = Pick<Settings, 'allow_additional_image_properties' | 'disk_formats' | 'container_formats'>;

const UUID_PATTERN = '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$';

/**
 * The base properties, fragments in Glance's key order (jsonschema applies
 * a fragment's keywords in that order, so it decides which error a body
 * with several faults gets).
 * NOTE(quirk): glance/api/v2/images.py reads CONF.image_format here, on
 * every call: the format enums follow the deployment's lists, None first.
 * @see glance/api/v2/images.py get_base_properties
 */
export function get_base_properties(settings: Pick<Settings, 'disk_formats' | 'container_formats'>): PyDict {
  return new Map<string, unknown>([
    ['id', { type: 'string', description: 'An identifier for the image', pattern: UUID_PATTERN }],
    ['name', { type: ['null', 'string'], description: 'Descriptive name for the image', maxLength: 255 }],
    ['status', {
      type: 'string', readOnly: true, description: 'Status of the image',
      enum: ['queued', 'saving', 'active', 'killed', 'deleted', 'pending_delete', 'deactivated'],
    }],
    ['visibility', { type: 'string', description: 'Scope of image accessibility', enum: ['community', 'public', 'private', 'shared'] }],
    ['protected', { type: 'boolean', description: 'If true, image will not be deletable.' }],
    ['checksum', { type: ['null', 'string'], readOnly: true, description: 'md5 hash of image contents.', maxLength: 32 }],
    ['owner', { type: ['null', 'string'], description: 'Owner of the image', maxLength: 255 }],
    ['size', { type: ['null', 'integer'], readOnly: true, description: 'Size of image file in bytes' }],
    ['virtual_size', { type: ['null', 'integer'], readOnly: true, description: 'Virtual size of image in bytes' }],
    ['container_format', { type: ['null', 'string'], description: 'Format of the container', enum: [null, ...settings.container_formats] }],
    ['disk_format', { type: ['null', 'string'], description: 'Format of the disk', enum: [null, ...settings.disk_formats] }],
    ['created_at', { type: 'string', readOnly: true, description: 'Date and time of image registration' }],
    ['updated_at', { type: 'string', readOnly: true, description: 'Date and time of the last image modification' }],
    ['tags', {
      type: 'array', description: 'List of strings related to the image',
      items: { type: 'string', maxLength: 255 },
    }],
    ['direct_url', { type: 'string', readOnly: true, description: 'URL to access the image file kept in external store' }],
    ['min_ram', { type: 'integer', description: 'Amount of ram (in MB) required to boot image.' }],
    ['min_disk', { type: 'integer', description: 'Amount of disk space (in GB) required to boot image.' }],
    ['self', { type: 'string', readOnly: true, description: 'An image self url' }],
    ['file', { type: 'string', readOnly: true, description: 'An image file url' }],
    ['schema', { type: 'string', readOnly: true, description: 'An image schema url' }],
    ['locations', {
      type: 'array',
      items: {
        type: 'object',
        properties: { url: { type: 'string', maxLength: 255 }, metadata: { type: 'object' } },
        required: ['url', 'metadata'],
      },
      description: 'A set of URLs to access the image file kept in external store',
    }],
  ]);
}

/** @see glance/api/v2/images.py _get_base_links */
function _get_base_links(): unknown[] {
  return [
    { rel: 'self', href: '{self}' },
    { rel: 'enclosure', href: '{file}' },
    { rel: 'describedby', href: '{schema}' },
  ];
}

/**
 * The image schema: permissive (extra properties must be strings) when
 * additional properties are allowed, else strict and without links.
 * Custom properties are marked `is_base: false` (in the caller's dicts) and
 * merged in.
 * @see glance/api/v2/images.py get_schema
 */
export function get_schema(settings: ImageSchemaSettings, custom_properties: DictLike | null = null): Schema {
  const properties = get_base_properties(settings);
  const links = _get_base_links();
  // NOTE(quirk): glance/api/v2/images.py reads CONF.allow_additional_image_properties here.
  const schema = settings.allow_additional_image_properties
    ? new PermissiveSchema('image', properties, links)
    : new Schema('image', properties);
  if (custom_properties !== null && asDict(custom_properties).size > 0) {
    for (const property_value of asDict(custom_properties).values()) setIsBase(property_value);
    schema.merge_properties(custom_properties);
  }
  return schema;
}

/** `property_value['is_base'] = False` on a Map or a plain object. */
function setIsBase(property_value: unknown): void {
  if (property_value instanceof Map) property_value.set('is_base', false);
  else (property_value as Record<string, unknown>)['is_base'] = false;
}

/** @see glance/api/v2/images.py get_collection_schema */
export function get_collection_schema(settings: ImageSchemaSettings, custom_properties: DictLike | null = null): CollectionSchema {
  return new CollectionSchema('images', get_schema(settings, custom_properties));
}

/**
 * The custom properties of `schema-image.json`, found with
 * `CONF.find_file`. The deployment the port reproduces (the reference
 * runner's: no config file, no config directory) has none, so this is
 * Glance's "Could not find schema properties file" branch: an empty dict.
 * @see glance/api/v2/images.py load_custom_properties
 */
export function load_custom_properties(): PyDict {
  return new Map();
}
