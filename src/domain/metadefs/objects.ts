/**
 * The objects of a namespace: created (by anyone who may create in it),
 * listed, shown, replaced by PUT and deleted. An object's properties are
 * stored as WSME writes each property definition and read back through WSME.
 * @see glance/api/v2/metadef_objects.py MetadefObjectsController
 * @see glance/db/__init__.py MetadefObjectRepo
 */
import { pyStr, pyTruthy } from '../../lib/python.js';
import { tojson } from '../../lib/wsme.js';
import { refuseFourByte } from '../compat/four-byte.js';
import { contentsOwner } from '../compat/metadef-authorization.js';
import { answeredUpdatedAt, objectRenameConflict } from '../compat/metadef-writes.js';
import { requiredItemNotText, storedSchemaNotADict } from '../compat/metadef-answers.js';
import { SAVE_NOT_FOUND } from '../compat/metadef-lookups.js';
import { enforce, findNamespace, guarded, lookUpNamespace, namespaceForContents, namespaceForSave, type Catalog, type Namespace } from './catalog.js';
import { deletedNow, objectPayload } from './notifications.js';
import { DuplicateRow, type Loaded, type ObjectRow } from '../db/metadefs.js';
import {
  canChange, checkCreate, DELETE_REFUSED, duplicate, forbidden, modifyRefused, notFound, PROTECTED_TEXT, RESOURCE_NAMES, RULES,
} from './rules.js';
import { PropertyType, propertyTypeOf, valueOf, type MetadefObject } from './types.js';
import { objectModel, type ObjectFacts } from './views.js';

/** An object as the catalog hands it out: required as a list, properties as WSME property types. */
export interface StoredObject extends ObjectFacts {
  readonly id: number;
  readonly loaded?: Loaded<ObjectRow>;
}

/** An object as stored (a schema that is not a dict: compat/metadef-answers.ts storedSchemaNotADict). */
export function objectOf(row: ObjectRow): StoredObject {
  const schema = row.json_schema;
  if (!(schema instanceof Map)) throw storedSchemaNotADict(schema);
  const properties = new Map<string, PropertyType>();
  for (const [name, definition] of schema) properties.set(name, propertyTypeOf(definition));
  return {
    id: row.id, name: row.name, description: row.description, required: row.required ? row.required.split(',') : [], properties,
    created_at: row.created_at, updated_at: row.updated_at,
  };
}

/** The columns an object is written as: required joined by commas, each property as WSME JSON. */
function columnsOf(obj: { name: unknown; required: unknown; description: unknown; properties: unknown }): Record<string, unknown> {
  const required = pyTruthy(obj.required) ? (obj.required as unknown[]).map(joinable).join(',') : null;
  const schema = new Map<string, unknown>();
  if (pyTruthy(obj.properties)) for (const [k, v] of obj.properties as Map<string, PropertyType>) schema.set(k, tojson(PropertyType, v));
  return { name: obj.name, required, description: obj.description, json_schema: schema };
}

function joinable(item: unknown): string {
  if (typeof item !== 'string') throw requiredItemNotText(item);
  return item;
}

/** The object by name in a namespace the caller sees; "Could not find" otherwise. */
function findObject(c: Catalog, namespace: string, name: string): { ns: Namespace; obj: StoredObject } {
  enforce(c, RULES.getObject);
  const ns = lookUpNamespace(c, namespace);
  const loaded = typeof ns === 'string' ? undefined : c.repo.named('metadef_objects', ns.id, name);
  if (typeof ns === 'string' || loaded === undefined) throw notFound(`Could not find metadata object ${pyStr(name)}`);
  return { ns, obj: { ...objectOf(loaded.row), loaded } };
}

/** Writes a new object into a namespace the caller may see (the db api's own texts). */
export function insertObject(c: Catalog, namespace: string, obj: { name: unknown; required: unknown; description: unknown; properties: unknown }): void {
  const columns = columnsOf(obj);
  refuseFourByte(columns, namespace);
  const ns = namespaceForContents(c, namespace);
  try {
    c.repo.insertObject(ns.id, columns);
  } catch (e) {
    if (e instanceof DuplicateRow) {
      throw duplicate(`A metadata definition object with name=${pyStr(obj.name)} already exists in namespace=${pyStr(namespace)}.`);
    }
    throw e;
  }
}

