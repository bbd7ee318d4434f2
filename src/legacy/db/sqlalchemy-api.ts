/**
 * Port of the image, member, tag, property, location, storage and task
 * parts of glance/db/sqlalchemy/api.py (Glance 16.0.0) onto better-sqlite3.
 *
 * Glance runs these functions through SQLAlchemy 1.4 on SQLite. The port
 * issues the SQL those queries amount to against the same schema
 * (src/shared/db/schema.ts), binding values the way SQLAlchemy's column
 * types and pysqlite bind them, so SQLite itself decides ordering, NULL
 * placement, type affinity and comparisons exactly as it did for Glance.
 * Listing is SQL WHERE / ORDER BY / LIMIT; no function reads every image.
 *
 * Functions take a {@link DbSession} first, then Glance's arguments.
 * {@link bindDbApi} closes over a session and gives the `db_api` object
 * the repos (src/legacy/db.ts) and the location layer call.
 *
 * @see glance/db/sqlalchemy/api.py
 */
import type Database from 'better-sqlite3';
import type { Clock, IdGenerator } from '../../shared/world.js';
import type { Settings } from '../../shared/settings.js';
import { createSchema, formatDbDatetime, parseDbDatetime } from '../../shared/db/schema.js';
import {
  AttributeError,
  KeyError,
  OverflowError,
  PyException,
  TypeError_,
  ValueError,
  pyRepr,
  pyStr,
  pyTruthy,
  pyTypeName,
} from '../../lib/python.js';
import { pyEquals, type PyMappingLike } from '../../lib/pycollections.js';
import { PyFloat, pyJsonLoads } from '../../lib/pyjson.js';
import { pyInt10, utf8Encode } from '../../lib/webob/compat.js';
import { normalizeTime as normalizeUtc, parseIsotime, type IsoTime } from '../../lib/iso8601.js';
import { MultiDict } from '../../lib/webob/multidict.js';
import { filterPopFirst, filtersCopy, filtersDict, type ListFilters } from '../list-filters.js';
import {
  Conflict,
  Duplicate,
  Forbidden,
  ForbiddenPublicImage,
  ImageNotFound,
  Invalid,
  InvalidFilterOperatorValue,
  InvalidFilterRangeValue,
  InvalidParameterValue,
  InvalidSortKey,
  NotFound,
  TaskNotFound,
} from '../exception.js';
import * as metadef_namespace_api from './metadef-api/namespace.js';
import * as metadef_object_api from './metadef-api/object.js';
import * as metadef_property_api from './metadef-api/property.js';
import * as metadef_resource_type_api from './metadef-api/resource-type.js';
import * as metadef_association_api from './metadef-api/resource-type-association.js';
import * as metadef_tag_api from './metadef-api/tag.js';

// ------------------------------------------------------------ session/context

/** What the db functions read of a request context (glance/context.py). */
export interface DbContext {
  readonly is_admin: boolean;
  /** The project, or the user when owner_is_tenant is false. */
  readonly owner: string | null;
  /** `show_deleted or is_admin`. */
  readonly can_see_deleted: boolean;
}

/** The connection and world services a Glance db session stood for. */
export interface DbSession {
  readonly db: Database.Database;
  readonly clock: Clock;
  readonly settings: Settings;
  /** Ids for rows created without one (Glance: uuid4 column default). */
  readonly ids?: IdGenerator;
}

/** A mapping as Glance passes them: a dict (Map keeps Python's order) or a plain object. */
export type PyMapping = ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>> | PyMappingLike<unknown>;

// ------------------------------------------------------ errors below Glance

/** Errors SQLAlchemy / oslo.db raise; controllers never catch them (500). */
export class DBError extends PyException {}
/** oslo_db.exception.DBDuplicateEntry */
export class DBDuplicateEntry extends DBError {}
/** sqlalchemy.orm.exc.NoResultFound, raised by `query.one()`. */
export class NoResultFound extends PyException {
  constructor() {
    super('No row was found when one was required');
  }
}
/** sqlalchemy.orm.exc.MultipleResultsFound, raised by `query.one()`. */
export class MultipleResultsFound extends PyException {
  constructor() {
    super('Multiple rows were found when exactly one was required');
  }
}
/**
 * sqlalchemy.exc.StatementError (a bind processor refused a value), as
 * Glance sees it: oslo.db re-raises it as a DBError.
 */
export class StatementError extends DBError {
  constructor(readonly orig: PyException) {
    super(`(builtins.${orig.pyName}) ${orig.message}`);
  }
  override get pyName(): string {
    return 'DBError';
  }
}
/** sqlalchemy.exc.InvalidRequestError, raised while a query is built (not wrapped by oslo.db). */
export class InvalidRequestError extends PyException {}
/** Python's AssertionError (a failed `assert`). */
export class AssertionError_ extends PyException {
  override get pyName(): string {
    return 'AssertionError';
  }
}
export { OverflowError } from '../../lib/python.js';
/** Python's LookupError (an Enum bind of an unknown value). */
export class LookupError extends PyException {}

// --------------------------------------------------------------- row shapes

/** A dict built from an image_properties row (`prop_ref.to_dict()`). */
export interface ImagePropertyRecord {
  id: number;
  image_id: string;
  name: string;
  value: unknown;
  created_at: Date | null;
  updated_at: Date | null;
  deleted_at: Date | null;
  deleted: boolean;
}

/** A location as `_normalize_locations` hands it out. */
export interface DbLocation {
  id: number;
  url: string;
  metadata: unknown;
  status: string;
}

/** The image dict the api returns (`image.to_dict()` after normalising). */
export interface ImageRecord {
  id: string;
  name: string | null;
  disk_format: string | null;
  container_format: string | null;
  size: number | null;
  virtual_size: number | null;
  status: string;
  visibility: string;
  checksum: string | null;
  min_disk: number;
  min_ram: number;
  owner: string | null;
  protected: boolean;
  created_at: Date | null;
  updated_at: Date | null;
  deleted_at: Date | null;
  deleted: boolean;
  properties: ImagePropertyRecord[];
  locations: DbLocation[];
  /** Present when image_get_all ran with return_tag. */
  tags?: string[];
}

/** `_image_member_format` */
export interface MemberRecord {
  id: number;
  image_id: string;
  member: string;
  can_share: boolean;
  status: string;
  created_at: Date | null;
  updated_at: Date | null;
  deleted: boolean;
}

/** `_task_format`; input/result/message only when the task info was loaded. */
export interface TaskRecord {
  id: string;
  type: string;
  status: string;
  owner: string;
  expires_at: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  deleted_at: Date | null;
  deleted: boolean;
  input?: unknown;
  result?: unknown;
  message?: unknown;
}

export type Row = Record<string, unknown>;

// ------------------------------------------------------ Python value helpers

/** Python's `int(x)` (ints, floats, bools and decimal strings). */
export function pyInt(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof PyFloat) return pyInt(value.value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValueError('cannot convert float NaN or infinity to integer');
    return Math.trunc(value);
  }
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number(pyInt10(value));
  throw new TypeError_(
    `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(value)}'`,
  );
}

/** Python's `str.title()`. */
export function pyTitle(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    const cased = ch.toLowerCase() !== ch.toUpperCase();
    out += cased ? (prevCased ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    prevCased = cased;
  }
  return out;
}

/** Python's `json.dumps` text (", " and ": " separators, ASCII only). */
export function pyJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof PyFloat) return value.toPyRepr();
  if (typeof value === 'string') return asciiJson(value);
  if (Array.isArray(value)) return '[' + value.map(pyJsonDumps).join(', ') + ']';
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object);
  return '{' + entries.map(([k, v]) => `${asciiJson(String(k))}: ${pyJsonDumps(v)}`).join(', ') + '}';
}

function asciiJson(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** `json.loads` of a JSON column: floats stay floats and big ints exact, dicts become plain objects. */
function jsonLoads(text: unknown): unknown {
  return text === null || text === undefined ? null : plainDicts(pyJsonLoads(String(text)));
}

function plainDicts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainDicts);
  if (!(value instanceof Map)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of value) Object.defineProperty(out, k, { value: plainDicts(v), enumerable: true, writable: true, configurable: true });
  return out;
}

function isPyMappingLike(value: unknown): value is PyMappingLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { items?: unknown }).items === 'function' && !(value instanceof Map);
}

function entriesOf(mapping: PyMapping): Array<[string, unknown]> {
  if (mapping instanceof Map) return [...mapping.entries()];
  if (isPyMappingLike(mapping)) return mapping.items();
  return Object.entries(mapping);
}

function isMapping(value: unknown): value is PyMapping {
  return (
    value instanceof Map ||
    isPyMappingLike(value) ||
    (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype)
  );
}

const FOUR_BYTE = /[\u{10000}-\u{10FFFF}]/u;

function has4Byte(value: unknown): boolean {
  return typeof value === 'string' && FOUR_BYTE.test(value);
}

function check4ByteDict(mapping: PyMapping): void {
  for (const [key, value] of entriesOf(mapping)) {
    if (isMapping(value)) {
      check4ByteDict(value);
      continue;
    }
    if (has4Byte(key)) throw new Invalid("Property names can't contain 4 byte unicode.");
    if (has4Byte(value)) throw new Invalid(`${pyTitle(key)} can't contain 4 byte unicode characters.`);
  }
}

/**
 * glance/common/utils.py no_4byte_params: dict arguments (recursively),
 * then string arguments, then keyword arguments, are refused when they
 * hold a character outside the BMP.
 */
function no4ByteParams(args: readonly unknown[], kwargs: Record<string, unknown> = {}): void {
  for (const arg of args) if (isMapping(arg)) check4ByteDict(arg);
  for (const arg of args) if (has4Byte(arg)) throw new Invalid("Param values can't contain 4 byte unicode.");
  check4ByteDict(kwargs);
}

// ------------------------------------------------------------ column types

export type ColumnType = 'datetime' | 'boolean' | 'enum' | 'string' | 'integer' | 'text' | 'json';

const TIMESTAMP_COLUMNS = { created_at: 'datetime', updated_at: 'datetime', deleted_at: 'datetime', deleted: 'boolean' } as const;

const IMAGE_COLUMNS: Readonly<Record<string, ColumnType>> = {
  ...TIMESTAMP_COLUMNS,
  id: 'string', name: 'string', disk_format: 'string', container_format: 'string',
  size: 'integer', virtual_size: 'integer', status: 'string', visibility: 'enum',
  checksum: 'string', min_disk: 'integer', min_ram: 'integer', owner: 'string', protected: 'boolean',
};
const PROPERTY_COLUMNS: Readonly<Record<string, ColumnType>> = {
  ...TIMESTAMP_COLUMNS, id: 'integer', image_id: 'string', name: 'string', value: 'text',
};
const TAG_COLUMNS: Readonly<Record<string, ColumnType>> = {
  ...TIMESTAMP_COLUMNS, id: 'integer', image_id: 'string', value: 'string',
};
const LOCATION_COLUMNS: Readonly<Record<string, ColumnType>> = {
  ...TIMESTAMP_COLUMNS, id: 'integer', image_id: 'string', value: 'text', meta_data: 'json', status: 'string',
};
const MEMBER_COLUMNS: Readonly<Record<string, ColumnType>> = {
  ...TIMESTAMP_COLUMNS, id: 'integer', image_id: 'string', member: 'string', can_share: 'boolean', status: 'string',
};
const TASK_COLUMNS: Readonly<Record<string, ColumnType>> = {
  ...TIMESTAMP_COLUMNS, id: 'string', type: 'string', status: 'string', owner: 'string', expires_at: 'datetime',
};
const TASK_INFO_COLUMNS: Readonly<Record<string, ColumnType>> = {
  task_id: 'string', input: 'json', result: 'json', message: 'text',
};

/**
 * Class attributes of the mapped models that are not columns: relationships
 * (comparing one to a value fails) and everything else `hasattr` finds on
 * a declarative class (comparing one to a value is Python `==`, a constant).
 */
const IMAGE_RELATIONSHIPS = new Set(['properties', 'tags', 'members', 'locations']);
const TASK_RELATIONSHIPS = new Set(['info']);
const MODEL_PLAIN_ATTRS = new Set([
  '__abstract__', '__class__', '__contains__', '__delattr__', '__dict__', '__dir__', '__doc__', '__eq__',
  '__format__', '__ge__', '__getattribute__', '__getitem__', '__getstate__', '__gt__', '__hash__', '__init__',
  '__init_subclass__', '__iter__', '__le__', '__lt__', '__mapper__', '__module__', '__ne__', '__new__',
  '__protected_attributes__', '__reduce__', '__reduce_ex__', '__repr__', '__setattr__', '__setitem__',
  '__sizeof__', '__str__', '__subclasshook__', '__table__', '__table_args__', '__table_initialized__',
  '__tablename__', '__weakref__', '_as_dict', '_extra_keys', '_sa_class_manager', '_sa_registry', 'delete',
  'get', 'items', 'iteritems', 'keys', 'metadata', 'registry', 'save', 'to_dict', 'update', 'values',
]);
const MODEL_STRING_ATTRS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  images: {
    __doc__: 'Represents an image in the datastore.',
    __module__: 'glance.db.sqlalchemy.models',
    __tablename__: 'images',
  },
  tasks: { __doc__: 'Represents an task in the datastore', __module__: 'glance.db.sqlalchemy.models', __tablename__: 'tasks' },
};

const MAX_DB_INT = 2 ** 31 - 1;

