/**
 * Port of glance/db/sqlalchemy/metadef_api/namespace.py: namespaces read
 * (visible to the caller or Forbidden), listed (visibility rules, filters,
 * oslo.db paging), created, updated and deleted with everything in them.
 *
 * @see glance/db/sqlalchemy/metadef_api/namespace.py
 */
import {
  MetadefDuplicateNamespace,
  MetadefForbidden,
  MetadefIntegrityError,
  MetadefNamespaceNotFound,
} from '../../exception.js';
import { PyException, pyRepr, pyStr } from '../../../lib/python.js';
import {
  DBDuplicateEntry,
  DBError,
  NoResultFound,
  all,
  bindRaw,
  transaction,
  type DbContext,
  type DbSession,
  type Row,
} from '../sqlalchemy-api.js';
import { MetadefNamespace, deleteModel, insertModel, one, readModel, saveModel, type ModelRef } from './models.js';
import { paginateQuery, type SqlPart } from './paginate.js';
import { drop_protected_attrs, filterGet, filterHas, filterPop, filterSet, type Filters } from './utils.js';
import * as metadef_object from './object.js';
import * as metadef_property from './property.js';
import * as metadef_tag from './tag.js';
import * as resource_type_association from './resource-type-association.js';

/** sqlalchemy.exc.ArgumentError, raised while a query is built. */
class ArgumentError extends PyException {}

/** A namespace's `to_dict()`: its columns in table order. */
export interface NamespaceRecord {
  created_at: Date;
  updated_at: Date | null;
  id: number;
  namespace: string;
  display_name: string | null;
  description: string | null;
  visibility: string | null;
  protected: boolean | null;
  owner: string;
}

/**
 * Return True if the namespace is visible in this context.
 *
 * @see glance/db/sqlalchemy/metadef_api/namespace.py _is_namespace_visible
 */
export function _is_namespace_visible(context: DbContext, namespace: Readonly<Record<string, unknown>>): boolean {
  if (context.is_admin) return true;
  if (namespace['owner'] === null || namespace['owner'] === undefined) return true;
  if ('visibility' in namespace && namespace['visibility'] === 'public') return true;
  if (context.owner !== null && context.owner === namespace['owner']) return true;
  return false;
}

/** `_select_namespaces_query`: the WHERE clause of what the caller may list. */
function _select_namespaces_query(context: DbContext): SqlPart | null {
  if (context.is_admin) return null;
  if (context.owner !== null) {
    return { sql: 'metadef_namespaces.owner = ? OR metadef_namespaces.visibility = ?', params: [bindRaw(context.owner), 'public'] };
  }
  return { sql: 'metadef_namespaces.visibility = ?', params: ['public'] };
}

function forbidden(name: unknown): MetadefForbidden {
  return new MetadefForbidden(`Forbidding request, metadata definition namespace=${pyStr(name)} is not visible.`);
}

/** Get a namespace by id, raise if not found (`_get`). */
export function _get(s: DbSession, context: DbContext, namespace_id: unknown): ModelRef<NamespaceRecord> {
  let raw: Row;
  try {
    raw = one(all(s, 'SELECT * FROM metadef_namespaces WHERE metadef_namespaces.id = ?', [bindRaw(namespace_id)]));
  } catch (e) {
    if (e instanceof NoResultFound) {
      throw new MetadefNamespaceNotFound(`Metadata definition namespace not found for id=${pyStr(namespace_id)}`);
    }
    throw e;
  }
  const ref = readModel<NamespaceRecord>(MetadefNamespace, raw);
  if (!_is_namespace_visible(context, ref.record as unknown as Record<string, unknown>)) throw forbidden(ref.record.namespace);
  return ref;
}

