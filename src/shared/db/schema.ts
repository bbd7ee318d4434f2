/**
 * The SQLite schema both models share: the tables Glance 16.0.0's
 * SQLAlchemy models (glance/db/sqlalchemy/models.py) create on SQLite,
 * declared with the very column types SQLAlchemy 1.4 emits.
 *
 * The declared types are not cosmetic. SQLite derives a column's affinity
 * from them, and affinity decides how a bound value is stored and compared
 * (`size INTEGER` turns the text '5' into 5, `value TEXT` turns 5 into '5',
 * `DATETIME` keeps SQLAlchemy's 'YYYY-MM-DD HH:MM:SS.ffffff' text), so a
 * query here answers exactly what Glance's query answers on SQLite.
 *
 * Booleans are stored as 0/1 and every datetime as
 * 'YYYY-MM-DD HH:MM:SS.ffffff' text, as SQLAlchemy writes them on SQLite.
 * Rows are soft-deleted (`deleted`, `deleted_at`); nothing is removed.
 *
 * Beyond Glance's own indexes, a few composite ones keep listing a page an
 * index walk (the default sort, membership lookups, property and tag
 * filters). They change plans, never answers: every query that reads
 * several rows states its ORDER BY.
 */
import type Database from 'better-sqlite3';

const TABLES = `
CREATE TABLE IF NOT EXISTS images (
  created_at DATETIME NOT NULL,
  updated_at DATETIME,
  deleted_at DATETIME,
  deleted BOOLEAN NOT NULL,
  id VARCHAR(36) NOT NULL,
  name VARCHAR(255),
  disk_format VARCHAR(20),
  container_format VARCHAR(20),
  size INTEGER,
  virtual_size INTEGER,
  status VARCHAR(30) NOT NULL,
  visibility VARCHAR(9) DEFAULT 'shared' NOT NULL,
  checksum VARCHAR(32),
  min_disk INTEGER NOT NULL,
  min_ram INTEGER NOT NULL,
  owner VARCHAR(255),
  protected BOOLEAN DEFAULT (0) NOT NULL,
  PRIMARY KEY (id)
);
CREATE TABLE IF NOT EXISTS image_properties (
  created_at DATETIME NOT NULL,
  updated_at DATETIME,
  deleted_at DATETIME,
  deleted BOOLEAN NOT NULL,
  id INTEGER NOT NULL,
  image_id VARCHAR(36) NOT NULL,
  name VARCHAR(255) NOT NULL,
  value TEXT,
  PRIMARY KEY (id),
  CONSTRAINT ix_image_properties_image_id_name UNIQUE (image_id, name),
  FOREIGN KEY(image_id) REFERENCES images (id)
);
CREATE TABLE IF NOT EXISTS image_tags (
  created_at DATETIME NOT NULL,
  updated_at DATETIME,
  deleted_at DATETIME,
  deleted BOOLEAN NOT NULL,
  id INTEGER NOT NULL,
  image_id VARCHAR(36) NOT NULL,
  value VARCHAR(255) NOT NULL,
  PRIMARY KEY (id),
  FOREIGN KEY(image_id) REFERENCES images (id)
);
CREATE TABLE IF NOT EXISTS image_locations (
  created_at DATETIME NOT NULL,
  updated_at DATETIME,
  deleted_at DATETIME,
  deleted BOOLEAN NOT NULL,
  id INTEGER NOT NULL,
  image_id VARCHAR(36) NOT NULL,
  value TEXT NOT NULL,
  meta_data TEXT,
  status VARCHAR(30) DEFAULT 'active' NOT NULL,
  PRIMARY KEY (id),
  FOREIGN KEY(image_id) REFERENCES images (id)
);
CREATE TABLE IF NOT EXISTS image_members (
  created_at DATETIME NOT NULL,
  updated_at DATETIME,
  deleted_at DATETIME,
  deleted BOOLEAN NOT NULL,
  id INTEGER NOT NULL,
  image_id VARCHAR(36) NOT NULL,
  member VARCHAR(255) NOT NULL,
  can_share BOOLEAN NOT NULL,
  status VARCHAR(20) DEFAULT 'pending' NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT image_members_image_id_member_deleted_at_key UNIQUE (image_id, member, deleted_at),
  FOREIGN KEY(image_id) REFERENCES images (id)
);
CREATE TABLE IF NOT EXISTS tasks (
  created_at DATETIME NOT NULL,
  updated_at DATETIME,
  deleted_at DATETIME,
  deleted BOOLEAN NOT NULL,
  id VARCHAR(36) NOT NULL,
  type VARCHAR(30) NOT NULL,
  status VARCHAR(30) NOT NULL,
  owner VARCHAR(255) NOT NULL,
  expires_at DATETIME,
  PRIMARY KEY (id)
);
CREATE TABLE IF NOT EXISTS task_info (
  task_id VARCHAR(36) NOT NULL,
  input TEXT,
  result TEXT,
  message TEXT,
  PRIMARY KEY (task_id),
  FOREIGN KEY(task_id) REFERENCES tasks (id)
);
`;

