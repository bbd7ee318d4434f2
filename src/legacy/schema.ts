/**
 * Glance's JSON schemas: what a v2 request body is validated against, how a
 * response view is filtered to the schema's properties, and the documents
 * `/v2/schemas/...` serve (`raw` for images and metadefs, `minimal` for
 * members and tasks).
 *
 * A schema's `properties` is a Python dict, kept as a `Map` so that any
 * property name (integer-like ones included) keeps its place; the fragments
 * it holds are plain objects or Maps, applied by jsonschema in their key
 * order. `raw()` and `minimal()` hand out the schema's own `properties`
 * (and `definitions`), not copies, as Glance does.
 *
 * @see glance/schema.py
 */
import { validate as jsonschemaValidate, ValidationError } from '../lib/jsonschema/index.js';
import { pyEquals } from '../lib/pycollections.js';
import { InvalidObject, SchemaLoadError } from './exception.js';

/** A Python dict as the schema code holds one: string keys in insertion order. */
export type PyDict = Map<string, unknown>;

/** A dict given as a Map (kept as is) or a plain object (copied into a Map, its key order kept). */
export type DictLike = PyDict | Readonly<Record<string, unknown>>;

/** `dict(x)` for a Map or a plain object: the same Map when it already is one. */
export function asDict(x: DictLike): PyDict {
  return x instanceof Map ? x : new Map(Object.entries(x));
}

/** The parts of a schema document; keys are set in Glance's order. */
export type SchemaDocument = Record<string, unknown>;

/**
 * A schema whose instances may carry only its own properties.
 * @see glance/schema.py Schema
 */
export class Schema {
  name: string;
  properties: PyDict;
  links: unknown[] | null;
  required: unknown[] | null;
  definitions: DictLike | null;

  constructor(
    name: string,
    properties: DictLike | null = null,
    links: unknown[] | null = null,
    required: unknown[] | null = null,
    definitions: DictLike | null = null,
  ) {
    this.name = name;
    this.properties = properties === null ? new Map() : asDict(properties);
    this.links = links;
    this.required = required;
    this.definitions = definitions;
  }

  /**
   * `jsonschema.validate(obj, self.raw())`; a failure is InvalidObject whose
   * reason is the whole `str(ValidationError)` (message, schema fragment and
   * instance), which is what a 400 shows.
   * @see glance/schema.py Schema.validate
   */
  validate(obj: unknown): void {
    try {
      jsonschemaValidate(obj, this.raw());
    } catch (e) {
      if (e instanceof ValidationError) {
        throw new InvalidObject(null, { schema: this.name, reason: e.toPyStr() });
      }
      throw e;
    }
  }

  /**
   * The schema's properties of `obj`, in `obj`'s order.
   * NOTE(quirk): glance/schema.py turns a None that is not a schema property
   * into '' (kept for images made through v1), and adds it even when the
   * key is filtered out, so a permissive schema and a strict one agree on it.
   * @see glance/schema.py Schema.filter
   */
  filter(obj: DictLike): PyDict {
    const filtered: PyDict = new Map();
    for (const [key, value] of asDict(obj)) {
      if (this._filter_func(this.properties, key)) filtered.set(key, value);
      if (!this.properties.has(key) && value === null) filtered.set(key, '');
    }
    return filtered;
  }

  protected _filter_func(properties: PyDict, key: string): boolean {
    return properties.has(key);
  }

  /**
   * Adds custom properties; one that redefines a base property differently
   * is a SchemaLoadError naming every such key.
   * @see glance/schema.py Schema.merge_properties
   */
  merge_properties(properties: DictLike): void {
    const incoming = asDict(properties);
    // NOTE(quirk): Python iterates a set intersection here; with several
    // conflicts the names follow set order. Taken in the base schema's order.
    const conflicting = [...this.properties.keys()].filter(
      (k) => incoming.has(k) && !pyEquals(this.properties.get(k), incoming.get(k)),
    );
    if (conflicting.length > 0) {
      const reason = `custom properties (${conflicting.join(', ')}) conflict with base properties`;
      throw new SchemaLoadError(null, { reason });
    }
    for (const [k, v] of incoming) this.properties.set(k, v);
  }

  /** The document `/v2/schemas/<name>` serves, and what bodies are validated against. */
  raw(): SchemaDocument {
    const raw: SchemaDocument = {
      name: this.name,
      properties: this.properties,
      additionalProperties: false,
    };
    if (isTruthyDict(this.definitions)) raw['definitions'] = this.definitions;
    if (isNonEmpty(this.required)) raw['required'] = this.required;
    if (isNonEmpty(this.links)) raw['links'] = this.links;
    return raw;
  }

