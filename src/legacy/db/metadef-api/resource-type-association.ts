/**
 * Port of glance/db/sqlalchemy/metadef_api/resource_type_association.py:
 * the resource types a namespace is associated with (name, prefix,
 * properties target), created with the resource type itself when it does
 * not exist yet, and deleted.
 *
 * @see glance/db/sqlalchemy/metadef_api/resource_type_association.py
 */
import { MetadefDuplicateResourceTypeAssociation, MetadefResourceTypeAssociationNotFound, NotFound } from '../../exception.js';
import { KeyError } from '../../../lib/python.js';
import { DBDuplicateEntry, NoResultFound, all, bindRaw, run, type DbContext, type DbSession, type Row } from '../sqlalchemy-api.js';
import { MetadefNamespaceResourceType, deleteModel, insertModel, one, readColumn, readModel, type ModelRef } from './models.js';
import * as namespace_api from './namespace.js';
import * as resource_type_api from './resource-type.js';
import type { ResourceTypeRecord } from './resource-type.js';
import { drop_protected_attrs } from './utils.js';

/** A row of metadef_namespace_resource_types (`to_dict()`). */
export interface NamespaceResourceTypeRecord {
  created_at: Date;
  updated_at: Date | null;
  resource_type_id: number;
  namespace_id: number;
  properties_target: string | null;
  prefix: string | null;
}

/** What the association functions answer: the resource type's name with the association's columns. */
export interface AssociationModel {
  name: unknown;
  properties_target: unknown;
  prefix: unknown;
  created_at: Date | null;
  updated_at: Date | null;
}

function item(values: ReadonlyMap<string, unknown>, key: string): unknown {
  if (!values.has(key)) throw new KeyError(key);
  return values.get(key);
}

/** transform a model dict to a metadef_namespace_resource_type dict (`_to_db_dict`) */
function _to_db_dict(namespace_id: number, resource_type_id: number, model_dict: ReadonlyMap<string, unknown>): Map<string, unknown> {
  return new Map<string, unknown>([
    ['namespace_id', namespace_id],
    ['resource_type_id', resource_type_id],
    ['properties_target', item(model_dict, 'properties_target')],
    ['prefix', item(model_dict, 'prefix')],
  ]);
}

/** transform a metadef_namespace_resource_type dict to a model dict (`_to_model_dict`) */
function _to_model_dict(resource_type_name: unknown, ns_res_type_dict: NamespaceResourceTypeRecord): AssociationModel {
  return {
    name: resource_type_name,
    properties_target: ns_res_type_dict.properties_target,
    prefix: ns_res_type_dict.prefix,
    created_at: ns_res_type_dict.created_at,
    updated_at: ns_res_type_dict.updated_at,
  };
}

/** Get a namespace resource_type association (`_get`; visibility checked by the caller). */
function _get(
  s: DbSession,
  namespace_name: unknown,
  resource_type_name: unknown,
  namespace_id: number,
  resource_type_id: number,
): ModelRef<NamespaceResourceTypeRecord> {
  try {
    return readModel(
      MetadefNamespaceResourceType,
      one(
        all(
          s,
          'SELECT * FROM metadef_namespace_resource_types WHERE metadef_namespace_resource_types.namespace_id = ? ' +
            'AND metadef_namespace_resource_types.resource_type_id = ?',
          [bindRaw(namespace_id), bindRaw(resource_type_id)],
        ),
      ),
    );
  } catch (e) {
    if (e instanceof NoResultFound) throw new MetadefResourceTypeAssociationNotFound(null, { resource_type_name, namespace_name });
    throw e;
  }
}

/** Create an association, raise if it already exists (`_create_association`). */
function _create_association(
  s: DbSession,
  namespace_name: unknown,
  resource_type_name: unknown,
  values: Map<string, unknown>,
): NamespaceResourceTypeRecord {
  drop_protected_attrs(MetadefNamespaceResourceType, values);
  try {
    return insertModel<NamespaceResourceTypeRecord>(s, MetadefNamespaceResourceType, new Map(values));
  } catch (e) {
    if (e instanceof DBDuplicateEntry) throw new MetadefDuplicateResourceTypeAssociation(null, { resource_type_name, namespace_name });
    throw e;
  }
}

