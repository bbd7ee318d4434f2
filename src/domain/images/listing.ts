/**
 * image.index as one SQL query: who sees what, the filters, the sort and
 * keyset paging on the marker (glance/db/sqlalchemy/api.py image_get_all).
 * The page is cut by LIMIT in SQL; nothing reads all images.
 */
import type Database from 'better-sqlite3';
import type { MultiDict } from '../../lib/webob/multidict.js';
import { pyIntOrNull } from '../../lib/webob/compat.js';
import { attributeComparison, modelAttribute, rangeOnNonColumn } from '../compat/model-attributes.js';
import { cachedDb } from '../sql.js';
import { formatDbDatetime } from '../../shared/db/schema.js';
import type { Actor } from '../actor.js';
import { DomainError } from '../errors.js';
import { normalizeTime, parseIsotime, type UtcTime } from '../../lib/iso8601.js';
import { OverflowError, ValueError } from '../../lib/python.js';
import { DB_STATUSES } from '../rules/status.js';
import { isColumn as isImageColumn, keysetPaging, type Sql } from '../paging.js';
import type { Row } from './repository.js';

/** Columns of the images table, with the value a NULL compares as in paging. */
const COLUMN_DEFAULTS: Readonly<Record<string, string | number | null>> = {
  created_at: null, updated_at: null, deleted_at: null, deleted: 0, id: '', name: '', disk_format: '',
  container_format: '', size: 0, virtual_size: 0, status: '', visibility: '', checksum: '', min_disk: 0,
  min_ram: 0, owner: '', protected: 0,
};
const isColumn = (k: string): boolean => isImageColumn(COLUMN_DEFAULTS, k);

export interface ListQuery {
  /** The visibility filter (the first value given). */
  readonly visibility: unknown;
  readonly sortKeys: string[];
  readonly sortDirs: string[];
  readonly limit: number;
  readonly memberStatus: string;
  /** The marker row, already read with visibility. */
  readonly marker: Row | null;
}


const invalidOperator = (op: string): DomainError =>
  new DomainError('InvalidFilterOperatorValue', `Unable to filter by unknown operator '${op}'.`);

/**
 * Builds the conditions first: filter errors come before the marker lookup.
 * The filters are the query's, repeated keys included.
 * NOTE(quirk): visibility, checksum, deleted and tags take their first
 * value; the other values of a repeated key stay behind as conditions of
 * their own (the last of them, as dict() of the rest keeps it).
 */
export function filterConditions(given: MultiDict<unknown>): { sql: Sql; visibility: unknown } {
  const sql: Sql = { where: [], params: [] };
  const filters = given.copy();
  const visibility = filters.pop('visibility', null);
  if (filters.contains('checksum')) {
    sql.where.push('i.checksum = ?');
    sql.params.push(filters.pop('checksum'));
  }
  // A query gives text: the db layer's dict and datetime readings of these fail (500).
  if (filters.contains('properties')) throw new DomainError('AttributeError', "'str' object has no attribute 'items'");
  if (filters.contains('changes-since')) throw new DomainError('AttributeError', "'str' object has no attribute 'utcoffset'");
  if (filters.contains('deleted')) {
    const deleted = Boolean(filters.pop('deleted'));
    sql.where.push('i.deleted = ?');
    sql.params.push(deleted ? 1 : 0);
    if (!deleted) {
      const live = DB_STATUSES.filter((s) => s !== 'killed');
      sql.where.push(`i.status IN (${live.map(() => '?').join(', ')})`);
      sql.params.push(...live);
    }
  }
  if (filters.contains('tags')) {
    // A tags filter given as text is iterated character by character, as Python iterates a str.
    for (const tag of filters.pop('tags') as Iterable<unknown>) {
      sql.where.push('EXISTS (SELECT 1 FROM image_tags t WHERE t.image_id = i.id AND t.deleted = 0 AND t.value = ?)');
      sql.params.push(tag);
    }
  }
  // The keyed filters (ranges, times, fields) come first; then the rest, by what the name is.
  const rest = new Map([...filters.toDict()].filter(([, v]) => v !== null && v !== undefined));
  for (const [k, v] of [...rest]) {
    if (k.endsWith('_min') || k.endsWith('_max')) rangeCondition(sql, k, v);
    else if (k === 'created_at' || k === 'updated_at') timeCondition(sql, k, String(v));
    else if (['name', 'id', 'status', 'container_format', 'disk_format'].includes(k)) fieldCondition(sql, k, String(v));
    else continue;
    rest.delete(k);
  }
  const properties: Array<[string, unknown]> = [];
  for (const [k, v] of rest) {
    if (isColumn(k)) {
      sql.where.push(`i.${k} = ?`);
      sql.params.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
    } else if (modelAttribute('images', k) !== null) sql.where.push(attributeComparison('images', k, v));
    else properties.push([k, v]);
  }
  for (const [k, v] of properties) {
    sql.where.push('EXISTS (SELECT 1 FROM image_properties p WHERE p.image_id = i.id AND p.deleted = 0 AND p.name = ? AND p.value = ?)');
    sql.params.push(k, v);
  }
  return { sql, visibility };
}