/** A datetime with microseconds, kept as SQLAlchemy's stored text. */
class DbTime {
  constructor(readonly text: string) {}
}

/** The type of a model column, or undefined (never an Object.prototype member). */
function columnType(columns: Readonly<Record<string, ColumnType>>, name: string): ColumnType | undefined {
  return Object.prototype.hasOwnProperty.call(columns, name) ? columns[name] : undefined;
}

const LONE_SURROGATE = /[\uD800-\uDFFF]/;

/** pysqlite's binding of a Python value (after any type processing). */
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

export function bindRaw(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Python ints (and bools, which are ints) bind as INTEGER; a JS number would bind as REAL.
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  // pysqlite encodes str parameters as strict UTF-8: a lone surrogate (a JSON "\ud800") fails the statement.
  if (typeof value === 'string' && LONE_SURROGATE.test(value)) utf8Encode(value);
  // pysqlite binds a Python int as a 64-bit INTEGER and refuses a bigger one.
  if (typeof value === 'bigint' && (value > INT64_MAX || value < INT64_MIN)) throw new OverflowError('Python int too large to convert to SQLite INTEGER');
  if (typeof value === 'string' || typeof value === 'bigint' || Buffer.isBuffer(value)) return value;
  // A Python float binds as REAL (an INTEGER column keeps an integral one as an int).
  if (value instanceof PyFloat) return value.value;
  if (value instanceof DbTime) return value.text;
  throw new DBError(`(sqlite3.ProgrammingError) Error binding parameter 1: type '${pyTypeName(value)}' is not supported`);
}

/** SQLAlchemy's bind processing for a column type, then pysqlite's binding. */
export function bindAs(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'datetime':
      if (value instanceof Date) return formatDbDatetime(value);
      if (value instanceof DbTime) return value.text;
      throw new StatementError(new TypeError_('SQLite DateTime type only accepts Python datetime and date objects as input.'));
    case 'boolean':
      return bindBoolean(value);
    case 'enum':
      if (typeof value === 'string') return value;
      throw new StatementError(new LookupError(`'${pyStr(value)}' is not among the defined enum values.`));
    case 'json':
      return pyJsonDumps(value);
    default:
      return bindRaw(value);
  }
}

/** SQLAlchemy 1.4 Boolean: only None, True, False (1 and 0 are equal to them). */
function bindBoolean(value: unknown): bigint {
  if (value === true || value === 1) return 1n;
  if (value === false || value === 0) return 0n;
  if (typeof value === 'number' && Number.isInteger(value)) {
    throw new StatementError(new ValueError(`Value ${pyRepr(value)} is not None, True, or False`));
  }
  throw new StatementError(new TypeError_(`Not a boolean value: ${pyRepr(value)}`));
}

/**
 * A bind that failed while a query was being built. SQLAlchemy processes
 * binds when the statement runs, after marker lookups and sort-key checks,
 * so the error is raised then.
 */
class DeferredBindError {
  constructor(readonly error: unknown) {}
}

/**
 * The bind of a value compared with a column (`column == value`). SQLAlchemy
 * types the value by the column only when the value's own type has the
 * same affinity (coerce_compared_value): a datetime against a DateTime
 * column is formatted, a bool against a Boolean is 0/1, but a str or an int
 * against either goes to SQLite as it is. A failure waits for execution.
 */
export function bindCompared(type: ColumnType, value: unknown): unknown {
  try {
    if (type === 'datetime' && (value instanceof Date || value instanceof DbTime)) return bindAs(type, value);
    if (type === 'boolean' && typeof value === 'boolean') return bindAs(type, value);
    return bindRaw(value);
  } catch (e) {
    return new DeferredBindError(e);
  }
}

function raiseDeferred(params: readonly unknown[]): void {
  const failed = params.find((p) => p instanceof DeferredBindError) as DeferredBindError | undefined;
  if (failed !== undefined) throw failed.error;
}

/** A row value read back through the column type's result processing. */
function readAs(type: ColumnType, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case 'datetime':
      return parseDbDatetime(raw);
    case 'boolean':
      return Boolean(raw);
    case 'json':
      return jsonLoads(raw);
    default:
      return raw;
  }
}

function readRow<T>(columns: Readonly<Record<string, ColumnType>>, raw: Row): T {
  const out: Row = {};
  for (const [name, type] of Object.entries(columns)) out[name] = readAs(type, raw[name]);
  return out as T;
}

function sameStored(type: ColumnType, bound: unknown, raw: unknown): boolean {
  if (type === 'json') return pyEquals(jsonLoads(bound), jsonLoads(raw));
  const norm = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : v);
  return norm(bound) === norm(raw);
}

// ------------------------------------------------------------- SQL helpers

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
const MAX_CACHED_STATEMENTS = 1000;

/**
 * A prepared statement per SQL text and database, kept for the next call:
 * SQLAlchemy's compiled cache does the same, and preparing each statement
 * afresh was the largest single cost of a short scenario.
 */
function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (cache === undefined) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
    cache.set(sql, statement);
  }
  return statement;
}

export function run(s: DbSession, sql: string, params: readonly unknown[] = []): Database.RunResult {
  raiseDeferred(params);
  try {
    return prepared(s.db, sql).run(...params);
  } catch (e) {
    throw wrapSqliteError(e);
  }
}

export function all(s: DbSession, sql: string, params: readonly unknown[] = []): Row[] {
  raiseDeferred(params);
  return prepared(s.db, sql).all(...params) as Row[];
}

function wrapSqliteError(e: unknown): unknown {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return e;
  const text = e instanceof Error ? e.message : String(e);
  // oslo.db keeps the DBAPI error text, prefixed with its class.
  const message = `(sqlite3.${code.startsWith('SQLITE_CONSTRAINT') ? 'IntegrityError' : 'OperationalError'}) ${text}`;
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') return new DBDuplicateEntry(message);
  return new DBError(message);
}

/** `query.one()` */
function one(rows: Row[]): Row {
  if (rows.length === 0) throw new NoResultFound();
  if (rows.length > 1) throw new MultipleResultsFound();
  return rows[0] as Row;
}

/** `session.begin()`: everything inside commits together or not at all. */
export function transaction<T>(s: DbSession, fn: () => T): T {
  return s.db.transaction(fn)();
}

function now(s: DbSession): Date {
  return s.clock.now();
}

function newUuid(s: DbSession): string {
  return s.ids !== undefined ? s.ids.uuid4() : crypto.randomUUID();
}

/** INSERT of a new model row: given values, else the column (or server) defaults. */
function insertRow(
  s: DbSession,
  table: string,
  columns: Readonly<Record<string, ColumnType>>,
  values: ReadonlyMap<string, unknown>,
  defaults: Readonly<Record<string, () => unknown>>,
): Database.RunResult {
  const names: string[] = [];
  const params: unknown[] = [];
  for (const [name, type] of Object.entries(columns)) {
    const value = values.get(name);
    // SQLAlchemy leaves a None out of the INSERT when the column has a default.
    if (value !== null && value !== undefined) {
      names.push(name);
      params.push(bindAs(type, value));
    } else if (Object.prototype.hasOwnProperty.call(defaults, name)) {
      names.push(name);
      params.push(bindAs(type, (defaults[name] as () => unknown)()));
    } else if (values.has(name)) {
      names.push(name);
      params.push(null);
    }
  }
  const sql = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  return run(s, sql, params);
}

/** Column defaults every GlanceBase row gets on insert. */
function timestampDefaults(s: DbSession): Record<string, () => unknown> {
  return { created_at: () => now(s), updated_at: () => now(s), deleted: () => false };
}

/**
 * `ref.update(values); ref.save()` on a loaded row: SQLAlchemy writes only
 * the attributes whose value changed, and stamps updated_at (onupdate)
 * when something changed and updated_at was not set by hand.
 */
function saveChanges(
  s: DbSession,
  table: string,
  columns: Readonly<Record<string, ColumnType>>,
  key: { column: string; value: unknown },
  raw: Row,
  values: ReadonlyMap<string, unknown>,
): boolean {
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [name, value] of values) {
    const type = columnType(columns, name);
    if (type === undefined) continue;
    const bound = bindAs(type, value);
    if (sameStored(type, bound, raw[name])) continue;
    sets.push(`${name} = ?`);
    params.push(bound);
  }
  if (sets.length === 0) return false;
  if ('updated_at' in columns && !sets.includes('updated_at = ?')) {
    sets.push('updated_at = ?');
    params.push(bindAs('datetime', now(s)));
  }
  run(s, `UPDATE ${table} SET ${sets.join(', ')} WHERE ${key.column} = ?`, [...params, bindRaw(key.value)]);
  return true;
}

export function toMap(values: PyMapping): Map<string, unknown> {
  return new Map(entriesOf(values));
}

/** `_drop_protected_attrs` */
function dropProtectedAttrs(values: Map<string, unknown>): void {
  for (const attr of ['created_at', 'updated_at', 'deleted_at', 'deleted']) values.delete(attr);
}

function checkImageIdLength(imageId: unknown): void {
  if (typeof imageId === 'string' && imageId !== '' && [...imageId].length > 36) throw new ImageNotFound();
}

// ---------------------------------------------------------- image reading

export const STATUSES = [
  'active', 'saving', 'queued', 'killed', 'pending_delete', 'deleted', 'deactivated', 'importing', 'uploading',
] as const;

/** A loaded image model: its row (raw, for re-binding) and its children. */
interface ImageRef {
  raw: Row;
  record: ImageRecord;
  /** Every location row, deleted ones included. */
  locationRows: Array<{ record: DbLocation; deleted: boolean }>;
}

function loadImageChildren(s: DbSession, raws: Row[]): ImageRef[] {
  const ids = JSON.stringify(raws.map((r) => r['id']));
  const props = all(s, 'SELECT * FROM image_properties WHERE image_id IN (SELECT value FROM json_each(?)) ORDER BY id', [ids]);
  const locs = all(s, 'SELECT * FROM image_locations WHERE image_id IN (SELECT value FROM json_each(?)) ORDER BY id', [ids]);
  return raws.map((raw) => {
    const record = readRow<ImageRecord>(IMAGE_COLUMNS, raw);
    record.properties = props
      .filter((p) => p['image_id'] === raw['id'])
      .map((p) => readRow<ImagePropertyRecord>(PROPERTY_COLUMNS, p));
    const locationRows = locs
      .filter((l) => l['image_id'] === raw['id'])
      .map((l) => ({ record: locationRecord(l), deleted: Boolean(l['deleted']) }));
    record.locations = locationRows.map((l) => l.record);
    return { raw, record, locationRows };
  });
}

function locationRecord(raw: Row): DbLocation {
  return { id: raw['id'] as number, url: raw['value'] as string, metadata: jsonLoads(raw['meta_data']), status: raw['status'] as string };
}

/** `_normalize_locations` */
function normalizeLocations(context: DbContext, ref: ImageRef, forceShowDeleted = false): ImageRecord {
  const image = { ...ref.record };
  if (image.status === 'deactivated' && !context.is_admin) {
    image.locations = [];
    return image;
  }
  const rows = forceShowDeleted ? ref.locationRows : ref.locationRows.filter((l) => !l.deleted);
  image.locations = rows.map((l) => ({ ...l.record }));
  return image;
}

/** `_image_get`: the row or ImageNotFound; Forbidden when not visible. */
function imageGetRef(s: DbSession, context: DbContext, imageId: string, forceShowDeleted = false): ImageRef {
  checkImageIdLength(imageId);
  const showDeleted = forceShowDeleted || context.can_see_deleted;
  const rows = all(s, `SELECT * FROM images WHERE id = ?${showDeleted ? '' : ' AND deleted = 0'}`, [bindRaw(imageId)]);
  if (rows.length === 0) throw new ImageNotFound(`No image found with ID ${pyStr(imageId)}`);
  const ref = loadImageChildren(s, rows)[0] as ImageRef;
  if (!isImageVisible(s, context, ref.record)) {
    throw new Forbidden(`Forbidding request, image ${pyStr(imageId)} not visible`);
  }
  return ref;
}

/** `image_get` */
export function imageGet(
  s: DbSession,
  context: DbContext,
  imageId: string,
  opts: { forceShowDeleted?: boolean } = {},
): ImageRecord {
  const ref = imageGetRef(s, context, imageId, opts.forceShowDeleted ?? false);
  return normalizeLocations(context, ref, opts.forceShowDeleted ?? false);
}

/** `is_image_mutable` */
export function isImageMutable(context: DbContext, image: { owner: string | null }): boolean {
  if (context.is_admin) return true;
  if (image.owner === null || context.owner === null) return false;
  return image.owner === context.owner;
}

/**
 * `is_image_visible` (glance/db/utils.py): admins; ownerless images;
 * public and community images; the owner; and members of a shared image.
 */
export function isImageVisible(
  s: DbSession,
  context: DbContext,
  image: { id: string; owner: string | null; visibility: string },
  status: string | null = null,
): boolean {
  if (context.is_admin) return true;
  // NOTE(quirk): glance/db/utils.py shows ownerless images to everyone.
  if (image.owner === null) return true;
  if (image.visibility === 'public' || image.visibility === 'community') return true;
  if (context.owner === null) return false;
  if (context.owner === image.owner) return true;
  if (image.visibility !== 'shared') return false;
  // NOTE(quirk): with status None any membership counts, pending or rejected too.
  return imageMemberFind(s, context, { imageId: image.id, member: context.owner, status }).length > 0;
}

