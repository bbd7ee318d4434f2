/**
 * What `glance-manage db_load_metadefs` writes into an empty database: the
 * metadata definitions shipped with Glance 16.0.0 (`./metadefs/*.json`,
 * copied verbatim), one namespace per file, with its resource type
 * associations, properties, objects and tags. Shared by both models: a
 * scenario whose config sets `load_metadefs` starts from these rows.
 *
 * The rows are Glance's own, not an approximation: `_populate_metadata`
 * (glance/db/sqlalchemy/metadata.py) writes through SQLAlchemy Core on
 * reflected tables, so no ORM default applies. Hence, as in Glance:
 * `updated_at` stays NULL, an object's `required` list is not loaded at
 * all (NULL), a namespace without `protected` stores NULL, resource types
 * the files introduce are protected, schemas are stored as `json.dumps`
 * writes them (ASCII-escaped, `', '` and `': '` separators, file order),
 * and every `created_at` is the instant the loader ran (the scenario's
 * first instant). Files are taken in file-name order (the reference runner
 * sorts Glance's `os.listdir`), and a namespace already present is skipped.
 *
 * @see glance/db/sqlalchemy/metadata.py _populate_metadata
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { compareCodePoints, isPyDict, pyJsonDumpsValue, pyJsonLoads, type PyJson, type PyJsonDict } from '../../lib/pyjson.js';
import { createSchema, formatDbDatetime, METADEF_TABLE_NAMES } from './schema.js';

/** Glance 16.0.0's etc/metadefs, as shipped in this repository. */
export const METADEFS_DIR = fileURLToPath(new URL('./metadefs/', import.meta.url));

interface MetadefFile {
  readonly name: string;
  readonly metadata: PyJsonDict;
}

const parsed = new Map<string, readonly MetadefFile[]>();

/**
 * The `.json` files of a directory in file-name order, parsed with
 * Python's json (floats stay floats, key order kept). A file that does not
 * parse as JSON is skipped, as Glance logs and skips it.
 */
function metadefFiles(dir: string): readonly MetadefFile[] {
  const cached = parsed.get(dir);
  if (cached !== undefined) return cached;
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && statSync(join(dir, f)).isFile())
    .sort(compareCodePoints);
  const files: MetadefFile[] = [];
  for (const name of names) {
    let metadata: PyJson;
    try {
      metadata = pyJsonLoads(readFileSync(join(dir, name), 'utf8'));
    } catch {
      continue;
    }
    // NOTE(quirk): Glance calls metadata.get() on whatever the file holds; a
    // top-level value that is not an object would raise there. Every shipped
    // file is an object, so only objects are taken.
    if (isPyDict(metadata)) files.push({ name, metadata });
  }
  parsed.set(dir, files);
  return files;
}

/** `dict.get(key, default)` on a parsed JSON object. */
function get(obj: PyJson | undefined, key: string, fallback: PyJson = null): PyJson {
  return isPyDict(obj) && obj.has(key) ? (obj.get(key) as PyJson) : fallback;
}

/** pysqlite's binding of a JSON scalar (a bool is an int, None is NULL). */
function bind(value: PyJson): unknown {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string') return value;
  // A non-scalar would fail to bind in pysqlite too; none of the shipped files has one here.
  return pyJsonDumpsValue(value);
}

