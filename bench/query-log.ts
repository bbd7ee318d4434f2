/**
 * A recording view of a better-sqlite3 database: every statement a model
 * runs through it is logged with its bound parameters, so the benchmark can
 * count the queries behind one page and ask SQLite how it plans them.
 * Only used outside timed code.
 */
import type Database from 'better-sqlite3';

export interface LoggedQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
}

const RUNNERS = new Set(['all', 'get', 'run', 'iterate']);
const SELF_RETURNING = new Set(['pluck', 'raw', 'expand', 'safeIntegers', 'bind']);

export function recordingDb(db: Database.Database, log: LoggedQuery[]): Database.Database {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return (sql: string) => recordingStatement(target.prepare(sql), sql, log);
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function recordingStatement(stmt: Database.Statement, sql: string, log: LoggedQuery[]): Database.Statement {
  const proxy: Database.Statement = new Proxy(stmt, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as (...a: unknown[]) => unknown;
      if (RUNNERS.has(String(prop))) {
        return (...params: unknown[]) => {
          log.push({ sql, params });
          return fn.apply(target, params);
        };
      }
      if (SELF_RETURNING.has(String(prop))) {
        return (...a: unknown[]) => {
          const out = fn.apply(target, a);
          return out === target ? proxy : out;
        };
      }
      return fn.bind(target);
    },
  });
  return proxy;
}

/** SQLite's plan for one logged query, one line per plan row (indented by depth). */
export function explain(db: Database.Database, query: LoggedQuery): string[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...flatParams(query.params)) as Array<{ id: number; parent: number; detail: string }>;
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d)}${r.detail}`;
  });
}

/** `.all(a, b)` and `.all([a, b])` bind the same; EXPLAIN gets them spread. */
function flatParams(params: readonly unknown[]): unknown[] {
  return params.length === 1 && Array.isArray(params[0]) ? (params[0] as unknown[]) : [...params];
}

/** What a listing plan costs as the table grows. */
export interface PlanVerdict {
  /** The plan can stop after LIMIT rows (it walks an index in the sort order). */
  readonly stopsAtLimit: boolean;
  /** Its candidates are every live row of the driving table (a scan, or an index probe on `deleted` alone). */
  readonly everyRow: boolean;
  readonly driver: string;
}

/**
 * Reads a plan the way the report needs it: a temp B-tree for ORDER BY
 * means every candidate is read and sorted before the first row comes
 * back; a driver that is a SCAN, or a SEARCH constrained by `deleted`
 * only, makes every live row a candidate.
 */
export function verdict(plan: readonly string[]): PlanVerdict {
  const driver = plan.find((line) => /^(SCAN|SEARCH) /.test(line)) ?? '';
  const everyRow = /^SCAN \w+$/.test(driver) || /^SCAN \w+ USING/.test(driver) || /\((\w+\.)?deleted=\?\)$/.test(driver);
  return { stopsAtLimit: !plan.some((line) => /USE TEMP B-TREE FOR ORDER BY/.test(line)), everyRow, driver };
}