/**
 * The metadata definitions catalog (glance/db/sqlalchemy/models_metadef.py),
 * as `register_models` creates it on SQLite. Unlike the image tables these
 * rows are deleted for real (no `deleted` flag), `updated_at` has no
 * server default, and no index beyond Glance's own is added: several
 * metadef queries have no ORDER BY, so their answer is SQLite's natural
 * order over exactly Glance's tables and indexes.
 */
const METADEF_TABLES = `
CREATE TABLE IF NOT EXISTS metadef_namespaces (
  created_at DATETIME NOT NULL,
  updated_at DATETIME,
  id INTEGER NOT NULL,
  namespace VARCHAR(80) NOT NULL,
  display_name VARCHAR(80),
  description TEXT,
  visibility VARCHAR(32),
  protected BOOLEAN,
  owner VARCHAR(255) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_metadef_namespaces_namespace UNIQUE (namespace)
);
CREATE INDEX IF NOT EXISTS ix_metadef_namespaces_owner ON metadef_namespaces (owner);
CREATE TABLE IF NOT EXISTS metadef_resource_types (
  created_at DATETIME NOT NULL,
  updated_at DATETIME,
  id INTEGER NOT NULL,
  name VARCHAR(80) NOT NULL,
  protected BOOLEAN NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_metadef_resource_types_name UNIQUE (name)
);
CREATE TABLE IF NOT EXISTS metadef_objects (
  created_at DATETIME NOT NULL,
  updated_at DATETIME,
  id INTEGER NOT NULL,
  namespace_id INTEGER NOT NULL,
  name VARCHAR(80) NOT NULL,
  description TEXT,
  required TEXT,
  json_schema TEXT NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_metadef_objects_namespace_id_name UNIQUE (namespace_id, name),
  FOREIGN KEY(namespace_id) REFERENCES metadef_namespaces (id)
);
CREATE INDEX IF NOT EXISTS ix_metadef_objects_name ON metadef_objects (name);
CREATE TABLE IF NOT EXISTS metadef_properties (
  created_at DATETIME NOT NULL,
  updated_at DATETIME,
  id INTEGER NOT NULL,
  namespace_id INTEGER NOT NULL,
  name VARCHAR(80) NOT NULL,
  json_schema TEXT NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_metadef_properties_namespace_id_name UNIQUE (namespace_id, name),
  FOREIGN KEY(namespace_id) REFERENCES metadef_namespaces (id)
);
CREATE INDEX IF NOT EXISTS ix_metadef_properties_name ON metadef_properties (name);
CREATE TABLE IF NOT EXISTS metadef_namespace_resource_types (
  created_at DATETIME NOT NULL,
  updated_at DATETIME,
  resource_type_id INTEGER NOT NULL,
  namespace_id INTEGER NOT NULL,
  properties_target VARCHAR(80),
  prefix VARCHAR(80),
  PRIMARY KEY (resource_type_id, namespace_id),
  FOREIGN KEY(resource_type_id) REFERENCES metadef_resource_types (id),
  FOREIGN KEY(namespace_id) REFERENCES metadef_namespaces (id)
);
CREATE INDEX IF NOT EXISTS ix_metadef_ns_res_types_namespace_id ON metadef_namespace_resource_types (namespace_id);
CREATE TABLE IF NOT EXISTS metadef_tags (
  created_at DATETIME NOT NULL,
  updated_at DATETIME,
  id INTEGER NOT NULL,
  namespace_id INTEGER NOT NULL,
  name VARCHAR(80) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_metadef_tags_namespace_id_name UNIQUE (namespace_id, name),
  FOREIGN KEY(namespace_id) REFERENCES metadef_namespaces (id)
);
CREATE INDEX IF NOT EXISTS ix_metadef_tags_name ON metadef_tags (name);
`;

