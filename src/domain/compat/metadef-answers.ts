/**
 * What the metadata definitions catalog answers where Glance 16.0.0's
 * serializers and WSME types answer by accident.
 * @see glance/api/v2/metadef_namespaces.py, metadef_objects.py, metadef_tags.py
 * @see glance/api/v2/model/metadef_property_type.py PropertyType
 */
import { AttributeError, pyTruthy, TypeError_ } from '../../lib/python.js';

/**
 * docs/divergence-candidates.md #53: the namespace page's `next` is built
 * only from a truthy marker; a falsy one (a namespace named '') is shown
 * as it is.
 */
export function nextLink(marker: string, link: () => string): string {
  return marker ? link() : marker;
}

/** docs/divergence-candidates.md #53: the object listing's schema link has no leading slash. */
export const OBJECTS_SCHEMA_LINK = 'v2/schemas/metadefs/objects';

/**
 * docs/divergence-candidates.md #54: an object's stored schema is iterated
 * as a dict; one that is not (None, text) fails as Python iterating it
 * would (500).
 */
export function storedSchemaNotADict(schema: unknown): TypeError_ {
  return new TypeError_(`'${schema === null ? 'NoneType' : typeof schema}' object is not iterable`);
}

/**
 * docs/divergence-candidates.md #54: replacing a namespace's tags iterates
 * the body's `tags`; without it that is WSME's Unset (500).
 */
export function tagsNotAList(given: unknown): TypeError_ {
  return new TypeError_(`'${given === null ? 'NoneType' : 'UnsetType'}' object is not iterable`);
}

/**
 * docs/divergence-candidates.md #54: an object's `required` is joined with
 * `','.join`, so an item that is not text fails (500).
 */
export function requiredItemNotText(item: unknown): TypeError_ {
  return new TypeError_(`sequence item 0: expected str instance, ${typeof item} found`);
}

/**
 * docs/divergence-candidates.md #54: a list object body naming
 * 'properties' passes the schema (it only constrains objects), then fails
 * being indexed by name (500).
 */
export function objectBodyNotADict(): TypeError_ {
  return new TypeError_('list indices must be integers or slices, not str');
}

/**
 * docs/divergence-candidates.md #54: a notification reads an object's
 * properties with `.items()` and a property's schema with `.get()`; one
 * that is not a dict fails (500).
 */
export function notADict(value: unknown, method: 'items' | 'get'): AttributeError {
  return new AttributeError(`'${typeof value}' object has no attribute '${method}'`);
}

/**
 * docs/divergence-candidates.md #62: an object notification writes each
 * property value as `x or None`, so a 0 minimum or an empty enum goes out
 * as None.
 */
export function orNone(value: unknown): unknown {
  return pyTruthy(value) ? value : null;
}

/**
 * docs/divergence-candidates.md #55: replacing a namespace's tags looks
 * the namespace up only when there are tags to write, so an empty list
 * answers 201 for a namespace that does not exist.
 */
export function tagsReplaceLooksUpNamespace(tags: readonly unknown[]): boolean {
  return tags.length > 0;
}

/**
 * docs/divergence-candidates.md #61: a property's `default` is a WSME
 * `bytes` attribute: read from JSON text as UTF-8 bytes and written back
 * decoded as ASCII, so a non-ASCII default fails every answer and
 * notification that writes it (UnicodeDecodeError, 500).
 */
export const PROPERTY_DEFAULT_TYPE = 'bytes';

/**
 * docs/divergence-candidates.md #61: a property's `minimum` and `maximum`
 * are WSME `int` attributes, so a float bound the schema lets through is
 * truncated.
 */
export const PROPERTY_BOUND_TYPE = 'int';
