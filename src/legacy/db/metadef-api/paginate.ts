/**
 * oslo.db's `paginate_query` (oslo_db/sqlalchemy/utils.py, the version the
 * reference runner uses), which the metadef namespace and tag listings call
 * (the image listing uses Glance's own `_paginate_query` instead): ORDER BY
 * every sort key in its direction, and keyset criteria after the marker row
 * `(k1 > X1) or (k1 = X1 and k2 > X2) or ...`, where a key whose marker
 * value is None is left out of the criteria, and a Boolean key is compared
 * cast to an integer.
 *
 * @see oslo_db/sqlalchemy/utils.py paginate_query
 */
import { PyException, ValueError } from '../../../lib/python.js';
import { bindRaw, type Row } from '../sqlalchemy-api.js';
import { bindColumn, type MetadefColumnType, type MetadefModel } from './models.js';

/** oslo_db.exception.InvalidSortKey (not Glance's: the metadef controllers answer it with a 500). */
export class InvalidSortKey extends PyException {
  constructor(readonly key: string) {
    super(`Sort key supplied is invalid: ${key}`);
  }
}

/** A SQL fragment and its parameters. */
export interface SqlPart {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** What paginate_query adds to a query: its filter, ORDER BY and LIMIT. */
export interface Page {
  readonly where: SqlPart | null;
  readonly orderBy: string;
  readonly limit: SqlPart | null;
}

const VALID_SORT_DIR = ['asc', 'desc', 'asc-nullsfirst', 'asc-nullslast', 'desc-nullsfirst', 'desc-nullslast'];

interface SortTerm {
  readonly key: string;
  readonly type: MetadefColumnType;
  readonly main: 'asc' | 'desc';
  readonly nulls: '' | 'nullsfirst' | 'nullslast';
}

function sortTerm(model: MetadefModel, key: string, dir: string): SortTerm {
  // `inspect(model).all_orm_descriptors[key]`: the metadef models map columns only.
  if (!Object.prototype.hasOwnProperty.call(model.columns, key)) throw new InvalidSortKey(key);
  const [main, , nulls] = partition(dir, '-');
  if ((main !== 'asc' && main !== 'desc') || !['', 'nullsfirst', 'nullslast'].includes(nulls)) {
    throw new ValueError(`Unknown sort direction, must be one of: ${VALID_SORT_DIR.join(', ')}`);
  }
  return { key, type: model.columns[key] as MetadefColumnType, main, nulls: nulls as SortTerm['nulls'] };
}

/** Python's `str.partition(sep)`. */
function partition(s: string, sep: string): [string, string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, '', ''] : [s.slice(0, i), sep, s.slice(i + sep.length)];
}

function orderTerms(table: string, terms: readonly SortTerm[]): string {
  const parts: string[] = [];
  for (const t of terms) {
    const col = `${table}.${t.key}`;
    if (t.nulls === 'nullsfirst') parts.push(`(${col} IS NULL) DESC`);
    if (t.nulls === 'nullslast') parts.push(`(${col} IS NOT NULL) DESC`);
    parts.push(`${col} ${t.main.toUpperCase()}`);
  }
  return parts.join(', ');
}

/** A marker attribute compared with a column: a Python bool binds as 0/1, anything else as stored. */
function markerBind(type: MetadefColumnType, raw: unknown): unknown {
  if (type === 'boolean') return bindColumn('boolean', Boolean(raw));
  return bindRaw(typeof raw === 'number' && Number.isSafeInteger(raw) ? BigInt(raw) : raw);
}

function markerCriteria(table: string, terms: readonly SortTerm[], marker: Row): SqlPart {
  const criteria: SqlPart[] = [];
  terms.forEach((t, i) => {
    const value = marker[t.key];
    if (value === null || value === undefined) return;
    const sql: string[] = [];
    const params: unknown[] = [];
    for (let j = 0; j < i; j++) {
      const prev = terms[j] as SortTerm;
      const v = marker[prev.key];
      if (v === null || v === undefined) continue;
      sql.push(`${table}.${prev.key} = ?`);
      params.push(markerBind(prev.type, v));
    }
    // "sqlalchemy doesn't like booleans in < >": the column is cast, the value made an int.
    const col = t.type === 'boolean' ? `CAST(${table}.${t.key} AS INTEGER)` : `${table}.${t.key}`;
    const op = t.main === 'desc' ? '<' : '>';
    let crit = `${col} ${op} ?`;
    if ((t.main === 'desc' && t.nulls === 'nullsfirst') || (t.main === 'asc' && t.nulls === 'nullslast')) {
      crit = `(${crit} OR ${table}.${t.key} IS NULL)`;
    }
    sql.push(crit);
    params.push(t.type === 'boolean' ? (value ? 1 : 0) : markerBind(t.type, value));
    criteria.push({ sql: sql.map((c) => `(${c})`).join(' AND '), params });
  });
  return { sql: criteria.map((c) => `(${c.sql})`).join(' OR ') || '0 = 1', params: criteria.flatMap((c) => c.params) };
}

/**
 * `paginate_query(query, model, limit, sort_keys, marker, sort_dir)`. The
 * marker is the stored row of the marker model, or null.
 */
export function paginateQuery(
  model: MetadefModel,
  limit: number | null | undefined,
  sortKeys: readonly string[],
  marker: Row | null,
  sortDir: string | null | undefined,
): Page {
  const dir = sortDir === null || sortDir === undefined ? 'asc' : sortDir;
  const terms = sortKeys.map((key) => sortTerm(model, key, dir));
  return {
    where: marker === null ? null : markerCriteria(model.table, terms, marker),
    orderBy: orderTerms(model.table, terms),
    limit: limit === null || limit === undefined ? null : { sql: 'LIMIT ? OFFSET ?', params: [bindRaw(limit), 0n] },
  };
}
