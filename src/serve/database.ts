/**
 * The served database: one SQLite file that several model threads open at
 * once, each with its own connection.
 *
 * - WAL journal: readers never wait for the writer, and a process killed
 *   mid-request (kill -9) leaves the last committed state; `synchronous =
 *   NORMAL` is enough for that (only a power loss could lose the last
 *   commits).
 * - A busy timeout: a statement waits for another thread's write to commit
 *   instead of failing.
 * - Every transaction the models open starts IMMEDIATE (takes the write lock
 *   first). A deferred transaction that reads, then writes after another
 *   thread committed, would fail at once with SQLITE_BUSY (its snapshot is
 *   stale, and waiting cannot help); taking the lock first makes it wait its
 *   turn instead. The models call `db.transaction(fn)` unchanged.
 */
import Database from 'better-sqlite3';
import { createSchema } from '../shared/db/schema.js';

/** How long a statement waits for another thread's write lock. */
const BUSY_TIMEOUT_MS = 30_000;

class ServedDatabase extends Database {
  // better-sqlite3's own bound on F.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override transaction<F extends (...args: any[]) => unknown>(fn: F): Database.Transaction<F> {
    const variants = super.transaction(fn);
    const immediate = variants.immediate;
    const run = (...args: Parameters<typeof immediate>): ReturnType<typeof immediate> => immediate(...args);
    return Object.assign(run, { default: immediate, deferred: variants.deferred, immediate, exclusive: variants.exclusive });
  }
}

/** Opens the database file; with `create`, makes it and Glance's schema if missing. */
export function openServedDatabase(file: string, options: { create: boolean }): Database.Database {
  const db = new ServedDatabase(file, { fileMustExist: !options.create, timeout: BUSY_TIMEOUT_MS });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  if (options.create) createSchema(db);
  return db;
}
