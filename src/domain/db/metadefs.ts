/**
 * The catalog's rows on the shared schema, read and written as Glance's
 * metadef db api does (glance/db/sqlalchemy/metadef_api/): rows are
 * deleted for real; an insert stamps created_at and updated_at; an update
 * writes only the columns whose value changed (Python `==` against the
 * loaded row) and stamps updated_at only then; json columns hold
 * `json.dumps` text. A unique key violation is a {@link DuplicateRow}.
 * Listings without ORDER BY keep SQLite's natural order, as Glance's do.
 * @see glance/db/sqlalchemy/metadef_api/namespace.py, object.py, property.py, tag.py, resource_type.py, resource_type_association.py
 */
import type Database from 'better-sqlite3';
import { pyJsonDumpsValue, pyJsonEquals, pyJsonLoads, PyFloat, type PyJson } from '../../lib/pyjson.js';
import { PyException, pyRepr, TypeError_, ValueError } from '../../lib/python.js';
import { utf8Encode } from '../../lib/webob/index.js';
import { formatDbDatetime, parseDbDatetime } from '../../shared/db/schema.js';
import type { Clock } from '../../shared/world.js';
import { cachedDb, type Db } from './statements.js';
import { integerMarker } from '../compat/metadef-lookups.js';

type Raw = Record<string, unknown>;
type ColumnType = 'datetime' | 'boolean' | 'integer' | 'text' | 'json';

/** A unique key (or primary key) the write would repeat. */
export class DuplicateRow extends PyException {
  override get pyName(): string {
    return 'DBDuplicateEntry';
  }
}

/** oslo.db's InvalidSortKey: a listing sorted by what is not a column. */
export class InvalidSortKey extends PyException {}

/** Each table's columns in table order, with how they bind and read back. */
const TABLES = {
  metadef_namespaces: {
    created_at: 'datetime', updated_at: 'datetime', id: 'integer', namespace: 'text', display_name: 'text', description: 'text',
    visibility: 'text', protected: 'boolean', owner: 'text',
  },
  metadef_objects: {
    created_at: 'datetime', updated_at: 'datetime', id: 'integer', namespace_id: 'integer', name: 'text', description: 'text',
    required: 'text', json_schema: 'json',
  },
  metadef_properties: { created_at: 'datetime', updated_at: 'datetime', id: 'integer', namespace_id: 'integer', name: 'text', json_schema: 'json' },
  metadef_tags: { created_at: 'datetime', updated_at: 'datetime', id: 'integer', namespace_id: 'integer', name: 'text' },
  metadef_resource_types: { created_at: 'datetime', updated_at: 'datetime', id: 'integer', name: 'text', protected: 'boolean' },
  metadef_namespace_resource_types: {
    created_at: 'datetime', updated_at: 'datetime', resource_type_id: 'integer', namespace_id: 'integer', properties_target: 'text', prefix: 'text',
  },
} as const satisfies Record<string, Record<string, ColumnType>>;

type Table = keyof typeof TABLES;

/** A loaded row: its stored values (to compare and re-bind) and its values read back. */
export interface Loaded<R> {
  readonly raw: Raw;
  readonly row: R;
}

export interface NamespaceRow {
  readonly created_at: Date;
  readonly updated_at: Date | null;
  readonly id: number;
  readonly namespace: string;
  readonly display_name: string | null;
  readonly description: string | null;
  readonly visibility: string | null;
  readonly protected: boolean | null;
  readonly owner: string;
}

export interface ObjectRow {
  readonly created_at: Date;
  readonly updated_at: Date | null;
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  readonly required: string | null;
  readonly json_schema: PyJson;
}

export interface PropertyRow {
  readonly id: number;
  readonly name: string;
  readonly json_schema: PyJson;
}

export interface TagRow {
  readonly created_at: Date;
  readonly updated_at: Date | null;
  readonly id: number;
  readonly name: string;
}

