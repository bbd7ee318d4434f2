/**
 * How the metadata definitions catalog finds things, kept as Glance
 * 16.0.0's controllers and db api find them.
 * @see glance/api/v2/metadef_namespaces.py, glance/api/v2/metadef_properties.py
 * @see glance/db/sqlalchemy/metadef_api/namespace.py, resource_type_association.py
 * @see oslo_db/sqlalchemy/utils.py paginate_query
 */
import { pyRepr, TypeError_ } from '../../lib/python.js';
import type { MultiDict } from '../../lib/webob/index.js';

/**
 * docs/divergence-candidates.md #47: a save that no longer finds what it
 * saves answers the db api's generic text, not the thing's own.
 */
export const SAVE_NOT_FOUND = 'An object with the specified identifier was not found.';

/**
 * docs/divergence-candidates.md #48: the resource type listing of a
 * namespace tests the name's truth, so a namespace named '' lists every
 * resource type (as associations without prefix or target).
 */
export function listsEveryResourceType(namespace: string): boolean {
  return !namespace;
}

/**
 * docs/divergence-candidates.md #49: showing a namespace or a property
 * reads `filters['resource_type']` once any query parameter is given, so
 * another parameter alone (or an empty one) raises KeyError (500).
 * @returns the resource type asked for, or null with no query at all.
 */
export function askedResourceType(filters: MultiDict<string>): string | null {
  return filters.len() > 0 ? filters.getItem('resource_type') : null;
}

/**
 * docs/divergence-candidates.md #50: a query parameter named `id_list`
 * reaches the db as text, which SQLAlchemy's in_() refuses (500).
 */
export function refuseTextIdList(idList: unknown): void {
  if (typeof idList === 'string') throw new TypeError_(`IN expression list expected, got ${pyRepr(idList)}`);
}

/**
 * docs/divergence-candidates.md #51: a resource type filter that matches
 * no namespace answers an empty page before the marker is looked up (a
 * marker that does not exist is not refused).
 */
export function noNamespaceMatches(ids: readonly unknown[]): boolean {
  return ids.length === 0;
}

/**
 * docs/divergence-candidates.md #52: the sort keys of a catalog listing:
 * the one asked for, then created_at and id; an asked key already among
 * those is not moved first.
 */
export function sortKeys(key: string): string[] {
  const keys = ['created_at', 'id'];
  if (!keys.includes(key)) keys.unshift(key);
  return keys;
}

/**
 * docs/divergence-candidates.md #64: oslo.db's paginate_query compares a
 * Boolean sort key with the marker's value cast to an integer ("sqlalchemy
 * doesn't like booleans in < >"), the column cast likewise.
 * @returns the marker's value as 0 or 1 for a Boolean key, or null when
 * the key is compared as stored.
 */
export function integerMarker(columnType: string, markerValue: unknown): 0 | 1 | null {
  if (columnType !== 'boolean') return null;
  return markerValue ? 1 : 0;
}
