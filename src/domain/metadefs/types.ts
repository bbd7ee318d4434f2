/**
 * The shapes metadef bodies are read into and answers written from, as
 * WSME 0.11 types (src/lib/wsme.ts): which attribute has which type, which
 * are mandatory, and in what order they print. Reading a body through them
 * applies WSME's coercions (an `int` truncates a float, `default` is
 * `bytes`, a `bool` reads 'yes'), and writing through them WSME's output
 * (`default` decoded as ASCII). The class and module names are Glance's:
 * they show in WSME's error texts and in notification payloads.
 * @see glance/api/v2/model/metadef_*.py
 */
import { ArrayType, DictType, Unset, WsmeBase, defineAttributes, fromjson, wsattr, type WsAttr } from '../../lib/wsme.js';
import { PROPERTY_BOUND_TYPE, PROPERTY_DEFAULT_TYPE } from '../compat/metadef-answers.js';

const MODEL = 'glance.api.v2.model.';

/** The type of an array property's items. */
export class ItemType extends WsmeBase {
  static override readonly pyName = 'ItemType';
  static override readonly pyModule = `${MODEL}metadef_property_item_type`;
  static override readonly wsmeAttributes = [wsattr('type', 'text', { mandatory: true }), wsattr('enum', new ArrayType('text'))];
}
defineAttributes(ItemType);

/** A property definition (`default` and the bounds typed as compat/metadef-answers.ts PROPERTY_DEFAULT_TYPE, PROPERTY_BOUND_TYPE). */
export class PropertyType extends WsmeBase {
  static override readonly pyName = 'PropertyType';
  static override readonly pyModule = `${MODEL}metadef_property_type`;
  static override readonly wsmeAttributes = [
    wsattr('name', 'text'), wsattr('type', 'text', { mandatory: true }), wsattr('title', 'text', { mandatory: true }),
    wsattr('description', 'text'), wsattr('operators', new ArrayType('text')), wsattr('default', PROPERTY_DEFAULT_TYPE),
    wsattr('readonly', 'bool'), wsattr('minimum', PROPERTY_BOUND_TYPE), wsattr('maximum', PROPERTY_BOUND_TYPE), wsattr('enum', new ArrayType('text')),
    wsattr('pattern', 'text'), wsattr('minLength', 'int'), wsattr('maxLength', 'int'), wsattr('confidential', 'bool'),
    wsattr('items', ItemType), wsattr('uniqueItems', 'bool'), wsattr('minItems', 'int'), wsattr('maxItems', 'int'),
    wsattr('additionalItems', 'bool'),
  ];
}
defineAttributes(PropertyType);

export class ResourceTypeAssociation extends WsmeBase {
  static override readonly pyName = 'ResourceTypeAssociation';
  static override readonly pyModule = `${MODEL}metadef_resource_type`;
  static override readonly wsmeAttributes = [
    wsattr('name', 'text', { mandatory: true }), wsattr('prefix', 'text'), wsattr('properties_target', 'text'),
    wsattr('created_at', 'text'), wsattr('updated_at', 'text'),
  ];
}
defineAttributes(ResourceTypeAssociation);

export class ResourceType extends WsmeBase {
  static override readonly pyName = 'ResourceType';
  static override readonly pyModule = `${MODEL}metadef_resource_type`;
  static override readonly wsmeAttributes = [wsattr('name', 'text', { mandatory: true }), wsattr('created_at', 'text'), wsattr('updated_at', 'text')];
}
defineAttributes(ResourceType);

export class MetadefObject extends WsmeBase {
  static override readonly pyName = 'MetadefObject';
  static override readonly pyModule = `${MODEL}metadef_object`;
  static override readonly wsmeAttributes = [
    wsattr('name', 'text', { mandatory: true }), wsattr('required', new ArrayType('text')), wsattr('description', 'text'),
    wsattr('properties', new DictType('text', PropertyType)), wsattr('created_at', 'text'), wsattr('updated_at', 'text'),
    wsattr('self', 'text'), wsattr('schema', 'text'),
  ];
}
defineAttributes(MetadefObject);

export class MetadefTag extends WsmeBase {
  static override readonly pyName = 'MetadefTag';
  static override readonly pyModule = `${MODEL}metadef_tag`;
  static override readonly wsmeAttributes = [wsattr('name', 'text', { mandatory: true }), wsattr('created_at', 'text'), wsattr('updated_at', 'text')];
}
defineAttributes(MetadefTag);

/** A tag list body (`{"tags": [...]}`). */
export class MetadefTags extends WsmeBase {
  static override readonly pyName = 'MetadefTags';
  static override readonly pyModule = `${MODEL}metadef_tag`;
  static override readonly wsmeAttributes = [wsattr('tags', new ArrayType(MetadefTag))];
}
defineAttributes(MetadefTags);

export class Namespace extends WsmeBase {
  static override readonly pyName = 'Namespace';
  static override readonly pyModule = `${MODEL}metadef_namespace`;
  static override readonly wsmeAttributes = [
    wsattr('namespace', 'text', { mandatory: true }), wsattr('display_name', 'text'), wsattr('description', 'text'),
    wsattr('visibility', 'text'), wsattr('protected', 'bool'), wsattr('owner', 'text'), wsattr('created_at', 'text'),
    wsattr('updated_at', 'text'), wsattr('resource_type_associations', new ArrayType(ResourceTypeAssociation)),
    wsattr('properties', new DictType('text', PropertyType)), wsattr('objects', new ArrayType(MetadefObject)),
    wsattr('tags', new ArrayType(MetadefTag)), wsattr('self', 'text'), wsattr('schema', 'text'),
  ];
}
defineAttributes(Namespace);

/** An attribute of a WSME value (Unset when never set). */
export function attr(value: WsmeBase, name: string): unknown {
  return value.getattr(name);
}

/** `wsme_utils._get_value`: an unset attribute reads as None. */
export function valueOf(value: WsmeBase, name: string): unknown {
  const v = value.getattr(name);
  return v === Unset ? null : v;
}

/** `to_dict()`: the attributes that are set, in WSME order. */
export function setAttributes(value: WsmeBase): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const a of value.wsmeAttributes) {
    const v = value.getattr(a.key);
    if (v !== Unset) out.set(a.name, v);
  }
  return out;
}

/** `isotime` of a stored datetime (seconds, 'Z'). */
function isotime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * `Model.to_wsme_model(entity, self_link, schema)`: each attribute the
 * entity has and is not None (datetimes as isotime), then schema and self.
 */
export function wsmeOf<T extends WsmeBase>(
  cls: { readonly wsmeAttributes: readonly WsAttr[] } & (new (kw?: Record<string, unknown>) => T),
  values: Readonly<Record<string, unknown>>,
  selfLink: string | null = null,
  schema: string | null = null,
): T {
  const kw: Record<string, unknown> = {};
  for (const a of cls.wsmeAttributes) {
    const v = Object.prototype.hasOwnProperty.call(values, a.name) ? values[a.name] : null;
    if (v !== null && v !== undefined) kw[a.name] = v instanceof Date ? isotime(v) : v;
  }
  if (schema) kw['schema'] = schema;
  const model = new cls(kw);
  if (selfLink) model.setattr('self', selfLink);
  return model;
}

/** A stored property definition read back as WSME reads JSON. */
export function propertyTypeOf(schema: unknown): PropertyType {
  return fromjson(PropertyType, schema) as PropertyType;
}
