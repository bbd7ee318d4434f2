/**
 * One prepared statement per SQL text and database: preparing (parsing and
 * planning) cost more than running the small statements the use cases issue.
 */
import type Database from 'better-sqlite3';

/** The part of a better-sqlite3 database the repositories use. */
export interface Db {
  prepare(sql: string): Database.Statement;
  transaction<F extends (...args: never[]) => unknown>(fn: F): Database.Transaction<F>;
}

/** Listing SQL varies with the filters; past this many texts the cache starts over. */
const MAX_STATEMENTS = 1000;

const CACHES = new WeakMap<Database.Database, Db>();

export function cachedDb(db: Database.Database): Db {
  let cached = CACHES.get(db);
  if (cached === undefined) {
    cached = statementCache(db);
    CACHES.set(db, cached);
  }
  return cached;
}

function statementCache(db: Database.Database): Db {
  const statements = new Map<string, Database.Statement>();
  return {
    prepare(sql: string): Database.Statement {
      let statement = statements.get(sql);
      if (statement === undefined) {
        if (statements.size >= MAX_STATEMENTS) statements.clear();
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    transaction: (fn) => db.transaction(fn),
  };
}