/** `_check_mutate_authorization` */
function checkMutateAuthorization(context: DbContext, image: ImageRecord): void {
  if (isImageMutable(context, image)) return;
  const msg = 'You do not own this image';
  if (image.visibility === 'private' || image.visibility === 'shared') throw new Forbidden(msg);
  throw new ForbiddenPublicImage(msg);
}

// ---------------------------------------------------------- image writing

/** `image_create` */
export function imageCreate(s: DbSession, context: DbContext, values: PyMapping): ImageRecord {
  no4ByteParams([values, null], { purge_props: false });
  return imageUpdateInternal(s, context, values, null, false, null);
}

/**
 * `image_update`: ImageNotFound if the image does not exist; Conflict when
 * `fromState` is given and the stored status differs.
 */
export function imageUpdate(
  s: DbSession,
  context: DbContext,
  imageId: string,
  values: PyMapping,
  purgeProps = false,
  fromState: string | null = null,
): ImageRecord {
  no4ByteParams([values, imageId, purgeProps], { from_state: fromState });
  return imageUpdateInternal(s, context, values, imageId, purgeProps, fromState);
}

/** `_image_update` */
function imageUpdateInternal(
  s: DbSession,
  context: DbContext,
  input: PyMapping,
  imageId: string | null,
  purgeProps: boolean,
  fromState: string | null,
): ImageRecord {
  const values = toMap(input);
  const id = transaction(s, () => {
    const properties = values.has('properties') ? values.get('properties') : {};
    values.delete('properties');
    const locationData = asPyList(values.has('locations') ? values.get('locations') : null);
    values.delete('locations');
    const newStatus = values.get('status');
    let ref: ImageRef | null = null;
    if (imageId) {
      ref = imageGetRef(s, context, imageId);
      checkMutateAuthorization(context, ref.record);
    } else {
      coerceNewImageValues(values);
    }
    ensureImageDictV2Compliant(values);
    if (values.has('owner') && !pyTruthy(values.get('owner'))) values.set('owner', null);
    let newId: string;
    let existing: ImagePropertyRecord[] = [];
    if (ref !== null && imageId) {
      newId = updateImageRow(s, imageId, values, newStatus, fromState, ref.record.status);
      existing = imageGetRef(s, context, newId).record.properties;
    } else {
      newId = insertImageRow(s, values);
    }
    setPropertiesForImage(s, context, newId, existing, properties, purgeProps);
    if (locationData !== null && locationData.length > 0) imageLocationsSet(s, context, newId, locationData);
    return newId;
  });
  return imageGet(s, context, id);
}

/** The create-only conversions of `_image_update`. */
function coerceNewImageValues(values: Map<string, unknown>): void {
  if (values.get('size') !== null && values.get('size') !== undefined) values.set('size', pyInt(values.get('size')));
  for (const key of ['min_ram', 'min_disk']) {
    if (values.has(key)) values.set(key, pyInt(pyTruthy(values.get(key)) ? values.get(key) : 0));
  }
  values.set('protected', pyTruthy(values.has('protected') ? values.get('protected') : false));
}

/** glance/db/utils.py ensure_image_dict_v2_compliant */
function ensureImageDictV2Compliant(values: Map<string, unknown>): void {
  if (!values.has('is_public')) return;
  if (values.has('visibility')) throw new Invalid("Specifying both 'visibility' and 'is_public' is not permiitted.");
  const isPublic = values.get('is_public');
  values.delete('is_public');
  values.set('visibility', pyTruthy(isPublic) ? 'public' : 'shared');
}

/** `_validate_image` */
function validateImage(values: ReadonlyMap<string, unknown>, mandatoryStatus = true): void {
  if (mandatoryStatus) {
    const status = values.get('status');
    if (!pyTruthy(status)) throw new Invalid('Image status is required.');
    if (!(STATUSES as readonly unknown[]).includes(status)) {
      throw new Invalid(`Invalid image status '${pyStr(status)}' for image.`);
    }
  }
  validateDbInt([['min_disk', values.get('min_disk')], ['min_ram', values.get('min_ram')]]);
}

/** `_validate_db_int` */
function validateDbInt(params: ReadonlyArray<[string, unknown]>): void {
  for (const [param, value] of params) {
    if (!pyTruthy(value)) continue;
    const n = value instanceof PyFloat ? value.value : value;
    if (typeof n !== 'number' && typeof n !== 'boolean' && typeof n !== 'bigint') {
      throw new TypeError_(`'>' not supported between instances of '${pyTypeName(value)}' and 'int'`);
    }
    if (typeof n === 'bigint' ? n > BigInt(MAX_DB_INT) : Number(n) > MAX_DB_INT) throw new Invalid(`'${param}' value out of range, must not exceed ${MAX_DB_INT}.`);
  }
}

/** The UPDATE branch of `_image_update`; returns the image id. */
function updateImageRow(
  s: DbSession,
  imageId: string,
  values: Map<string, unknown>,
  newStatus: unknown,
  fromState: string | null,
  current: string,
): string {
  dropProtectedAttrs(values);
  values.set('updated_at', now(s));
  validateImage(values, pyTruthy(newStatus));
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [key, value] of values) {
    const type = columnType(IMAGE_COLUMNS, key);
    if (type === undefined) continue;
    sets.push(`${key} = ?`);
    params.push(bindAs(type, value));
  }
  let where = 'id = ?';
  params.push(bindRaw(imageId));
  if (pyTruthy(fromState)) {
    where += ' AND status = ?';
    params.push(bindRaw(fromState));
  }
  const updated = run(s, `UPDATE images SET ${sets.join(', ')} WHERE ${where}`, params).changes;
  if (!updated) {
    throw new Conflict(
      `cannot transition from ${pyStr(current)} to ${pyStr(newStatus ?? null)} in update (wanted from_state=${pyStr(fromState)})`,
    );
  }
  // An explicit id in the values moves the row; Glance re-reads by image_id.
  return imageId;
}

/** The INSERT branch of `_image_update`; returns the new image id. */
function insertImageRow(s: DbSession, values: Map<string, unknown>): string {
  validateImage(values);
  if (values.get('id') === null || values.get('id') === undefined) values.set('id', newUuid(s));
  try {
    insertRow(s, 'images', IMAGE_COLUMNS, values, {
      ...timestampDefaults(s),
      min_disk: () => 0,
      min_ram: () => 0,
      protected: () => false,
      visibility: () => 'shared',
    });
  } catch (e) {
    if (e instanceof DBDuplicateEntry) throw new Duplicate(`Image ID ${pyStr(values.get('id'))} already exists!`);
    throw e;
  }
  return values.get('id') as string;
}

/** `_set_properties_for_image` */
function setPropertiesForImage(
  s: DbSession,
  context: DbContext,
  imageId: string,
  current: readonly ImagePropertyRecord[],
  properties: unknown,
  purgeProps: boolean,
): void {
  if (!isMapping(properties)) throw new AttributeError(`'${pyTypeName(properties)}' object has no attribute 'items'`);
  no4ByteParams([properties, purgeProps]);
  const original = new Map<string, ImagePropertyRecord>();
  for (const prop of current) original.set(prop.name, prop);
  const given = entriesOf(properties);
  for (const [name, value] of given) {
    const values = new Map<string, unknown>([['image_id', imageId], ['name', name], ['value', value]]);
    const existing = original.get(name);
    if (existing !== undefined) imagePropertyUpdate(s, existing, values);
    else imagePropertyCreate(s, context, values);
  }
  if (!purgeProps) return;
  const keep = new Set(given.map(([name]) => name));
  for (const name of original.keys()) {
    if (!keep.has(name)) imagePropertyDelete(s, context, name, imageId);
  }
}

/** `image_property_create` */
export function imagePropertyCreate(s: DbSession, context: DbContext, values: PyMapping): ImagePropertyRecord {
  void context;
  const map = toMap(values);
  dropProtectedAttrs(map);
  map.set('deleted', false);
  const id = Number(insertRow(s, 'image_properties', PROPERTY_COLUMNS, map, timestampDefaults(s)).lastInsertRowid);
  return readRow(PROPERTY_COLUMNS, one(all(s, 'SELECT * FROM image_properties WHERE id = ?', [id])));
}

/** `_image_property_update` on an existing row. */
function imagePropertyUpdate(s: DbSession, prop: ImagePropertyRecord, values: Map<string, unknown>): void {
  dropProtectedAttrs(values);
  values.set('deleted', false);
  const raw = one(all(s, 'SELECT * FROM image_properties WHERE id = ?', [prop.id]));
  saveChanges(s, 'image_properties', PROPERTY_COLUMNS, { column: 'id', value: prop.id }, raw, values);
}

/** `image_property_delete(context, prop_ref, image_ref)`: prop_ref is the name, image_ref the image id. */
export function imagePropertyDelete(s: DbSession, context: DbContext, name: string, imageId: string): ImagePropertyRecord {
  void context;
  const raw = one(all(s, 'SELECT * FROM image_properties WHERE image_id = ? AND name = ?', [bindRaw(imageId), bindRaw(name)]));
  softDeleteRow(s, 'image_properties', PROPERTY_COLUMNS, raw);
  return readRow(PROPERTY_COLUMNS, one(all(s, 'SELECT * FROM image_properties WHERE id = ?', [raw['id']])));
}

/** `GlanceBase.delete`: deleted, deleted_at = now, saved. */
function softDeleteRow(s: DbSession, table: string, columns: Readonly<Record<string, ColumnType>>, raw: Row): void {
  const values = new Map<string, unknown>([['deleted', true], ['deleted_at', now(s)]]);
  saveChanges(s, table, columns, { column: 'id', value: raw['id'] }, raw, values);
}

/** `image_destroy`: soft-deletes the image and all its children. */
export function imageDestroy(s: DbSession, context: DbContext, imageId: string): ImageRecord {
  const ref = transaction(s, () => {
    const loaded = imageGetRef(s, context, imageId);
    checkMutateAuthorization(context, loaded.record);
    softDeleteRow(s, 'images', IMAGE_COLUMNS, loaded.raw);
    const deleteTime = now(s);
    imageLocationsDeleteAll(s, context, imageId, deleteTime);
    for (const table of ['image_properties', 'image_members', 'image_tags']) {
      imageChildEntryDeleteAll(s, table, imageId, deleteTime);
    }
    return imageGetRef(s, { is_admin: true, owner: null, can_see_deleted: true }, imageId, true);
  });
  return normalizeLocations(context, ref);
}

/** `_image_child_entry_delete_all`: a bulk soft delete; returns the count. */
function imageChildEntryDeleteAll(s: DbSession, table: string, imageId: string, deleteTime: Date | null): number {
  const at = bindAs('datetime', deleteTime ?? now(s));
  const sql = `UPDATE ${table} SET deleted = 1, deleted_at = ?, updated_at = ? WHERE image_id = ? AND deleted = 0`;
  return run(s, sql, [at, bindAs('datetime', now(s)), bindRaw(imageId)]).changes;
}

// ---------------------------------------------------------------- locations

function requireKey(location: PyMapping, key: string): unknown {
  const map = toMap(location);
  if (!map.has(key)) throw new KeyError(key);
  return map.get(key);
}

function optionalKey(location: PyMapping, key: string): unknown {
  return toMap(location).get(key) ?? null;
}

/** A Python list-like value as an array (`list(x)`); None stays null. */
function asPyList(value: unknown): unknown[] | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value;
  const seq = value as { toArray?: () => unknown[] };
  if (typeof seq.toArray === 'function') return seq.toArray();
  if (typeof value === 'object' && Symbol.iterator in value) return [...(value as Iterable<unknown>)];
  throw new TypeError_(`'${pyTypeName(value)}' object is not iterable`);
}

/** `image_location_add` */
export function imageLocationAdd(s: DbSession, context: DbContext, imageId: string, location: PyMapping): void {
  no4ByteParams([imageId, location]);
  const status = requireKey(location, 'status');
  const deleted = status === 'deleted' || status === 'pending_delete';
  const values = new Map<string, unknown>([
    ['image_id', imageId],
    ['value', requireKey(location, 'url')],
    ['meta_data', requireKey(location, 'metadata')],
    ['status', status],
    ['deleted', deleted],
    ['deleted_at', deleted ? now(s) : null],
  ]);
  insertRow(s, 'image_locations', LOCATION_COLUMNS, values, { ...timestampDefaults(s), meta_data: () => ({}), status: () => 'active' });
}

/** `image_location_update` */
export function imageLocationUpdate(s: DbSession, context: DbContext, imageId: string, location: PyMapping): void {
  no4ByteParams([imageId, location]);
  const locId = optionalKey(location, 'id');
  if (locId === null) throw new TypeError_('%d format: a number is required, not NoneType');
  const raw = findLocationRow(s, imageId, locId);
  const status = requireKey(location, 'status');
  const deleted = status === 'deleted' || status === 'pending_delete';
  const updatedTime = now(s);
  const values = new Map<string, unknown>([
    ['value', requireKey(location, 'url')],
    ['meta_data', requireKey(location, 'metadata')],
    ['status', status],
    ['deleted', deleted],
    ['updated_at', updatedTime],
    ['deleted_at', deleted ? updatedTime : null],
  ]);
  saveChanges(s, 'image_locations', LOCATION_COLUMNS, { column: 'id', value: raw['id'] }, raw, values);
}

function findLocationRow(s: DbSession, imageId: string, locId: unknown): Row {
  const rows = all(s, 'SELECT * FROM image_locations WHERE id = ? AND image_id = ?', [bindRaw(locId), bindRaw(imageId)]);
  if (rows.length === 0) {
    throw new NotFound(`No location found with ID ${pyStr(locId)} from image ${pyStr(imageId)}`);
  }
  return one(rows);
}

