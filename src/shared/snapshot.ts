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

export interface WorldSnapshot {
  readonly tables: Record<string, Array<Record<string, unknown>>>;
  /** Store path relative to its root -> "size:md5". */
  readonly files: Record<string, string>;
}

function orderOf(db: Database.Database, table: string): string {
  const pk = (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; pk: number }>)
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  return pk.length > 0 ? pk.join(', ') : 'rowid';
}

export function snapshotDatabase(db: Database.Database): WorldSnapshot['tables'] {
  const out: WorldSnapshot['tables'] = {};
  for (const table of TABLES) {
    out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY ${orderOf(db, table)}`).all() as Array<Record<string, unknown>>;
  }
  return out;
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
