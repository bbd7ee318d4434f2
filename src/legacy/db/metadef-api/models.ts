/**
 * The six metadef models of glance/db/sqlalchemy/models_metadef.py as the
 * metadef api uses them through SQLAlchemy's ORM and oslo.db's ModelBase:
 * which columns a table has and how each binds and reads back, the Python
 * defaults an INSERT fills in (`created_at`, `updated_at`, `json_schema`,
 * a resource type's `protected`), `updated_at` stamped on an UPDATE that
 * changes something, and `to_dict()`.
 *
 * A model instance after `save()` holds the Python values it was given, not
 * what SQLite stored: `to_dict()` of a created or updated row shows them,
 * and only a later read shows the stored ones. The port keeps that: writes
 * answer the given values merged over the defaults (or over the loaded row).
 *
 * The tables live in src/shared/db/schema.ts (METADEF_TABLES).
 *
 * @see glance/db/sqlalchemy/models_metadef.py
 */
import { parseDbDatetime } from '../../../shared/db/schema.js';
import { pyJsonDumpsValue, pyJsonEquals, pyJsonLoads } from '../../../lib/pyjson.js';
import { MultipleResultsFound, NoResultFound, bindAs, bindRaw, run, type ColumnType, type DbSession, type Row } from '../sqlalchemy-api.js';

/** A column's type; `json` is JSONEncodedDict (Python's json, floats and key order kept). */
export type MetadefColumnType = 'datetime' | 'boolean' | 'string' | 'integer' | 'text' | 'json';

/** One metadef model: its table, its columns in table order, and the Python defaults of its columns. */
export interface MetadefModel {
  readonly table: string;
  readonly columns: Readonly<Record<string, MetadefColumnType>>;
  /** The primary key columns. */
  readonly key: readonly string[];
  /** Columns whose INSERT default is a Python value (beyond created_at/updated_at). */
  readonly defaults: Readonly<Record<string, () => unknown>>;
  /** `__protected_attributes__` (GlanceMetadefBase). */
  readonly protected_attributes: readonly string[];
}

const TIMESTAMPS = { created_at: 'datetime', updated_at: 'datetime' } as const;
const PROTECTED = ['created_at', 'updated_at'] as const;

/** @see glance/db/sqlalchemy/models_metadef.py MetadefNamespace */
export const MetadefNamespace: MetadefModel = {
  table: 'metadef_namespaces',
  columns: {
    ...TIMESTAMPS, id: 'integer', namespace: 'string', display_name: 'string', description: 'text',
    visibility: 'string', protected: 'boolean', owner: 'string',
  },
  key: ['id'],
  defaults: {},
  protected_attributes: PROTECTED,
};

/** @see glance/db/sqlalchemy/models_metadef.py MetadefObject */
export const MetadefObject: MetadefModel = {
  table: 'metadef_objects',
  columns: {
    ...TIMESTAMPS, id: 'integer', namespace_id: 'integer', name: 'string', description: 'text', required: 'text',
    json_schema: 'json',
  },
  key: ['id'],
  defaults: { json_schema: () => new Map() },
  protected_attributes: PROTECTED,
};

/** @see glance/db/sqlalchemy/models_metadef.py MetadefProperty */
export const MetadefProperty: MetadefModel = {
  table: 'metadef_properties',
  columns: { ...TIMESTAMPS, id: 'integer', namespace_id: 'integer', name: 'string', json_schema: 'json' },
  key: ['id'],
  defaults: { json_schema: () => new Map() },
  protected_attributes: PROTECTED,
};

/** @see glance/db/sqlalchemy/models_metadef.py MetadefNamespaceResourceType */
export const MetadefNamespaceResourceType: MetadefModel = {
  table: 'metadef_namespace_resource_types',
  columns: {
    ...TIMESTAMPS, resource_type_id: 'integer', namespace_id: 'integer', properties_target: 'string', prefix: 'string',
  },
  key: ['resource_type_id', 'namespace_id'],
  defaults: {},
  protected_attributes: PROTECTED,
};

/** @see glance/db/sqlalchemy/models_metadef.py MetadefResourceType */
export const MetadefResourceType: MetadefModel = {
  table: 'metadef_resource_types',
  columns: { ...TIMESTAMPS, id: 'integer', name: 'string', protected: 'boolean' },
  key: ['id'],
  defaults: { protected: () => false },
  protected_attributes: PROTECTED,
};

/** @see glance/db/sqlalchemy/models_metadef.py MetadefTag */
export const MetadefTag: MetadefModel = {
  table: 'metadef_tags',
  columns: { ...TIMESTAMPS, id: 'integer', namespace_id: 'integer', name: 'string' },
  key: ['id'],
  defaults: {},
  protected_attributes: PROTECTED,
};

/** A loaded model: the stored row (to re-bind and compare) and its `to_dict()`. */
export interface ModelRef<R> {
  readonly raw: Row;
  readonly record: R;
}

function imageSideType(type: MetadefColumnType): ColumnType {
  return type === 'json' ? 'text' : type;
}

