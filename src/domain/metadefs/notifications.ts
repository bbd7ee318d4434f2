/**
 * The payloads of the catalog's notifications (metadef_namespace.*,
 * metadef_object.*, metadef_property.*, metadef_resource_type.*,
 * metadef_tag.*), as Glance formats them. A missing time prints as now.
 * @see glance/notifier.py format_metadef_*_notification
 */
import { pyTruthy } from '../../lib/python.js';
import type { WsmeBase } from '../../lib/wsme.js';
import type { Clock } from '../../shared/world.js';
import { notADict, orNone } from '../compat/metadef-answers.js';
import type { ObjectFacts } from './views.js';

/** `timeutils.isotime(at)`: a missing time is now. */
function isotimeOrNow(at: Date | null | undefined, clock: Clock): string {
  return (at ?? clock.now()).toISOString().slice(0, 19) + 'Z';
}

/** What a namespace notification tells of it. */
export interface NamespaceFacts {
  readonly namespace: unknown;
  readonly display_name: unknown;
  readonly description: unknown;
  readonly visibility: unknown;
  readonly protected: unknown;
  readonly owner: unknown;
  readonly created_at: Date | null;
  readonly updated_at: Date | null;
}

export function namespacePayload(ns: NamespaceFacts, clock: Clock): Record<string, unknown> {
  return {
    namespace: ns.namespace, namespace_old: ns.namespace, display_name: ns.display_name, protected: ns.protected,
    visibility: ns.visibility, owner: ns.owner, description: ns.description,
    created_at: isotimeOrNow(ns.created_at, clock), updated_at: isotimeOrNow(ns.updated_at, clock), deleted: false, deleted_at: null,
  };
}

const PROPERTY_KEYS = [
  'type', 'title', 'description', 'default', 'minimum', 'maximum', 'enum', 'pattern', 'minLength', 'maxLength',
  'confidential', 'items', 'uniqueItems', 'minItems', 'maxItems', 'additionalItems',
] as const;


/**
 * An object's payload: each property value as compat/metadef-answers.ts
 * orNone writes it; `default` (bytes) and `items` (an ItemType) go out as
 * the objects they are.
 */
export function objectPayload(namespace: unknown, obj: ObjectFacts, clock: Clock): Record<string, unknown> {
  const properties = pyTruthy(obj.properties) ? obj.properties : new Map();
  if (!(properties instanceof Map)) throw notADict(properties, 'items');
  const listed = [...(properties as Map<unknown, WsmeBase>)].map(([name, prop]) => {
    const out: Record<string, unknown> = { name };
    for (const key of PROPERTY_KEYS) {
      out[key] = orNone(prop.getattr(key));
    }
    return out;
  });
  return {
    namespace, name: obj.name, name_old: obj.name, properties: listed, required: obj.required, description: obj.description,
    created_at: isotimeOrNow(obj.created_at, clock), updated_at: isotimeOrNow(obj.updated_at, clock), deleted: false, deleted_at: null,
  };
}

/** A property's payload reads its stored schema (a dict): each key as it is there, or None. */
export function propertyPayload(namespace: unknown, name: unknown, schema: unknown): Record<string, unknown> {
  if (!(schema instanceof Map)) throw notADict(schema, 'get');
  const out: Record<string, unknown> = { namespace, name, name_old: name };
  for (const key of PROPERTY_KEYS) out[key] = schema.has(key) ? schema.get(key) : null;
  out['deleted'] = false;
  out['deleted_at'] = null;
  return out;
}

export interface AssociationFacts {
  readonly name: unknown;
  readonly prefix: unknown;
  readonly properties_target: unknown;
  readonly created_at: Date | null;
  readonly updated_at: Date | null;
}

export function resourceTypePayload(namespace: unknown, rt: AssociationFacts, clock: Clock): Record<string, unknown> {
  return {
    namespace, name: rt.name, name_old: rt.name, prefix: rt.prefix, properties_target: rt.properties_target,
    created_at: isotimeOrNow(rt.created_at, clock), updated_at: isotimeOrNow(rt.updated_at, clock), deleted: false, deleted_at: null,
  };
}

export function tagPayload(namespace: unknown, tag: { name: unknown; created_at: Date | null; updated_at: Date | null }, clock: Clock): Record<string, unknown> {
  return {
    namespace, name: tag.name, name_old: tag.name, created_at: isotimeOrNow(tag.created_at, clock),
    updated_at: isotimeOrNow(tag.updated_at, clock), deleted: false, deleted_at: null,
  };
}

/** What a delete notification adds: deleted now. */
export function deletedNow(clock: Clock): Record<string, unknown> {
  return { deleted: true, deleted_at: isotimeOrNow(null, clock) };
}
