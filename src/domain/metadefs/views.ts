/**
 * What the catalog answers with: each thing as its WSME type (only the
 * attributes that are not None; times as isotime; links), written as WSME
 * writes JSON (a property's `default` as its WSME type says:
 * compat/metadef-answers.ts PROPERTY_DEFAULT_TYPE).
 * @see glance/common/wsme_utils.py WSMEModelTransformer.to_wsme_model
 * @see glance/api/v2/metadef_*.py ResponseSerializer
 */
import { pyStr } from '../../lib/python.js';
import { OBJECTS_SCHEMA_LINK } from '../compat/metadef-answers.js';
import { tojson, type WsmeBase } from '../../lib/wsme.js';
import type { NamespaceFacts } from './notifications.js';
import type { AssociationRow, ResourceTypeRow } from '../db/metadefs.js';
import { MetadefObject, MetadefTag, Namespace, PropertyType, ResourceType, ResourceTypeAssociation, wsmeOf } from './types.js';

export const SCHEMA_LINKS = {
  namespace: '/v2/schemas/metadefs/namespace',
  namespaces: '/v2/schemas/metadefs/namespaces',
  object: '/v2/schemas/metadefs/object',
  objects: OBJECTS_SCHEMA_LINK,
} as const;

export const namespaceHref = (name: unknown): string => `/v2/metadefs/namespaces/${pyStr(name)}`;
const objectHref = (namespace: unknown, name: unknown): string => `/v2/metadefs/namespaces/${pyStr(namespace)}/objects/${pyStr(name)}`;

/** The parts of a namespace shown beside its own attributes (create and show). */
export interface NamespaceContents {
  readonly resource_type_associations?: unknown;
  readonly properties?: unknown;
  readonly objects?: unknown;
  readonly tags?: unknown;
}

export function namespaceModel(ns: NamespaceFacts, contents: NamespaceContents = {}): Namespace {
  return wsmeOf(Namespace, { ...ns, ...contents }, namespaceHref(ns.namespace), SCHEMA_LINKS.namespace);
}

/** An object as stored or as made: its properties are WSME property types. */
export interface ObjectFacts {
  readonly name: unknown;
  readonly required: unknown;
  readonly description: unknown;
  /** Name to WSME PropertyType, or None. */
  readonly properties: unknown;
  readonly created_at: Date | null;
  readonly updated_at: Date | null;
}

export function objectModel(namespace: unknown, obj: ObjectFacts): MetadefObject {
  return wsmeOf(MetadefObject, obj as unknown as Record<string, unknown>, objectHref(namespace, obj.name), SCHEMA_LINKS.object);
}

export function associationModel(rt: { readonly [K in keyof AssociationRow]: unknown }): ResourceTypeAssociation {
  return wsmeOf(ResourceTypeAssociation, rt as unknown as Record<string, unknown>);
}

export function resourceTypeModel(rt: ResourceTypeRow): ResourceType {
  return wsmeOf(ResourceType, rt as unknown as Record<string, unknown>);
}

export function tagModel(tag: { name: unknown; created_at?: Date | null; updated_at?: Date | null }): MetadefTag {
  return wsmeOf(MetadefTag, tag as unknown as Record<string, unknown>);
}

/** A bare tag, as listings and bulk creates show it: its name only. */
export function tagName(name: unknown): MetadefTag {
  return new MetadefTag({ name });
}

/** WSME's JSON of a value of one of the catalog's types. */
function json(type: typeof Namespace | typeof MetadefObject | typeof PropertyType | typeof ResourceTypeAssociation | typeof ResourceType | typeof MetadefTag, value: WsmeBase): unknown {
  return tojson(type, value);
}

/** A list of models as a JSON list. */
export function jsonList(type: Parameters<typeof json>[0], values: readonly WsmeBase[]): unknown[] {
  return values.map((v) => tojson(type, v));
}

/** A dict of property types as a JSON dict. */
export function jsonProperties(properties: ReadonlyMap<string, PropertyType>): Map<string, unknown> {
  return new Map([...properties].map(([k, v]) => [k, tojson(PropertyType, v)]));
}
