/**
 * What the catalog's requests carry, read as Glance's metadef
 * deserializers read them: a body is required, read-only keys are refused
 * (403), the body is checked against the resource's JSON schema, then read
 * into its WSME type; listings read limit, marker, sort_key, sort_dir and
 * the visibility filter from the query in Glance's order.
 * @see glance/api/v2/metadef_namespaces.py, metadef_objects.py, metadef_properties.py, metadef_tags.py, metadef_resource_types.py RequestDeserializer
 */
import type { PyJson } from '../../lib/pyjson.js';
import { ValueError } from '../../lib/python.js';
import { type MultiDict, type Request } from '../../lib/webob/index.js';
import { frozenSchema } from '../../lib/jsonschema/index.js';
import { fromjson, type ComplexType, type WsmeBase } from '../../lib/wsme.js';
import type { Settings } from '../../shared/settings.js';
import { DomainError } from '../errors.js';
import { requiredJsonBody } from '../http/body.js';
import { schemaDocument, validateAgainst } from '../http/schemas.js';
import { MetadefObject, MetadefTag, MetadefTags, Namespace, PropertyType, ResourceTypeAssociation } from './types.js';
import { objectBodyNotADict } from '../compat/metadef-answers.js';
import { namespaceListLimit, tagListParam } from '../compat/metadef-queries.js';
import { pyInt } from './int.js';

type Fragment = Record<string, unknown>;

const badRequest = (text: string): DomainError => new DomainError('HTTPBadRequest', text);

/**
 * The schema documents /v2/schemas/metadefs/... serve are the ones bodies
 * are checked against: a frozen copy of each, made once, so that jsonschema
 * knows it checked it by its identity instead of walking it per request.
 */
const BODY_DOCUMENTS = new Map<string, Fragment>();

function document(name: string): Fragment {
  let schema = BODY_DOCUMENTS.get(name);
  if (schema === undefined) {
    schema = frozenSchema(structuredClone(schemaDocument(`metadefs/${name}`, {} as Settings) as Fragment));
    BODY_DOCUMENTS.set(name, schema);
  }
  return schema;
}

/** The property schema an object's properties are checked against one by one: no name required. */
let propertyWithoutNameSchema: Fragment | undefined;

function propertyWithoutName(): Fragment {
  if (propertyWithoutNameSchema === undefined) {
    const schema = structuredClone(schemaDocument('metadefs/property', {} as Settings) as Fragment);
    propertyWithoutNameSchema = frozenSchema({ ...schema, required: (schema['required'] as string[]).filter((k) => k !== 'name') });
  }
  return propertyWithoutNameSchema;
}

/** The body of POST /tags: a list of names and nothing else. */
const TAG_LIST_SCHEMA: Fragment = frozenSchema({
  name: 'tags',
  properties: {
    tags: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false } },
  },
  additionalProperties: false,
});

/** The schema each body is checked against, by what the body is. */
export const BODY_SCHEMAS = {
  namespace: () => document('namespace'),
  object: () => document('object'),
  /** Each property of an object to create. */
  objectProperty: propertyWithoutName,
  property: () => document('property'),
  resourceTypeAssociation: () => document('resource_type'),
  tag: () => document('tag'),
  tags: () => TAG_LIST_SCHEMA,
} as const;

/** What a body may not name, per resource. */
const READ_ONLY = {
  namespace: ['self', 'schema', 'created_at', 'updated_at'],
  object: ['self', 'schema', 'created_at', 'updated_at'],
  other: ['created_at', 'updated_at'],
} as const;

/** Python's `key in body` for a dict or a list. */
function names(body: PyJson, key: string): boolean {
  if (body instanceof Map) return body.has(key);
  if (Array.isArray(body)) return body.includes(key);
  return false;
}

/** The body, its read-only keys refused, checked against the schema. */
function checkedBody(req: Request, readOnly: readonly string[], schema: Fragment): PyJson {
  const body = requiredJsonBody(req);
  for (const key of readOnly) {
    if (names(body, key)) throw new DomainError('HTTPForbidden', `Attribute '${key}' is read-only.`);
  }
  validateAgainst(body, schema);
  return body;
}

function read<T extends WsmeBase>(type: ComplexType, body: PyJson): T {
  return fromjson(type, body) as T;
}

export function parseNamespace(req: Request): Namespace {
  return read(Namespace, checkedBody(req, READ_ONLY.namespace, BODY_SCHEMAS.namespace()));
}

/** An object to create: each of its properties also passes the property schema (no name needed). */
export function parseObjectCreate(req: Request): MetadefObject {
  const body = checkedBody(req, READ_ONLY.object, BODY_SCHEMAS.object());
  if (names(body, 'properties')) {
    if (!(body instanceof Map)) throw objectBodyNotADict();
    const properties = body.get('properties') as Map<string, PyJson>;
    for (const value of properties.values()) validateAgainst(value, BODY_SCHEMAS.objectProperty());
  }
  return read(MetadefObject, body);
}

