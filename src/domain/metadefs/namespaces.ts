/**
 * Namespaces: listed (visibility, filters, keyset paging, each with its
 * resource type associations), created with everything in them, shown with
 * their contents (property names prefixed for a resource type on request),
 * replaced by PUT, deleted with their contents, and emptied of one kind of
 * content.
 * @see glance/api/v2/metadef_namespaces.py NamespaceController
 * @see glance/db/sqlalchemy/metadef_api/namespace.py
 */
import { pyStr, pyTruthy } from '../../lib/python.js';
import type { MultiDict } from '../../lib/webob/index.js';
import { Unset, tojson } from '../../lib/wsme.js';
import { requireWritable } from '../actor.js';
import {
  enforce, entityOf, findNamespace, guarded, lookUpNamespace, namespaceByIdForSave, type Catalog, type Namespace,
} from './catalog.js';
import {
  deletedNow, namespacePayload, objectPayload, propertyPayload, resourceTypePayload, tagPayload, type NamespaceFacts,
} from './notifications.js';
import { refuseFourByte } from '../compat/four-byte.js';
import { contentsOwner, emptyingRefusal } from '../compat/metadef-authorization.js';
import { answeredUpdatedAt, undoNamespaceCreate } from '../compat/metadef-writes.js';
import { askedResourceType, noNamespaceMatches, refuseTextIdList, sortKeys } from '../compat/metadef-lookups.js';
import { insertObject, objectOf } from './objects.js';
import { insertProperty, propertiesOf } from './properties.js';
import { DuplicateRow } from '../db/metadefs.js';
import type { ListQuery } from './requests.js';
import { associationsOf, insertAssociation } from './resource-types.js';
import {
  canChange, canSee, checkCreate, duplicate, forbidden, modifyRefused, namespaceDeleteRefusal, notFound, RESOURCE_NAMES, RULES,
} from './rules.js';
import { insertTag, tagsOf } from './tags.js';
import { attr, PropertyType, setAttributes, valueOf, type MetadefObject, type MetadefTag, type Namespace as NamespaceBody, type ResourceTypeAssociation } from './types.js';
import { associationModel, namespaceModel, objectModel, tagName } from './views.js';

/** A page of namespaces and the marker of the next page (the last name, when the page is full). */
export interface NamespacePage {
  readonly namespaces: NamespaceBody[];
  readonly next: string | null;
}

export function listNamespaces(c: Catalog, q: ListQuery): NamespacePage {
  const namespaces = guarded(() => {
    let marker: unknown = q.marker;
    if (pyTruthy(marker)) {
      enforce(c, RULES.getNamespace);
      marker = findNamespace(c, marker).id;
    }
    enforce(c, RULES.listNamespaces);
    return selectNamespaces(c, q, marker).map((ns) => {
      enforce(c, RULES.listResourceTypes);
      const associations = associationsOf(c, ns.namespace).map(associationModel);
      return namespaceModel(ns, associations.length > 0 ? { resource_type_associations: associations } : {});
    });
  });
  const last = namespaces[namespaces.length - 1];
  const full = last !== undefined && q.limit !== null && BigInt(namespaces.length) === BigInt(q.limit);
  return { namespaces, next: full ? (attr(last, 'namespace') as string) : null };
}

/**
 * The namespaces the caller sees, filtered by visibility and resource types,
 * sorted and paged (compat/metadef-lookups.ts noNamespaceMatches, refuseTextIdList).
 */
