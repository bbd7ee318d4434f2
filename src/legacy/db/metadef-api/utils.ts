/**
 * Helpers the metadef db modules share: dropping the attributes a caller
 * may not set, and reading the filter mappings the listings take (a dict
 * from the repos, or the request's query MultiDict the namespaces
 * deserializer passes through unchanged).
 *
 * @see glance/db/sqlalchemy/metadef_api/utils.py
 */
import { KeyError } from '../../../lib/python.js';
import type { MetadefModel } from './models.js';

/**
 * Removes protected attributes from the values, using the model's
 * `__protected_attributes__`.
 *
 * @see glance/db/sqlalchemy/metadef_api/utils.py drop_protected_attrs
 */
export function drop_protected_attrs(model: MetadefModel, values: Map<string, unknown>): void {
  for (const attr of model.protected_attributes) values.delete(attr);
}

/** A webob MultiDict as the db code touches it (`d[k]` is the last value, `pop` takes the first). */
export interface MultiDictLike {
  getItem(key: string): unknown;
  setItem(key: string, value: unknown): void;
  contains(key: string): boolean;
  pop(key: string, ...fallback: [unknown?]): unknown;
}

/** A filters argument: a Python dict (Map) or a MultiDict. */
export type Filters = Map<string, unknown> | MultiDictLike;

function isMap(f: Filters): f is Map<string, unknown> {
  return f instanceof Map;
}

/** `key in filters` */
export function filterHas(filters: Filters, key: string): boolean {
  return isMap(filters) ? filters.has(key) : filters.contains(key);
}

/** `filters[key]` (KeyError when absent). */
export function filterGet(filters: Filters, key: string): unknown {
  if (isMap(filters)) {
    if (!filters.has(key)) throw new KeyError(key);
    return filters.get(key);
  }
  return filters.getItem(key);
}

/** `filters.pop(key, None)` */
export function filterPop(filters: Filters, key: string): unknown {
  if (isMap(filters)) {
    const value = filters.has(key) ? filters.get(key) : null;
    filters.delete(key);
    return value;
  }
  return filters.pop(key, null);
}

/** `filters[key] = value` (`update` with one key). */
export function filterSet(filters: Filters, key: string, value: unknown): void {
  if (isMap(filters)) filters.set(key, value);
  else filters.setItem(key, value);
}
