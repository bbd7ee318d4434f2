/**
 * The image listing's query, read as Glance 16.0.0 reads it: with the
 * first value of a repeated parameter, and with the db layer's readings
 * of filters a query can only give as text.
 * @see glance/api/v2/images.py RequestDeserializer.index
 * @see glance/db/sqlalchemy/api.py _make_conditions_from_filters, _paginate_query
 */
import { OverflowError } from '../../lib/python.js';
import type { MultiDict } from '../../lib/webob/multidict.js';
import { DomainError } from '../errors.js';

/**
 * docs/divergence-candidates.md #34: `params.pop(key)` of a webob
 * MultiDict takes the first value of a repeated parameter and leaves the
 * others behind, where they become filters of their own.
 */
export function popFirst<V, D>(params: MultiDict<V>, key: string, fallback: D): V | D {
  return params.contains(key) ? params.pop(key) : fallback;
}

/**
 * docs/divergence-candidates.md #35: the db layer reads `properties` as a
 * dict and `changes-since` as a datetime; a query gives text, which fails
 * (AttributeError, 500).
 */
export function refuseTextOnlyFilters(filters: MultiDict<unknown>): void {
  if (filters.contains('properties')) throw new DomainError('AttributeError', "'str' object has no attribute 'items'");
  if (filters.contains('changes-since')) throw new DomainError('AttributeError', "'str' object has no attribute 'utcoffset'");
}

/**
 * docs/divergence-candidates.md #35: a time filter that normalises outside
 * years 1-9999 escapes as OverflowError (500), not as a bad filter (400).
 * @returns the failure to raise, or null when `e` is no overflow.
 */
export function timeFilterOverflow(e: unknown): DomainError | null {
  return e instanceof OverflowError ? new DomainError('OverflowError', e.message) : null;
}

/**
 * docs/divergence-candidates.md #25: the db api maps a sort direction
 * through a dict, so one it does not know (or none, for a key without a
 * direction of its own) escapes as KeyError (500).
 */
export function unknownSortDir(dir: string | undefined): DomainError {
  return new DomainError('KeyError', `'${dir ?? ''}'`);
}