export interface ResourceTypeRow {
  readonly created_at: Date;
  readonly updated_at: Date | null;
  readonly id: number;
  readonly name: string;
}

/** A namespace's association with a resource type, named as the API shows it. */
export interface AssociationRow {
  readonly name: unknown;
  readonly prefix: string | null;
  readonly properties_target: string | null;
  readonly created_at: Date | null;
  readonly updated_at: Date | null;
}

/** The row of each kind of a namespace's contents, by table. */
interface ContentRows {
  readonly metadef_objects: ObjectRow;
  readonly metadef_properties: PropertyRow;
  readonly metadef_tags: TagRow;
}

export type ContentTable = keyof ContentRows;

/** A listing page: sort keys and direction (asc/desc for all), keyset marker row, limit. */
export interface Paging {
  readonly sortKeys: readonly string[];
  readonly sortDir: 'asc' | 'desc';
  readonly marker: Raw | null;
  readonly limit: number | bigint | null;
}

/** What pysqlite binds for a Python value. */
function bindScalar(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  // pysqlite encodes text as strict UTF-8: a lone surrogate fails the statement.
  if (typeof value === 'string' && /[\uD800-\uDFFF]/.test(value)) utf8Encode(value);
  if (typeof value === 'string' || typeof value === 'bigint') return value;
  if (value instanceof PyFloat) return value.value;
  throw new PyException(`Error binding parameter 1: type '${typeof value}' is not supported`);
}

/** SQLAlchemy's bind processing for a column, then pysqlite's. */
function bind(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'datetime':
      if (value instanceof Date) return formatDbDatetime(value);
      throw new TypeError_('SQLite DateTime type only accepts Python datetime and date objects as input.');
    case 'boolean':
      if (value === true || value === 1) return 1n;
      if (value === false || value === 0) return 0n;
      throw new ValueError(`Not a boolean value: ${pyRepr(value)}`);
    case 'json':
      return pyJsonDumpsValue(value);
    default:
      return bindScalar(value);
  }
}

function read(type: ColumnType, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case 'datetime': return parseDbDatetime(raw);
    case 'boolean': return Boolean(raw);
    case 'json': return pyJsonLoads(String(raw));
    case 'integer': return typeof raw === 'bigint' ? Number(raw) : raw;
    default: return raw;
  }
}

function unchanged(type: ColumnType, bound: unknown, raw: unknown): boolean {
  if (type === 'json') {
    if (bound === null || raw === null || raw === undefined) return bound === (raw ?? null);
    return pyJsonEquals(pyJsonLoads(String(bound)), pyJsonLoads(String(raw)));
  }
  const norm = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : v);
  return norm(bound) === norm(raw);
}

