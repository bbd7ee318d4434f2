/**
 * The properties of a namespace: listed as a dict by name, shown (by the
 * name a resource type's prefix makes, on request), created, replaced by
 * PUT and deleted. A definition is stored as WSME writes a PropertyType.
 * @see glance/api/v2/metadef_properties.py NamespacePropertiesController
 * @see glance/db/__init__.py MetadefPropertyRepo
 */
import { pyStr, pyTruthy } from '../../lib/python.js';
import type { MultiDict } from '../../lib/webob/index.js';
import { tojson } from '../../lib/wsme.js';
import { refuseFourByte } from '../compat/four-byte.js';
import { contentsOwner } from '../compat/metadef-authorization.js';
import { askedResourceType, SAVE_NOT_FOUND } from '../compat/metadef-lookups.js';
import { enforce, findNamespace, guarded, lookUpNamespace, namespaceForContents, namespaceForSave, type Catalog, type Namespace } from './catalog.js';
import { deletedNow, propertyPayload } from './notifications.js';
import { DuplicateRow, type Loaded, type PropertyRow } from '../db/metadefs.js';
import { findAssociation } from './resource-types.js';
import {
  canChange, checkCreate, DELETE_REFUSED, duplicate, forbidden, modifyRefused, notFound, PROTECTED_TEXT, RESOURCE_NAMES, RULES,
} from './rules.js';
import { PropertyType, propertyTypeOf, valueOf } from './types.js';

/** A namespace's properties by name, each read back through WSME (names are those the stored definitions carry). */
export function propertiesOf(c: Catalog, ns: Namespace): Map<string, PropertyType> {
  return new Map(c.repo.contents('metadef_properties', ns.id).map((row) => [row.name, propertyTypeOf(row.json_schema)]));
}

/** A stored definition as the API shows it: read through WSME, named by its row. */
function modelOf(name: unknown, schema: unknown): PropertyType {
  const model = propertyTypeOf(schema);
  model.setattr('name', name);
  return model;
}

function findProperty(c: Catalog, namespace: string, name: string): { ns: Namespace; loaded: Loaded<PropertyRow> } {
  enforce(c, RULES.getProperty);
  const ns = lookUpNamespace(c, namespace);
  const loaded = typeof ns === 'string' ? undefined : c.repo.named('metadef_properties', ns.id, name);
  if (typeof ns === 'string' || loaded === undefined) throw notFound(`Could not find property ${pyStr(name)}`);
  return { ns, loaded };
}

/** Writes a new definition into a namespace the caller may see (the db api's own texts). */
export function insertProperty(c: Catalog, namespace: string, name: unknown, schema: unknown): void {
  refuseFourByte({ name, json_schema: schema }, namespace);
  const ns = namespaceForContents(c, namespace);
  try {
    c.repo.insertProperty(ns.id, { name, json_schema: schema });
  } catch (e) {
    if (e instanceof DuplicateRow) throw duplicate(`A metadata definition property with name=${pyStr(name)} already exists in namespace=${pyStr(namespace)}.`);
    throw e;
  }
}

export function listProperties(c: Catalog, namespace: string): Map<string, PropertyType> {
  return guarded(() => {
    enforce(c, RULES.listProperties);
    return propertiesOf(c, findNamespace(c, namespace));
  });
}

/**
 * With `resource_type` in the query, the name must carry that association's
 * prefix, which is stripped before the lookup (compat/metadef-lookups.ts
 * askedResourceType).
 */
export function showProperty(c: Catalog, namespace: string, name: string, filters: MultiDict<string>): PropertyType {
  return guarded(() => {
    let wanted = name;
    if (pyTruthy(askedResourceType(filters))) {
      enforce(c, RULES.getResourceType);
      const prefix = findAssociation(c, namespace, filters.getItem('resource_type')).prefix;
      if (!pyTruthy(prefix) || !wanted.startsWith(prefix as string)) {
        throw notFound(`Property ${wanted} does not start with the expected resource type association prefix of '${pyStr(prefix)}'.`);
      }
      wanted = wanted.slice((prefix as string).length);
    }
    const { loaded } = findProperty(c, namespace, wanted);
    return modelOf(loaded.row.name, loaded.row.json_schema);
  });
}

/** Any project may create properties in a namespace it sees. */
export function createProperty(c: Catalog, namespace: string, body: PropertyType): PropertyType {
  const made = guarded(() => {
    const schema = tojson(PropertyType, body);
    const name = valueOf(body, 'name');
    checkCreate(c.actor, 'property', contentsOwner(c.actor));
    c.ids.uuid4();
    enforce(c, RULES.addProperty);
    insertProperty(c, namespace, name, schema);
    c.notify('metadef_property.create', propertyPayload(namespace, name, schema));
    return { name, schema };
  }, 'create metadata property');
  return modelOf(made.name, made.schema);
}

/** PUT replaces the definition (and may rename it); a rename conflict names the stored name. */
export function updateProperty(c: Catalog, namespace: string, name: string, body: PropertyType): PropertyType {
  const updated = guarded(() => {
    const { ns, loaded } = findProperty(c, namespace, name);
    if (!canChange(c.actor, ns)) throw modifyRefused('name', RESOURCE_NAMES.property);
    const newName = valueOf(body, 'name');
    const schema = tojson(PropertyType, body);
    enforce(c, RULES.modifyProperty);
    refuseFourByte({ name: newName, json_schema: schema }, ns.namespace, loaded.row.id);
    namespaceForSave(c, ns.namespace);
    const stored = c.repo.byId('metadef_properties', loaded.row.id);
    if (stored === undefined) throw notFound(SAVE_NOT_FOUND);
    try {
      c.repo.updateProperty(stored, { name: newName, json_schema: schema });
    } catch (e) {
      if (e instanceof DuplicateRow) {
        throw duplicate(
          `Invalid update. It would result in a duplicate metadata definition property with the same name=${pyStr(stored.row.name)} in namespace=${pyStr(ns.namespace)}.`,
        );
      }
      throw e;
    }
    c.notify('metadef_property.update', { ...propertyPayload(ns.namespace, newName, schema), namespace: ns.namespace, name_old: loaded.row.name });
    return { name: newName, schema };
  }, 'update metadata property');
  return modelOf(updated.name, updated.schema);
}

export function deleteProperty(c: Catalog, namespace: string, name: string): void {
  guarded(() => {
    const { ns, loaded } = findProperty(c, namespace, name);
    if (!canChange(c.actor, ns)) throw forbidden(DELETE_REFUSED.property);
    if (ns.protected) throw forbidden(PROTECTED_TEXT.property(loaded.row.name));
    const again = lookUpNamespace(c, ns.namespace);
    const row = typeof again === 'string' ? undefined : c.repo.named('metadef_properties', again.id, loaded.row.name);
    if (row === undefined) throw notFound(`The specified property ${pyStr(loaded.row.name)} could not be found`);
    c.repo.deleteRow('metadef_properties', row.row.id);
    c.notify('metadef_property.delete', { ...propertyPayload(ns, loaded.row.name, loaded.row.json_schema), ...deletedNow(c.clock), namespace: ns.namespace });
  });
}
