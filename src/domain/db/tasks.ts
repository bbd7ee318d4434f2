/**
 * tasks and task_info rows (glance/db/sqlalchemy/api.py task_*): a task is
 * visible to admins, to its owner, and when it has no owner.
 */
import type Database from 'better-sqlite3';
import { cachedDb, type Db } from './statements.js';
import { formatDbDatetime, parseDbDatetime } from '../../shared/db/schema.js';
import { jsonDumps } from './json-column.js';
import { pyJsonLoads } from '../../lib/pyjson.js';
import type { Clock } from '../../shared/world.js';
import type { Actor } from '../actor.js';
import { DomainError } from '../errors.js';
import { attributeComparison, modelAttribute } from '../compat/model-attributes.js';
import { expiredTasksDeletedOnList } from '../compat/tasks.js';
import type { Task } from '../tasks/task.js';
import { keysetPaging, type ColumnDefaults, type Sql } from './paging.js';

type Row = Record<string, unknown>;

const TASK_COLUMNS: ColumnDefaults = {
  id: '', type: '', status: '', owner: '', expires_at: null, created_at: null, updated_at: null, deleted_at: null, deleted: 0,
};

export interface TaskQuery {
  /** The query's filters in order; every value of a repeated key is a condition of its own. */
  readonly filters: ReadonlyArray<readonly [string, unknown]>;
  readonly marker: string | null;
  readonly limit: number;
  readonly sortKey: string;
  readonly sortDir: string;
}

const jsonOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : jsonDumps(v));

/**
 * Task rows and their task_info.
 * @see glance/db/__init__.py TaskRepo.list
 * @see glance/db/sqlalchemy/api.py task_get_all
 */
export class TaskRepository {
  private readonly db: Db;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.db = cachedDb(db);
  }

  insert(task: Task): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO tasks (created_at, updated_at, deleted_at, deleted, id, type, status, owner, expires_at) VALUES (?, ?, NULL, 0, ?, ?, ?, ?, ?)')
        .run(formatDbDatetime(task.created_at), formatDbDatetime(task.updated_at), task.id, task.type, task.status, task.owner,
          task.expires_at === null ? null : formatDbDatetime(task.expires_at));
      this.db.prepare('INSERT INTO task_info (task_id, input, result, message) VALUES (?, ?, ?, ?)')
        .run(task.id, jsonOrNull(task.input), jsonOrNull(task.result), task.message);
    })();
  }

  /** _task_get: missing is TaskNotFound, another owner's task Forbidden. */
  getRow(actor: Actor, id: string): Row {
    const sql = actor.isAdmin ? 'SELECT * FROM tasks WHERE id = ?' : 'SELECT * FROM tasks WHERE id = ? AND deleted = 0';
    const row = this.db.prepare(sql).get(id) as Row | undefined;
    if (row === undefined) throw new DomainError('TaskNotFound', `Task with the given id ${id} was not found`);
    const owner = row['owner'] as string | null;
    if (!(actor.isAdmin || owner === null || (actor.owner !== null && actor.owner === owner))) {
      throw new DomainError('Forbidden', `Forbidding request, task ${id} is not visible`);
    }
    return row;
  }

  get(actor: Actor, id: string): Task {
    const row = this.getRow(actor, id);
    const info = this.db.prepare('SELECT * FROM task_info WHERE task_id = ?').get(id) as Row | undefined;
    return toTask(row, info);
  }

  /**
   * task_get_all: after soft-deleting expired tasks
   * (compat/tasks.ts expiredTasksDeletedOnList); filters on unknown keys are
   * ignored, known ones are literal.
   */
  list(actor: Actor, q: TaskQuery): Task[] {
    this.softDeleteExpired(expiredTasksDeletedOnList(actor).owner);
    const sql: Sql = { where: [], params: [] };
    if (!actor.isAdmin && actor.owner !== null) {
      sql.where.push('t.owner = ?');
      sql.params.push(actor.owner);
    }
    for (const [k, v] of q.filters) {
      if (v === null || v === undefined) continue;
      if (Object.prototype.hasOwnProperty.call(TASK_COLUMNS, k)) {
        sql.where.push(`t.${k} = ?`);
        sql.params.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
      } else if (modelAttribute('tasks', k) !== null) sql.where.push(attributeComparison('tasks', k, v) ? '1' : '0');
    }
    const marker = q.marker === null ? null : this.getRow(actor, q.marker);
    const keys = ['created_at', 'id'];
    if (!keys.includes(q.sortKey)) keys.unshift(q.sortKey);
    const order = keysetPaging(sql, 't', TASK_COLUMNS, keys, keys.map(() => q.sortDir), marker);
    const where = sql.where.length > 0 ? `WHERE ${sql.where.join(' AND ')}` : '';
    const rows = this.db.prepare(`SELECT t.* FROM tasks t ${where} ORDER BY ${order} LIMIT ?`).all(...sql.params, q.limit) as Row[];
    return rows.map((r) => toTask(r, undefined));
  }

  /** _task_soft_delete: the owner's tasks expired by now are marked deleted (`owner IS NULL` for no owner). */
  private softDeleteExpired(owner: string | null): void {
    const now = formatDbDatetime(this.clock.now());
    this.db.prepare('UPDATE tasks SET deleted = 1, deleted_at = ?, updated_at = ? WHERE owner IS ? AND deleted = 0 AND expires_at <= ?')
      .run(now, now, owner, now);
  }
}

function toTask(row: Row, info: Row | undefined): Task {
  const parse = (v: unknown): unknown => (v === null || v === undefined ? null : plainDicts(pyJsonLoads(v as string)));
  return {
    id: row['id'] as string,
    type: row['type'] as string,
    status: row['status'] as string,
    owner: row['owner'] as string,
    expires_at: parseDbDatetime(row['expires_at']),
    created_at: parseDbDatetime(row['created_at']) as Date,
    updated_at: parseDbDatetime(row['updated_at']) as Date,
    input: parse(info?.['input']),
    result: parse(info?.['result']),
    message: (info?.['message'] as string | undefined) ?? '',
  };
}

/** JSON read back as the db api reads it: floats stay floats, big ints exact, dicts plain objects. */
function plainDicts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainDicts);
  if (!(value instanceof Map)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of value) Object.defineProperty(out, k, { value: plainDicts(v), enumerable: true, writable: true, configurable: true });
  return out;
}