/** `image_location_delete`: status must be 'deleted' or 'pending_delete'. */
export function imageLocationDelete(
  s: DbSession,
  context: DbContext,
  imageId: string,
  locationId: number,
  status: string,
  deleteTime: Date | null = null,
): void {
  void context;
  if (status !== 'deleted' && status !== 'pending_delete') {
    throw new Invalid("The status of deleted image location can only be set to 'pending_delete' or 'deleted'");
  }
  const raw = findLocationRow(s, imageId, locationId);
  const at = deleteTime ?? now(s);
  const values = new Map<string, unknown>([['deleted', true], ['status', status], ['updated_at', at], ['deleted_at', at]]);
  saveChanges(s, 'image_locations', LOCATION_COLUMNS, { column: 'id', value: raw['id'] }, raw, values);
}

/**
 * `_image_locations_set`: live rows whose id is not in the new list are
 * deleted; entries without an id are added, the others updated in place.
 */
export function imageLocationsSet(s: DbSession, context: DbContext, imageId: string, locations: Iterable<unknown>): void {
  const locs = [...locations] as PyMapping[];
  const keepIds = locs.map((l) => optionalKey(l, 'id')).filter((id) => pyTruthy(id));
  const live = all(s, 'SELECT id FROM image_locations WHERE image_id = ? AND deleted = 0 ORDER BY id', [bindRaw(imageId)]);
  for (const row of live) {
    if (keepIds.some((id) => Number(id) === row['id'])) continue;
    imageLocationDelete(s, context, imageId, row['id'] as number, 'deleted');
  }
  for (const loc of locs) {
    if (optionalKey(loc, 'id') === null) imageLocationAdd(s, context, imageId, loc);
    else imageLocationUpdate(s, context, imageId, loc);
  }
}

function imageLocationsDeleteAll(s: DbSession, context: DbContext, imageId: string, deleteTime: Date | null): void {
  const live = all(s, 'SELECT id FROM image_locations WHERE image_id = ? AND deleted = 0 ORDER BY id', [bindRaw(imageId)]);
  for (const row of live) imageLocationDelete(s, context, imageId, row['id'] as number, 'deleted', deleteTime);
}

// ----------------------------------------------------------------- listing

/** A SQL boolean expression with its positional parameters. */
interface Cond {
  sql: string;
  params: unknown[];
}

const TRUE_COND: Cond = { sql: '1 = 1', params: [] };
const FALSE_COND: Cond = { sql: '0 = 1', params: [] };

function and(conds: readonly Cond[]): Cond {
  if (conds.length === 0) return TRUE_COND;
  return { sql: conds.map((c) => `(${c.sql})`).join(' AND '), params: conds.flatMap((c) => c.params) };
}

function or(conds: readonly Cond[]): Cond {
  return { sql: conds.map((c) => `(${c.sql})`).join(' OR '), params: conds.flatMap((c) => c.params) };
}

/** `column == value` as SQLAlchemy renders it (None becomes IS NULL). */
function eq(column: string, type: ColumnType, value: unknown): Cond {
  if (value === null || value === undefined) return { sql: `${column} IS NULL`, params: [] };
  return { sql: `${column} = ?`, params: [bindCompared(type, value)] };
}

type Op = 'gt' | 'gte' | 'lt' | 'lte' | 'neq' | 'eq';
const SQL_OPS: Readonly<Record<Op, string>> = { gt: '>', gte: '>=', lt: '<', lte: '<=', neq: '!=', eq: '=' };

/** glance/common/utils.py evaluate_filter_op, rendered as SQL. */
function evaluateFilterOp(column: string, type: ColumnType, operator: string, threshold: unknown): Cond {
  if (!Object.prototype.hasOwnProperty.call(SQL_OPS, operator)) {
    throw new InvalidFilterOperatorValue('Unable to filter on a unknown operator.');
  }
  const op = operator as Op;
  if (threshold === null && (op === 'eq' || op === 'neq')) {
    return { sql: `${column} IS ${op === 'eq' ? '' : 'NOT '}NULL`, params: [] };
  }
  return { sql: `${column} ${SQL_OPS[op]} ?`, params: [bindCompared(type, threshold)] };
}

/** The outcome of looking a name up on a mapped model class. */
type ModelAttr =
  | { kind: 'column'; type: ColumnType }
  | { kind: 'relationship' }
  | { kind: 'plain'; value: unknown }
  | { kind: 'missing' };

function modelAttr(table: 'images' | 'tasks', name: string): ModelAttr {
  const columns = table === 'images' ? IMAGE_COLUMNS : TASK_COLUMNS;
  const type = columnType(columns, name);
  if (type !== undefined) return { kind: 'column', type };
  const relationships = table === 'images' ? IMAGE_RELATIONSHIPS : TASK_RELATIONSHIPS;
  if (relationships.has(name)) return { kind: 'relationship' };
  if (MODEL_PLAIN_ATTRS.has(name)) return { kind: 'plain', value: MODEL_STRING_ATTRS[table]?.[name] };
  return { kind: 'missing' };
}

/** `getattr(Model, key) == value` as a WHERE clause. */
function modelEquals(table: 'images' | 'tasks', name: string, value: unknown): Cond {
  const attr = modelAttr(table, name);
  switch (attr.kind) {
    case 'column':
      return eq(`${table}.${name}`, attr.type, value);
    case 'relationship':
      throw new InvalidRequestError("Can't compare a collection to an object or collection; use contains() to test for membership.");
    case 'plain':
      // NOTE(quirk): a non-column class attribute compares in Python, so the
      // filter becomes a constant (nearly always false: no rows).
      return attr.value !== undefined && attr.value === value ? TRUE_COND : FALSE_COND;
    default:
      throw new AttributeError(`type object '${table === 'images' ? 'Image' : 'Task'}' has no attribute '${name}'`);
  }
}

/** glance/common/utils.py split_filter_op */
export function splitFilterOp(expression: unknown): [string, string] {
  if (typeof expression !== 'string') {
    throw new AttributeError(`'${pyTypeName(expression)}' object has no attribute 'partition'`);
  }
  const at = expression.indexOf(':');
  if (at < 0) return ['eq', expression];
  try {
    parseIsotime(expression);
    return ['eq', expression];
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    return [expression.slice(0, at), expression.slice(at + 1)];
  }
}

/** glance/common/utils.py validate_quotes */
function validateQuotes(value: string): void {
  let openQuotes = true;
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '"') continue;
    if (i && value[i - 1] === '\\') continue;
    if (openQuotes) {
      if (i && value[i - 1] !== ',') {
        throw new InvalidParameterValue(`Invalid filter value ${value}. There is no comma before opening quotation mark.`);
      }
    } else if (i + 1 !== value.length && value[i + 1] !== ',') {
      throw new InvalidParameterValue(`Invalid filter value ${value}. There is no comma after closing quotation mark.`);
    }
    openQuotes = !openQuotes;
  }
  if (!openQuotes) throw new InvalidParameterValue(`Invalid filter value ${value}. The quote is not closed.`);
}

/** glance/common/utils.py split_filter_value_for_quotes */
export function splitFilterValueForQuotes(value: string): string[] {
  validateQuotes(value);
  const re = /"([^"\\]*(?:\\.[^"\\]*)*)",?|([^,]+),?|,/g;
  return [...value.matchAll(re)].map((m) => m[1] || m[2] || '');
}

/** glance/common/timeutils.py normalize_time, as the db's datetime parameter. */
function normalizeTime(t: IsoTime): DbTime {
  const utc = normalizeUtc(t);
  return new DbTime(formatDbDatetime(utc.at, utc.micro));
}

/** What `_make_conditions_from_filters` produces. */
interface FilterConditions {
  image: Cond[];
  /** (name, value) pairs, each an aliased join on image_properties. */
  properties: Array<[string, unknown]>;
  /** Tag values, each an aliased join on image_tags. */
  tags: unknown[];
}

function propertyCondition(alias: string, key: string, value: unknown): Cond[] {
  return [
    { sql: `${alias}.deleted = 0`, params: [] },
    eq(`${alias}.name`, 'string', key),
    eq(`${alias}.value`, 'text', value),
  ];
}

/** `_make_conditions_from_filters` */
function makeConditionsFromFilters(given: MultiDict<unknown>, isPublic: boolean | null): FilterConditions {
  const out: FilterConditions = { image: [], properties: [], tags: [] };
  if (isPublic !== null) {
    out.image.push({ sql: `images.visibility ${isPublic ? '=' : '!='} 'public'`, params: [] });
  }
  // NOTE(quirk): these pops take a repeated key's first value; the others
  // stay behind and become conditions of the loops below.
  if (given.contains('checksum')) out.image.push(eq('images.checksum', 'string', given.pop('checksum')));
  popPropertiesFilter(given, out);
  if (given.contains('changes-since')) out.image.push(changesSince(given.pop('changes-since')));
  if (given.contains('deleted')) out.image.push(...deletedConditions(given.pop('deleted')));
  if (given.contains('tags')) popTagsFilter(given, out);
  const filters = filtersDict(given);
  for (const k of [...filters.keys()]) {
    const cond = keyedCondition(filters, k);
    if (cond !== null) out.image.push(cond);
  }
  for (const [k, value] of filters) {
    if (modelAttr('images', k).kind !== 'missing') out.image.push(modelEquals('images', k, value));
    else out.properties.push([k, value]);
  }
  return out;
}

function popKey(filters: Map<string, unknown>, key: string): unknown {
  const value = filters.get(key);
  filters.delete(key);
  return value;
}

function popPropertiesFilter(filters: MultiDict<unknown>, out: FilterConditions): void {
  if (!filters.contains('properties')) return;
  const props = filters.pop('properties');
  if (!isMapping(props)) throw new AttributeError(`'${pyTypeName(props)}' object has no attribute 'items'`);
  for (const [k, v] of entriesOf(props)) out.properties.push([k, v]);
}

function popTagsFilter(filters: MultiDict<unknown>, out: FilterConditions): void {
  const tags = filters.pop('tags');
  // Python iterates a str character by character: each becomes a tag.
  if (typeof tags === 'string') {
    for (const ch of tags) out.tags.push(ch);
    return;
  }
  if (tags === null || typeof tags !== 'object' || !(Symbol.iterator in tags)) {
    throw new TypeError_(`'${pyTypeName(tags)}' object is not iterable`);
  }
  for (const tag of tags as Iterable<unknown>) out.tags.push(tag);
}

function changesSince(value: unknown): Cond {
  if (!(value instanceof Date)) throw new AttributeError(`'${pyTypeName(value)}' object has no attribute 'utcoffset'`);
  return { sql: 'images.updated_at > ?', params: [bindCompared('datetime', value)] };
}

function deletedConditions(deleted: unknown): Cond[] {
  const conds = [eq('images.deleted', 'boolean', deleted)];
  // NOTE(quirk): glance/db/sqlalchemy/api.py hides killed images (and any
  // status outside STATUSES) whenever deleted=False is asked for.
  if (!pyTruthy(deleted)) {
    const statuses = STATUSES.filter((st) => st !== 'killed');
    conds.push({ sql: `images.status IN (${statuses.map(() => '?').join(', ')})`, params: [...statuses] });
  }
  return conds;
}

/** One key of the ranged / time / field loop; null when the key is left for the final loop. */
function keyedCondition(filters: Map<string, unknown>, k: string): Cond | null {
  if (k.endsWith('_min') || k.endsWith('_max')) return rangeCondition(k, popKey(filters, k));
  if (k === 'created_at' || k === 'updated_at') return timeCondition(k, popKey(filters, k));
  if (['name', 'id', 'status', 'container_format', 'disk_format'].includes(k)) {
    return fieldCondition(k, popKey(filters, k));
  }
  return null;
}

function rangeCondition(k: string, raw: unknown): Cond {
  let v: number | bigint;
  try {
    // Python's int of a query text: any size (too big for SQLite fails the statement), any Unicode digits.
    v = typeof raw === 'string' ? pyInt10(raw) : pyInt(raw);
  } catch (e) {
    if (e instanceof ValueError) throw new InvalidFilterRangeValue('Unable to filter on a range with a non-numeric value.');
    throw e;
  }
  const key = k.slice(0, -4);
  const attr = modelAttr('images', key);
  if (attr.kind === 'missing') throw new AttributeError(`type object 'Image' has no attribute '${key}'`);
  if (attr.kind !== 'column') {
    throw new TypeError_(`'${k.endsWith('_min') ? '>=' : '<='}' not supported between instances of 'function' and 'int'`);
  }
  return { sql: `images.${key} ${k.endsWith('_min') ? '>=' : '<='} ?`, params: [bindCompared(attr.type, v)] };
}

function timeCondition(k: string, raw: unknown): Cond {
  const [operator, isotime] = splitFilterOp(raw);
  let threshold: DbTime;
  try {
    threshold = normalizeTime(parseIsotime(isotime));
  } catch (e) {
    if (e instanceof ValueError) {
      throw new InvalidParameterValue(`Bad "${k}" query filter format. Use ISO 8601 DateTime notation.`);
    }
    throw e;
  }
  return evaluateFilterOp(`images.${k}`, 'datetime', operator, threshold);
}

function fieldCondition(k: string, raw: unknown): Cond {
  const [operator, listValue] = splitFilterOp(raw);
  if (operator === 'in') {
    const threshold = splitFilterValueForQuotes(listValue);
    if (threshold.length === 0) return FALSE_COND;
    return { sql: `images.${k} IN (${threshold.map(() => '?').join(', ')})`, params: threshold };
  }
  if (operator === 'eq') return eq(`images.${k}`, 'string', listValue);
  throw new InvalidFilterOperatorValue(`Unable to filter by unknown operator '${operator}'.`);
}

/** `_select_images_query`: who may see what, as one WHERE clause. */
function visibilityScope(context: DbContext, adminAsUser: boolean, memberStatus: string | null): Cond {
  const regularUser = !context.is_admin || adminAsUser;
  if (!regularUser) return TRUE_COND;
  const memberFilters: Cond[] = [
    { sql: 'm.image_id = images.id', params: [] },
    { sql: 'm.deleted = 0', params: [] },
  ];
  if (context.owner !== null) {
    memberFilters.push(eq('m.member', 'string', context.owner));
    if (memberStatus !== 'all') memberFilters.push(eq('m.status', 'string', memberStatus));
  }
  const member = and([
    { sql: "images.visibility = 'shared'", params: [] },
    { sql: `EXISTS (SELECT 1 FROM image_members AS m WHERE ${and(memberFilters).sql})`, params: and(memberFilters).params },
  ]);
  const branches: Cond[] = [{ sql: "images.visibility = 'public' OR images.visibility = 'community'", params: [] }];
  if (context.owner !== null) branches.push(eq('images.owner', 'string', context.owner));
  branches.push(member);
  return or(branches);
}

/** The visibility / community rule of `image_get_all`. */
function visibilityFilter(context: DbContext, visibility: unknown): Cond {
  if (visibility !== null && visibility !== undefined) return eq('images.visibility', 'enum', visibility);
  if (context.owner === null) return { sql: "images.visibility != 'community'", params: [] };
  return or([eq('images.owner', 'string', context.owner), { sql: "images.visibility != 'community'", params: [] }]);
}

/** Options of `image_get_all`, Glance's keyword arguments. */
export interface ImageGetAllOptions {
  filters?: ListFilters | null;
  marker?: string | null;
  limit?: number | null;
  sortKey?: string[] | null;
  sortDir?: string[] | null;
  memberStatus?: string | null;
  isPublic?: boolean | null;
  adminAsUser?: boolean;
  returnTag?: boolean;
}

/**
 * `image_get_all`: the images the context may see that match the filters,
 * sorted by the keys (created_at and id appended), after the marker, at
 * most `limit` of them.
 */
export function imageGetAll(s: DbSession, context: DbContext, opts: ImageGetAllOptions = {}): ImageRecord[] {
  // NOTE(quirk): Glance appends created_at and id to the caller's sort_key list.
  const sortKey = opts.sortKey && opts.sortKey.length > 0 ? inPlace(opts.sortKey) : ['created_at'];
  let defaultSortDir = 'desc';
  let sortDir: string[];
  if (!opts.sortDir || opts.sortDir.length === 0) {
    sortDir = sortKey.map(() => defaultSortDir);
  } else if (opts.sortDir.length === 1) {
    defaultSortDir = opts.sortDir[0] as string;
    // NOTE(quirk): glance/db/sqlalchemy/api.py multiplies the caller's list in place.
    const single = opts.sortDir[0] as string;
    sortDir = inPlace(opts.sortDir);
    sortDir.splice(0, sortDir.length, ...sortKey.map(() => single));
  } else {
    sortDir = inPlace(opts.sortDir);
  }
  const filters = opts.filters ? filtersCopy(opts.filters) : new MultiDict<unknown>();
  const visibility = filters.pop('visibility', null);
  // NOTE(quirk): glance/db/sqlalchemy/api.py pops 'visibility' from the caller's filters.
  if (opts.filters) filterPopFirst(opts.filters, 'visibility');
  const showingDeleted = filters.contains('changes-since') || pyTruthy(filters.get('deleted', false));
  const conds = makeConditionsFromFilters(filters.copy(), opts.isPublic ?? null);
  const scope = visibilityScope(context, opts.adminAsUser ?? false, opts.memberStatus === undefined ? 'accepted' : opts.memberStatus);
  const marker = opts.marker !== null && opts.marker !== undefined
    ? imageGetRef(s, context, opts.marker, showingDeleted).raw
    : null;
  for (const key of ['created_at', 'id']) {
    if (!sortKey.includes(key)) {
      sortKey.push(key);
      sortDir.push(defaultSortDir);
    }
  }
  const where = [...conds.image, scope, visibilityFilter(context, visibility)];
  const joins = joinConditions(conds);
  const page = paginate('images', sortKey, sortDir, marker);
  const matched = page.related.map((r) => `, (images.id = ${(RELATED[r] as { relTable: string }).relTable}.image_id) AS "rel:${r}"`).join('');
  const sql =
    `SELECT images.*${matched} FROM images${joins.sql}${page.from} WHERE ${and([...where, ...joins.where, ...page.where]).sql}` +
    ` ORDER BY ${page.orderBy}${opts.limit !== null && opts.limit !== undefined ? ' LIMIT ?' : ''}`;
  const params = [
    ...and([...where, ...joins.where, ...page.where]).params,
    ...(opts.limit !== null && opts.limit !== undefined ? [bindRaw(opts.limit)] : []),
  ];
  const joined = all(s, sql, params);
  const rows = uniqueById(joined).map(withoutRelationFlags);
  const images = finishImages(s, context, rows, showingDeleted, opts.returnTag ?? false);
  return page.related.length === 0 ? images : eagerLoadsAdaptedToSortKeys(s, context, images, joined, page.related, showingDeleted, opts.returnTag ?? false);
}

function withoutRelationFlags(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) if (!k.startsWith('rel:')) out[k] = v;
  return out;
}

