/**
 * Port of glance/db/sqlalchemy/metadef_api/object.py: the objects of a
 * namespace (read through the namespace, so an invisible namespace hides
 * them), created, updated, deleted, counted and emptied.
 *
 * @see glance/db/sqlalchemy/metadef_api/object.py
 */
import { MetadefDuplicateObject, MetadefObjectNotFound } from '../../exception.js';
import { pyStr } from '../../../lib/python.js';
import { DBDuplicateEntry, NoResultFound, all, bindRaw, run, type DbContext, type DbSession, type Row } from '../sqlalchemy-api.js';
import { MetadefObject, deleteModel, insertModel, one, readModel, saveModel, type ModelRef } from './models.js';
import * as namespace_api from './namespace.js';
import { drop_protected_attrs } from './utils.js';

/** An object's `to_dict()`; `json_schema` holds Python's json values (dicts as Maps). */
export interface ObjectRecord {
  created_at: Date;
  updated_at: Date | null;
  id: number;
  namespace_id: number;
  name: string;
  description: string | null;
  required: string | null;
  json_schema: unknown;
}

/** `_get`: by id, in any namespace. */
export function _get(s: DbSession, _context: DbContext, object_id: unknown): ModelRef<ObjectRecord> {
  try {
    return readModel(MetadefObject, one(all(s, 'SELECT * FROM metadef_objects WHERE metadef_objects.id = ?', [bindRaw(object_id)])));
  } catch (e) {
    if (e instanceof NoResultFound) throw new MetadefObjectNotFound(`Metadata definition object not found for id=${pyStr(object_id)}`);
    throw e;
  }
}

/** `_get_by_name`: the namespace must be visible, then the object must be in it. */
export function _get_by_name(s: DbSession, context: DbContext, namespace_name: unknown, name: unknown): ModelRef<ObjectRecord> {
  const namespace = namespace_api.get(s, context, namespace_name);
  let raw: Row;
  try {
    raw = one(
      all(s, 'SELECT * FROM metadef_objects WHERE metadef_objects.name = ? AND metadef_objects.namespace_id = ?', [
        bindRaw(name),
        bindRaw(namespace.id),
      ]),
    );
  } catch (e) {
    if (e instanceof NoResultFound) throw new MetadefObjectNotFound(null, { object_name: name, namespace_name });
    throw e;
  }
  return readModel(MetadefObject, raw);
}

/** `get_all`: a namespace's objects, in the table's natural order (no ORDER BY). */
export function get_all(s: DbSession, context: DbContext, namespace_name: unknown): ObjectRecord[] {
  const namespace = namespace_api.get(s, context, namespace_name);
  return all(s, 'SELECT * FROM metadef_objects WHERE metadef_objects.namespace_id = ?', [bindRaw(namespace.id)]).map(
    (raw) => readModel<ObjectRecord>(MetadefObject, raw).record,
  );
}

/** `create` */
export function create(s: DbSession, context: DbContext, namespace_name: unknown, values: Map<string, unknown>): ObjectRecord {
  const namespace = namespace_api.get(s, context, namespace_name);
  values.set('namespace_id', namespace.id);
  drop_protected_attrs(MetadefObject, values);
  try {
    return insertModel<ObjectRecord>(s, MetadefObject, new Map(values));
  } catch (e) {
    if (e instanceof DBDuplicateEntry) throw new MetadefDuplicateObject(null, { object_name: values.get('name') ?? null, namespace_name });
    throw e;
  }
}

/** `get` */
export function get(s: DbSession, context: DbContext, namespace_name: unknown, name: unknown): ObjectRecord {
  return _get_by_name(s, context, namespace_name, name).record;
}

/** Update an object, raise if ns not found/visible or duplicate result (`update`). */
export function update(
  s: DbSession,
  context: DbContext,
  namespace_name: unknown,
  object_id: unknown,
  values: Map<string, unknown>,
): ObjectRecord {
  namespace_api.get(s, context, namespace_name);
  const ref = _get(s, context, object_id);
  drop_protected_attrs(MetadefObject, values);
  try {
    return saveModel(s, MetadefObject, ref, new Map(values));
  } catch (e) {
    if (e instanceof DBDuplicateEntry) {
      // The failed flush rolls the session back and expires the row:
      // `md_object.name` reloads the stored (old) name.
      const name = ref.record.name;
      throw new MetadefDuplicateObject(
        'Invalid update. It would result in a duplicate metadata definition object with the same ' +
          `name=${pyStr(name)} in namespace=${pyStr(namespace_name)}.`,
      );
    }
    throw e;
  }
}

/** `delete` */
export function delete_(s: DbSession, context: DbContext, namespace_name: unknown, object_name: unknown): ObjectRecord {
  namespace_api.get(s, context, namespace_name);
  const ref = _get_by_name(s, context, namespace_name, object_name);
  deleteModel(s, MetadefObject, ref.raw);
  return ref.record;
}

/** Use this def only if the ns for the id has been verified as visible (`delete_namespace_content`). */
export function delete_namespace_content(s: DbSession, _context: DbContext, namespace_id: unknown): number {
  return run(s, 'DELETE FROM metadef_objects WHERE metadef_objects.namespace_id = ?', [bindRaw(namespace_id)]).changes;
}

/** `delete_by_namespace_name` */
export function delete_by_namespace_name(s: DbSession, context: DbContext, namespace_name: unknown): number {
  const namespace = namespace_api.get(s, context, namespace_name);
  return delete_namespace_content(s, context, namespace.id);
}

/** Get the count of objects for a namespace, raise if ns not found (`count`). */
export function count(s: DbSession, context: DbContext, namespace_name: unknown): number {
  const namespace = namespace_api.get(s, context, namespace_name);
  const rows = all(s, 'SELECT count(metadef_objects.id) AS count_1 FROM metadef_objects WHERE metadef_objects.namespace_id = ?', [
    bindRaw(namespace.id),
  ]);
  return Number(rows[0]?.['count_1'] ?? 0);
}
