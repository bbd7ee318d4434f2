/**
 * image.index as one SQL query: who sees what, the filters' conditions,
 * the sort and keyset paging on the marker
 * (glance/db/sqlalchemy/api.py image_get_all). The page is cut by LIMIT
 * in SQL; nothing reads all images.
 */
import type Database from 'better-sqlite3';
import type { UtcTime } from '../../lib/iso8601.js';
import { formatDbDatetime } from '../../shared/db/schema.js';
import type { Actor } from '../actor.js';
import type { Condition } from '../images/filters.js';
import { visibilityScope } from '../compat/listing.js';
import { DB_STATUSES } from '../rules/status.js';
import { bindable } from './bind.js';
import { isColumn, keysetPaging, type Sql } from './paging.js';
import { cachedDb } from './statements.js';

type Row = Record<string, unknown>;

/** Columns of the images table, with the value a NULL compares as in paging. */
const COLUMN_DEFAULTS: Readonly<Record<string, string | number | null>> = {
  created_at: null, updated_at: null, deleted_at: null, deleted: 0, id: '', name: '', disk_format: '',
  container_format: '', size: 0, virtual_size: 0, status: '', visibility: '', checksum: '', min_disk: 0,
  min_ram: 0, owner: '', protected: 0,
};

export const isImageColumn = (name: string): boolean => isColumn(COLUMN_DEFAULTS, name);

export interface ListQuery {
  readonly conditions: readonly Condition[];
  /** The visibility asked for, or null. */
  readonly visibility: unknown;
  readonly sortKeys: string[];
  readonly sortDirs: string[];
  readonly limit: number;
  readonly memberStatus: string;
  /** The marker row, already read with visibility. */
  readonly marker: Row | null;
}

const isTime = (v: unknown): v is UtcTime => typeof v === 'object' && v !== null && 'micro' in v;

function where(sql: Sql, c: Condition): void {
  switch (c.kind) {
    case 'compare':
      sql.where.push(`i.${c.column} ${c.op} ?`);
      sql.params.push(isTime(c.value) ? formatDbDatetime(c.value.at, c.value.micro) : c.value);
      return;
    case 'one-of':
      sql.where.push(c.values.length === 0 ? '0' : `i.${c.column} IN (${c.values.map(() => '?').join(', ')})`);
      sql.params.push(...c.values);
      return;
    case 'deleted': {
      sql.where.push('i.deleted = ?');
      sql.params.push(c.deleted);
      if (c.deleted) return;
      const live = DB_STATUSES.filter((s) => s !== 'killed');
      sql.where.push(`i.status IN (${live.map(() => '?').join(', ')})`);
      sql.params.push(...live);
      return;
    }
    case 'tag':
      sql.where.push('EXISTS (SELECT 1 FROM image_tags t WHERE t.image_id = i.id AND t.deleted = 0 AND t.value = ?)');
      sql.params.push(c.value);
      return;
    case 'property':
      sql.where.push('EXISTS (SELECT 1 FROM image_properties p WHERE p.image_id = i.id AND p.deleted = 0 AND p.name = ? AND p.value = ?)');
      sql.params.push(c.name, c.value);
      return;
    case 'constant':
      sql.where.push(c.holds ? '1' : '0');
  }
}

/**
 * Who sees what: admins everything, others public/community, their own,
 * and shared images they hold; then the visibility scope
 * (compat/listing.ts visibilityScope).
 */
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
  const scope = visibilityScope(actor, visibility);
  if (scope.only === 'asked') {
    sql.where.push('i.visibility = ?');
    sql.params.push(scope.visibility);
  } else if (scope.only === 'not-community') {
    sql.where.push("i.visibility != 'community'");
  } else {
    sql.where.push("(i.owner = ? OR i.visibility != 'community')");
    sql.params.push(scope.owner);
  }
}

/** The ids of one page, in order. */
export function listImageIds(db: Database.Database, actor: Actor, q: ListQuery): string[] {
  const sql: Sql = { where: [], params: [] };
  for (const c of q.conditions) where(sql, c);
  audience(sql, actor, q.memberStatus, q.visibility);
  const order = keysetPaging(sql, 'i', COLUMN_DEFAULTS, q.sortKeys, q.sortDirs, q.marker);
  const clause = sql.where.length > 0 ? `WHERE ${sql.where.join(' AND ')}` : '';
  const text = `SELECT i.id FROM images i ${clause} ORDER BY ${order} LIMIT ?`;
  const rows = cachedDb(db).prepare(text).all(...sql.params.map(bindable), q.limit) as Row[];
  return rows.map((r) => r['id'] as string);
}