/**
 * NOTE(quirk): when the page is sorted by a relationship that is also
 * eagerly loaded (properties, locations, tags), SQLAlchemy adapts the eager
 * join to the sort column `images.id = <table>.image_id`. An image any of
 * whose page rows matched then loads every row of that table, other
 * images' included; an image none of whose rows matched loads none.
 */
function eagerLoadsAdaptedToSortKeys(
  s: DbSession,
  context: DbContext,
  images: ImageRecord[],
  joined: Row[],
  related: readonly string[],
  showingDeleted: boolean,
  returnTag: boolean,
): ImageRecord[] {
  const matchedBy = (rel: string): Set<unknown> => new Set(joined.filter((r) => r[`rel:${rel}`] === 1).map((r) => r['id']));
  const adapted = related.filter((r) => r === 'properties' || r === 'locations' || (r === 'tags' && returnTag));
  const everything = {
    properties: () => all(s, 'SELECT * FROM image_properties ORDER BY id', []).map((p) => readRow<ImagePropertyRecord>(PROPERTY_COLUMNS, p)),
    locations: () => all(s, 'SELECT * FROM image_locations ORDER BY id', []),
    tags: () => all(s, 'SELECT * FROM image_tags ORDER BY id', []).filter((t) => !t['deleted']).map((t) => t['value'] as string),
  };
  for (const rel of adapted) {
    const matched = matchedBy(rel);
    for (const image of images) {
      const hit = matched.has(image.id);
      if (rel === 'properties') image.properties = hit ? everything.properties() : [];
      if (rel === 'tags') image.tags = hit ? everything.tags() : [];
      if (rel === 'locations') {
        const rows = hit ? everything.locations() : [];
        const ref = { raw: {} as Row, record: image, locationRows: rows.map((l) => ({ record: locationRecord(l), deleted: Boolean(l['deleted']) })) };
        image.locations = normalizeLocations(context, ref, showingDeleted).locations;
      }
    }
  }
  return images;
}

/** The caller's list when it may be changed in place (as Python's is), else a copy. */
function inPlace<T>(list: T[]): T[] {
  return Object.isFrozen(list) ? [...list] : list;
}

/** One aliased INNER JOIN per property and per tag condition. */
function joinConditions(conds: FilterConditions): { sql: string; where: Cond[] } {
  let sql = '';
  const where: Cond[] = [];
  conds.properties.forEach(([name, value], i) => {
    const alias = `p${i}`;
    sql += ` JOIN image_properties AS ${alias} ON ${alias}.image_id = images.id`;
    where.push(and(propertyCondition(alias, name, value)));
  });
  conds.tags.forEach((tag, i) => {
    const alias = `t${i}`;
    sql += ` JOIN image_tags AS ${alias} ON ${alias}.image_id = images.id`;
    where.push(and([{ sql: `${alias}.deleted = 0`, params: [] }, eq(`${alias}.value`, 'string', tag)]));
  });
  return { sql, where };
}

/** The ORM yields each image once however many joined rows matched. */
function uniqueById(rows: Row[]): Row[] {
  const seen = new Set<unknown>();
  return rows.filter((r) => (seen.has(r['id']) ? false : (seen.add(r['id']), true)));
}

function finishImages(s: DbSession, context: DbContext, rows: Row[], showingDeleted: boolean, returnTag: boolean): ImageRecord[] {
  if (rows.length === 0) return [];
  const refs = loadImageChildren(s, rows);
  const tags = returnTag ? tagsByImage(s, rows.map((r) => r['id'] as string)) : null;
  return refs.map((ref) => {
    const image = normalizeLocations(context, ref, showingDeleted);
    if (tags !== null) image.tags = tags.get(image.id) ?? [];
    return image;
  });
}

function tagsByImage(s: DbSession, ids: string[]): Map<string, string[]> {
  const rows = all(
    s,
    'SELECT image_id, value FROM image_tags WHERE deleted = 0 AND image_id IN (SELECT value FROM json_each(?)) ORDER BY id',
    [JSON.stringify(ids)],
  );
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r['image_id'] as string) ?? [];
    list.push(r['value'] as string);
    out.set(r['image_id'] as string, list);
  }
  return out;
}

/** `_get_default_column_value`: what a NULL counts as when comparing to the marker. */
function defaultColumnValue(type: ColumnType): unknown {
  switch (type) {
    case 'datetime':
      return null;
    case 'integer':
      return 0;
    case 'string':
      return '';
    default:
      // NOTE(quirk): glance/db/sqlalchemy/api.py has no default for Boolean
      // or Enum columns, so paging by visibility or protected with a marker
      // raises KeyError (500).
      throw new KeyError(type === 'enum' ? 'enum' : type === 'boolean' ? 'boolean' : type);
  }
}

/**
 * `_paginate_query`: ORDER BY the keys, and keyset criteria after the
 * marker row: (k1 > X1) or (k1 = X1 and k2 > X2) or ..., where each column
 * reads NULL as its type's default and the marker's NULLs read as ''.
 */
function paginate(
  table: 'images' | 'tasks',
  sortKeys: readonly string[],
  sortDirs: readonly string[],
  marker: Row | null,
): { orderBy: string; where: Cond[]; from: string; related: string[] } {
  if (sortDirs.length !== sortKeys.length) throw new AssertionError_('');
  const order: string[] = [];
  const types: Array<ColumnType | 'relationship'> = [];
  const crossJoined = new Set<string>();
  sortKeys.forEach((key, i) => {
    const dir = sortDirs[i] as string;
    if (dir !== 'asc' && dir !== 'desc') throw new KeyError(dir);
    const attr = modelAttr(table, key);
    if (attr.kind === 'missing') throw new InvalidSortKey();
    if (attr.kind === 'relationship') {
      // NOTE(quirk): SQLAlchemy orders by a relationship's join condition
      // (`images.id = image_tags.image_id`) and so puts the related table
      // in FROM unjoined: every image meets every row of it, an empty
      // related table empties the page, and LIMIT counts those rows.
      const { relTable, fk } = RELATED[key] as { relTable: string; fk: string };
      crossJoined.add(relTable);
      order.push(`(${table}.id = ${relTable}.${fk}) ${dir.toUpperCase()}`);
      types.push('relationship');
      return;
    }
    if (attr.kind !== 'column') throw new DBError(`Can't order by ${key}`);
    order.push(`${table}.${key} ${dir.toUpperCase()}`);
    types.push(attr.type);
  });
  const from = [...crossJoined].map((t) => `, ${t}`).join('');
  const related = [...new Set(sortKeys.filter((k) => RELATED[k] !== undefined && modelAttr(table, k).kind === 'relationship'))];
  if (marker === null) return { orderBy: order.join(', '), where: [], from, related };
  // NOTE(quirk): a marker's relationship value is not loaded once its
  // session is gone (DetachedInstanceError in Glance): a 500.
  if (types.includes('relationship')) throw new DBError('Parent instance is not bound to a Session; lazy load operation cannot proceed');
  return { orderBy: order.join(', '), where: [markerCriteria(table, sortKeys, sortDirs, types as ColumnType[], marker)], from, related };
}

/** The table and foreign key behind each relationship a model can be sorted by. */
const RELATED: Readonly<Record<string, { relTable: string; fk: string }>> = {
  properties: { relTable: 'image_properties', fk: 'image_id' },
  tags: { relTable: 'image_tags', fk: 'image_id' },
  locations: { relTable: 'image_locations', fk: 'image_id' },
  members: { relTable: 'image_members', fk: 'image_id' },
  info: { relTable: 'task_info', fk: 'task_id' },
};

