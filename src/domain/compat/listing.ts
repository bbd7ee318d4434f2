/**
 * The image listing's query, read as Glance 16.0.0 reads it: with the
 * first value of a repeated parameter, and with the db layer's readings
 * of filters a query can only give as text.
 * @see glance/api/v2/images.py RequestDeserializer.index
 * @see glance/db/sqlalchemy/api.py _make_conditions_from_filters, _paginate_query, image_get_all, _image_get
 */
import { OverflowError } from '../../lib/python.js';
import type { MultiDict } from '../../lib/webob/multidict.js';
import type { Actor } from '../actor.js';
import { DomainError } from '../errors.js';
import type { Condition } from '../images/filters.js';

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

/** Which visibilities a listing keeps, beyond who may see what (the repository turns it into SQL). */
export type VisibilityScope =
  /** Only images of the visibility asked for (compared as given). */
  | { readonly only: 'asked'; readonly visibility: unknown }
  /** No community image. */
  | { readonly only: 'not-community' }
  /** No community image but those this project owns. */
  | { readonly only: 'not-community-unless-owned'; readonly owner: string };

/**
 * docs/divergence-candidates.md #3: image_get_all lists community images
 * only when `visibility=community` is asked for, or (without a visibility)
 * those the caller's project owns: an admin, who sees every other image,
 * does not see them. A visibility is compared with the column as given,
 * so `all` would match nothing (format 1 only: the HTTP deserializer
 * refuses it with 400).
 */
export function visibilityScope(actor: Actor, visibility: unknown): VisibilityScope {
  if (visibility !== undefined && visibility !== null) return { only: 'asked', visibility };
  if (actor.owner === null) return { only: 'not-community' };
  return { only: 'not-community-unless-owned', owner: actor.owner };
}

/**
 * docs/divergence-candidates.md #5: the listing reads its marker with
 * `_image_get`'s checks, so a marker the caller cannot see answers that
 * lookup's 403 (this text); only a missing one is the listing's 400.
 */
export function imageNotVisible(id: string): DomainError {
  return new DomainError('Forbidden', `Forbidding request, image ${id} not visible`);
}

/**
 * docs/divergence-candidates.md #5: of the marker lookup's failures only
 * "not found" becomes the listing's 400; "not visible" stays a 403.
 */
export function markerLookupFailure(e: unknown): unknown {
  if (e instanceof DomainError && e.status === 404) return new DomainError('MarkerNotFound', e.message);
  return e;
}

/**
 * docs/divergence-candidates.md #26: an extra-property filter compares
 * the text as given (`in:` and other operators are not parsed, unlike
 * the field filters'). (Task filters are literal too: the task repository
 * compares every known column with the text, having no parser to skip.)
 */
export function propertyCondition(name: string, value: unknown): Condition {
  return { kind: 'property', name, value };
}
