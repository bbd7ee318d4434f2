/**
 * Port of glance/db/sqlalchemy/metadef_api/resource_type.py: resource
 * types by name, all of them, created; updated and deleted as Glance
 * (never reached by the API) does it.
 *
 * @see glance/db/sqlalchemy/metadef_api/resource_type.py
 */
import { MetadefDuplicateResourceType, MetadefResourceTypeNotFound } from '../../exception.js';
import { AttributeError } from '../../../lib/python.js';
import { DBDuplicateEntry, NoResultFound, all, bindRaw, type DbContext, type DbSession, type Row } from '../sqlalchemy-api.js';
import { MetadefResourceType, insertModel, one, readModel } from './models.js';
import { drop_protected_attrs } from './utils.js';

/** A resource type's `to_dict()`. */
export interface ResourceTypeRecord {
  created_at: Date;
  updated_at: Date | null;
  id: number;
  name: string;
  protected: boolean;
}

/** Get a resource type, raise if not found (`get`). */
export function get(s: DbSession, _context: DbContext, name: unknown): ResourceTypeRecord {
  let raw: Row;
  try {
    raw = one(all(s, 'SELECT * FROM metadef_resource_types WHERE metadef_resource_types.name = ?', [bindRaw(name)]));
  } catch (e) {
    if (e instanceof NoResultFound) throw new MetadefResourceTypeNotFound(null, { resource_type_name: name });
    throw e;
  }
  return readModel<ResourceTypeRecord>(MetadefResourceType, raw).record;
}

/** Get a list of all resource types, in the table's natural order (`get_all`). */
export function get_all(s: DbSession, _context: DbContext): ResourceTypeRecord[] {
  return all(s, 'SELECT * FROM metadef_resource_types').map((raw) => readModel<ResourceTypeRecord>(MetadefResourceType, raw).record);
}

/** Create a resource_type, raise if it already exists (`create`). */
export function create(s: DbSession, _context: DbContext, values: Map<string, unknown>): ResourceTypeRecord {
  drop_protected_attrs(MetadefResourceType, values);
  try {
    return insertModel<ResourceTypeRecord>(s, MetadefResourceType, new Map(values));
  } catch (e) {
    if (e instanceof DBDuplicateEntry) {
      throw new MetadefDuplicateResourceType(null, { resource_type_name: values.get('name') ?? null });
    }
    throw e;
  }
}

/**
 * Update a resource type (`update`).
 * NOTE(quirk): `get` answers a dict, which `dict.update` accepts and which
 * has no `save`: every call that finds the type raises AttributeError.
 */
export function update(s: DbSession, context: DbContext, values: Map<string, unknown>): never {
  const name = values.get('name');
  drop_protected_attrs(MetadefResourceType, values);
  get(s, context, name);
  throw new AttributeError("'dict' object has no attribute 'save'");
}

/**
 * Delete a resource type or raise if not found or is protected (`delete`).
 * NOTE(quirk): `get` answers a dict, and `db_rec.protected` is attribute
 * access on it: every call that finds the type raises AttributeError.
 */
export function delete_(s: DbSession, context: DbContext, name: unknown): never {
  get(s, context, name);
  throw new AttributeError("'dict' object has no attribute 'protected'");
}
