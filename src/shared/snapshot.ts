/**
 * What a scenario left behind: every row of every table and every file of
 * the store, in a stable order, so two models can be compared after each
 * step. Generated ids are left as they are; both models draw them from the
 * same seeded generator, and the comparison numbers them anyway.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type Database from 'better-sqlite3';

export const TABLES = [
  'images', 'image_properties', 'image_tags', 'image_locations', 'image_members', 'tasks', 'task_info',
  // The metadata definitions catalog, parents before children; each by its primary key.
  'metadef_namespaces', 'metadef_resource_types', 'metadef_objects', 'metadef_properties', 'metadef_namespace_resource_types', 'metadef_tags',
] as const;
export type TableName = (typeof TABLES)[number];

export interface WorldSnapshot {
  readonly tables: Record<string, Array<Record<string, unknown>>>;
  /** Store path relative to its root -> "size:md5". */
  readonly files: Record<string, string>;
}

interface TableShape {
  readonly columns: readonly string[];
  /** The primary key's columns, or rowid. */
  readonly order: string;
}

/** Every world has the same schema, so each table's shape is read once per process. */
const shapes = new Map<string, TableShape>();

function shapeOf(db: Database.Database, table: string): TableShape {
  let shape = shapes.get(table);
  if (shape === undefined) {
    const info = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; pk: number }>;
    const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    shape = { columns: info.map((c) => c.name), order: pk.length > 0 ? pk.join(', ') : 'rowid' };
    shapes.set(table, shape);
  }
  return shape;
}

export function snapshotDatabase(db: Database.Database): WorldSnapshot['tables'] {
  const out: WorldSnapshot['tables'] = {};
  for (const table of TABLES) {
    out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY ${shapeOf(db, table).order}`).all() as Array<Record<string, unknown>>;
  }
  return out;
}

/**
 * Per connection (worlds reuse connections, see db/template.ts): the
 * statements that write each table as JSON inside SQLite (the text
 * `JSON.stringify` gives for `snapshotDatabase`'s rows of the table, up to
 * how numbers are spelled: integers beyond 2^53 exactly, a float as
 * `1.0e+300`, with no row object made in JavaScript), and a count of the
 * rows written to each table, kept by TEMP triggers. The triggers write
 * only a TEMP table no model reads; what a model's statement reports
 * (its changes, the last rowid) does not count trigger writes.
 */
interface Watch {
  readonly writes: Database.Statement;
  readonly tables: readonly Database.Statement[];
}

const watches = new WeakMap<Database.Database, Watch>();

function watchOf(db: Database.Database): Watch {
  let watch = watches.get(db);
  if (watch === undefined) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS peel_table_writes (t INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
    TABLES.forEach((table, i) => {
      db.prepare('INSERT OR IGNORE INTO temp.peel_table_writes (t, n) VALUES (?, 0)').run(i);
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS peel_writes_${table}_${event.toLowerCase()} AFTER ${event} ON main.${table} BEGIN UPDATE temp.peel_table_writes SET n = n + 1 WHERE t = ${i}; END`);
      }
    });
    watch = {
      writes: db.prepare('SELECT n FROM temp.peel_table_writes ORDER BY t').pluck(),
      tables: TABLES.map((table) => {
        const { columns, order } = shapeOf(db, table);
        const row = `json_object(${columns.map((c) => `'${c}', "${c}"`).join(', ')})`;
        return db.prepare(`SELECT coalesce(json_group_array(${row} ORDER BY ${order}), '[]') FROM main.${table}`).pluck();
      }),
    };
    watches.set(db, watch);
  }
  return watch;
}

/** Rows written so far to each table (TABLES order), counted from the first call on this connection: equal counts, same rows. */
export function tableWrites(db: Database.Database): number[] {
  return watchOf(db).writes.all() as number[];
}

/**
 * One table's rows as JSON text (`JSON.stringify` of
 * `snapshotDatabase(db)[TABLES[i]]`, up to number spelling). A value JSON
 * cannot hold (a blob) falls back on the rows read into JavaScript.
 */
export function tableJson(db: Database.Database, i: number): string {
  try {
    return watchOf(db).tables[i]?.get() as string;
  } catch {
    const table = TABLES[i] as TableName;
    return JSON.stringify(db.prepare(`SELECT * FROM ${table} ORDER BY ${shapeOf(db, table).order}`).all());
  }
}

export function snapshotStore(root: string): WorldSnapshot['files'] {
  const files: WorldSnapshot['files'] = {};
  if (!existsSync(root)) return files;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        files[relative(root, path)] = `${bytes.length}:${createHash('md5').update(bytes).digest('hex')}`;
      }
    }
  };
  walk(root);
  return files;
}
