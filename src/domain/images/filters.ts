/**
 * The filters of an image listing, read as Glance's db api reads the
 * query's leftovers (glance/db/sqlalchemy/api.py _make_conditions_from_filters,
 * glance/common/utils.py split_filter_op and friends), into conditions the
 * listing repository turns into SQL. Errors come out in Glance's order,
 * before the marker is looked up.
 */
import { normalizeTime, parseIsotime } from '../../lib/iso8601.js';
import { ValueError } from '../../lib/python.js';
import { pyIntOrNull } from '../../lib/webob/compat.js';
import type { MultiDict } from '../../lib/webob/multidict.js';
import { propertyCondition, refuseTextOnlyFilters, timeFilterOverflow } from '../compat/listing.js';
import { attributeComparison, modelAttribute, rangeOnNonColumn } from '../compat/model-attributes.js';
import { isImageColumn } from '../db/image-listing.js';
import { DomainError } from '../errors.js';

export type Comparator = '=' | '!=' | '>' | '>=' | '<' | '<=';

/** One condition an image must meet to be listed. */
export type Condition =
  | { readonly kind: 'compare'; readonly column: string; readonly op: Comparator; readonly value: unknown }
  | { readonly kind: 'one-of'; readonly column: string; readonly values: readonly string[] }
  /** deleted=False also hides killed images (and statuses outside Glance's list). */
  | { readonly kind: 'deleted'; readonly deleted: boolean }
  | { readonly kind: 'tag'; readonly value: unknown }
  | { readonly kind: 'property'; readonly name: string; readonly value: unknown }
  | { readonly kind: 'constant'; readonly holds: boolean };

export interface ImageFilters {
  readonly conditions: readonly Condition[];
  /** The visibility asked for (the first value given), or null. */
  readonly visibility: unknown;
}

const COMPARATORS: Readonly<Record<string, Comparator>> = { gt: '>', gte: '>=', lt: '<', lte: '<=', neq: '!=', eq: '=' };
const FIELD_FILTERS = ['name', 'id', 'status', 'container_format', 'disk_format'];

/**
 * The filters are the query's, repeated keys included: visibility,
 * checksum, deleted and tags take their first value; the other values of
 * a repeated key stay behind as conditions of their own, the last of them
 * as dict() of the rest keeps it (docs/divergence-candidates.md #34).
 */
export function readFilters(given: MultiDict<unknown>): ImageFilters {
  const conditions: Condition[] = [];
  const filters = given.copy();
  const visibility = filters.pop('visibility', null);
  if (filters.contains('checksum')) conditions.push({ kind: 'compare', column: 'checksum', op: '=', value: filters.pop('checksum') });
  refuseTextOnlyFilters(filters);
  if (filters.contains('deleted')) conditions.push({ kind: 'deleted', deleted: Boolean(filters.pop('deleted')) });
  if (filters.contains('tags')) {
    // A tags filter given as text is iterated character by character, as Python iterates a str.
    for (const tag of filters.pop('tags') as Iterable<unknown>) conditions.push({ kind: 'tag', value: tag });
  }
  // The keyed filters (ranges, times, fields) come first; then the rest, by what the name is.
  const rest = new Map([...filters.toDict()].filter(([, v]) => v !== null && v !== undefined));
  for (const [k, v] of [...rest]) {
    if (k.endsWith('_min') || k.endsWith('_max')) conditions.push(range(k, v));
    else if (k === 'created_at' || k === 'updated_at') conditions.push(time(k, String(v)));
    else if (FIELD_FILTERS.includes(k)) conditions.push(field(k, String(v)));
    else continue;
    rest.delete(k);
  }
  const properties: Condition[] = [];
  for (const [k, v] of rest) {
    if (isImageColumn(k)) conditions.push({ kind: 'compare', column: k, op: '=', value: v });
    else if (modelAttribute('images', k) !== null) conditions.push({ kind: 'constant', holds: attributeComparison('images', k, v) });
    else properties.push(propertyCondition(k, v));
  }
  return { conditions: [...conditions, ...properties], visibility };
}

/** `<column>_min` / `<column>_max`: the bound read as Python's int() reads text. */
function range(k: string, v: unknown): Condition {
  const column = k.slice(0, -4);
  const op = k.endsWith('_min') ? '>=' : '<=';
  const bound = pyIntOrNull(String(v));
  if (bound === null) throw new DomainError('InvalidFilterRangeValue', 'Unable to filter on a range with a non-numeric value.');
  if (!isImageColumn(column)) rangeOnNonColumn(column, op);
  return { kind: 'compare', column, op, value: bound };
}

/** utils.split_filter_op: "op:value", unless the whole text is an ISO time. */
export function splitFilterOp(expression: string): [string, string] {
  const at = expression.indexOf(':');
  if (at < 0 || isIsotime(expression)) return ['eq', expression];
  return [expression.slice(0, at), expression.slice(at + 1)];
}

function isIsotime(text: string): boolean {
  try {
    parseIsotime(text);
    return true;
  } catch (e) {
    if (e instanceof ValueError) return false;
    throw e;
  }
}

/** A created_at / updated_at filter: "op:time" (see compat/listing.ts timeFilterOverflow). */
function time(k: string, v: string): Condition {
  const [op, text] = splitFilterOp(v);
  let at;
  try {
    at = normalizeTime(parseIsotime(text));
  } catch (e) {
    const overflow = timeFilterOverflow(e);
    if (overflow !== null) throw overflow;
    if (e instanceof ValueError) throw new DomainError('InvalidParameterValue', `Bad "${k}" query filter format. Use ISO 8601 DateTime notation.`);
    throw e;
  }
  const comparator = COMPARATORS[op];
  if (comparator === undefined) throw new DomainError('InvalidFilterOperatorValue', 'Unable to filter on a unknown operator.');
  return { kind: 'compare', column: k, op: comparator, value: at };
}

function field(k: string, v: string): Condition {
  const [op, value] = splitFilterOp(v);
  if (op === 'eq') return { kind: 'compare', column: k, op: '=', value };
  if (op === 'in') return { kind: 'one-of', column: k, values: splitForQuotes(value) };
  throw new DomainError('InvalidFilterOperatorValue', `Unable to filter by unknown operator '${op}'.`);
}

/** utils.split_filter_value_for_quotes, after validate_quotes. */
export function splitForQuotes(value: string): string[] {
  validateQuotes(value);
  const re = /"([^"\\]*(?:\\.[^"\\]*)*)",?|([^,]+),?|,/g;
  return [...value.matchAll(re)].map((m) => m[1] || m[2] || '');
}

function validateQuotes(value: string): void {
  let open = true;
  const bad = (why: string): never => {
    throw new DomainError('InvalidParameterValue', `Invalid filter value ${value}. ${why}`);
  };
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '"') continue;
    if (i && value[i - 1] === '\\') continue;
    if (open && i && value[i - 1] !== ',') bad('There is no comma before opening quotation mark.');
    if (!open && i + 1 !== value.length && value[i + 1] !== ',') bad('There is no comma after closing quotation mark.');
    open = !open;
  }
  if (!open) bad('The quote is not closed.');
}
