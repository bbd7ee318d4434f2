/**
 * Port of glance/db/sqlalchemy/metadef_api/tag.py: the tags of a namespace
 * (read through the namespace), listed with oslo.db paging, created one by
 * one or replaced all at once, updated, deleted, counted and emptied.
 *
 * @see glance/db/sqlalchemy/metadef_api/tag.py
 */
import { MetadefDuplicateTag, MetadefTagNotFound } from '../../exception.js';
import { pyStr } from '../../../lib/python.js';
import {
  DBDuplicateEntry,
  NoResultFound,
  all,
  bindRaw,
  run,
  transaction,
  type DbContext,
  type DbSession,
  type Row,
} from '../sqlalchemy-api.js';
import { MetadefTag, deleteModel, insertModel, one, readModel, saveModel, type ModelRef } from './models.js';
import * as namespace_api from './namespace.js';
import { paginateQuery } from './paginate.js';
import { drop_protected_attrs } from './utils.js';

/** A tag's `to_dict()`. */
export interface TagRecord {
  created_at: Date;
  updated_at: Date | null;
  id: number;
  namespace_id: number;
  name: string;
}

/** `_get`: by id, in any namespace. */
export function _get(s: DbSession, _context: DbContext, id: unknown): ModelRef<TagRecord> {
  try {
    return readModel(MetadefTag, one(all(s, 'SELECT * FROM metadef_tags WHERE metadef_tags.id = ?', [bindRaw(id)])));
  } catch (e) {
    if (e instanceof NoResultFound) throw new MetadefTagNotFound(`Metadata tag not found for id ${pyStr(id)}`);
    throw e;
  }
}

/** `_get_by_name`: the namespace must be visible, then the tag must be in it. */
export function _get_by_name(s: DbSession, context: DbContext, namespace_name: unknown, name: unknown): ModelRef<TagRecord> {
  const namespace = namespace_api.get(s, context, namespace_name);
  let raw: Row;
  try {
    raw = one(
      all(s, 'SELECT * FROM metadef_tags WHERE metadef_tags.name = ? AND metadef_tags.namespace_id = ?', [
        bindRaw(name),
        bindRaw(namespace.id),
      ]),
    );
  } catch (e) {
    if (e instanceof NoResultFound) throw new MetadefTagNotFound(null, { name, namespace_name });
    throw e;
  }
  return readModel(MetadefTag, raw);
}

/** The paging arguments of the tag listing (the db api passes None for each it is not given). */
export interface TagListArgs {
  readonly filters?: unknown;
  readonly marker?: unknown;
  readonly limit?: number | null;
  readonly sort_key?: string | null;
  readonly sort_dir?: string | null;
}

/** Get all tags that match zero or more filters (`get_all`; filters are not applied). */
export function get_all(s: DbSession, context: DbContext, namespace_name: unknown, args: TagListArgs = {}): TagRecord[] {
  const namespace = namespace_api.get(s, context, namespace_name);
  let marker_tag: Row | null = null;
  if (args.marker !== null && args.marker !== undefined) marker_tag = _get(s, context, args.marker).raw;
  const sort_key = args.sort_key ?? null;
  const sort_keys: Array<string | null> = ['created_at', 'id'];
  // NOTE(quirk): as for namespaces, sort_key=id keeps created_at first.
  if (!sort_keys.includes(sort_key)) sort_keys.unshift(sort_key);
  const page = paginateQuery(MetadefTag, args.limit, sort_keys.map((k) => (k === null ? 'None' : k)), marker_tag, args.sort_dir ?? null);
  const where = [{ sql: 'metadef_tags.namespace_id = ?', params: [bindRaw(namespace.id)] as unknown[] }];
  if (page.where !== null) where.push({ sql: page.where.sql, params: [...page.where.params] });
  const sql =
    `SELECT * FROM metadef_tags WHERE ${where.map((w) => `(${w.sql})`).join(' AND ')} ORDER BY ${page.orderBy}` +
    (page.limit !== null ? ` ${page.limit.sql}` : '');
  return all(s, sql, [...where.flatMap((w) => w.params), ...(page.limit?.params ?? [])]).map(
    (raw) => readModel<TagRecord>(MetadefTag, raw).record,
  );
}