function selectNamespaces(c: Catalog, q: ListQuery, marker: unknown): Namespace[] {
  const filters = q.filters as MultiDict<unknown>;
  if (filters.contains('resource_types')) {
    const ids = c.repo.namespaceIdsWithResourceTypes(pyStr(filters.getItem('resource_types')).split(','));
    if (noNamespaceMatches(ids)) return [];
    filters.setItem('id_list', ids);
  }
  const visibility = filters.pop('visibility', null);
  const idList = filters.pop('id_list', null);
  let markerRow: Record<string, unknown> | null = null;
  if (marker !== null && marker !== undefined) {
    const loaded = c.repo.namespaceById(marker);
    if (loaded === undefined) throw notFound(`Metadata definition namespace not found for id=${pyStr(marker)}`);
    if (!canSee(c.actor, loaded.row)) throw forbidden(`Forbidding request, metadata definition namespace=${pyStr(loaded.row.namespace)} is not visible.`);
    markerRow = loaded.raw;
  }
  refuseTextIdList(idList);
  const ids = idList === null ? null : [...(idList as Iterable<unknown>)];
  const rows = c.repo.listNamespaces(
    { admin: c.actor.isAdmin, owner: c.actor.owner },
    { visibility, ids },
    { sortKeys: sortKeys(q.sortKey), sortDir: q.sortDir, marker: markerRow, limit: q.limit },
  );
  return rows.map(entityOf);
}

/**
 * Shows a namespace with its objects, associations, properties and tags,
 * the property names prefixed for the resource type asked for
 * (compat/metadef-lookups.ts askedResourceType), read after every read.
 */
export function showNamespace(c: Catalog, name: string, filters: MultiDict<string>): NamespaceBody {
  return guarded(() => {
    enforce(c, RULES.getNamespace);
    const ns = findNamespace(c, name);
    const model = namespaceModel(ns);
    enforce(c, RULES.listObjects);
    const objects = c.repo.contents('metadef_objects', findNamespace(c, name).id).map((row) => objectModel(name, objectOf(row)));
    if (objects.length > 0) model.setattr('objects', objects);
    enforce(c, RULES.listResourceTypes);
    const associations = associationsOf(c, name).map(associationModel);
    if (associations.length > 0) model.setattr('resource_type_associations', associations);
    enforce(c, RULES.listProperties);
    const properties = propertiesOf(c, findNamespace(c, name));
    if (properties.size > 0) model.setattr('properties', properties);
    const resourceType = askedResourceType(filters);
    if (pyTruthy(resourceType)) prefixPropertyNames(model, resourceType as string);
    enforce(c, RULES.listTags);
    const tags = tagsOf(c, findNamespace(c, name)).map((t) => tagName(t.name));
    if (tags.length > 0) model.setattr('tags', tags);
    return model;
  });
}

/**
 * Prefixes the property names (the namespace's, its objects' and their
 * required lists) with the prefix of the named association, if any.
 */
function prefixPropertyNames(model: NamespaceBody, resourceType: string): void {
  const associations = attr(model, 'resource_type_associations');
  if (!resourceType || !pyTruthy(associations)) return;
  const match = (associations as ResourceTypeAssociation[]).find((a) => attr(a, 'name') === resourceType);
  const prefix = match === undefined ? null : attr(match, 'prefix');
  if (!pyTruthy(prefix)) return;
  const p = prefix as string;
  const properties = attr(model, 'properties');
  if (pyTruthy(properties)) model.setattr('properties', prefixed(p, properties as Map<string, PropertyType>));
  const objects = attr(model, 'objects');
  if (!pyTruthy(objects)) return;
  for (const obj of objects as MetadefObject[]) {
    obj.setattr('properties', prefixed(p, attr(obj, 'properties') as Map<string, PropertyType>));
    const required = attr(obj, 'required');
    if (pyTruthy(required)) obj.setattr('required', (required as string[]).map((n) => p + n));
  }
}

function prefixed(prefix: string, properties: Map<string, PropertyType>): Map<string, PropertyType> {
  return new Map([...properties].map(([k, v]) => [prefix + k, v]));
}

/**
 * Creates the namespace, then its associations, objects, tags and
 * properties; what a failure after the namespace was made leaves behind:
 * compat/metadef-writes.ts undoNamespaceCreate.
 */