/** JSONEncodedDict.process_bind_param: `json.dumps(value)` (ASCII, Python's separators). */
function dumpsJson(value: unknown): string {
  return pyJsonDumpsValue(value);
}

/** SQLAlchemy's bind processing for one column, then pysqlite's binding. */
export function bindColumn(type: MetadefColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'json') return dumpsJson(value);
  return bindAs(imageSideType(type), value);
}

/** A stored value read back through the column type (JSONEncodedDict loads with Python's json). */
export function readColumn(type: MetadefColumnType, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case 'datetime':
      return parseDbDatetime(raw);
    case 'boolean':
      return Boolean(raw);
    case 'json':
      return pyJsonLoads(String(raw));
    case 'integer':
      return typeof raw === 'bigint' ? Number(raw) : raw;
    default:
      return raw;
  }
}

/** `model.to_dict()` of a row read from the table: every column, in table order. */
export function readModel<R>(model: MetadefModel, raw: Row): ModelRef<R> {
  const record: Row = {};
  for (const [name, type] of Object.entries(model.columns)) record[name] = readColumn(type, raw[name]);
  return { raw, record: record as R };
}

/** `query.one()`: exactly one row. */
export function one(rows: Row[]): Row {
  if (rows.length === 0) throw new NoResultFound();
  if (rows.length > 1) throw new MultipleResultsFound();
  return rows[0] as Row;
}

/** The columns of a model a value map names (attributes that are not columns are ignored by the flush). */
function isColumn(model: MetadefModel, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(model.columns, name);
}

/**
 * `model.update(values); model.save(session)` on a new instance: an INSERT
 * of the given columns, None ones left to their Python default or NULL.
 * Returns `to_dict()`: the given values, the defaults used, the new id.
 */
export function insertModel<R>(s: DbSession, model: MetadefModel, values: ReadonlyMap<string, unknown>): R {
  const now = s.clock.now();
  const record: Row = {};
  const names: string[] = [];
  const params: unknown[] = [];
  for (const [name, type] of Object.entries(model.columns)) {
    let value = values.get(name);
    if (value === null || value === undefined) {
      if (name === 'created_at' || name === 'updated_at') value = now;
      else if (Object.prototype.hasOwnProperty.call(model.defaults, name)) value = (model.defaults[name] as () => unknown)();
    }
    record[name] = value ?? null;
    if (value === null || value === undefined) {
      // SQLAlchemy writes NULL for a column with no default, except an
      // autoincrement primary key, which SQLite fills in.
      if (model.key.length === 1 && model.key[0] === name) continue;
      names.push(name);
      params.push(null);
      continue;
    }
    names.push(name);
    params.push(bindColumn(type, value));
  }
  const result = run(s, `INSERT INTO ${model.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, params);
  const pk = model.key[0] as string;
  if (model.key.length === 1 && (record[pk] === null || record[pk] === undefined)) record[pk] = Number(result.lastInsertRowid);
  return record as R;
}

function sameStored(type: MetadefColumnType, bound: unknown, raw: unknown): boolean {
  if (type === 'json') {
    if (bound === null || raw === null || raw === undefined) return bound === (raw ?? null);
    return pyJsonEquals(pyJsonLoads(String(bound)), pyJsonLoads(String(raw)));
  }
  const norm = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : v);
  return norm(bound) === norm(raw);
}

/** WHERE clause naming a loaded row by its primary key. */
function keyWhere(model: MetadefModel, raw: Row): { sql: string; params: unknown[] } {
  return {
    sql: model.key.map((k) => `${model.table}.${k} = ?`).join(' AND '),
    params: model.key.map((k) => bindRaw(raw[k])),
  };
}

/**
 * `ref.update(values); ref.save(session)` on a loaded instance: an UPDATE
 * of the columns whose value changed (Python `==`), with `updated_at`
 * stamped (onupdate) when anything changed. Returns `to_dict()`: the
 * loaded row with the given values set.
 */
export function saveModel<R>(s: DbSession, model: MetadefModel, ref: ModelRef<R>, values: ReadonlyMap<string, unknown>): R {
  const record: Row = { ...(ref.record as Row) };
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [name, value] of values) {
    if (!isColumn(model, name)) continue;
    record[name] = value;
    const type = model.columns[name] as MetadefColumnType;
    const bound = bindColumn(type, value);
    if (sameStored(type, bound, ref.raw[name])) continue;
    sets.push(`${name}=?`);
    params.push(bound);
  }
  if (sets.length === 0) return record as R;
  const stamp = s.clock.now();
  record['updated_at'] = stamp;
  const where = keyWhere(model, ref.raw);
  run(s, `UPDATE ${model.table} SET updated_at=?, ${sets.join(', ')} WHERE ${where.sql}`, [
    bindColumn('datetime', stamp),
    ...params,
    ...where.params,
  ]);
  return record as R;
}

/** `session.delete(ref); session.flush()`. */
export function deleteModel(s: DbSession, model: MetadefModel, raw: Row): void {
  const where = keyWhere(model, raw);
  run(s, `DELETE FROM ${model.table} WHERE ${where.sql}`, where.params);
}