export function parseObjectUpdate(req: Request): MetadefObject {
  return read(MetadefObject, checkedBody(req, READ_ONLY.object, BODY_SCHEMAS.object()));
}

export function parseProperty(req: Request): PropertyType {
  return read(PropertyType, checkedBody(req, READ_ONLY.other, BODY_SCHEMAS.property()));
}

export function parseTagUpdate(req: Request): MetadefTag {
  return read(MetadefTag, checkedBody(req, READ_ONLY.other, BODY_SCHEMAS.tag()));
}

export function parseTags(req: Request): MetadefTags {
  return read(MetadefTags, checkedBody(req, READ_ONLY.other, BODY_SCHEMAS.tags()));
}

export function parseAssociation(req: Request): ResourceTypeAssociation {
  return read(ResourceTypeAssociation, checkedBody(req, READ_ONLY.other, BODY_SCHEMAS.resourceTypeAssociation()));
}

/** A tag name from the path must be a valid tag. */
export function checkTagName(name: string): void {
  validateAgainst(new Map([['name', name]]), BODY_SCHEMAS.tag());
}

// ------------------------------------------------------------------ queries

/** A limit that must be an integer at least `least`. */
function validLimit(value: string | number | bigint, least: 0 | 1): number | bigint {
  let n: number | bigint;
  try {
    n = pyInt(value);
  } catch (e) {
    if (e instanceof ValueError) throw badRequest('limit param must be an integer');
    throw e;
  }
  if (n < least) throw badRequest('limit param must be positive');
  return n;
}

function sortDir(value: string): 'asc' | 'desc' {
  if (value !== 'asc' && value !== 'desc') throw badRequest(`Invalid sort direction: ${value}`);
  return value;
}

/** Only the visibility filter is checked, by its last value. */
function checkVisibility(filters: MultiDict<string>, allowed: readonly string[]): MultiDict<string> {
  const visibility = filters.get('visibility');
  if (visibility && !allowed.includes(visibility)) throw badRequest(`Invalid visibility value: ${visibility}`);
  return filters;
}

export interface ListQuery {
  readonly marker: string | null;
  readonly limit: number | bigint | null;
  readonly sortKey: string;
  readonly sortDir: 'asc' | 'desc';
  /** The query's other parameters (a repeated limit or marker keeps its later values here). */
  readonly filters: MultiDict<string>;
}

/**
 * The namespace listing's query: the limit defaults to limit_param_default
 * and is capped at api_limit_max before it is validated
 * (compat/metadef-queries.ts namespaceListLimit).
 */
export function parseNamespaceIndex(req: Request, settings: Pick<Settings, 'limit_param_default' | 'api_limit_max'>): ListQuery {
  const params = req.params.copy();
  const given = params.pop('limit', null as unknown as string) as string | null;
  const marker = params.pop('marker', null as unknown as string) as string | null;
  const dir = params.pop('sort_dir', 'desc');
  const capped = namespaceListLimit(given, settings);
  const sortKey = params.pop('sort_key', 'created_at');
  const checkedDir = sortDir(dir);
  const filters = checkVisibility(params, ['public', 'private']);
  return { marker, sortKey, sortDir: checkedDir, filters, limit: validLimit(capped, 0) };
}

/** The namespace show's query: its visibility value is checked, resource_type read later. */
export function parseNamespaceShow(req: Request): MultiDict<string> {
  return checkVisibility(req.params.copy(), ['public', 'private']);
}

/** The object listing's query, checked (limit at least 1) and then not used. */
export function checkObjectIndex(req: Request): void {
  const params = req.params.copy();
  const limit = params.pop('limit', null as unknown as string) as string | null;
  params.pop('marker', null as unknown as string);
  const dir = params.pop('sort_dir', 'desc');
  params.pop('sort_key', 'created_at');
  sortDir(dir);
  checkVisibility(params, ['public', 'private', 'shared']);
  if (limit !== null) validLimit(limit, 1);
}

/** The tag listing's query: marker and limit as compat/metadef-queries.ts tagListParam reads them, a limit of 0 accepted. */
export function parseTagIndex(req: Request): ListQuery {
  const params = req.params.copy();
  const limit = params.pop('limit', null as unknown as string) as string | null;
  const marker = params.pop('marker', null as unknown as string) as string | null;
  const dir = params.pop('sort_dir', 'desc');
  const sortKey = params.pop('sort_key', 'created_at');
  const checkedDir = sortDir(dir);
  const filters = checkVisibility(params, ['public', 'private', 'shared']);
  const givenLimit = tagListParam(limit);
  return { marker: tagListParam(marker), sortKey, sortDir: checkedDir, filters, limit: givenLimit === null ? null : validLimit(givenLimit, 0) };
}