export function createNamespace(c: Catalog, body: NamespaceBody): NamespaceBody {
  requireWritable(c.actor);
  let created = false;
  const name = attr(body, 'namespace') as string;
  const made = guarded(() => {
    const given = setAttributes(body);
    const owner = given.has('owner') ? given.get('owner') : c.actor.owner;
    checkCreate(c.actor, 'namespace', owner);
    c.ids.uuid4();
    const now = c.clock.now();
    const ns: NamespaceFacts = {
      namespace: name, display_name: given.get('display_name') ?? null, description: given.get('description') ?? null, owner,
      visibility: pyTruthy(given.get('visibility')) ? given.get('visibility') : 'private',
      protected: pyTruthy(given.get('protected')) ? given.get('protected') : false, created_at: now, updated_at: now,
    };
    enforce(c, RULES.addNamespace);
    const values = {
      namespace: ns.namespace, display_name: ns.display_name, description: ns.description, visibility: ns.visibility,
      protected: ns.protected, owner: ns.owner,
    };
    refuseFourByte(values);
    try {
      c.repo.insertNamespace(values);
    } catch (e) {
      if (e instanceof DuplicateRow) throw duplicate(`The metadata definition namespace=${pyStr(name)} already exists.`);
      throw e;
    }
    c.notify('metadef_namespace.create', namespacePayload(ns, c.clock));
    created = true;
    createContents(c, name, body, now);
    return ns;
  }, 'create metadata namespace', (failure) => undoNamespaceCreate(failure, () => {
    if (created) deleteFound(c, name, 'delete');
  }));
  return namespaceModel(made, {
    properties: attr(body, 'properties'), objects: attr(body, 'objects'),
    resource_type_associations: attr(body, 'resource_type_associations'), tags: attr(body, 'tags'),
  });
}

function createContents(c: Catalog, name: string, body: NamespaceBody, now: Date): void {
  for (const a of listed<ResourceTypeAssociation>(body, 'resource_type_associations')) {
    checkCreate(c.actor, 'resource_type', contentsOwner(c.actor));
    const rt = { name: valueOf(a, 'name'), prefix: valueOf(a, 'prefix'), properties_target: valueOf(a, 'properties_target'), created_at: now, updated_at: now };
    enforce(c, RULES.addAssociation);
    insertAssociation(c, name, rt);
    c.notify('metadef_resource_type.create', resourceTypePayload(name, rt, c.clock));
  }
  for (const o of listed<MetadefObject>(body, 'objects')) {
    checkCreate(c.actor, 'object', contentsOwner(c.actor));
    c.ids.uuid4();
    const obj = {
      name: valueOf(o, 'name'), required: valueOf(o, 'required'), description: valueOf(o, 'description'), properties: valueOf(o, 'properties'),
      created_at: now, updated_at: now,
    };
    enforce(c, RULES.addObject);
    insertObject(c, name, obj);
    c.notify('metadef_object.create', objectPayload(name, obj, c.clock));
  }
  for (const t of listed<MetadefTag>(body, 'tags')) {
    checkCreate(c.actor, 'tag', contentsOwner(c.actor));
    c.ids.uuid4();
    const tag = { name: valueOf(t, 'name'), created_at: now, updated_at: now };
    enforce(c, RULES.addTag);
    insertTag(c, name, tag.name);
    c.notify('metadef_tag.create', tagPayload(name, tag, c.clock));
  }
  const properties = attr(body, 'properties');
  if (!pyTruthy(properties)) return;
  for (const [propertyName, definition] of properties as Map<string, PropertyType>) {
    const schema = tojson(PropertyType, definition);
    checkCreate(c.actor, 'property', contentsOwner(c.actor));
    c.ids.uuid4();
    enforce(c, RULES.addProperty);
    insertProperty(c, name, propertyName, schema);
    c.notify('metadef_property.create', propertyPayload(name, propertyName, schema));
  }
}