/** The object body's attributes; any project may create objects in a namespace it sees. */
export function createObject(c: Catalog, namespace: string, body: MetadefObject): MetadefObject {
  const made = guarded(() => {
    checkCreate(c.actor, 'object', contentsOwner(c.actor));
    c.ids.uuid4();
    const now = c.clock.now();
    const obj = {
      name: valueOf(body, 'name'), required: valueOf(body, 'required'), description: valueOf(body, 'description'),
      properties: valueOf(body, 'properties'), created_at: now, updated_at: now,
    };
    enforce(c, RULES.addObject);
    insertObject(c, namespace, obj);
    c.notify('metadef_object.create', objectPayload(namespace, obj, c.clock));
    return obj;
  }, 'create metadata object');
  return objectModel(namespace, made);
}

/** Every object of the namespace, in table order (marker, limit and sort are not applied). */
export function listObjects(c: Catalog, namespace: string): MetadefObject[] {
  return guarded(() => {
    enforce(c, RULES.listObjects);
    const ns = findNamespace(c, namespace);
    return c.repo.contents('metadef_objects', ns.id).map((row) => objectModel(namespace, objectOf(row)));
  });
}

export function showObject(c: Catalog, namespace: string, name: string): MetadefObject {
  return guarded(() => objectModel(namespace, findObject(c, namespace, name).obj));
}

/**
 * PUT replaces name, description, required and properties (None when left
 * out). The answer shows compat/metadef-writes.ts answeredUpdatedAt, a
 * rename onto an existing name is refused as objectRenameConflict says.
 */
export function updateObject(c: Catalog, namespace: string, name: string, body: MetadefObject): MetadefObject {
  const updated = guarded(() => {
    const { ns, obj } = findObject(c, namespace, name);
    if (!canChange(c.actor, ns)) throw modifyRefused('name', RESOURCE_NAMES.object);
    const changed = {
      ...obj, name: valueOf(body, 'name'), description: valueOf(body, 'description'), required: valueOf(body, 'required'),
      properties: valueOf(body, 'properties'), updated_at: answeredUpdatedAt(obj),
    };
    enforce(c, RULES.modifyObject);
    const columns = columnsOf(changed);
    refuseFourByte(columns, ns.namespace, obj.id);
    namespaceForSave(c, ns.namespace);
    const stored = c.repo.byId('metadef_objects', obj.id);
    if (stored === undefined) throw notFound(SAVE_NOT_FOUND);
    try {
      c.repo.updateObject(stored, columns);
    } catch (e) {
      if (e instanceof DuplicateRow) throw objectRenameConflict(stored.row.name, ns.namespace);
      throw e;
    }
    c.notify('metadef_object.update', { ...objectPayload(ns.namespace, changed, c.clock), namespace: ns.namespace, name_old: obj.name });
    return changed;
  }, 'update metadata object');
  return objectModel(namespace, updated);
}

export function deleteObject(c: Catalog, namespace: string, name: string): void {
  guarded(() => {
    const { ns, obj } = findObject(c, namespace, name);
    if (!canChange(c.actor, ns)) throw forbidden(DELETE_REFUSED.object);
    if (ns.protected) throw forbidden(PROTECTED_TEXT.object(obj.name));
    const stored = lookUpNamespace(c, ns.namespace);
    const row = typeof stored === 'string' ? undefined : c.repo.named('metadef_objects', stored.id, obj.name);
    if (row === undefined) throw notFound(`The specified metadata object ${pyStr(obj.name)} could not be found`);
    c.repo.deleteRow('metadef_objects', row.row.id);
    c.notify('metadef_object.delete', { ...objectPayload(ns, obj, c.clock), ...deletedNow(c.clock), namespace: ns.namespace });
  });
}

