// The `load_metadefs` deployment key: the rows `glance-manage
// db_load_metadefs` writes from Glance 16.0.0's etc/metadefs.
//
// __fixtures__/metadefs-loaded-digest.json was recorded by running Glance
// 16.0.0's own glance/db/sqlalchemy/metadata.py `db_load_metadefs` (files in
// sorted order, timeutils.utcnow overridden to 2018-02-28T00:00:00) on an
// in-memory SQLite database made by models_metadef.register_models, then
// writing, per table, the row count and the sha256 of
// `json.dumps(rows, sort_keys=True)` with rows ordered by primary key.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pyJsonDumpsValue } from '../../src/lib/pyjson.js';
import { loadMetadefs } from '../../src/shared/db/load-metadefs.js';
import { createSchema, METADEF_TABLE_NAMES } from '../../src/shared/db/schema.js';
import { openWorld } from '../../src/shared/runner.js';
import { SCENARIO_EPOCH_MS } from '../../src/shared/world.js';
import recorded from './__fixtures__/metadefs-loaded-digest.json' with { type: 'json' };

type Row = Record<string, unknown>;

function rowsOf(db: Database.Database, table: string): Row[] {
  const order = table === 'metadef_namespace_resource_types' ? 'resource_type_id, namespace_id' : 'id';
  return db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all() as Row[];
}

function sortedKeys(row: Row): Row {
  return Object.fromEntries(Object.keys(row).sort().map((k) => [k, row[k]]));
}

function digest(rows: Row[]): { count: number; sha256: string } {
  const text = pyJsonDumpsValue(rows.map(sortedKeys), { sortKeys: true });
  return { count: rows.length, sha256: createHash('sha256').update(text).digest('hex') };
}

function loadedDb(): Database.Database {
  const db = new Database(':memory:');
  createSchema(db);
  loadMetadefs(db, new Date(SCENARIO_EPOCH_MS));
  return db;
}

describe('loadMetadefs', () => {
  it('writes exactly the rows db_load_metadefs writes, table by table', () => {
    const db = loadedDb();
    for (const table of METADEF_TABLE_NAMES) {
      expect({ table, ...digest(rowsOf(db, table)) }).toEqual({ table, ...recorded.tables[table] });
    }
  });

  it('leaves updated_at and an object\'s required list unset, as Glance\'s Core inserts do', () => {
    const db = loadedDb();
    expect(rowsOf(db, 'metadef_namespaces')[0]).toEqual(recorded.first_namespace);
    expect(rowsOf(db, 'metadef_objects')[0]).toEqual(recorded.first_object);
  });

  it('skips namespaces already present and adds nothing twice when loaded again', () => {
    const db = loadedDb();
    const before = METADEF_TABLE_NAMES.map((t) => digest(rowsOf(db, t)));
    loadMetadefs(db, new Date(SCENARIO_EPOCH_MS + 5000));
    expect(METADEF_TABLE_NAMES.map((t) => digest(rowsOf(db, t)))).toEqual(before);
  });

  it('loads into a database that already holds a namespace of its own, after it', () => {
    const db = new Database(':memory:');
    createSchema(db);
    db.prepare("INSERT INTO metadef_namespaces (created_at, namespace, owner) VALUES ('2018-02-27 00:00:00.000000', 'mine', 'p1')").run();
    loadMetadefs(db, new Date(SCENARIO_EPOCH_MS));
    const namespaces = rowsOf(db, 'metadef_namespaces');
    expect(namespaces.length).toBe(recorded.tables.metadef_namespaces.count + 1);
    expect(namespaces[0]?.['namespace']).toBe('mine');
    expect(namespaces[1]?.['namespace']).toBe(recorded.first_namespace.namespace);
  });
});

describe('openWorld and load_metadefs', () => {
  it('starts with no definitions by default', () => {
    const { world, close } = openWorld({});
    try {
      for (const table of METADEF_TABLE_NAMES) expect(rowsOf(world.db, table)).toEqual([]);
    } finally {
      close();
    }
  });

  it('starts with the loaded definitions, written at the scenario\'s first instant, when the key is true', () => {
    const { world, close } = openWorld({ load_metadefs: true });
    try {
      expect(digest(rowsOf(world.db, 'metadef_namespaces'))).toEqual(recorded.tables.metadef_namespaces);
      expect(world.settings.load_metadefs).toBe(true);
    } finally {
      close();
    }
  });
});