/** Get a resource_type association; raise if not found (`get`). */
export function get(s: DbSession, context: DbContext, namespace_name: unknown, resource_type_name: unknown): AssociationModel {
  const namespace = namespace_api.get(s, context, namespace_name);
  const resource_type = resource_type_api.get(s, context, resource_type_name);
  const found = _get(s, namespace_name, resource_type_name, namespace.id, resource_type.id);
  return _to_model_dict(resource_type_name, found.record);
}

/** List resource_type associations by namespace, raise if not found (`get_all_by_namespace`; no ORDER BY). */
export function get_all_by_namespace(s: DbSession, context: DbContext, namespace_name: unknown): AssociationModel[] {
  const namespace = namespace_api.get(s, context, namespace_name);
  const rows = all(
    s,
    'SELECT metadef_resource_types.name AS name, metadef_namespace_resource_types.properties_target AS properties_target, ' +
      'metadef_namespace_resource_types.prefix AS prefix, metadef_namespace_resource_types.created_at AS created_at, ' +
      'metadef_namespace_resource_types.updated_at AS updated_at FROM metadef_resource_types ' +
      'JOIN metadef_namespace_resource_types ON metadef_resource_types.id = metadef_namespace_resource_types.resource_type_id ' +
      'WHERE metadef_namespace_resource_types.namespace_id = ?',
    [bindRaw(namespace.id)],
  );
  return rows.map((r: Row) => ({
    name: r['name'],
    properties_target: r['properties_target'],
    prefix: r['prefix'],
    created_at: readColumn('datetime', r['created_at']) as Date | null,
    updated_at: readColumn('datetime', r['updated_at']) as Date | null,
  }));
}

/** Create an association, raise if already exists or ns not found (`create`); makes the resource type if needed. */
export function create(s: DbSession, context: DbContext, namespace_name: unknown, values: Map<string, unknown>): AssociationModel {
  const namespace = namespace_api.get(s, context, namespace_name);
  const resource_type_name = item(values, 'name');
  drop_protected_attrs(MetadefNamespaceResourceType, values);
  let resource_type: ResourceTypeRecord | null;
  try {
    resource_type = resource_type_api.get(s, context, resource_type_name);
  } catch (e) {
    if (!(e instanceof NotFound)) throw e;
    resource_type = null;
  }
  if (resource_type === null) {
    resource_type = resource_type_api.create(s, context, new Map<string, unknown>([['name', resource_type_name], ['protected', false]]));
  }
  const ns_resource_type_dict = _to_db_dict(namespace.id, resource_type.id, values);
  const new_rec = _create_association(s, namespace_name, resource_type_name, ns_resource_type_dict);
  return _to_model_dict(resource_type_name, new_rec);
}

/** Delete an association or raise if not found (`delete`). */
export function delete_(s: DbSession, context: DbContext, namespace_name: unknown, resource_type_name: unknown): AssociationModel {
  const namespace = namespace_api.get(s, context, namespace_name);
  const resource_type = resource_type_api.get(s, context, resource_type_name);
  const ref = _get(s, namespace_name, resource_type_name, namespace.id, resource_type.id);
  deleteModel(s, MetadefNamespaceResourceType, ref.raw);
  return _to_model_dict(resource_type_name, ref.record);
}

/** Use this def only if the ns for the id has been verified as visible (`delete_namespace_content`). */
export function delete_namespace_content(s: DbSession, _context: DbContext, namespace_id: unknown): number {
  return run(s, 'DELETE FROM metadef_namespace_resource_types WHERE metadef_namespace_resource_types.namespace_id = ?', [
    bindRaw(namespace_id),
  ]).changes;
}
