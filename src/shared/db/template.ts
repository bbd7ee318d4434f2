/**
 * A fresh database per scenario without paying for a new connection each
 * time. The schema is made once per process and serialized; a connection
 * opened from those bytes serves one world, and when the world closes its
 * rows are deleted and the connection waits for the next world.
 *
 * Reusing the connection is what makes short scenarios cheap: both models
 * (and the comparison's snapshots) keep their prepared statements per
 * connection, and preparing them again for every scenario cost more than
 * running them. An emptied connection cannot be told from a fresh one: the
 * schema has no AUTOINCREMENT (an emptied table numbers its rows from 1
 * again, as a new one does), no pragma or function is set per world, and a
 * connection left inside a transaction or busy is closed, not reused.
 *
 * Loaded metadata definitions (`load_metadefs`) are copied back from
 * per-connection TEMP tables, rowids included, so their rows and their
 * natural order are those of a load into an empty database.
 */
import Database from 'better-sqlite3';
import { createSchema, METADEF_TABLE_NAMES, TABLE_NAMES } from './schema.js';

let template: Buffer | null = null;

function emptySchemaBytes(): Buffer {
  if (template === null) {
    const db = new Database(':memory:');
    createSchema(db);
    template = db.serialize();
    db.close();
  }
  return template;
}

/** An in-memory database holding Glance's schema and no rows, on a connection of its own. */
export function openFreshDatabase(): Database.Database {
  return new Database(emptySchemaBytes());
}

/** Children before parents, so that deleting never trips a foreign key. */
const EMPTYING_ORDER = [...TABLE_NAMES, ...METADEF_TABLE_NAMES].reverse();

/** Idle connections kept; more worlds open at once than this just close theirs. */
const MAX_IDLE = 4;

/** A pooled connection and what it needs to be emptied and refilled quickly. */
class PooledConnection {
  private readonly empty: Database.Transaction<() => void>;
  private restore: Database.Transaction<() => void> | null = null;

  constructor(readonly db: Database.Database) {
    const deletes = EMPTYING_ORDER.map((t) => db.prepare(`DELETE FROM main.${t}`));
    this.empty = db.transaction(() => {
      for (const d of deletes) d.run();
    });
  }

  /** Empties every table; false when the connection cannot be reused. */
  tryEmpty(): boolean {
    if (!this.db.open || this.db.inTransaction) return false;
    try {
      this.empty();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Fills the metadef tables with the rows `load` writes into an empty
   * database: the first time by calling it and keeping a TEMP copy of its
   * rows, then from that copy.
   */
  fillMetadefs(load: (db: Database.Database) => void): void {
    if (this.restore === null) {
      load(this.db);
      this.restore = this.keepMetadefCopy();
      return;
    }
    this.restore();
  }

  private keepMetadefCopy(): Database.Transaction<() => void> {
    const inserts = METADEF_TABLE_NAMES.map((t) => {
      this.db.exec(`CREATE TEMP TABLE peel_base_${t} AS SELECT rowid AS peel_rowid, * FROM main.${t} ORDER BY rowid`);
      const cols = (this.db.prepare(`PRAGMA main.table_info(${t})`).all() as Array<{ name: string }>).map((c) => c.name).join(', ');
      return this.db.prepare(`INSERT INTO main.${t} (rowid, ${cols}) SELECT peel_rowid, ${cols} FROM temp.peel_base_${t} ORDER BY peel_rowid`);
    });
    return this.db.transaction(() => {
      for (const i of inserts) i.run();
    });
  }
}

const idle: PooledConnection[] = [];
const byDb = new WeakMap<Database.Database, PooledConnection>();

/**
 * A database holding Glance's schema and no rows (with the metadata
 * definitions `loadMetadefs` writes when given), to be handed back with
 * `releaseDatabase` when its world closes.
 */
export function acquireDatabase(loadMetadefs?: (db: Database.Database) => void): Database.Database {
  let pooled = idle.pop();
  if (pooled === undefined) {
    pooled = new PooledConnection(openFreshDatabase());
    byDb.set(pooled.db, pooled);
  }
  if (loadMetadefs !== undefined) pooled.fillMetadefs(loadMetadefs);
  return pooled.db;
}

/** Empties a database from `acquireDatabase` for the next world, or closes it if it cannot be reused. */
export function releaseDatabase(db: Database.Database): void {
  const pooled = byDb.get(db);
  if (pooled !== undefined && idle.length < MAX_IDLE && !idle.includes(pooled) && pooled.tryEmpty()) {
    idle.push(pooled);
    return;
  }
  byDb.delete(db);
  if (db.open) db.close();
}
