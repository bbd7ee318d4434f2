/**
 * The rules of the metadata definitions catalog, as data: who sees a
 * namespace, who may change what is in it, who may create in it, the
 * policy rule each action is checked by, and the texts of the failures.
 * @see glance/db/sqlalchemy/metadef_api/namespace.py _is_namespace_visible
 * @see glance/api/authorization.py is_namespace_mutable, Metadef*FactoryProxy
 * @see glance/api/policy.py Metadef*RepoProxy
 */
import { pyStr } from '../../lib/python.js';
import type { Actor } from '../actor.js';
import { DomainError } from '../errors.js';

/** The policy rule of each catalog action (no delete and no dissociation has one: compat/metadef-authorization.ts DISSOCIATION_RULE). */
export const RULES = {
  getNamespace: 'get_metadef_namespace',
  listNamespaces: 'get_metadef_namespaces',
  modifyNamespace: 'modify_metadef_namespace',
  addNamespace: 'add_metadef_namespace',
  getObject: 'get_metadef_object',
  listObjects: 'get_metadef_objects',
  modifyObject: 'modify_metadef_object',
  addObject: 'add_metadef_object',
  listResourceTypes: 'list_metadef_resource_types',
  getResourceType: 'get_metadef_resource_type',
  addAssociation: 'add_metadef_resource_type_association',
  getProperty: 'get_metadef_property',
  listProperties: 'get_metadef_properties',
  modifyProperty: 'modify_metadef_property',
  addProperty: 'add_metadef_property',
  getTag: 'get_metadef_tag',
  listTags: 'get_metadef_tags',
  modifyTag: 'modify_metadef_tag',
  addTag: 'add_metadef_tag',
  addTags: 'add_metadef_tags',
} as const;

/** What a namespace row says about who may see and change it. */
export interface Owned {
  readonly owner: unknown;
  readonly visibility: unknown;
}

/** Admins see everything; others their own and public namespaces (an ownerless one too). */
export function canSee(actor: Actor, ns: Owned): boolean {
  if (actor.isAdmin) return true;
  if (ns.owner === null || ns.owner === undefined) return true;
  if (ns.visibility === 'public') return true;
  return actor.owner !== null && actor.owner === ns.owner;
}

/** Admins and the namespace's owner may change it and what is in it. */
export function canChange(actor: Actor, ns: Owned): boolean {
  if (actor.isAdmin) return true;
  if (actor.owner === null) return false;
  return ns.owner === actor.owner;
}

/** The kinds of things made in a namespace, as the create check and its texts name them. */
export type Kind = 'namespace' | 'object' | 'resource_type' | 'property' | 'tag';

/**
 * Creating: non-admins only as their own project, compared with the owner
 * the caller names (for contents: compat/metadef-authorization.ts
 * contentsOwner).
 */
export function checkCreate(actor: Actor, kind: Kind, owner: unknown): void {
  if (actor.isAdmin) return;
  if (kind === 'tag') {
    if (owner === null || owner === undefined) throw forbidden('Owner must be specified to create a tag.');
    if (owner !== actor.owner) throw forbidden(`You are not permitted to create a tag in the namespace owned by '${pyStr(owner)}'`);
    return;
  }
  if (owner === null || owner === undefined || owner !== actor.owner) {
    throw forbidden(`You are not permitted to create ${kind} owned by '${pyStr(owner)}'`);
  }
}

/** What the authorization layer calls each kind in its refusals. */
export const RESOURCE_NAMES = {
  namespace: 'namespace', object: 'object', property: 'namespace_property', tag: 'tag', association: 'meta_resource_type',
} as const;

/** What a delete of a thing in another project's namespace is refused with. */
export const DELETE_REFUSED = {
  namespace: 'You are not permitted to delete this namespace.',
  object: 'You are not permitted to delete this object.',
  property: 'You are not permitted to delete this property.',
  tag: 'You are not permitted to delete this tag.',
  association: 'You are not permitted to delete this meta_resource_type.',
} as const;

/** Changing the first attribute of a thing in another project's namespace. */
export function modifyRefused(attribute: string, resource: string): DomainError {
  return forbidden(`You are not permitted to modify '${attribute}' on this ${resource}.`);
}

/** What a protected namespace refuses: deleting it or anything in it. */
export const PROTECTED_TEXT = {
  namespace: (name: unknown) => `Metadata definition namespace ${pyStr(name)} is protected and cannot be deleted.`,
  object: (name: unknown) => `Metadata definition object ${pyStr(name)} is protected and cannot be deleted.`,
  property: (name: unknown) => `Metadata definition property ${pyStr(name)} is protected and cannot be deleted.`,
  tag: (name: unknown) => `Metadata definition tag ${pyStr(name)} is protected and cannot be deleted.`,
  association: (name: unknown) => `Metadata definition resource-type-association ${pyStr(name)} is protected and cannot be deleted.`,
} as const;

/** Deleting a namespace: its owner (or an admin) may, unless it is protected. @returns the refusal, or null. */
export function namespaceDeleteRefusal(actor: Actor, ns: Owned & { readonly namespace: unknown; readonly protected: boolean }): DomainError | null {
  if (!canChange(actor, ns)) return forbidden(DELETE_REFUSED.namespace);
  return ns.protected ? forbidden(PROTECTED_TEXT.namespace(ns.namespace)) : null;
}

export const forbidden = (text: string): DomainError => new DomainError('Forbidden', text);
export const notFound = (text: string): DomainError => new DomainError('NotFound', text);
export const duplicate = (text: string): DomainError => new DomainError('Duplicate', text);

