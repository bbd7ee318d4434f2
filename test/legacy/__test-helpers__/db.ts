/**
 * A fresh in-memory SQLite database with the shared schema, a settable
 * clock, and request contexts for the db layer tests.
 */
import Database from 'better-sqlite3';
import { createSchema } from '../../../src/shared/db/schema.js';
import { GLANCE_DEFAULTS, type Settings } from '../../../src/shared/settings.js';
import { SCENARIO_EPOCH_MS, SeededIds, type Clock } from '../../../src/shared/world.js';
import { bindDbApi, type DbApi, type DbContext, type DbSession } from '../../../src/legacy/db/sqlalchemy-api.js';

/** A clock the test moves by hand (Glance's tests call utcnow; here time is explicit). */
export class ManualClock implements Clock {
  private ms: number;
  constructor(start = SCENARIO_EPOCH_MS) {
    this.ms = start;
  }
  now(): Date {
    return new Date(this.ms);
  }
  /** Moves the clock forward. */
  tick(ms = 1000): Date {
    this.ms += ms;
    return this.now();
  }
  set(at: Date): void {
    this.ms = at.getTime();
  }
}

export interface TestDb {
  readonly db: Database.Database;
  readonly clock: ManualClock;
  readonly session: DbSession;
  readonly api: DbApi;
}

/** An empty database with the schema, and the api bound to it. */
export function freshDb(settings: Partial<Settings> = {}): TestDb {
  const db = new Database(':memory:');
  createSchema(db);
  const clock = new ManualClock();
  const session: DbSession = { db, clock, settings: { ...GLANCE_DEFAULTS, ...settings }, ids: new SeededIds(7) };
  return { db, clock, session, api: bindDbApi(session) };
}

/** A request context as the db layer reads it. */
export function dbContext(opts: { owner?: string | null; is_admin?: boolean; show_deleted?: boolean } = {}): DbContext {
  const is_admin = opts.is_admin ?? false;
  return { owner: opts.owner ?? null, is_admin, can_see_deleted: (opts.show_deleted ?? false) || is_admin };
}

/** Glance's get_admin_context(). */
export const ADMIN: DbContext = dbContext({ is_admin: true });