function isIntegrityError(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

/** `_insert_data_to_db`: a duplicate (IntegrityError) is logged and skipped. */
function insert(db: Database.Database, table: string, values: ReadonlyArray<readonly [string, unknown]>): void {
  const cols = values.map(([k]) => k);
  const sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  try {
    db.prepare(sql).run(...values.map(([, v]) => v));
  } catch (e) {
    if (!isIntegrityError(e)) throw e;
  }
}

function idOf(db: Database.Database, sql: string, ...params: unknown[]): number | null {
  const row = db.prepare(sql).get(...params) as { id: number } | undefined;
  return row === undefined ? null : row.id;
}

function loadResourceTypes(db: Database.Database, namespaceId: number, metadata: PyJsonDict, createdAt: string): void {
  const associations = get(metadata, 'resource_type_associations', []);
  if (!Array.isArray(associations)) return;
  for (const rt of associations) {
    const name = get(rt, 'name');
    let rtId = idOf(db, 'SELECT id FROM metadef_resource_types WHERE name = ?', bind(name));
    if (rtId === null) {
      insert(db, 'metadef_resource_types', [['name', bind(name)], ['created_at', createdAt], ['protected', 1]]);
      rtId = idOf(db, 'SELECT id FROM metadef_resource_types WHERE name = ?', bind(name));
    }
    const existing = db
      .prepare('SELECT 1 FROM metadef_namespace_resource_types WHERE namespace_id = ? AND resource_type_id = ?')
      .get(namespaceId, rtId);
    if (existing !== undefined) continue;
    insert(db, 'metadef_namespace_resource_types', [
      ['namespace_id', namespaceId],
      ['resource_type_id', rtId],
      ['properties_target', bind(get(rt, 'properties_target'))],
      ['prefix', bind(get(rt, 'prefix'))],
      ['created_at', createdAt],
    ]);
  }
}

function loadProperties(db: Database.Database, namespaceId: number, metadata: PyJsonDict, createdAt: string): void {
  const properties = get(metadata, 'properties', new Map());
  if (!isPyDict(properties)) return;
  for (const [name, schema] of properties) {
    if (idOf(db, 'SELECT id FROM metadef_properties WHERE namespace_id = ? AND name = ?', namespaceId, name) !== null) continue;
    insert(db, 'metadef_properties', [
      ['name', name],
      ['namespace_id', namespaceId],
      ['json_schema', pyJsonDumpsValue(schema)],
      ['created_at', createdAt],
    ]);
  }
}

function loadObjects(db: Database.Database, namespaceId: number, metadata: PyJsonDict, createdAt: string): void {
  const objects = get(metadata, 'objects', []);
  if (!Array.isArray(objects)) return;
  for (const obj of objects) {
    const name = bind(get(obj, 'name'));
    if (idOf(db, 'SELECT id FROM metadef_objects WHERE namespace_id = ? AND name = ?', namespaceId, name) !== null) continue;
    // NOTE(quirk): glance/db/sqlalchemy/metadata.py writes no `required`
    // column: an object's required list in the file is not loaded.
    insert(db, 'metadef_objects', [
      ['name', name],
      ['description', bind(get(obj, 'description'))],
      ['namespace_id', namespaceId],
      ['json_schema', pyJsonDumpsValue(get(obj, 'properties'))],
      ['created_at', createdAt],
    ]);
  }
}

function loadTags(db: Database.Database, namespaceId: number, metadata: PyJsonDict, createdAt: string): void {
  const tags = get(metadata, 'tags', []);
  if (!Array.isArray(tags)) return;
  for (const tag of tags) {
    const name = bind(get(tag, 'name'));
    if (idOf(db, 'SELECT id FROM metadef_tags WHERE namespace_id = ? AND name = ?', namespaceId, name) !== null) continue;
    insert(db, 'metadef_tags', [['name', name], ['namespace_id', namespaceId], ['created_at', createdAt]]);
  }
}

/** One file: its namespace (skipped when it exists), then what belongs to it. */
function loadFile(db: Database.Database, metadata: PyJsonDict, createdAt: string): void {
  const namespace = bind(get(metadata, 'namespace'));
  if (idOf(db, 'SELECT id FROM metadef_namespaces WHERE namespace = ?', namespace) !== null) return;
  insert(db, 'metadef_namespaces', [
    ['namespace', namespace],
    ['display_name', bind(get(metadata, 'display_name'))],
    ['description', bind(get(metadata, 'description'))],
    ['visibility', bind(get(metadata, 'visibility'))],
    ['protected', bind(get(metadata, 'protected'))],
    ['owner', bind(get(metadata, 'owner', 'admin'))],
    ['created_at', createdAt],
  ]);
  const namespaceId = idOf(db, 'SELECT id FROM metadef_namespaces WHERE namespace = ?', namespace);
  if (namespaceId === null) return;
  loadResourceTypes(db, namespaceId, metadata, createdAt);
  loadProperties(db, namespaceId, metadata, createdAt);
  loadObjects(db, namespaceId, metadata, createdAt);
  loadTags(db, namespaceId, metadata, createdAt);
}

/** Glance's loading itself: the lookups and inserts of `_populate_metadata`. */
function populate(db: Database.Database, dir: string, createdAt: string): void {
  const files = metadefFiles(dir);
  // One transaction for speed; Glance commits statement by statement, which
  // ends in the same rows since nothing else runs meanwhile.
  db.transaction(() => {
    for (const file of files) loadFile(db, file.metadata, createdAt);
  })();
}

type Rows = ReadonlyArray<Readonly<Record<string, unknown>>>;
const loadedRows = new Map<string, ReadonlyMap<string, Rows>>();

/** The rows a load into an empty database leaves, computed once per directory and instant. */
function rowsOfEmptyLoad(dir: string, createdAt: string): ReadonlyMap<string, Rows> {
  const key = `${dir}\0${createdAt}`;
  const cached = loadedRows.get(key);
  if (cached !== undefined) return cached;
  const scratch = new Database(':memory:');
  try {
    createSchema(scratch);
    populate(scratch, dir, createdAt);
    const rows = new Map<string, Rows>();
    for (const table of METADEF_TABLE_NAMES) rows.set(table, scratch.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Rows);
    loadedRows.set(key, rows);
    return rows;
  } finally {
    scratch.close();
  }
}

function metadefTablesEmpty(db: Database.Database): boolean {
  return METADEF_TABLE_NAMES.every((t) => db.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get() === undefined);
}

/**
 * Loads the metadata definitions into `db` (which must hold the metadef
 * tables), every row created at `at`. `dir` defaults to the definitions
 * Glance 16.0.0 ships. A database without definitions (every scenario's)
 * receives the rows that loading once into an empty database produced,
 * ids included: the same rows, without redoing each lookup per world.
 */
export function loadMetadefs(db: Database.Database, at: Date, dir: string = METADEFS_DIR): void {
  const createdAt = formatDbDatetime(at);
  if (!metadefTablesEmpty(db)) {
    populate(db, dir, createdAt);
    return;
  }
  const rows = rowsOfEmptyLoad(dir, createdAt);
  db.transaction(() => {
    for (const [table, list] of rows) {
      const first = list[0];
      if (first === undefined) continue;
      const cols = Object.keys(first);
      const stmt = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      for (const row of list) stmt.run(...cols.map((c) => row[c]));
    }
  })();
}