/** The items of a list attribute of the body (none when unset or empty). */
function listed<T>(body: NamespaceBody, name: string): T[] {
  const value = attr(body, name);
  return value === Unset || !pyTruthy(value) ? [] : (value as T[]);
}

/**
 * PUT replaces the namespace's attributes; one left out becomes None
 * (visibility private, protected False, owner the caller). The answer and
 * the notification show compat/metadef-writes.ts answeredUpdatedAt.
 */
export function updateNamespace(c: Catalog, name: string, body: NamespaceBody): NamespaceBody {
  const updated = guarded(() => {
    enforce(c, RULES.getNamespace);
    const ns = findNamespace(c, name);
    if (!canChange(c.actor, ns)) throw modifyRefused('namespace', RESOURCE_NAMES.namespace);
    const visibility = valueOf(body, 'visibility');
    const protect = valueOf(body, 'protected');
    const owner = valueOf(body, 'owner');
    const changed: NamespaceFacts = {
      ...ns, namespace: valueOf(body, 'namespace'), display_name: valueOf(body, 'display_name'), description: valueOf(body, 'description'),
      visibility: pyTruthy(visibility) ? visibility : 'private', protected: pyTruthy(protect) ? protect : false,
      owner: pyTruthy(owner) ? owner : c.actor.owner, updated_at: answeredUpdatedAt(ns),
    };
    enforce(c, RULES.modifyNamespace);
    const values = {
      namespace: changed.namespace, display_name: changed.display_name, description: changed.description,
      visibility: changed.visibility, protected: changed.protected, owner: changed.owner,
    };
    refuseFourByte(values, ns.id);
    const stored = namespaceByIdForSave(c, ns.id);
    try {
      c.repo.updateNamespace(stored.loaded, values);
    } catch (e) {
      if (e instanceof DuplicateRow) {
        throw duplicate(`Invalid update. It would result in a duplicate metadata definition namespace with the same name of ${pyStr(changed.namespace)}`);
      }
      throw e;
    }
    c.notify('metadef_namespace.update', { ...namespacePayload(changed, c.clock), namespace_old: ns.namespace });
    return changed;
  }, 'update metadata namespace');
  return namespaceModel(updated);
}

export function deleteNamespace(c: Catalog, name: string): void {
  guarded(() => deleteFound(c, name, 'delete'));
}

/** The kinds of content a namespace can be emptied of, and their tables. */
const CONTENTS = { objects: 'metadef_objects', properties: 'metadef_properties', tags: 'metadef_tags' } as const;

/** Deletes every object, property or tag of the namespace (refused as compat/metadef-authorization.ts emptyingRefusal says). */
export function emptyNamespace(c: Catalog, name: string, kind: keyof typeof CONTENTS): void {
  guarded(() => deleteFound(c, name, kind));
}

/** Finds the namespace, checks it may be deleted, then deletes it (or its contents of one kind) and says so. */
function deleteFound(c: Catalog, name: string, what: 'delete' | keyof typeof CONTENTS): void {
  enforce(c, RULES.getNamespace);
  const ns = findNamespace(c, name);
  const refusal = what === 'delete' ? namespaceDeleteRefusal(c.actor, ns) : emptyingRefusal(c.actor, ns);
  if (refusal !== null) throw refusal;
  const again = lookUpNamespace(c, ns.namespace);
  if (typeof again === 'string') throw notFound(`The specified namespace ${pyStr(ns.namespace)} could not be found`);
  if (what === 'delete') {
    c.repo.deleteNamespace(again.id);
    c.notify('metadef_namespace.delete', { ...namespacePayload(ns, c.clock), ...deletedNow(c.clock) });
    return;
  }
  c.repo.deleteContents(CONTENTS[what], again.id);
  c.notify(`metadef_namespace.delete_${what}`, namespacePayload(ns, c.clock));
}