/** `<column>_min` / `<column>_max`: the bound read as Python's int() reads text. */
function rangeCondition(sql: Sql, k: string, v: unknown): void {
  const column = k.slice(0, -4);
  const op = k.endsWith('_min') ? '>=' : '<=';
  const bound = pyIntOrNull(String(v));
  if (bound === null) throw new DomainError('InvalidFilterRangeValue', 'Unable to filter on a range with a non-numeric value.');
  if (!isColumn(column)) rangeOnNonColumn(column, op);
  sql.where.push(`i.${column} ${op} ?`);
  sql.params.push(bound);
}

/** utils.split_filter_op: "op:value", unless the whole text is an ISO time. */
export function splitFilterOp(expression: string): [string, string] {
  const at = expression.indexOf(':');
  if (at < 0) return ['eq', expression];
  if (isIsotime(expression)) return ['eq', expression];
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

const COMPARATORS: Readonly<Record<string, string>> = { gt: '>', gte: '>=', lt: '<', lte: '<=', neq: '!=', eq: '=' };

/** NOTE(quirk): a time that normalises outside years 1-9999 escapes as OverflowError (500). */
function timeCondition(sql: Sql, k: string, v: string): void {
  const [op, text] = splitFilterOp(v);
  let at: UtcTime;
  try {
    at = normalizeTime(parseIsotime(text));
  } catch (e) {
    if (e instanceof OverflowError) throw new DomainError('OverflowError', e.message);
    if (e instanceof ValueError) {
      throw new DomainError('InvalidParameterValue', `Bad "${k}" query filter format. Use ISO 8601 DateTime notation.`);
    }
    throw e;
  }
  const comparator = COMPARATORS[op];
  if (comparator === undefined) throw new DomainError('InvalidFilterOperatorValue', 'Unable to filter on a unknown operator.');
  sql.where.push(`i.${k} ${comparator} ?`);
  sql.params.push(formatDbDatetime(at.at, at.micro));
}

function fieldCondition(sql: Sql, k: string, v: string): void {
  const [op, value] = splitFilterOp(v);
  if (op === 'eq') {
    sql.where.push(`i.${k} = ?`);
    sql.params.push(value);
  } else if (op === 'in') {
    const values = splitForQuotes(value);
    sql.where.push(values.length === 0 ? '0' : `i.${k} IN (${values.map(() => '?').join(', ')})`);
    sql.params.push(...values);
  } else throw invalidOperator(op);
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

/** Who sees what: admins everything, others public/community, their own, and shared images they hold. */
function audience(sql: Sql, actor: Actor, memberStatus: string, visibility: unknown): void {
  if (!actor.isAdmin) {
    const member = ['m.image_id = i.id', 'm.deleted = 0', "i.visibility = 'shared'"];
    const memberParams: unknown[] = [];
    if (actor.owner !== null) {
      member.push('m.member = ?');
      memberParams.push(actor.owner);
      if (memberStatus !== 'all') {
        member.push('m.status = ?');
        memberParams.push(memberStatus);
      }
    }
    const branches = ["i.visibility IN ('public', 'community')"];
    const params: unknown[] = [];
    if (actor.owner !== null) {
      branches.push('i.owner = ?');
      params.push(actor.owner);
    }
    branches.push(`EXISTS (SELECT 1 FROM image_members m WHERE ${member.join(' AND ')})`);
    sql.where.push(`(${branches.join(' OR ')})`);
    sql.params.push(...params, ...memberParams);
  }
  if (visibility !== undefined && visibility !== null) {
    sql.where.push('i.visibility = ?');
    sql.params.push(visibility);
  } else if (actor.owner === null) {
    sql.where.push("i.visibility != 'community'");
  } else {
    sql.where.push("(i.owner = ? OR i.visibility != 'community')");
    sql.params.push(actor.owner);
  }
}

/** The ids of one page, in order. */
export function listImageIds(db: Database.Database, actor: Actor, q: ListQuery, conditions: Sql): string[] {
  const sql: Sql = { where: [...conditions.where], params: [...conditions.params] };
  audience(sql, actor, q.memberStatus, q.visibility);
  const order = keysetPaging(sql, 'i', COLUMN_DEFAULTS, q.sortKeys, q.sortDirs, q.marker);
  const where = sql.where.length > 0 ? `WHERE ${sql.where.join(' AND ')}` : '';
  const text = `SELECT i.id FROM images i ${where} ORDER BY ${order} LIMIT ?`;
  const rows = cachedDb(db).prepare(text).all(...sql.params.map(bindParam), q.limit) as Row[];
  return rows.map((r) => r['id'] as string);
}

/** Python's sqlite3 binds bools and ints as INTEGER (a text column then compares '5', not '5.0'). */
function bindParam(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (v === undefined) return null;
  return v;
}
