/**
 * Who may change the metadata definitions catalog, kept as Glance
 * 16.0.0's authorization and policy layers decide it.
 * @see glance/api/authorization.py MetadefNamespaceProxy, Metadef*FactoryProxy
 * @see glance/api/v2/metadef_resource_types.py ResourceTypeController.delete
 * @see glance/api/v2/metadef_namespaces.py NamespaceController.delete_objects, delete_properties, delete_tags
 */
import type { Actor } from '../actor.js';
import type { DomainError } from '../errors.js';
import { namespaceDeleteRefusal, notFound } from '../metadefs/rules.js';

/**
 * docs/divergence-candidates.md #56: no policy rule guards a dissociation;
 * the only rule it meets is the listing's, for the walk through the
 * namespace's associations (`rs_type_repo.list`).
 */
export const DISSOCIATION_RULE = 'list_metadef_resource_types';

/**
 * docs/divergence-candidates.md #56: a dissociation answers every "not
 * found" (the namespace's, the association's) with the resource type's
 * text.
 */
export function dissociationNotFound(resourceType: string): DomainError {
  return notFound(`Failed to find resource type ${resourceType} to delete`);
}

/**
 * docs/divergence-candidates.md #63: the owner a create of contents (an
 * object, property, tag or association) is checked against: the caller's
 * own project, never the namespace's, so any project may add to a public
 * namespace it does not own.
 */
export function contentsOwner(actor: Actor): string | null {
  return actor.owner;
}

/**
 * docs/divergence-candidates.md #59: emptying a namespace of its objects,
 * properties or tags first runs the namespace's own delete
 * (`namespace_obj.delete()`), so it is refused as deleting the namespace
 * would be (another project's namespace, then a protected one), in the
 * namespace delete's words.
 * @returns the refusal, or null when the namespace may be emptied.
 */
export function emptyingRefusal(actor: Actor, ns: Parameters<typeof namespaceDeleteRefusal>[1]): DomainError | null {
  return namespaceDeleteRefusal(actor, ns);
}