function isDuplicate(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export class MetadefRepository {
  private readonly db: Db;

  constructor(db: Database.Database, private readonly clock: Clock) {
    this.db = cachedDb(db);
  }

  private rows(sql: string, params: readonly unknown[] = []): Raw[] {
    return this.db.prepare(sql).all(...params) as Raw[];
  }

  private load<R>(table: Table, raw: Raw): Loaded<R> {
    const row: Raw = {};
    for (const [name, type] of Object.entries(TABLES[table])) row[name] = read(type, raw[name]);
    return { raw, row: row as R };
  }

  private one<R>(table: Table, sql: string, params: readonly unknown[]): Loaded<R> | undefined {
    const [first] = this.rows(sql, params);
    return first === undefined ? undefined : this.load<R>(table, first);
  }

  /** An INSERT of the given columns, created_at and updated_at stamped now; the new rowid. */
  private insert(table: Table, values: Readonly<Record<string, unknown>>): number {
    const now = this.clock.now();
    const all: Record<string, unknown> = { ...values, created_at: now, updated_at: now };
    const columns = Object.entries(TABLES[table]).filter(([name]) => name in all);
    const params = columns.map(([name, type]) => bind(type, all[name]));
    const sql = `INSERT INTO ${table} (${columns.map(([n]) => n).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    return Number(this.write(sql, params).lastInsertRowid);
  }

  private write(sql: string, params: readonly unknown[]): Database.RunResult {
    try {
      return this.db.prepare(sql).run(...params);
    } catch (e) {
      if (isDuplicate(e)) throw new DuplicateRow(e instanceof Error ? e.message : String(e));
      throw e;
    }
  }

  /** The UPDATE of what changed, with updated_at; nothing when nothing changed. */
  private update(table: Table, loaded: Loaded<unknown>, key: readonly string[], values: Readonly<Record<string, unknown>>): void {
    const columns: Readonly<Record<string, ColumnType>> = TABLES[table];
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [name, value] of Object.entries(values)) {
      const type = columns[name] as ColumnType;
      const bound = bind(type, value);
      if (unchanged(type, bound, loaded.raw[name])) continue;
      sets.push(`${name}=?`);
      params.push(bound);
    }
    if (sets.length === 0) return;
    const where = key.map((k) => `${k} = ?`).join(' AND ');
    this.write(`UPDATE ${table} SET updated_at=?, ${sets.join(', ')} WHERE ${where}`, [
      formatDbDatetime(this.clock.now()), ...params, ...key.map((k) => bindScalar(loaded.raw[k])),
    ]);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ---------------------------------------------------------------- namespaces

  namespaceByName(name: unknown): Loaded<NamespaceRow> | undefined {
    return this.one('metadef_namespaces', 'SELECT * FROM metadef_namespaces WHERE namespace = ?', [bindScalar(name)]);
  }

  namespaceById(id: unknown): Loaded<NamespaceRow> | undefined {
    return this.one('metadef_namespaces', 'SELECT * FROM metadef_namespaces WHERE id = ?', [bindScalar(id)]);
  }

  /**
   * A page of namespaces: those the visibility clause lets through,
   * filtered, sorted and after the marker as oslo.db's paginate_query does.
   */
  listNamespaces(visible: { admin: boolean; owner: string | null }, filters: { visibility: unknown; ids: unknown[] | null }, page: Paging): Loaded<NamespaceRow>[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!visible.admin) {
      if (visible.owner !== null) {
        where.push('(owner = ? OR visibility = ?)');
        params.push(visible.owner, 'public');
      } else {
        where.push('visibility = ?');
        params.push('public');
      }
    }
    if (filters.visibility !== null && filters.visibility !== undefined) {
      where.push('visibility = ?');
      params.push(bindScalar(filters.visibility));
    }
    if (filters.ids !== null) {
      where.push(`id IN (${filters.ids.map(() => '?').join(', ')})`);
      params.push(...filters.ids.map(bindScalar));
    }
    return this.page('metadef_namespaces', where, params, page).map((r) => this.load<NamespaceRow>('metadef_namespaces', r));
  }

  /** The ids of the namespaces associated with any of the resource types named. */
  namespaceIdsWithResourceTypes(names: readonly string[]): unknown[] {
    return this.rows(
      'SELECT metadef_namespace_resource_types.namespace_id FROM metadef_resource_types ' +
        'JOIN metadef_namespace_resource_types ON metadef_resource_types.id = metadef_namespace_resource_types.resource_type_id ' +
        `WHERE metadef_resource_types.name IN (${names.map(() => '?').join(', ')})`,
      names,
    ).map((r) => r['namespace_id']);
  }

  insertNamespace(values: Readonly<Record<string, unknown>>): void {
    this.insert('metadef_namespaces', values);
  }

  updateNamespace(loaded: Loaded<NamespaceRow>, values: Readonly<Record<string, unknown>>): void {
    this.update('metadef_namespaces', loaded, ['id'], values);
  }

  /** The namespace and everything in it, in one transaction. */
  deleteNamespace(id: number): void {
    this.transaction(() => {
      for (const table of ['metadef_tags', 'metadef_objects', 'metadef_properties', 'metadef_namespace_resource_types'] as const) {
        this.write(`DELETE FROM ${table} WHERE namespace_id = ?`, [BigInt(id)]);
      }
      this.write('DELETE FROM metadef_namespaces WHERE id = ?', [BigInt(id)]);
    });
  }

  /** Every object, property or tag of a namespace. */
  deleteContents(table: ContentTable, namespaceId: number): void {
    this.write(`DELETE FROM ${table} WHERE namespace_id = ?`, [BigInt(namespaceId)]);
  }

  // ---------------------------------------------------------------- objects, properties, tags

  /** Every object, property or tag of a namespace, in SQLite's natural order. */
  contents<T extends ContentTable>(table: T, namespaceId: number): ContentRows[T][] {
    return this.rows(`SELECT * FROM ${table} WHERE namespace_id = ?`, [BigInt(namespaceId)]).map((r) => this.load<ContentRows[T]>(table, r).row);
  }

  /** An object, property or tag by name in a namespace. */
  named<T extends ContentTable>(table: T, namespaceId: number, name: unknown): Loaded<ContentRows[T]> | undefined {
    return this.one(table, `SELECT * FROM ${table} WHERE name = ? AND namespace_id = ?`, [bindScalar(name), BigInt(namespaceId)]);
  }

  /** An object, property or tag by id, in any namespace. */
  byId<T extends ContentTable>(table: T, id: unknown): Loaded<ContentRows[T]> | undefined {
    return this.one(table, `SELECT * FROM ${table} WHERE id = ?`, [bindScalar(id)]);
  }

  insertObject(namespaceId: number, values: Readonly<Record<string, unknown>>): void {
    this.insert('metadef_objects', { ...values, namespace_id: namespaceId });
  }

  updateObject(loaded: Loaded<ObjectRow>, values: Readonly<Record<string, unknown>>): void {
    this.update('metadef_objects', loaded, ['id'], values);
  }

  insertProperty(namespaceId: number, values: Readonly<Record<string, unknown>>): void {
    this.insert('metadef_properties', { ...values, namespace_id: namespaceId });
  }

  updateProperty(loaded: Loaded<PropertyRow>, values: Readonly<Record<string, unknown>>): void {
    this.update('metadef_properties', loaded, ['id'], values);
  }

  listTags(namespaceId: number, page: Paging): TagRow[] {
    return this.page('metadef_tags', ['namespace_id = ?'], [BigInt(namespaceId)], page).map((r) => this.load<TagRow>('metadef_tags', r).row);
  }

  insertTag(namespaceId: number, name: unknown): void {
    this.insert('metadef_tags', { name, namespace_id: namespaceId });
  }

  updateTag(loaded: Loaded<TagRow>, values: Readonly<Record<string, unknown>>): void {
    this.update('metadef_tags', loaded, ['id'], values);
  }

  deleteRow(table: ContentTable, id: number): void {
    this.write(`DELETE FROM ${table} WHERE id = ?`, [BigInt(id)]);
  }

  // ---------------------------------------------------------------- resource types

  resourceType(name: unknown): ResourceTypeRow | undefined {
    return this.one<ResourceTypeRow>('metadef_resource_types', 'SELECT * FROM metadef_resource_types WHERE name = ?', [bindScalar(name)])?.row;
  }

  resourceTypes(): ResourceTypeRow[] {
    return this.rows('SELECT * FROM metadef_resource_types').map((r) => this.load<ResourceTypeRow>('metadef_resource_types', r).row);
  }

  /** A new resource type, unprotected; its id. */
  insertResourceType(name: unknown): number {
    return this.insert('metadef_resource_types', { name, protected: false });
  }

  association(namespaceId: number, resourceTypeId: number): Loaded<Raw> | undefined {
    return this.one(
      'metadef_namespace_resource_types',
      'SELECT * FROM metadef_namespace_resource_types WHERE namespace_id = ? AND resource_type_id = ?',
      [BigInt(namespaceId), BigInt(resourceTypeId)],
    );
  }

  associations(namespaceId: number): AssociationRow[] {
    return this.rows(
      'SELECT metadef_resource_types.name AS name, metadef_namespace_resource_types.properties_target AS properties_target, ' +
        'metadef_namespace_resource_types.prefix AS prefix, metadef_namespace_resource_types.created_at AS created_at, ' +
        'metadef_namespace_resource_types.updated_at AS updated_at FROM metadef_resource_types ' +
        'JOIN metadef_namespace_resource_types ON metadef_resource_types.id = metadef_namespace_resource_types.resource_type_id ' +
        'WHERE metadef_namespace_resource_types.namespace_id = ?',
      [BigInt(namespaceId)],
    ).map((r) => ({
      name: r['name'],
      prefix: r['prefix'] as string | null,
      properties_target: r['properties_target'] as string | null,
      created_at: parseDbDatetime(r['created_at']),
      updated_at: parseDbDatetime(r['updated_at']),
    }));
  }

  insertAssociation(values: Readonly<Record<string, unknown>>): void {
    this.insert('metadef_namespace_resource_types', values);
  }

  deleteAssociation(namespaceId: number, resourceTypeId: number): void {
    this.write('DELETE FROM metadef_namespace_resource_types WHERE namespace_id = ? AND resource_type_id = ?', [
      BigInt(namespaceId), BigInt(resourceTypeId),
    ]);
  }

  // ---------------------------------------------------------------- paging

  /**
   * oslo.db paginate_query: ORDER BY each key, and rows after the marker
   * `(k1 > X1) or (k1 = X1 and k2 > X2) or ...`, where a key the marker
   * holds no value for is left out; a Boolean key is compared as an
   * integer (compat/metadef-lookups.ts integerMarker).
   */
  private page(table: Table, where: string[], params: unknown[], page: Paging): Raw[] {
    const columns: Readonly<Record<string, ColumnType>> = TABLES[table];
    for (const key of page.sortKeys) if (!Object.prototype.hasOwnProperty.call(columns, key)) throw new InvalidSortKey(`Sort key supplied is invalid: ${key}`);
    const dir = page.sortDir.toUpperCase();
    if (page.marker !== null) {
      const marker = page.marker;
      const ors: string[] = [];
      page.sortKeys.forEach((key, i) => {
        const value = marker[key];
        if (value === null || value === undefined) return;
        const ands: string[] = [];
        for (const prev of page.sortKeys.slice(0, i)) {
          const v = marker[prev];
          if (v === null || v === undefined) continue;
          ands.push(`(${table}.${prev} = ?)`);
          params.push(markerValue(columns[prev] as ColumnType, v));
        }
        const asInteger = integerMarker(columns[key] as ColumnType, value);
        ands.push(`(${asInteger === null ? `${table}.${key}` : `CAST(${table}.${key} AS INTEGER)`} ${page.sortDir === 'desc' ? '<' : '>'} ?)`);
        params.push(asInteger ?? markerValue(columns[key] as ColumnType, value));
        ors.push(`(${ands.join(' AND ')})`);
      });
      where.push(ors.join(' OR ') || '0 = 1');
    }
    let sql = `SELECT * FROM ${table}${where.length > 0 ? ` WHERE ${where.map((w) => `(${w})`).join(' AND ')}` : ''}`;
    sql += ` ORDER BY ${page.sortKeys.map((k) => `${table}.${k} ${dir}`).join(', ')}`;
    if (page.limit !== null) {
      sql += ' LIMIT ? OFFSET ?';
      params.push(bindScalar(page.limit), 0n);
    }
    return this.rows(sql, params);
  }
}

/** A marker's stored value compared with its column: a Python bool binds as 0/1, anything else as stored. */
function markerValue(type: ColumnType, raw: unknown): unknown {
  if (type === 'boolean') return Boolean(raw) ? 1n : 0n;
  return bindScalar(raw);
}