function markerCriteria(
  table: string,
  sortKeys: readonly string[],
  sortDirs: readonly string[],
  types: readonly ColumnType[],
  marker: Row,
): Cond {
  const values = sortKeys.map((key) => markerValue(marker[key]));
  const criteria: Cond[] = [];
  for (let i = 0; i < sortKeys.length; i++) {
    const crit: Cond[] = [];
    for (let j = 0; j < i; j++) crit.push(compareCase(table, sortKeys[j] as string, types[j] as ColumnType, '=', values[j]));
    const op = sortDirs[i] === 'desc' ? '<' : '>';
    crit.push(compareCase(table, sortKeys[i] as string, types[i] as ColumnType, op, values[i]));
    criteria.push(and(crit));
  }
  return or(criteria);
}

/**
 * A marker attribute as compared: None becomes '' and, being text, is
 * compared as text whatever the column (datetimes are already stored text).
 */
function markerValue(raw: unknown): unknown {
  if (raw === null || raw === undefined) return '';
  return typeof raw === 'number' && Number.isSafeInteger(raw) ? BigInt(raw) : raw;
}

function compareCase(table: string, key: string, type: ColumnType, op: string, value: unknown): Cond {
  const fallback = defaultColumnValue(type);
  const col = `${table}.${key}`;
  if (fallback === null) {
    return { sql: `(CASE WHEN (${col} IS NOT NULL) THEN ${col} ELSE NULL END) ${op} ?`, params: [value] };
  }
  return { sql: `(CASE WHEN (${col} IS NOT NULL) THEN ${col} ELSE ? END) ${op} ?`, params: [bindRaw(fallback), value] };
}

// --------------------------------------------------------------------- tags

/** `image_tag_get_all` */
export function imageTagGetAll(s: DbSession, context: DbContext, imageId: string): string[] {
  void context;
  checkImageIdLength(imageId);
  const rows = all(s, 'SELECT value FROM image_tags WHERE image_id = ? AND deleted = 0 ORDER BY id', [bindRaw(imageId)]);
  return rows.map((r) => r['value'] as string);
}

/** `image_tag_create` */
export function imageTagCreate(s: DbSession, context: DbContext, imageId: string, value: string): string {
  no4ByteParams([imageId, value]);
  const values = new Map<string, unknown>([['image_id', imageId], ['value', value]]);
  insertRow(s, 'image_tags', TAG_COLUMNS, values, timestampDefaults(s));
  return value;
}

/** `image_tag_delete`: NotFound when the image has no such live tag. */
export function imageTagDelete(s: DbSession, context: DbContext, imageId: string, value: string): void {
  void context;
  checkImageIdLength(imageId);
  const rows = all(s, 'SELECT * FROM image_tags WHERE image_id = ? AND value = ? AND deleted = 0', [
    bindRaw(imageId),
    bindRaw(value),
  ]);
  if (rows.length === 0) throw new NotFound();
  softDeleteRow(s, 'image_tags', TAG_COLUMNS, one(rows));
}

/**
 * `image_tag_set_all`: creates the missing tags in the given order and
 * deletes the others. Each statement commits on its own, as in Glance.
 */
export function imageTagSetAll(s: DbSession, context: DbContext, imageId: string, tags: Iterable<string>): void {
  const wanted = [...tags];
  const existing = imageTagGetAll(s, context, imageId);
  const created: string[] = [];
  for (const tag of wanted) {
    if (created.includes(tag) || existing.includes(tag)) continue;
    created.push(tag);
    imageTagCreate(s, context, imageId, tag);
  }
  for (const tag of existing) if (!wanted.includes(tag)) imageTagDelete(s, context, imageId, tag);
}

// ------------------------------------------------------------------ members

function memberRecord(raw: Row): MemberRecord {
  const m = readRow<MemberRecord & { deleted_at: unknown }>(MEMBER_COLUMNS, raw);
  return {
    id: m.id, image_id: m.image_id, member: m.member, can_share: m.can_share, status: m.status,
    created_at: m.created_at, updated_at: m.updated_at, deleted: m.deleted,
  };
}

/** `image_member_create` */
export function imageMemberCreate(s: DbSession, context: DbContext, values: PyMapping): MemberRecord {
  no4ByteParams([values]);
  const map = memberValues(values);
  const defaults = { ...timestampDefaults(s), status: () => 'pending', can_share: () => false };
  const id = Number(insertRow(s, 'image_members', MEMBER_COLUMNS, map, defaults).lastInsertRowid);
  return memberRecord(one(all(s, 'SELECT * FROM image_members WHERE id = ?', [id])));
}

/** `_image_member_update`'s preparation of the values. */
function memberValues(values: PyMapping): Map<string, unknown> {
  const map = toMap(values);
  dropProtectedAttrs(map);
  map.set('deleted', false);
  if (!map.has('can_share')) map.set('can_share', false);
  return map;
}

/** `image_member_update`: a missing id escapes as NoResultFound (500). */
export function imageMemberUpdate(s: DbSession, context: DbContext, membId: number, values: PyMapping): MemberRecord {
  void context;
  const raw = one(all(s, 'SELECT * FROM image_members WHERE id = ?', [bindRaw(membId)]));
  saveChanges(s, 'image_members', MEMBER_COLUMNS, { column: 'id', value: raw['id'] }, raw, memberValues(values));
  return memberRecord(one(all(s, 'SELECT * FROM image_members WHERE id = ?', [raw['id']])));
}

/** `image_member_delete`: a missing id escapes as NoResultFound (500). */
export function imageMemberDelete(s: DbSession, context: DbContext, membId: number): void {
  void context;
  const raw = one(all(s, 'SELECT * FROM image_members WHERE id = ?', [bindRaw(membId)]));
  softDeleteRow(s, 'image_members', MEMBER_COLUMNS, raw);
}

/** Criteria of `image_member_find`. */
export interface MemberFindOptions {
  imageId?: string | null;
  member?: string | null;
  status?: string | null;
  includeDeleted?: boolean;
}

/**
 * `image_member_find`: a non-admin sees rows of images they own and rows
 * naming them.
 */
export function imageMemberFind(s: DbSession, context: DbContext, opts: MemberFindOptions = {}): MemberRecord[] {
  const conds: Cond[] = [];
  if (!opts.includeDeleted) conds.push({ sql: 'image_members.deleted = 0', params: [] });
  let from = 'image_members';
  if (!context.is_admin) {
    from += ' JOIN images ON images.id = image_members.image_id';
    // NOTE(quirk): `== None` is IS NULL, so an ownerless caller sees the
    // members of ownerless images.
    conds.push(or([eq('images.owner', 'string', context.owner), eq('image_members.member', 'string', context.owner)]));
  }
  if (opts.imageId !== null && opts.imageId !== undefined) conds.push(eq('image_members.image_id', 'string', opts.imageId));
  if (opts.member !== null && opts.member !== undefined) conds.push(eq('image_members.member', 'string', opts.member));
  if (opts.status !== null && opts.status !== undefined) conds.push(eq('image_members.status', 'string', opts.status));
  const where = and(conds);
  const rows = all(s, `SELECT image_members.* FROM ${from} WHERE ${where.sql} ORDER BY image_members.id`, where.params);
  return rows.map(memberRecord);
}

/** `image_member_count` */
export function imageMemberCount(s: DbSession, context: DbContext, imageId: string): number {
  void context;
  if (!pyTruthy(imageId)) throw new Invalid('Image id is required.');
  const row = one(all(s, 'SELECT COUNT(*) AS n FROM image_members WHERE deleted = 0 AND image_id = ?', [pyStr(imageId)]));
  return Number(row['n']);
}

// ------------------------------------------------------------ storage usage

/**
 * `user_get_storage_usage`: size times the number of not-deleted location
 * rows, over the owner's images that are not killed or deleted.
 */
export function userGetStorageUsage(
  s: DbSession,
  context: DbContext,
  ownerId: string | null,
  imageId: string | null = null,
): number {
  void context;
  checkImageIdLength(imageId);
  const conds: Cond[] = [eq('i.owner', 'string', ownerId)];
  if (imageId !== null && imageId !== undefined) conds.push({ sql: 'i.id != ?', params: [bindRaw(imageId)] });
  conds.push({ sql: 'i.size > 0', params: [] });
  conds.push({ sql: "i.status NOT IN ('killed', 'deleted')", params: [] });
  const where = and(conds);
  const sql =
    'SELECT i.size AS size, (SELECT COUNT(*) FROM image_locations AS l WHERE l.image_id = i.id AND ' +
    `l.status != 'deleted') AS n FROM images AS i WHERE ${where.sql}`;
  return all(s, sql, where.params).reduce((total, r) => total + Number(r['size']) * Number(r['n']), 0);
}

// -------------------------------------------------------------------- tasks

const TASK_INFO_KEYS = ['input', 'result', 'message'];

/** `_pop_task_info_values` */
function popTaskInfoValues(values: Map<string, unknown>): Map<string, unknown> {
  const info = new Map<string, unknown>();
  for (const [k, v] of [...values]) {
    if (!TASK_INFO_KEYS.includes(k)) continue;
    values.delete(k);
    info.set(k, v);
  }
  return info;
}

function taskRecord(raw: Row, info: Row | null): TaskRecord {
  const task = readRow<TaskRecord>(TASK_COLUMNS, raw);
  if (info !== null) {
    const i = readRow<Row>(TASK_INFO_COLUMNS, info);
    task.input = i['input'];
    task.result = i['result'];
    task.message = i['message'];
  }
  return task;
}

/** `_is_task_visible` */
function isTaskVisible(context: DbContext, task: Row): boolean {
  if (context.is_admin) return true;
  if (task['owner'] === null) return true;
  return context.owner !== null && context.owner === task['owner'];
}

/** `_task_get`: TaskNotFound, or Forbidden when the task is not visible. */
function taskGetRow(s: DbSession, context: DbContext, taskId: string, forceShowDeleted = false): Row {
  const showDeleted = forceShowDeleted || context.can_see_deleted;
  const rows = all(s, `SELECT * FROM tasks WHERE id = ?${showDeleted ? '' : ' AND deleted = 0'}`, [bindRaw(taskId)]);
  if (rows.length === 0) throw new TaskNotFound(null, { task_id: taskId });
  const row = rows[0] as Row;
  if (!isTaskVisible(context, row)) throw new Forbidden(`Forbidding request, task ${pyStr(taskId)} is not visible`);
  return row;
}

function taskInfoRow(s: DbSession, taskId: unknown): Row | null {
  return all(s, 'SELECT * FROM task_info WHERE task_id = ?', [bindRaw(taskId)])[0] ?? null;
}

/** `task_get` */
export function taskGet(s: DbSession, context: DbContext, taskId: string, opts: { forceShowDeleted?: boolean } = {}): TaskRecord {
  const row = taskGetRow(s, context, taskId, opts.forceShowDeleted ?? false);
  return taskRecord(row, taskInfoRow(s, row['id']));
}

/** `task_create`: the task row and its task_info row, in one transaction. */
export function taskCreate(s: DbSession, context: DbContext, values: PyMapping): TaskRecord {
  const map = toMap(values);
  const id = transaction(s, () => {
    const info = popTaskInfoValues(map);
    if (!map.has('deleted')) map.set('deleted', false);
    if (map.get('id') === null || map.get('id') === undefined) map.set('id', newUuid(s));
    insertRow(s, 'tasks', TASK_COLUMNS, map, timestampDefaults(s));
    info.set('task_id', map.get('id'));
    insertRow(s, 'task_info', TASK_INFO_COLUMNS, info, {});
    return map.get('id') as string;
  });
  return taskGet(s, context, id);
}

/** `task_update`: the task row, then its info row when info keys were given. */
export function taskUpdate(s: DbSession, context: DbContext, taskId: string, values: PyMapping): TaskRecord {
  const map = toMap(values);
  const info = popTaskInfoValues(map);
  transaction(s, () => {
    const row = taskGetRow(s, context, taskId);
    dropProtectedAttrs(map);
    map.set('updated_at', now(s));
    if (!map.has('deleted')) map.set('deleted', false);
    saveChanges(s, 'tasks', TASK_COLUMNS, { column: 'id', value: row['id'] }, row, map);
    if (info.size > 0) taskInfoUpdate(s, row['id'], info);
  });
  return taskGet(s, context, taskId);
}

/** `_task_info_update`: nothing happens when the task has no info row. */
function taskInfoUpdate(s: DbSession, taskId: unknown, info: Map<string, unknown>): void {
  const raw = taskInfoRow(s, taskId);
  if (raw === null) return;
  saveChanges(s, 'task_info', TASK_INFO_COLUMNS, { column: 'task_id', value: taskId }, raw, info);
}

/** `task_delete` */
export function taskDelete(s: DbSession, context: DbContext, taskId: string): TaskRecord {
  const row = taskGetRow(s, context, taskId);
  softDeleteRow(s, 'tasks', TASK_COLUMNS, row);
  const fresh = one(all(s, 'SELECT * FROM tasks WHERE id = ?', [row['id']]));
  return taskRecord(fresh, taskInfoRow(s, row['id']));
}

/** `_task_soft_delete`: the caller's expired tasks are deleted first. */
function taskSoftDelete(s: DbSession, context: DbContext): void {
  const at = bindAs('datetime', now(s));
  const owner = eq('owner', 'string', context.owner);
  const sql = `UPDATE tasks SET deleted = 1, deleted_at = ?, updated_at = ? WHERE ${owner.sql} AND deleted = 0 AND expires_at <= ?`;
  run(s, sql, [at, at, ...owner.params, at]);
}

/** Options of `task_get_all`. */
export interface TaskGetAllOptions {
  filters?: ListFilters | null;
  marker?: string | null;
  limit?: number | null;
  sortKey?: string;
  sortDir?: string;
  adminAsUser?: boolean;
}