/** Get a namespace by name, raise if not found (`_get_by_name`). */
export function _get_by_name(s: DbSession, context: DbContext, name: unknown): ModelRef<NamespaceRecord> {
  let raw: Row;
  try {
    raw = one(all(s, 'SELECT * FROM metadef_namespaces WHERE metadef_namespaces.namespace = ?', [bindRaw(name)]));
  } catch (e) {
    if (e instanceof NoResultFound) throw new MetadefNamespaceNotFound(null, { namespace_name: name });
    throw e;
  }
  const ref = readModel<NamespaceRecord>(MetadefNamespace, raw);
  if (!_is_namespace_visible(context, ref.record as unknown as Record<string, unknown>)) throw forbidden(name);
  return ref;
}

/** The paging arguments of the namespace listings. */
export interface NamespaceListArgs {
  readonly marker?: unknown;
  readonly limit?: number | null;
  readonly sort_key?: string | null;
  readonly sort_dir?: string | null;
  readonly filters?: Filters | null;
}

/** Get all namespaces that match zero or more filters (`_get_all`). */
function _get_all(s: DbSession, context: DbContext, filters: Filters, args: NamespaceListArgs): ModelRef<NamespaceRecord>[] {
  const where: SqlPart[] = [];
  const base = _select_namespaces_query(context);
  if (base !== null) where.push(base);
  const visibility = filterPop(filters, 'visibility');
  if (visibility !== null && visibility !== undefined) {
    where.push({ sql: 'metadef_namespaces.visibility = ?', params: [bindRaw(visibility)] });
  }
  const id_list = filterPop(filters, 'id_list');
  if (id_list !== null && id_list !== undefined) {
    // NOTE(quirk): a query parameter named id_list reaches here as text, which `in_()` refuses.
    if (typeof id_list === 'string') throw new ArgumentError(`IN expression list, SELECT construct, or bound parameter object expected, got ${pyRepr(id_list)}.`);
    const ids = [...(id_list as Iterable<unknown>)];
    where.push({ sql: `metadef_namespaces.id IN (${ids.map(() => '?').join(', ')})`, params: ids.map(bindRaw) });
  }
  let marker_namespace: Row | null = null;
  if (args.marker !== null && args.marker !== undefined) marker_namespace = _get(s, context, args.marker).raw;

  // The db api's defaults are None: a listing without a sort key fails in
  // paginate_query (InvalidSortKey), as Glance's does.
  const sort_key = args.sort_key ?? null;
  const sort_keys: Array<string | null> = ['created_at', 'id'];
  // NOTE(quirk): a sort key already in the list is not moved first, so
  // sort_key=id still sorts by created_at first.
  if (!sort_keys.includes(sort_key)) sort_keys.unshift(sort_key);
  const page = paginateQuery(
    MetadefNamespace,
    args.limit,
    sort_keys.map((k) => (k === null ? 'None' : k)),
    marker_namespace,
    args.sort_dir ?? null,
  );
  if (page.where !== null) where.push(page.where);
  const sql =
    'SELECT * FROM metadef_namespaces' +
    (where.length > 0 ? ` WHERE ${where.map((w) => `(${w.sql})`).join(' AND ')}` : '') +
    ` ORDER BY ${page.orderBy}` +
    (page.limit !== null ? ` ${page.limit.sql}` : '');
  const params = [...where.flatMap((w) => w.params), ...(page.limit?.params ?? [])];
  return all(s, sql, params).map((raw) => readModel<NamespaceRecord>(MetadefNamespace, raw));
}

/** get all visible namespaces for the specified resource_types (`_get_all_by_resource_types`). */
function _get_all_by_resource_types(s: DbSession, context: DbContext, filters: Filters, args: NamespaceListArgs): ModelRef<NamespaceRecord>[] {
  const resource_types = filterGet(filters, 'resource_types');
  const resource_type_list = pyStr(resource_types).split(',');
  const rows = all(
    s,
    'SELECT metadef_resource_types.name, metadef_namespace_resource_types.namespace_id FROM metadef_resource_types ' +
      'JOIN metadef_namespace_resource_types ON metadef_resource_types.id = metadef_namespace_resource_types.resource_type_id ' +
      `WHERE metadef_resource_types.name IN (${resource_type_list.map(() => '?').join(', ')})`,
    resource_type_list,
  );
  const namespace_id_list = rows.map((r) => r['namespace_id']);
  // NOTE(quirk): no match answers an empty page before the marker is even looked up.
  if (namespace_id_list.length === 0) return [];
  filterSet(filters, 'id_list', namespace_id_list);
  return _get_all(s, context, filters, args);
}

