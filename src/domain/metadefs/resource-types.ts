/**
 * Resource types and namespaces' associations with them: every resource
 * type, a namespace's associations, associating (the resource type is made
 * on first use) and dissociating. Resource types outlive their associations.
 * @see glance/api/v2/metadef_resource_types.py ResourceTypeController
 * @see glance/db/sqlalchemy/metadef_api/resource_type_association.py
 */
import { pyStr } from '../../lib/python.js';
import { contentsOwner, DISSOCIATION_RULE, dissociationNotFound } from '../compat/metadef-authorization.js';
import { listsEveryResourceType } from '../compat/metadef-lookups.js';
import { DomainError } from '../errors.js';
import { enforce, exceptionText, findNamespace, guarded, internalError, namespaceForContents, type Catalog, type Namespace } from './catalog.js';
import { deletedNow, resourceTypePayload } from './notifications.js';
import { DuplicateRow, type AssociationRow } from '../db/metadefs.js';
import { canChange, checkCreate, DELETE_REFUSED, duplicate, forbidden, notFound, PROTECTED_TEXT, RULES } from './rules.js';
import { valueOf, type ResourceType, type ResourceTypeAssociation } from './types.js';
import { associationModel, resourceTypeModel } from './views.js';

/**
 * What a resource type listing filtered by namespace answers: the
 * namespace's associations (every resource type for some names:
 * compat/metadef-lookups.ts listsEveryResourceType).
 */
export function associationsOf(c: Catalog, namespace: string): AssociationRow[] {
  if (listsEveryResourceType(namespace)) {
    return c.repo.resourceTypes().map((rt) => ({ name: rt.name, prefix: null, properties_target: null, created_at: rt.created_at, updated_at: rt.updated_at }));
  }
  return c.repo.associations(findNamespace(c, namespace).id);
}

/** A namespace's association with a resource type (its prefix), each missing step with its own text. */
export function findAssociation(c: Catalog, namespace: string, resourceType: unknown): { readonly prefix: unknown } {
  const ns = findNamespace(c, namespace);
  const rt = c.repo.resourceType(resourceType);
  if (rt === undefined) throw notFound(`The metadata definition resource-type with name=${pyStr(resourceType)}, was not found.`);
  const row = c.repo.association(ns.id, rt.id);
  if (row === undefined) {
    throw notFound(`The metadata definition resource-type association of resource-type=${pyStr(resourceType)} to namespace=${pyStr(namespace)}, was not found.`);
  }
  return { prefix: row.row['prefix'] ?? null };
}

/**
 * Writes an association into a namespace the caller may see, making the
 * resource type if it is new.
 */
export function insertAssociation(c: Catalog, namespace: string, rt: { name: unknown; prefix: unknown; properties_target: unknown }): void {
  const ns = namespaceForContents(c, namespace);
  const resourceTypeId = c.repo.resourceType(rt.name)?.id ?? c.repo.insertResourceType(rt.name);
  try {
    c.repo.insertAssociation({ namespace_id: ns.id, resource_type_id: resourceTypeId, properties_target: rt.properties_target, prefix: rt.prefix });
  } catch (e) {
    if (e instanceof DuplicateRow) {
      throw duplicate(`The metadata definition resource-type association of resource-type=${pyStr(rt.name)} to namespace=${pyStr(namespace)} already exists.`);
    }
    throw e;
  }
}

/** The listings answer an unexpected failure with its text as the 500's detail. */
function guardedWithDetail<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DomainError && (e.status === 403 || e.status === 404)) throw e;
    throw internalError(exceptionText(e));
  }
}

export function listResourceTypes(c: Catalog): ResourceType[] {
  return guardedWithDetail(() => {
    enforce(c, RULES.listResourceTypes);
    return c.repo.resourceTypes().map(resourceTypeModel);
  });
}

export function listAssociations(c: Catalog, namespace: string): ResourceTypeAssociation[] {
  return guardedWithDetail(() => {
    enforce(c, RULES.listResourceTypes);
    return associationsOf(c, namespace).map(associationModel);
  });
}

/** Any project may associate a namespace it sees with a resource type. */
export function associate(c: Catalog, namespace: string, body: ResourceTypeAssociation): ResourceTypeAssociation {
  const made = guarded(() => {
    checkCreate(c.actor, 'resource_type', contentsOwner(c.actor));
    const now = c.clock.now();
    const rt = {
      name: valueOf(body, 'name'), prefix: valueOf(body, 'prefix'), properties_target: valueOf(body, 'properties_target'), created_at: now, updated_at: now,
    };
    enforce(c, RULES.addAssociation);
    insertAssociation(c, namespace, rt);
    c.notify('metadef_resource_type.create', resourceTypePayload(namespace, rt, c.clock));
    return rt;
  });
  return associationModel(made);
}

/**
 * Dissociates by walking the namespace's associations, under the listing's
 * rule only, every "not found" answered alike
 * (compat/metadef-authorization.ts DISSOCIATION_RULE, dissociationNotFound).
 */
export function dissociate(c: Catalog, namespace: string, resourceType: string): void {
  try {
    guarded(() => {
      enforce(c, DISSOCIATION_RULE);
      const ns = findNamespace(c, namespace);
      let found = false;
      for (const association of c.repo.associations(ns.id)) {
        if (association.name !== resourceType) continue;
        if (!canChange(c.actor, ns)) throw forbidden(DELETE_REFUSED.association);
        if (ns.protected) throw forbidden(PROTECTED_TEXT.association(association.name));
        removeAssociation(c, ns, association);
        found = true;
      }
      if (!found) throw notFound('');
    });
  } catch (e) {
    if (e instanceof DomainError && e.status === 404) throw dissociationNotFound(resourceType);
    throw e;
  }
}

function removeAssociation(c: Catalog, ns: Namespace, association: AssociationRow): void {
  const rt = c.repo.resourceType(association.name);
  const row = rt === undefined ? undefined : c.repo.association(ns.id, rt.id);
  if (rt === undefined || row === undefined) throw notFound(`The specified resource type ${pyStr(association.name)} could not be found `);
  c.repo.deleteAssociation(ns.id, rt.id);
  c.notify('metadef_resource_type.delete', { ...resourceTypePayload(ns, association, c.clock), ...deletedNow(c.clock), namespace: ns.namespace });
}