/**
 * `task_get_all`: a non-admin with an owner lists their own tasks; their
 * expired tasks are soft-deleted first.
 */
export function taskGetAll(s: DbSession, context: DbContext, opts: TaskGetAllOptions = {}): TaskRecord[] {
  const filters = filtersCopy(opts.filters ?? {});
  const conds: Cond[] = [];
  if (!(context.is_admin || opts.adminAsUser) && context.owner !== null) conds.push(eq('tasks.owner', 'string', context.owner));
  taskSoftDelete(s, context);
  let showingDeleted = false;
  if (filters.contains('deleted')) {
    const deleted = filters.pop('deleted');
    conds.push(eq('tasks.deleted', 'boolean', deleted));
    showingDeleted = pyTruthy(deleted);
  }
  // NOTE(quirk): over HTTP the filters are the query MultiDict: every value
  // of a repeated key is a condition of its own.
  for (const [k, v] of filters.items()) {
    if (v === null || v === undefined) continue;
    // NOTE(quirk): glance/db/sqlalchemy/api.py silently ignores filters that
    // name no attribute of the Task model.
    if (modelAttr('tasks', k).kind !== 'missing') conds.push(modelEquals('tasks', k, v));
  }
  const marker = opts.marker !== null && opts.marker !== undefined ? taskGetRow(s, context, opts.marker, showingDeleted) : null;
  const sortKey = opts.sortKey ?? 'created_at';
  const sortKeys = ['created_at', 'id'];
  if (!sortKeys.includes(sortKey)) sortKeys.unshift(sortKey);
  const dir = opts.sortDir ?? 'desc';
  const page = paginate('tasks', sortKeys, sortKeys.map(() => dir), marker);
  // NOTE(quirk): without an eager load the task query is not wrapped, so a
  // relationship sort key names task_info in ORDER BY only: SQLite refuses it.
  if (page.from !== '') throw new DBError('(sqlite3.OperationalError) no such column: task_info.task_id');
  const where = and([...conds, ...page.where]);
  const limit = opts.limit !== null && opts.limit !== undefined;
  const sql = `SELECT * FROM tasks WHERE ${where.sql} ORDER BY ${page.orderBy}${limit ? ' LIMIT ?' : ''}`;
  const rows = all(s, sql, [...where.params, ...(limit ? [bindRaw(opts.limit)] : [])]);
  return rows.map((r) => taskRecord(r, null));
}

// ================================================================ metadefs
//
// The metadef_* entry points of glance/db/sqlalchemy/api.py: each delegates
// to its module under ./metadef-api/ (glance/db/sqlalchemy/metadef_api/),
// the ones Glance decorates with `@utils.no_4byte_params` refusing
// characters outside the BMP first. Values are copied into a dict (Map)
// the module may change, as Glance's functions change the caller's dict.

export type { NamespaceRecord } from './metadef-api/namespace.js';
export type { ObjectRecord } from './metadef-api/object.js';
export type { PropertyRecord } from './metadef-api/property.js';
export type { ResourceTypeRecord } from './metadef-api/resource-type.js';
export type { AssociationModel } from './metadef-api/resource-type-association.js';
export type { TagRecord } from './metadef-api/tag.js';

/** `metadef_namespace_get_all(context, marker, limit, sort_key, sort_dir, filters)`: every argument defaults to None. */
export type MetadefNamespaceGetAllOptions = metadef_namespace_api.NamespaceListArgs;
/** `metadef_tag_get_all(context, namespace_name, filters, marker, limit, sort_key, sort_dir)` */
export type MetadefTagGetAllOptions = metadef_tag_api.TagListArgs;

/** List all available namespaces. */
export function metadefNamespaceGetAll(s: DbSession, context: DbContext, opts: MetadefNamespaceGetAllOptions = {}): metadef_namespace_api.NamespaceRecord[] {
  return metadef_namespace_api.get_all(s, context, opts);
}

/** Get a namespace or raise if it does not exist or is not visible. */
export function metadefNamespaceGet(s: DbSession, context: DbContext, namespaceName: unknown): metadef_namespace_api.NamespaceRecord {
  return metadef_namespace_api.get(s, context, namespaceName);
}

/** Create a namespace or raise if it already exists. */
export function metadefNamespaceCreate(s: DbSession, context: DbContext, values: PyMapping): metadef_namespace_api.NamespaceRecord {
  no4ByteParams([values]);
  return metadef_namespace_api.create(s, context, toMap(values));
}

/** Update a namespace or raise if it does not exist or not visible. */
export function metadefNamespaceUpdate(
  s: DbSession,
  context: DbContext,
  namespaceId: unknown,
  namespaceDict: PyMapping,
): metadef_namespace_api.NamespaceRecord {
  no4ByteParams([namespaceId, namespaceDict]);
  return metadef_namespace_api.update(s, context, namespaceId, toMap(namespaceDict));
}

/** Delete the namespace and all foreign references. */
export function metadefNamespaceDelete(s: DbSession, context: DbContext, namespaceName: unknown): metadef_namespace_api.NamespaceRecord {
  return metadef_namespace_api.delete_cascade(s, context, namespaceName);
}

/** Get a metadata-schema object or raise if it does not exist. */
export function metadefObjectGetAll(s: DbSession, context: DbContext, namespaceName: unknown): metadef_object_api.ObjectRecord[] {
  return metadef_object_api.get_all(s, context, namespaceName);
}

export function metadefObjectGet(s: DbSession, context: DbContext, namespaceName: unknown, objectName: unknown): metadef_object_api.ObjectRecord {
  return metadef_object_api.get(s, context, namespaceName, objectName);
}

/** Create a metadata-schema object or raise if it already exists. */
export function metadefObjectCreate(s: DbSession, context: DbContext, namespaceName: unknown, objectDict: PyMapping): metadef_object_api.ObjectRecord {
  no4ByteParams([namespaceName, objectDict]);
  return metadef_object_api.create(s, context, namespaceName, toMap(objectDict));
}

/** Update an object or raise if it does not exist or not visible. */
export function metadefObjectUpdate(
  s: DbSession,
  context: DbContext,
  namespaceName: unknown,
  objectId: unknown,
  objectDict: PyMapping,
): metadef_object_api.ObjectRecord {
  no4ByteParams([namespaceName, objectId, objectDict]);
  return metadef_object_api.update(s, context, namespaceName, objectId, toMap(objectDict));
}

/** Delete an object or raise if namespace or object doesn't exist. */
export function metadefObjectDelete(s: DbSession, context: DbContext, namespaceName: unknown, objectName: unknown): metadef_object_api.ObjectRecord {
  return metadef_object_api.delete_(s, context, namespaceName, objectName);
}

export function metadefObjectDeleteNamespaceContent(s: DbSession, context: DbContext, namespaceName: unknown): number {
  return metadef_object_api.delete_by_namespace_name(s, context, namespaceName);
}

/** Get count of objects for a namespace, raise if ns doesn't exist. */
export function metadefObjectCount(s: DbSession, context: DbContext, namespaceName: unknown): number {
  return metadef_object_api.count(s, context, namespaceName);
}

export function metadefPropertyGetAll(s: DbSession, context: DbContext, namespaceName: unknown): metadef_property_api.PropertyRecord[] {
  return metadef_property_api.get_all(s, context, namespaceName);
}

/** Get a metadef property or raise if it does not exist. */
export function metadefPropertyGet(s: DbSession, context: DbContext, namespaceName: unknown, propertyName: unknown): metadef_property_api.PropertyRecord {
  return metadef_property_api.get(s, context, namespaceName, propertyName);
}

/** Create a metadef property or raise if it already exists. */
export function metadefPropertyCreate(
  s: DbSession,
  context: DbContext,
  namespaceName: unknown,
  propertyDict: PyMapping,
): metadef_property_api.PropertyRecord {
  no4ByteParams([namespaceName, propertyDict]);
  return metadef_property_api.create(s, context, namespaceName, toMap(propertyDict));
}

/** Update a property or raise if it does not exist or not visible. */
export function metadefPropertyUpdate(
  s: DbSession,
  context: DbContext,
  namespaceName: unknown,
  propertyId: unknown,
  propertyDict: PyMapping,
): metadef_property_api.PropertyRecord {
  no4ByteParams([namespaceName, propertyId, propertyDict]);
  return metadef_property_api.update(s, context, namespaceName, propertyId, toMap(propertyDict));
}

/** Delete a property or raise if it or namespace doesn't exist. */
export function metadefPropertyDelete(
  s: DbSession,
  context: DbContext,
  namespaceName: unknown,
  propertyName: unknown,
): metadef_property_api.PropertyRecord {
  return metadef_property_api.delete_(s, context, namespaceName, propertyName);
}

export function metadefPropertyDeleteNamespaceContent(s: DbSession, context: DbContext, namespaceName: unknown): number {
  return metadef_property_api.delete_by_namespace_name(s, context, namespaceName);
}

/** Get count of properties for a namespace, raise if ns doesn't exist. */
export function metadefPropertyCount(s: DbSession, context: DbContext, namespaceName: unknown): number {
  return metadef_property_api.count(s, context, namespaceName);
}

/** Create a resource_type. */
export function metadefResourceTypeCreate(s: DbSession, context: DbContext, values: PyMapping): metadef_resource_type_api.ResourceTypeRecord {
  return metadef_resource_type_api.create(s, context, toMap(values));
}

/** Get a resource_type. */
export function metadefResourceTypeGet(s: DbSession, context: DbContext, resourceTypeName: unknown): metadef_resource_type_api.ResourceTypeRecord {
  return metadef_resource_type_api.get(s, context, resourceTypeName);
}

/** list all resource_types */
export function metadefResourceTypeGetAll(s: DbSession, context: DbContext): metadef_resource_type_api.ResourceTypeRecord[] {
  return metadef_resource_type_api.get_all(s, context);
}

/** Delete a resource_type (NOTE(quirk): always an AttributeError once found; see resource-type.ts). */
export function metadefResourceTypeDelete(s: DbSession, context: DbContext, resourceTypeName: unknown): never {
  return metadef_resource_type_api.delete_(s, context, resourceTypeName);
}

export function metadefResourceTypeAssociationGet(
  s: DbSession,
  context: DbContext,
  namespaceName: unknown,
  resourceTypeName: unknown,
): metadef_association_api.AssociationModel {
  return metadef_association_api.get(s, context, namespaceName, resourceTypeName);
}

export function metadefResourceTypeAssociationCreate(
  s: DbSession,
  context: DbContext,
  namespaceName: unknown,
  values: PyMapping,
): metadef_association_api.AssociationModel {
  return metadef_association_api.create(s, context, namespaceName, toMap(values));
}

export function metadefResourceTypeAssociationDelete(
  s: DbSession,
  context: DbContext,
  namespaceName: unknown,
  resourceTypeName: unknown,
): metadef_association_api.AssociationModel {
  return metadef_association_api.delete_(s, context, namespaceName, resourceTypeName);
}

export function metadefResourceTypeAssociationGetAllByNamespace(
  s: DbSession,
  context: DbContext,
  namespaceName: unknown,
): metadef_association_api.AssociationModel[] {
  return metadef_association_api.get_all_by_namespace(s, context, namespaceName);
}

/** Get metadata-schema tags or raise if none exist. */
export function metadefTagGetAll(
  s: DbSession,
  context: DbContext,
  namespaceName: unknown,
  opts: MetadefTagGetAllOptions = {},
): metadef_tag_api.TagRecord[] {
  return metadef_tag_api.get_all(s, context, namespaceName, opts);
}

/** Get a metadata-schema tag or raise if it does not exist. */
export function metadefTagGet(s: DbSession, context: DbContext, namespaceName: unknown, name: unknown): metadef_tag_api.TagRecord {
  return metadef_tag_api.get(s, context, namespaceName, name);
}

/** Create a metadata-schema tag or raise if it already exists. */
export function metadefTagCreate(s: DbSession, context: DbContext, namespaceName: unknown, tagDict: PyMapping): metadef_tag_api.TagRecord {
  no4ByteParams([namespaceName, tagDict]);
  return metadef_tag_api.create(s, context, namespaceName, toMap(tagDict));
}

/** Create metadata-schema tags, replacing the namespace's, or raise if one is a duplicate (not 4-byte checked, as in Glance). */
export function metadefTagCreateTags(
  s: DbSession,
  context: DbContext,
  namespaceName: unknown,
  tagList: readonly PyMapping[],
): metadef_tag_api.TagRecord[] {
  return metadef_tag_api.create_tags(s, context, namespaceName, tagList.map(toMap));
}

/** Update a tag or raise if it does not exist or not visible. */
export function metadefTagUpdate(
  s: DbSession,
  context: DbContext,
  namespaceName: unknown,
  id: unknown,
  tagDict: PyMapping,
): metadef_tag_api.TagRecord {
  no4ByteParams([namespaceName, id, tagDict]);
  return metadef_tag_api.update(s, context, namespaceName, id, toMap(tagDict));
}

/** Delete a tag or raise if namespace or tag doesn't exist. */
export function metadefTagDelete(s: DbSession, context: DbContext, namespaceName: unknown, name: unknown): metadef_tag_api.TagRecord {
  return metadef_tag_api.delete_(s, context, namespaceName, name);
}

export function metadefTagDeleteNamespaceContent(s: DbSession, context: DbContext, namespaceName: unknown): number {
  return metadef_tag_api.delete_by_namespace_name(s, context, namespaceName);
}