/**
 * List all visible namespaces.
 *
 * @see glance/db/sqlalchemy/metadef_api/namespace.py get_all
 */
export function get_all(s: DbSession, context: DbContext, args: NamespaceListArgs = {}): NamespaceRecord[] {
  const filters: Filters = args.filters ?? new Map<string, unknown>();
  const refs = filterHas(filters, 'resource_types')
    ? _get_all_by_resource_types(s, context, filters, args)
    : _get_all(s, context, filters, args);
  return refs.map((r) => r.record);
}

/** Get a namespace by name, raise if not found (`get`). */
export function get(s: DbSession, context: DbContext, name: unknown): NamespaceRecord {
  return _get_by_name(s, context, name).record;
}

/** Create a namespace, raise if namespace already exists (`create`). */
export function create(s: DbSession, _context: DbContext, values: Map<string, unknown>): NamespaceRecord {
  const namespace_name = filterGet(values, 'namespace');
  drop_protected_attrs(MetadefNamespace, values);
  try {
    return insertModel<NamespaceRecord>(s, MetadefNamespace, new Map(values));
  } catch (e) {
    if (e instanceof DBDuplicateEntry) throw new MetadefDuplicateNamespace(null, { namespace_name });
    throw e;
  }
}

/** Update a namespace, raise if not found/visible or duplicate result (`update`). */
export function update(s: DbSession, context: DbContext, namespace_id: unknown, values: Map<string, unknown>): NamespaceRecord {
  const ref = _get(s, context, namespace_id);
  drop_protected_attrs(MetadefNamespace, values);
  try {
    return saveModel(s, MetadefNamespace, ref, new Map(values));
  } catch (e) {
    if (e instanceof DBDuplicateEntry) {
      throw new MetadefDuplicateNamespace(
        'Invalid update. It would result in a duplicate metadata definition namespace with the same name of ' +
          pyStr(filterGet(values, 'namespace')),
      );
    }
    throw e;
  }
}

function isIntegrityError(e: unknown): boolean {
  return e instanceof DBError && e.message.startsWith('(sqlite3.IntegrityError)');
}

/**
 * Raise if not found, has references or not visible (`delete`). Glance's
 * SQLite connections leave foreign keys unchecked, so there this deletes a
 * namespace its children still refer to; the port's connections check
 * them and answer MetadefIntegrityError, as Glance does on a database that
 * checks them. The API never calls it (it deletes with `delete_cascade`).
 */
export function delete_(s: DbSession, context: DbContext, name: unknown): NamespaceRecord {
  const ref = _get_by_name(s, context, name);
  try {
    deleteModel(s, MetadefNamespace, ref.raw);
  } catch (e) {
    if (isIntegrityError(e)) throw new MetadefIntegrityError(null, { record_type: 'namespace', record_name: name });
    throw e;
  }
  return ref.record;
}

/** Raise if not found, has references or not visible; deletes the namespace's content first (`delete_cascade`). */
export function delete_cascade(s: DbSession, context: DbContext, name: unknown): NamespaceRecord {
  const ref = _get_by_name(s, context, name);
  try {
    transaction(s, () => {
      metadef_tag.delete_namespace_content(s, context, ref.record.id);
      metadef_object.delete_namespace_content(s, context, ref.record.id);
      metadef_property.delete_namespace_content(s, context, ref.record.id);
      resource_type_association.delete_namespace_content(s, context, ref.record.id);
      deleteModel(s, MetadefNamespace, ref.raw);
    });
  } catch (e) {
    if (isIntegrityError(e)) throw new MetadefIntegrityError(null, { record_type: 'namespace', record_name: name });
    throw e;
  }
  return ref.record;
}
