/**
 * The JSON schemas of the images side, as data: what request bodies are
 * validated against (with Python's jsonschema, src/lib/jsonschema) and the
 * documents /v2/schemas/... serve. The image schema follows the deployment
 * (its format enums, and whether extra properties are allowed); the others
 * are fixed. Fragments keep Glance's key order: jsonschema applies a
 * fragment's keywords in that order, which decides the error a body with
 * several faults gets.
 * @see glance/api/v2/images.py get_base_properties, get_schema
 * @see glance/api/v2/image_members.py, glance/api/v2/tasks.py, glance/schema.py
 */
import { readFileSync } from 'node:fs';
import { frozenSchema, validate, ValidationError } from '../../lib/jsonschema/index.js';
import type { Settings } from '../../shared/settings.js';
import { formatEnum } from '../compat/schemas.js';
import { DomainError } from '../errors.js';

type Fragment = Record<string, unknown>;
type ImageSchemaSettings = Pick<Settings, 'allow_additional_image_properties' | 'disk_formats' | 'container_formats'>;

const UUID_PATTERN = '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$';

/** The image's base properties, the format enums from the deployment (compat/schemas.ts formatEnum). */
export function imageProperties(settings: Pick<Settings, 'disk_formats' | 'container_formats'>): Fragment {
  return {
    id: { type: 'string', description: 'An identifier for the image', pattern: UUID_PATTERN },
    name: { type: ['null', 'string'], description: 'Descriptive name for the image', maxLength: 255 },
    status: {
      type: 'string', readOnly: true, description: 'Status of the image',
      enum: ['queued', 'saving', 'active', 'killed', 'deleted', 'pending_delete', 'deactivated'],
    },
    visibility: { type: 'string', description: 'Scope of image accessibility', enum: ['community', 'public', 'private', 'shared'] },
    protected: { type: 'boolean', description: 'If true, image will not be deletable.' },
    checksum: { type: ['null', 'string'], readOnly: true, description: 'md5 hash of image contents.', maxLength: 32 },
    owner: { type: ['null', 'string'], description: 'Owner of the image', maxLength: 255 },
    size: { type: ['null', 'integer'], readOnly: true, description: 'Size of image file in bytes' },
    virtual_size: { type: ['null', 'integer'], readOnly: true, description: 'Virtual size of image in bytes' },
    container_format: { type: ['null', 'string'], description: 'Format of the container', enum: formatEnum(settings.container_formats) },
    disk_format: { type: ['null', 'string'], description: 'Format of the disk', enum: formatEnum(settings.disk_formats) },
    created_at: { type: 'string', readOnly: true, description: 'Date and time of image registration' },
    updated_at: { type: 'string', readOnly: true, description: 'Date and time of the last image modification' },
    tags: { type: 'array', description: 'List of strings related to the image', items: { type: 'string', maxLength: 255 } },
    direct_url: { type: 'string', readOnly: true, description: 'URL to access the image file kept in external store' },
    min_ram: { type: 'integer', description: 'Amount of ram (in MB) required to boot image.' },
    min_disk: { type: 'integer', description: 'Amount of disk space (in GB) required to boot image.' },
    self: { type: 'string', readOnly: true, description: 'An image self url' },
    file: { type: 'string', readOnly: true, description: 'An image file url' },
    schema: { type: 'string', readOnly: true, description: 'An image schema url' },
    locations: {
      type: 'array',
      items: {
        type: 'object',
        properties: { url: { type: 'string', maxLength: 255 }, metadata: { type: 'object' } },
        required: ['url', 'metadata'],
      },
      description: 'A set of URLs to access the image file kept in external store',
    },
  };
}

/** The image schema's property names: the same for every deployment (only the format enums vary). */
export const IMAGE_PROPERTY_NAMES: ReadonlySet<string> = new Set(Object.keys(imageProperties({ disk_formats: [], container_formats: [] })));

const IMAGE_LINKS = [
  { rel: 'self', href: '{self}' },
  { rel: 'enclosure', href: '{file}' },
  { rel: 'describedby', href: '{schema}' },
];

/** The image schema document: permissive (extra properties must be strings) or closed. */
export function imageSchema(settings: ImageSchemaSettings): Fragment {
  const base = { name: 'image', properties: imageProperties(settings) };
  if (!settings.allow_additional_image_properties) return { ...base, additionalProperties: false };
  return { ...base, additionalProperties: { type: 'string' }, links: IMAGE_LINKS };
}

/**
 * The image schema request bodies are validated against, built once per
 * deployment's schema settings and frozen: jsonschema then checks it
 * against its meta-schema once, not per request (the check was a tenth of
 * the flat model's time). Its value is imageSchema's.
 */
const VALIDATION_SCHEMAS = new Map<string, Fragment>();

