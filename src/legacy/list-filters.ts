/**
 * The `filters` argument of the image and task listings, as Glance passes
 * it from the controller down to the db api: a dict when a caller builds
 * one (format 1, Glance's own tests), or, over HTTP, the request's query
 * MultiDict itself, what the deserializer left of `request.params.copy()`.
 *
 * NOTE(quirk): the deserializers validate a repeated filter by its LAST
 * value (`filters.get(...)`), while the db api's `filters.pop(...)` takes
 * its FIRST value and leaves the others in the MultiDict, where they become
 * more conditions (`?visibility=public&visibility=private` lists nothing).
 *
 * @see glance/api/v2/images.py RequestDeserializer.index
 * @see glance/db/sqlalchemy/api.py image_get_all, _make_conditions_from_filters, task_get_all
 */
import { MultiDict } from '../lib/webob/multidict.js';

/** A Python dict (a record, or a Map in its own order) or a webob MultiDict. */
export type ListFilters = Record<string, unknown> | Map<string, unknown> | MultiDict<unknown>;

/** The (key, value) pairs in order: one per key of a dict, every pair of a MultiDict. */
export function filterItems(filters: ListFilters): Array<[string, unknown]> {
  if (filters instanceof MultiDict) return filters.items();
  if (filters instanceof Map) return [...filters];
  return Object.entries(filters);
}

/** `filters.copy()` as a MultiDict, so the db code reads both shapes one way. */
export function filtersCopy(filters: ListFilters): MultiDict<unknown> {
  return new MultiDict<unknown>(filterItems(filters));
}

/** `filters.get(key)`: a dict's value, a MultiDict's last; null when absent. */
export function filterGetLast(filters: ListFilters, key: string): unknown {
  if (filters instanceof MultiDict) return filters.get(key, null);
  if (filters instanceof Map) return filters.has(key) ? filters.get(key) : null;
  return Object.prototype.hasOwnProperty.call(filters, key) ? filters[key] : null;
}

/** `filters[key] = value`: a MultiDict drops every earlier value of the key. */
export function filterSetItem(filters: ListFilters, key: string, value: unknown): void {
  if (filters instanceof MultiDict) filters.setItem(key, value);
  else if (filters instanceof Map) filters.set(key, value);
  else Object.defineProperty(filters, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `filters.pop(key, None)` on the caller's object: a MultiDict gives up its
 * first value only. A frozen record (a caller's constant) is read, not changed.
 */
export function filterPopFirst(filters: ListFilters, key: string): unknown {
  if (filters instanceof MultiDict) return filters.pop(key, null);
  if (filters instanceof Map) {
    const value = filters.has(key) ? filters.get(key) : null;
    filters.delete(key);
    return value;
  }
  if (!Object.prototype.hasOwnProperty.call(filters, key)) return null;
  const value = filters[key];
  if (!Object.isFrozen(filters)) delete filters[key];
  return value;
}

/**
 * `{k: v for k, v in filters.items() if v is not None}`: each key at its
 * first kept position with its last kept value.
 */
export function filtersDict(filters: MultiDict<unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of filters.items()) if (v !== null && v !== undefined) out.set(k, v);
  return out;
}