/** Get count of tags for a namespace, raise if ns doesn't exist. */
export function metadefTagCount(s: DbSession, context: DbContext, namespaceName: unknown): number {
  return metadef_tag_api.count(s, context, namespaceName);
}

/** The metadef part of the bound `db_api` (see DbApi). */
export interface MetadefDbApi {
  metadefNamespaceGetAll(context: DbContext, opts?: MetadefNamespaceGetAllOptions): metadef_namespace_api.NamespaceRecord[];
  metadefNamespaceGet(context: DbContext, namespaceName: unknown): metadef_namespace_api.NamespaceRecord;
  metadefNamespaceCreate(context: DbContext, values: PyMapping): metadef_namespace_api.NamespaceRecord;
  metadefNamespaceUpdate(context: DbContext, namespaceId: unknown, values: PyMapping): metadef_namespace_api.NamespaceRecord;
  metadefNamespaceDelete(context: DbContext, namespaceName: unknown): metadef_namespace_api.NamespaceRecord;
  metadefObjectGetAll(context: DbContext, namespaceName: unknown): metadef_object_api.ObjectRecord[];
  metadefObjectGet(context: DbContext, namespaceName: unknown, objectName: unknown): metadef_object_api.ObjectRecord;
  metadefObjectCreate(context: DbContext, namespaceName: unknown, values: PyMapping): metadef_object_api.ObjectRecord;
  metadefObjectUpdate(context: DbContext, namespaceName: unknown, objectId: unknown, values: PyMapping): metadef_object_api.ObjectRecord;
  metadefObjectDelete(context: DbContext, namespaceName: unknown, objectName: unknown): metadef_object_api.ObjectRecord;
  metadefObjectDeleteNamespaceContent(context: DbContext, namespaceName: unknown): number;
  metadefObjectCount(context: DbContext, namespaceName: unknown): number;
  metadefPropertyGetAll(context: DbContext, namespaceName: unknown): metadef_property_api.PropertyRecord[];
  metadefPropertyGet(context: DbContext, namespaceName: unknown, propertyName: unknown): metadef_property_api.PropertyRecord;
  metadefPropertyCreate(context: DbContext, namespaceName: unknown, values: PyMapping): metadef_property_api.PropertyRecord;
  metadefPropertyUpdate(context: DbContext, namespaceName: unknown, propertyId: unknown, values: PyMapping): metadef_property_api.PropertyRecord;
  metadefPropertyDelete(context: DbContext, namespaceName: unknown, propertyName: unknown): metadef_property_api.PropertyRecord;
  metadefPropertyDeleteNamespaceContent(context: DbContext, namespaceName: unknown): number;
  metadefPropertyCount(context: DbContext, namespaceName: unknown): number;
  metadefResourceTypeCreate(context: DbContext, values: PyMapping): metadef_resource_type_api.ResourceTypeRecord;
  metadefResourceTypeGet(context: DbContext, resourceTypeName: unknown): metadef_resource_type_api.ResourceTypeRecord;
  metadefResourceTypeGetAll(context: DbContext): metadef_resource_type_api.ResourceTypeRecord[];
  metadefResourceTypeDelete(context: DbContext, resourceTypeName: unknown): never;
  metadefResourceTypeAssociationGet(context: DbContext, namespaceName: unknown, resourceTypeName: unknown): metadef_association_api.AssociationModel;
  metadefResourceTypeAssociationCreate(context: DbContext, namespaceName: unknown, values: PyMapping): metadef_association_api.AssociationModel;
  metadefResourceTypeAssociationDelete(context: DbContext, namespaceName: unknown, resourceTypeName: unknown): metadef_association_api.AssociationModel;
  metadefResourceTypeAssociationGetAllByNamespace(context: DbContext, namespaceName: unknown): metadef_association_api.AssociationModel[];
  metadefTagGetAll(context: DbContext, namespaceName: unknown, opts?: MetadefTagGetAllOptions): metadef_tag_api.TagRecord[];
  metadefTagGet(context: DbContext, namespaceName: unknown, name: unknown): metadef_tag_api.TagRecord;
  metadefTagCreate(context: DbContext, namespaceName: unknown, values: PyMapping): metadef_tag_api.TagRecord;
  metadefTagCreateTags(context: DbContext, namespaceName: unknown, tagList: readonly PyMapping[]): metadef_tag_api.TagRecord[];
  metadefTagUpdate(context: DbContext, namespaceName: unknown, id: unknown, values: PyMapping): metadef_tag_api.TagRecord;
  metadefTagDelete(context: DbContext, namespaceName: unknown, name: unknown): metadef_tag_api.TagRecord;
  metadefTagDeleteNamespaceContent(context: DbContext, namespaceName: unknown): number;
  metadefTagCount(context: DbContext, namespaceName: unknown): number;
}

/** The metadef functions bound to one session. */
function bindMetadefDbApi(s: DbSession): MetadefDbApi {
  return {
    metadefNamespaceGetAll: (c, o) => metadefNamespaceGetAll(s, c, o),
    metadefNamespaceGet: (c, n) => metadefNamespaceGet(s, c, n),
    metadefNamespaceCreate: (c, v) => metadefNamespaceCreate(s, c, v),
    metadefNamespaceUpdate: (c, id, v) => metadefNamespaceUpdate(s, c, id, v),
    metadefNamespaceDelete: (c, n) => metadefNamespaceDelete(s, c, n),
    metadefObjectGetAll: (c, n) => metadefObjectGetAll(s, c, n),
    metadefObjectGet: (c, n, o) => metadefObjectGet(s, c, n, o),
    metadefObjectCreate: (c, n, v) => metadefObjectCreate(s, c, n, v),
    metadefObjectUpdate: (c, n, id, v) => metadefObjectUpdate(s, c, n, id, v),
    metadefObjectDelete: (c, n, o) => metadefObjectDelete(s, c, n, o),
    metadefObjectDeleteNamespaceContent: (c, n) => metadefObjectDeleteNamespaceContent(s, c, n),
    metadefObjectCount: (c, n) => metadefObjectCount(s, c, n),
    metadefPropertyGetAll: (c, n) => metadefPropertyGetAll(s, c, n),
    metadefPropertyGet: (c, n, p) => metadefPropertyGet(s, c, n, p),
    metadefPropertyCreate: (c, n, v) => metadefPropertyCreate(s, c, n, v),
    metadefPropertyUpdate: (c, n, id, v) => metadefPropertyUpdate(s, c, n, id, v),
    metadefPropertyDelete: (c, n, p) => metadefPropertyDelete(s, c, n, p),
    metadefPropertyDeleteNamespaceContent: (c, n) => metadefPropertyDeleteNamespaceContent(s, c, n),
    metadefPropertyCount: (c, n) => metadefPropertyCount(s, c, n),
    metadefResourceTypeCreate: (c, v) => metadefResourceTypeCreate(s, c, v),
    metadefResourceTypeGet: (c, n) => metadefResourceTypeGet(s, c, n),
    metadefResourceTypeGetAll: (c) => metadefResourceTypeGetAll(s, c),
    metadefResourceTypeDelete: (c, n) => metadefResourceTypeDelete(s, c, n),
    metadefResourceTypeAssociationGet: (c, n, r) => metadefResourceTypeAssociationGet(s, c, n, r),
    metadefResourceTypeAssociationCreate: (c, n, v) => metadefResourceTypeAssociationCreate(s, c, n, v),
    metadefResourceTypeAssociationDelete: (c, n, r) => metadefResourceTypeAssociationDelete(s, c, n, r),
    metadefResourceTypeAssociationGetAllByNamespace: (c, n) => metadefResourceTypeAssociationGetAllByNamespace(s, c, n),
    metadefTagGetAll: (c, n, o) => metadefTagGetAll(s, c, n, o),
    metadefTagGet: (c, n, t) => metadefTagGet(s, c, n, t),
    metadefTagCreate: (c, n, v) => metadefTagCreate(s, c, n, v),
    metadefTagCreateTags: (c, n, l) => metadefTagCreateTags(s, c, n, l),
    metadefTagUpdate: (c, n, id, v) => metadefTagUpdate(s, c, n, id, v),
    metadefTagDelete: (c, n, t) => metadefTagDelete(s, c, n, t),
    metadefTagDeleteNamespaceContent: (c, n) => metadefTagDeleteNamespaceContent(s, c, n),
    metadefTagCount: (c, n) => metadefTagCount(s, c, n),
  };
}

// ============================================================ end metadefs

// ------------------------------------------------------------- bound api

/** The `db_api` module as the repos and layers call it (session bound). */
export interface DbApi extends MetadefDbApi {
  readonly session: DbSession;
  imageGet(context: DbContext, imageId: string, opts?: { forceShowDeleted?: boolean }): ImageRecord;
  imageGetAll(context: DbContext, opts?: ImageGetAllOptions): ImageRecord[];
  imageCreate(context: DbContext, values: PyMapping): ImageRecord;
  imageUpdate(context: DbContext, imageId: string, values: PyMapping, purgeProps?: boolean, fromState?: string | null): ImageRecord;
  imageDestroy(context: DbContext, imageId: string): ImageRecord;
  imageTagGetAll(context: DbContext, imageId: string): string[];
  imageTagCreate(context: DbContext, imageId: string, value: string): string;
  imageTagDelete(context: DbContext, imageId: string, value: string): void;
  imageTagSetAll(context: DbContext, imageId: string, tags: Iterable<string>): void;
  imageMemberCreate(context: DbContext, values: PyMapping): MemberRecord;
  imageMemberUpdate(context: DbContext, membId: number, values: PyMapping): MemberRecord;
  imageMemberDelete(context: DbContext, membId: number): void;
  imageMemberFind(context: DbContext, opts?: MemberFindOptions): MemberRecord[];
  imageMemberCount(context: DbContext, imageId: string): number;
  imagePropertyCreate(context: DbContext, values: PyMapping): ImagePropertyRecord;
  imagePropertyDelete(context: DbContext, name: string, imageId: string): ImagePropertyRecord;
  imageLocationAdd(context: DbContext, imageId: string, location: PyMapping): void;
  imageLocationUpdate(context: DbContext, imageId: string, location: PyMapping): void;
  imageLocationDelete(context: DbContext, imageId: string, locationId: number, status: string, deleteTime?: Date | null): void;
  isImageVisible(context: DbContext, image: { id: string; owner: string | null; visibility: string }, status?: string | null): boolean;
  userGetStorageUsage(context: DbContext, ownerId: string | null, imageId?: string | null): number;
  taskCreate(context: DbContext, values: PyMapping): TaskRecord;
  taskGet(context: DbContext, taskId: string, opts?: { forceShowDeleted?: boolean }): TaskRecord;
  taskGetAll(context: DbContext, opts?: TaskGetAllOptions): TaskRecord[];
  taskUpdate(context: DbContext, taskId: string, values: PyMapping): TaskRecord;
  taskDelete(context: DbContext, taskId: string): TaskRecord;
}

/** The api bound to one session (Glance: the module plus its engine facade). */
export function bindDbApi(session: DbSession): DbApi {
  const s = session;
  return {
    session,
    imageGet: (c, id, o) => imageGet(s, c, id, o),
    imageGetAll: (c, o) => imageGetAll(s, c, o),
    imageCreate: (c, v) => imageCreate(s, c, v),
    imageUpdate: (c, id, v, p, f) => imageUpdate(s, c, id, v, p, f),
    imageDestroy: (c, id) => imageDestroy(s, c, id),
    imageTagGetAll: (c, id) => imageTagGetAll(s, c, id),
    imageTagCreate: (c, id, v) => imageTagCreate(s, c, id, v),
    imageTagDelete: (c, id, v) => imageTagDelete(s, c, id, v),
    imageTagSetAll: (c, id, t) => imageTagSetAll(s, c, id, t),
    imageMemberCreate: (c, v) => imageMemberCreate(s, c, v),
    imageMemberUpdate: (c, id, v) => imageMemberUpdate(s, c, id, v),
    imageMemberDelete: (c, id) => imageMemberDelete(s, c, id),
    imageMemberFind: (c, o) => imageMemberFind(s, c, o),
    imageMemberCount: (c, id) => imageMemberCount(s, c, id),
    imagePropertyCreate: (c, v) => imagePropertyCreate(s, c, v),
    imagePropertyDelete: (c, n, id) => imagePropertyDelete(s, c, n, id),
    imageLocationAdd: (c, id, l) => imageLocationAdd(s, c, id, l),
    imageLocationUpdate: (c, id, l) => imageLocationUpdate(s, c, id, l),
    imageLocationDelete: (c, id, l, st, t) => imageLocationDelete(s, c, id, l, st, t),
    isImageVisible: (c, i, st) => isImageVisible(s, c, i, st),
    userGetStorageUsage: (c, o, id) => userGetStorageUsage(s, c, o, id),
    taskCreate: (c, v) => taskCreate(s, c, v),
    taskGet: (c, id, o) => taskGet(s, c, id, o),
    taskGetAll: (c, o) => taskGetAll(s, c, o),
    taskUpdate: (c, id, v) => taskUpdate(s, c, id, v),
    taskDelete: (c, id) => taskDelete(s, c, id),
    ...bindMetadefDbApi(s),
  };
}

/**
 * The api over a World's database: makes sure the schema exists (it is
 * idempotent), then binds the session.
 */
export function createDbApi(
  db: Database.Database,
  services: { readonly settings: Settings; readonly clock: Clock; readonly ids?: IdGenerator },
): DbApi {
  createSchema(db);
  return bindDbApi({ db, ...services });
}