/** `create` */
export function create(s: DbSession, context: DbContext, namespace_name: unknown, values: Map<string, unknown>): TagRecord {
  const namespace = namespace_api.get(s, context, namespace_name);
  values.set('namespace_id', namespace.id);
  drop_protected_attrs(MetadefTag, values);
  try {
    return insertModel<TagRecord>(s, MetadefTag, new Map(values));
  } catch (e) {
    if (e instanceof DBDuplicateEntry) throw new MetadefDuplicateTag(null, { name: values.get('name') ?? null, namespace_name });
    throw e;
  }
}

/**
 * `create_tags`: replaces every tag of the namespace, all or nothing.
 * NOTE(quirk): an empty list returns at once, without even looking the
 * namespace up.
 */
export function create_tags(s: DbSession, context: DbContext, namespace_name: unknown, tag_list: Array<Map<string, unknown>>): TagRecord[] {
  const metadef_tags_list: TagRecord[] = [];
  if (tag_list.length === 0) return metadef_tags_list;
  const namespace = namespace_api.get(s, context, namespace_name);
  let current: Map<string, unknown> | null = null;
  try {
    transaction(s, () => {
      run(s, 'DELETE FROM metadef_tags WHERE metadef_tags.namespace_id = ?', [bindRaw(namespace.id)]);
      for (const value of tag_list) {
        value.set('namespace_id', namespace.id);
        drop_protected_attrs(MetadefTag, value);
        current = value;
        metadef_tags_list.push(insertModel<TagRecord>(s, MetadefTag, new Map(value)));
      }
    });
  } catch (e) {
    if (e instanceof DBDuplicateEntry) {
      const failed = current as Map<string, unknown> | null;
      throw new MetadefDuplicateTag(null, { name: failed?.get('name') ?? null, namespace_name });
    }
    throw e;
  }
  return metadef_tags_list;
}

/** `get` */
export function get(s: DbSession, context: DbContext, namespace_name: unknown, name: unknown): TagRecord {
  return _get_by_name(s, context, namespace_name, name).record;
}

/** Update a tag, raise if ns not found/visible or duplicate result (`update`). */
export function update(s: DbSession, context: DbContext, namespace_name: unknown, id: unknown, values: Map<string, unknown>): TagRecord {
  namespace_api.get(s, context, namespace_name);
  const ref = _get(s, context, id);
  drop_protected_attrs(MetadefTag, values);
  try {
    return saveModel(s, MetadefTag, ref, new Map(values));
  } catch (e) {
    if (e instanceof DBDuplicateEntry) throw new MetadefDuplicateTag(null, { name: values.get('name') ?? null, namespace_name });
    throw e;
  }
}

/** `delete` */
export function delete_(s: DbSession, context: DbContext, namespace_name: unknown, name: unknown): TagRecord {
  namespace_api.get(s, context, namespace_name);
  const ref = _get_by_name(s, context, namespace_name, name);
  deleteModel(s, MetadefTag, ref.raw);
  return ref.record;
}

/** Use this def only if the ns for the id has been verified as visible (`delete_namespace_content`). */
export function delete_namespace_content(s: DbSession, _context: DbContext, namespace_id: unknown): number {
  return run(s, 'DELETE FROM metadef_tags WHERE metadef_tags.namespace_id = ?', [bindRaw(namespace_id)]).changes;
}

/** `delete_by_namespace_name` */
export function delete_by_namespace_name(s: DbSession, context: DbContext, namespace_name: unknown): number {
  const namespace = namespace_api.get(s, context, namespace_name);
  return delete_namespace_content(s, context, namespace.id);
}

/** Get the count of tags for a namespace, raise if ns not found (`count`). */
export function count(s: DbSession, context: DbContext, namespace_name: unknown): number {
  const namespace = namespace_api.get(s, context, namespace_name);
  const rows = all(s, 'SELECT count(metadef_tags.id) AS count_1 FROM metadef_tags WHERE metadef_tags.namespace_id = ?', [
    bindRaw(namespace.id),
  ]);
  return Number(rows[0]?.['count_1'] ?? 0);
}