  /** The schema without links or `additionalProperties`. */
  minimal(): SchemaDocument {
    const minimal: SchemaDocument = { name: this.name, properties: this.properties };
    if (isTruthyDict(this.definitions)) minimal['definitions'] = this.definitions;
    if (isNonEmpty(this.required)) minimal['required'] = this.required;
    return minimal;
  }
}

/**
 * A schema whose instances may carry any further property, as long as its
 * value is a string.
 * @see glance/schema.py PermissiveSchema
 */
export class PermissiveSchema extends Schema {
  protected override _filter_func(): boolean {
    return true;
  }

  override raw(): SchemaDocument {
    const raw = super.raw();
    raw['additionalProperties'] = { type: 'string' };
    return raw;
  }

  /**
   * NOTE(quirk): glance/schema.py's PermissiveSchema.minimal returns
   * `Schema.raw()`, links and `additionalProperties: false` included.
   */
  override minimal(): SchemaDocument {
    return super.raw();
  }
}

/** What a collection schema's item schema must offer. */
export interface ItemSchema {
  definitions: DictLike | null;
  raw(): SchemaDocument;
  minimal(): SchemaDocument;
}

/**
 * Runs `build` with the item schema's definitions lifted to the collection
 * (they are set aside while the item renders itself, then put back).
 */
function withLiftedDefinitions(item: ItemSchema, build: () => SchemaDocument): SchemaDocument {
  let definitions: DictLike | null = null;
  if (isTruthyDict(item.definitions)) {
    definitions = item.definitions;
    item.definitions = null;
  }
  const doc = build();
  if (isTruthyDict(definitions)) {
    doc['definitions'] = definitions;
    item.definitions = definitions;
  }
  return doc;
}

const COLLECTION_LINKS = (): unknown[] => [
  { rel: 'first', href: '{first}' },
  { rel: 'next', href: '{next}' },
  { rel: 'describedby', href: '{schema}' },
];

/**
 * A list of items under the collection's name, with first/next links.
 * @see glance/schema.py CollectionSchema
 */
export class CollectionSchema {
  constructor(public name: string, public item_schema: ItemSchema) {}

  raw(): SchemaDocument {
    return withLiftedDefinitions(this.item_schema, () => ({
      name: this.name,
      properties: collectionProperties(this.name, { type: 'array', items: this.item_schema.raw() }, true),
      links: COLLECTION_LINKS(),
    }));
  }

  minimal(): SchemaDocument {
    return withLiftedDefinitions(this.item_schema, () => ({
      name: this.name,
      properties: collectionProperties(this.name, { type: 'array', items: this.item_schema.minimal() }, false),
      links: [{ rel: 'describedby', href: '{schema}' }],
    }));
  }
}

/**
 * A dict of items under the collection's name (metadef properties).
 * @see glance/schema.py DictCollectionSchema
 */
export class DictCollectionSchema extends Schema {
  item_schema: ItemSchema;

  constructor(name: string, item_schema: ItemSchema) {
    // Python's __init__ does not call Schema.__init__: properties, links,
    // required and definitions are never set on the instance.
    super(name);
    this.item_schema = item_schema;
  }

  override raw(): SchemaDocument {
    return withLiftedDefinitions(this.item_schema, () => ({
      name: this.name,
      properties: collectionProperties(this.name, { type: 'object', additionalProperties: this.item_schema.raw() }, true),
      links: COLLECTION_LINKS(),
    }));
  }

  override minimal(): SchemaDocument {
    return withLiftedDefinitions(this.item_schema, () => ({
      name: this.name,
      properties: collectionProperties(this.name, { type: 'object', additionalProperties: this.item_schema.minimal() }, false),
      links: [{ rel: 'describedby', href: '{schema}' }],
    }));
  }
}

/** `{name: items, 'first': ..., 'next': ..., 'schema': ...}` (first/next only in raw). */
function collectionProperties(name: string, items: unknown, withPaging: boolean): PyDict {
  const props: PyDict = new Map([[name, items]]);
  if (withPaging) {
    props.set('first', { type: 'string' });
    props.set('next', { type: 'string' });
  }
  props.set('schema', { type: 'string' });
  return props;
}

function isNonEmpty(x: unknown[] | null): x is unknown[] {
  return x !== null && x.length > 0;
}

function isTruthyDict(x: DictLike | null): x is DictLike {
  if (x === null) return false;
  return x instanceof Map ? x.size > 0 : Object.keys(x).length > 0;
}