export function validationImageSchema(settings: ImageSchemaSettings): Fragment {
  const key = JSON.stringify([settings.allow_additional_image_properties, settings.disk_formats, settings.container_formats]);
  let schema = VALIDATION_SCHEMAS.get(key);
  if (schema === undefined) {
    // A long soak meets many deployments: keep the most recent ones.
    if (VALIDATION_SCHEMAS.size >= 64) VALIDATION_SCHEMAS.delete(VALIDATION_SCHEMAS.keys().next().value as string);
    schema = frozenSchema(imageSchema(settings));
    VALIDATION_SCHEMAS.set(key, schema);
  }
  return schema;
}

const MEMBER_PROPERTIES: Fragment = {
  member_id: { type: 'string', description: 'An identifier for the image member (tenantId)' },
  image_id: { type: 'string', description: 'An identifier for the image', pattern: UUID_PATTERN },
  created_at: { type: 'string', description: 'Date and time of image member creation' },
  updated_at: { type: 'string', description: 'Date and time of last modification of image member' },
  status: { type: 'string', description: 'The status of this image member', enum: ['pending', 'accepted', 'rejected'] },
  schema: { readOnly: true, type: 'string' },
};

const TASK_PROPERTIES: Fragment = {
  id: { description: 'An identifier for the task', pattern: UUID_PATTERN, type: 'string' },
  type: { description: 'The type of task represented by this content', enum: ['import', 'api_image_import'], type: 'string' },
  status: { description: 'The current status of this task', enum: ['pending', 'processing', 'success', 'failure'], type: 'string' },
  input: { description: 'The parameters required by task, JSON blob', type: ['null', 'object'] },
  result: { description: 'The result of current task, JSON blob', type: ['null', 'object'] },
  owner: { description: 'An identifier for the owner of this task', type: 'string' },
  message: { description: 'Human-readable informative message only included when appropriate (usually on failure)', type: 'string' },
  expires_at: { description: 'Datetime when this resource would be subject to removal', type: ['null', 'string'] },
  created_at: { description: 'Datetime when this resource was created', type: 'string' },
  updated_at: { description: 'Datetime when this resource was updated', type: 'string' },
  self: { readOnly: true, type: 'string' },
  schema: { readOnly: true, type: 'string' },
};

/** What a task listing shows of a task: no input, result or message. */
export const PARTIAL_TASK_KEYS = Object.keys(TASK_PROPERTIES).filter((k) => !['input', 'result', 'message'].includes(k));
export const TASK_KEYS = Object.keys(TASK_PROPERTIES);
export const MEMBER_KEYS = Object.keys(MEMBER_PROPERTIES);

/** The task schema a create body is validated against (closed). */
export const TASK_SCHEMA: Fragment = frozenSchema({ name: 'task', properties: structuredClone(TASK_PROPERTIES), additionalProperties: false });

/** A collection document: the items under the collection's name, paging links only on raw documents. */
function collection(name: string, items: Fragment, raw: boolean): Fragment {
  const properties: Fragment = { [name]: { type: 'array', items } };
  if (raw) Object.assign(properties, { first: { type: 'string' }, next: { type: 'string' } });
  properties['schema'] = { type: 'string' };
  const links = raw
    ? [{ rel: 'first', href: '{first}' }, { rel: 'next', href: '{next}' }, { rel: 'describedby', href: '{schema}' }]
    : [{ rel: 'describedby', href: '{schema}' }];
  return { name, properties, links };
}

/**
 * The ten metadata-definition schema documents, as Glance 16.0.0 builds
 * them (recorded from its metadef_* get_schema / get_collection_schema
 * with the reference runner's Python, key order kept): the flat model
 * serves them but no metadef resource.
 */
const METADEF_DOCUMENTS = JSON.parse(readFileSync(new URL('./metadef-schemas.json', import.meta.url), 'utf8')) as Record<string, Fragment>;

/** The document /v2/schemas/<name> serves, or undefined for a name no route has. */
export function schemaDocument(name: string, settings: ImageSchemaSettings): Fragment | undefined {
  switch (name) {
    case 'image': return imageSchema(settings);
    case 'images': return collection('images', imageSchema(settings), true);
    case 'member': return { name: 'member', properties: MEMBER_PROPERTIES };
    case 'members': return collection('members', { name: 'member', properties: MEMBER_PROPERTIES }, false);
    case 'task': return { name: 'task', properties: TASK_PROPERTIES };
    case 'tasks': return collection('tasks', { name: 'task', properties: Object.fromEntries(PARTIAL_TASK_KEYS.map((k) => [k, TASK_PROPERTIES[k]])) }, false);
    default: return METADEF_DOCUMENTS[name];
  }
}

/**
 * jsonschema.validate against a schema; a failure is the 400 Glance
 * answers, whose text is the whole str(ValidationError).
 * @see glance/schema.py Schema.validate
 */
export function validateAgainst(instance: unknown, schema: Fragment): void {
  try {
    validate(instance, schema);
  } catch (e) {
    if (e instanceof ValidationError) {
      const name = String(schema['name']);
      throw new DomainError('InvalidObject', `Provided object does not match schema '${name}': ${e.toPyStr()}`);
    }
    throw e;
  }
}