/** Glance's own indexes (models.py __table_args__), same names. */
const GLANCE_INDEXES = `
CREATE INDEX IF NOT EXISTS checksum_image_idx ON images (checksum);
CREATE INDEX IF NOT EXISTS visibility_image_idx ON images (visibility);
CREATE INDEX IF NOT EXISTS ix_images_deleted ON images (deleted);
CREATE INDEX IF NOT EXISTS owner_image_idx ON images (owner);
CREATE INDEX IF NOT EXISTS created_at_image_idx ON images (created_at);
CREATE INDEX IF NOT EXISTS updated_at_image_idx ON images (updated_at);
CREATE INDEX IF NOT EXISTS ix_image_properties_image_id ON image_properties (image_id);
CREATE INDEX IF NOT EXISTS ix_image_properties_deleted ON image_properties (deleted);
CREATE INDEX IF NOT EXISTS ix_image_tags_image_id ON image_tags (image_id);
CREATE INDEX IF NOT EXISTS ix_image_tags_image_id_tag_value ON image_tags (image_id, value);
CREATE INDEX IF NOT EXISTS ix_image_locations_image_id ON image_locations (image_id);
CREATE INDEX IF NOT EXISTS ix_image_locations_deleted ON image_locations (deleted);
CREATE INDEX IF NOT EXISTS ix_image_members_deleted ON image_members (deleted);
CREATE INDEX IF NOT EXISTS ix_image_members_image_id ON image_members (image_id);
CREATE INDEX IF NOT EXISTS ix_image_members_image_id_member ON image_members (image_id, member);
CREATE INDEX IF NOT EXISTS ix_tasks_type ON tasks (type);
CREATE INDEX IF NOT EXISTS ix_tasks_status ON tasks (status);
CREATE INDEX IF NOT EXISTS ix_tasks_owner ON tasks (owner);
CREATE INDEX IF NOT EXISTS ix_tasks_deleted ON tasks (deleted);
CREATE INDEX IF NOT EXISTS ix_tasks_updated_at ON tasks (updated_at);
`;

/**
 * Composite indexes for paging: the default listing order walks
 * (deleted, created_at, id) and stops at the page limit; visibility and
 * owner branches, member lookups by member, and property/tag filters by
 * value each have an index to start from. Sorting by name (the sort key
 * people use most after the default) walks (deleted, name, created_at,
 * id) instead of sorting every candidate before the first row.
 */
const LISTING_INDEXES = `
CREATE INDEX IF NOT EXISTS peel_images_deleted_created_id ON images (deleted, created_at, id);
CREATE INDEX IF NOT EXISTS peel_images_visibility_deleted_created ON images (visibility, deleted, created_at, id);
CREATE INDEX IF NOT EXISTS peel_images_owner_deleted_created ON images (owner, deleted, created_at, id);
CREATE INDEX IF NOT EXISTS peel_images_deleted_name_created_id ON images (deleted, name, created_at, id);
CREATE INDEX IF NOT EXISTS peel_image_members_member_image ON image_members (member, image_id, deleted, status);
CREATE INDEX IF NOT EXISTS peel_image_properties_name_value ON image_properties (name, value, image_id);
CREATE INDEX IF NOT EXISTS peel_image_tags_value_image ON image_tags (value, image_id);
CREATE INDEX IF NOT EXISTS peel_tasks_owner_deleted_created ON tasks (owner, deleted, created_at, id);
CREATE INDEX IF NOT EXISTS peel_tasks_deleted_created_id ON tasks (deleted, created_at, id);
`;

/** Every table name, parents first. */
export const TABLE_NAMES = [
  'images', 'image_properties', 'image_tags', 'image_locations', 'image_members', 'tasks', 'task_info',
] as const;

/** The metadef tables, in register_models' order (parents before their children). */
export const METADEF_TABLE_NAMES = [
  'metadef_namespaces', 'metadef_resource_types', 'metadef_objects', 'metadef_properties',
  'metadef_namespace_resource_types', 'metadef_tags',
] as const;

/** Creates the tables and indexes (idempotent). */
export function createSchema(db: Database.Database): void {
  // Every statement is CREATE ... IF NOT EXISTS and nothing ever drops a
  // table or an index, so a second run on a connection is a no-op: skipped
  // (the legacy db api asks on every world, on pooled connections).
  if (SCHEMA_MADE.has(db)) return;
  db.exec(TABLES);
  db.exec(GLANCE_INDEXES);
  db.exec(LISTING_INDEXES);
  db.exec(METADEF_TABLES);
  SCHEMA_MADE.add(db);
}

/** Connections createSchema has run on. */
const SCHEMA_MADE = new WeakSet<Database.Database>();

/**
 * SQLAlchemy's DateTime text on SQLite, 'YYYY-MM-DD HH:MM:SS.ffffff'.
 * Comparisons in SQL are text comparisons of this form, so every writer
 * must use it. `micro` carries sub-millisecond digits a Date cannot hold.
 */
export function formatDbDatetime(at: Date, micro = at.getUTCMilliseconds() * 1000): string {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return (
    `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ` +
    `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}.${pad(micro, 6)}`
  );
}

const DB_DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/** Reads a stored datetime back (null stays null), as SQLAlchemy does. */
export function parseDbDatetime(text: unknown): Date | null {
  if (text === null || text === undefined) return null;
  const m = DB_DATETIME.exec(String(text));
  if (m === null) throw new Error(`Couldn't parse datetime string: ${String(text)}`);
  const [, y, mo, d, h, mi, s, frac] = m;
  const at = new Date(0);
  at.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  at.setUTCHours(Number(h), Number(mi), Number(s), Math.floor(Number((frac ?? '0').padEnd(6, '0')) / 1000));
  return at;
}
