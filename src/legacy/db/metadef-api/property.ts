/**
 * Port of glance/db/sqlalchemy/metadef_api/property.py: the properties of
 * a namespace (read through the namespace), created, updated, deleted,
 * counted and emptied.
 *
 * @see glance/db/sqlalchemy/metadef_api/property.py
 */
import { MetadefDuplicateProperty, MetadefPropertyNotFound } from '../../exception.js';
import { pyStr } from '../../../lib/python.js';
import { DBDuplicateEntry, NoResultFound, all, bindRaw, run, type DbContext, type DbSession, type Row } from '../sqlalchemy-api.js';
import { MetadefProperty, deleteModel, insertModel, one, readModel, saveModel, type ModelRef } from './models.js';
import * as namespace_api from './namespace.js';
import { drop_protected_attrs } from './utils.js';

/** A property's `to_dict()`; `json_schema` holds Python's json values (dicts as Maps). */
export interface PropertyRecord {
  created_at: Date;
  updated_at: Date | null;
  id: number;
  namespace_id: number;
  name: string;
  json_schema: unknown;
}

/** `_get`: by id, in any namespace. */
export function _get(s: DbSession, _context: DbContext, property_id: unknown): ModelRef<PropertyRecord> {
  try {
    return readModel(MetadefProperty, one(all(s, 'SELECT * FROM metadef_properties WHERE metadef_properties.id = ?', [bindRaw(property_id)])));
  } catch (e) {
    if (e instanceof NoResultFound) throw new MetadefPropertyNotFound(`Metadata definition property not found for id=${pyStr(property_id)}`);
    throw e;
  }
}

/** get a property; raise if ns not found/visible or property not found (`_get_by_name`). */
export function _get_by_name(s: DbSession, context: DbContext, namespace_name: unknown, name: unknown): ModelRef<PropertyRecord> {
  const namespace = namespace_api.get(s, context, namespace_name);
  let raw: Row;
  try {
    raw = one(
      all(s, 'SELECT * FROM metadef_properties WHERE metadef_properties.name = ? AND metadef_properties.namespace_id = ?', [
        bindRaw(name),
        bindRaw(namespace.id),
      ]),
    );
  } catch (e) {
    if (e instanceof NoResultFound) throw new MetadefPropertyNotFound(null, { property_name: name, namespace_name });
    throw e;
  }
  return readModel(MetadefProperty, raw);
}

/** `get` */
export function get(s: DbSession, context: DbContext, namespace_name: unknown, name: unknown): PropertyRecord {
  return _get_by_name(s, context, namespace_name, name).record;
}

/** `get_all`: a namespace's properties, in the table's natural order (no ORDER BY). */
export function get_all(s: DbSession, context: DbContext, namespace_name: unknown): PropertyRecord[] {
  const namespace = namespace_api.get(s, context, namespace_name);
  return all(s, 'SELECT * FROM metadef_properties WHERE metadef_properties.namespace_id = ?', [bindRaw(namespace.id)]).map(
    (raw) => readModel<PropertyRecord>(MetadefProperty, raw).record,
  );
}

/** `create` */
export function create(s: DbSession, context: DbContext, namespace_name: unknown, values: Map<string, unknown>): PropertyRecord {
  const namespace = namespace_api.get(s, context, namespace_name);
  values.set('namespace_id', namespace.id);
  drop_protected_attrs(MetadefProperty, values);
  try {
    return insertModel<PropertyRecord>(s, MetadefProperty, new Map(values));
  } catch (e) {
    if (e instanceof DBDuplicateEntry) {
      throw new MetadefDuplicateProperty(null, { property_name: values.get('name') ?? null, namespace_name });
    }
    throw e;
  }
}

/** Update a property, raise if ns not found/visible or duplicate result (`update`). */
export function update(
  s: DbSession,
  context: DbContext,
  namespace_name: unknown,
  property_id: unknown,
  values: Map<string, unknown>,
): PropertyRecord {
  namespace_api.get(s, context, namespace_name);
  const ref = _get(s, context, property_id);
  drop_protected_attrs(MetadefProperty, values);
  try {
    return saveModel(s, MetadefProperty, ref, new Map(values));
  } catch (e) {
    if (e instanceof DBDuplicateEntry) {
      // The failed flush rolls the session back and expires the row:
      // `property_rec.name` reloads the stored (old) name.
      const name = ref.record.name;
      throw new MetadefDuplicateProperty(
        'Invalid update. It would result in a duplicate metadata definition property with the same ' +
          `name=${pyStr(name)} in namespace=${pyStr(namespace_name)}.`,
      );
    }
    throw e;
  }
}

/** `delete` */
export function delete_(s: DbSession, context: DbContext, namespace_name: unknown, property_name: unknown): PropertyRecord {
  const ref = _get_by_name(s, context, namespace_name, property_name);
  deleteModel(s, MetadefProperty, ref.raw);
  return ref.record;
}

/** Use this def only if the ns for the id has been verified as visible (`delete_namespace_content`). */
export function delete_namespace_content(s: DbSession, _context: DbContext, namespace_id: unknown): number {
  return run(s, 'DELETE FROM metadef_properties WHERE metadef_properties.namespace_id = ?', [bindRaw(namespace_id)]).changes;
}

/** `delete_by_namespace_name` */
export function delete_by_namespace_name(s: DbSession, context: DbContext, namespace_name: unknown): number {
  const namespace = namespace_api.get(s, context, namespace_name);
  return delete_namespace_content(s, context, namespace.id);
}

/** Get the count of properties for a namespace, raise if ns not found (`count`). */
export function count(s: DbSession, context: DbContext, namespace_name: unknown): number {
  const namespace = namespace_api.get(s, context, namespace_name);
  const rows = all(
    s,
    'SELECT count(metadef_properties.id) AS count_1 FROM metadef_properties WHERE metadef_properties.namespace_id = ?',
    [bindRaw(namespace.id)],
  );
  return Number(rows[0]?.['count_1'] ?? 0);
}
