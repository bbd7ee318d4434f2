/**
 * Property protections as Glance 16.0.0 applies them to an image.
 * @see glance/api/property_protections.py, glance/common/property_utils.py
 */
import type { Actor } from '../actor.js';
import { DomainError } from '../errors.js';
import type { Protections } from '../rules/protections.js';

/**
 * docs/divergence-candidates.md #11: the keys the caller cannot read are
 * dropped from the image itself, so they vanish from bodies and
 * notifications, and the caller's next save purges them from the db.
 */
export function readableOnly(protections: Protections, actor: Actor, props: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...props].filter(([k]) => protections.allows(actor, k, 'read')));
}

/**
 * docs/divergence-candidates.md #10: the policy target of a save copies
 * every extra property through the protections, so a key the caller may
 * create but not read (just added by its PATCH) escapes as KeyError (500).
 */
export function refuseUnreadableKeys(protections: Protections, actor: Actor, keys: Iterable<string>): void {
  for (const key of keys) if (!protections.allows(actor, key, 'read')) throw new DomainError('KeyError', key);
}

/**
 * docs/divergence-candidates.md #36: every protection check appends the
 * caller's service roles to its own role list, for the rest of the request.
 */
export function pileUpServiceRoles(actor: Actor): void {
  if (actor.serviceRoles.length > 0) actor.roles.push(...actor.serviceRoles);
}

/**
 * docs/divergence-candidates.md #29: the protections file is read when a
 * request first needs it, not at start-up, so a malformed one fails every
 * image operation (and task.create) with this exception, which no
 * controller catches (500).
 */
export function malformedProtections(): DomainError {
  return new DomainError('InvalidPropertyProtectionConfiguration', 'Invalid configuration in property protection file.');
}
