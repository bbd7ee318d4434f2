/**
 * The caller as the domain sees it: who owns what it creates, whether it
 * acts as an admin, and whether it may write at all.
 */
import type { Settings } from '../shared/settings.js';
import type { Caller } from '../shared/world.js';
import { fail } from './errors.js';
import type { Credentials, Policy } from './rules/policy.js';

export interface Actor extends Credentials {
  /** The project, or the user when owner_is_tenant is off; null for anonymous. */
  readonly owner: string | null;
  readonly isAdmin: boolean;
  readonly readOnly: boolean;
}

/** Glance's context middleware: lower-cased roles, admin by admin_role or context_is_admin. */
export function actorOf(caller: Caller | null, settings: Settings, policy: Policy): Actor {
  if (caller === null) {
    return { user_id: null, project_id: null, roles: [], owner: null, isAdmin: false, readOnly: true };
  }
  const roles = caller.roles.map((r) => r.toLowerCase());
  const creds: Credentials = { user_id: caller.user, project_id: caller.project, roles };
  const isAdmin = roles.includes(settings.admin_role.trim().toLowerCase()) || policy.allows(creds, 'context_is_admin', adminTarget(creds));
  const owner = settings.owner_is_tenant ? caller.project : caller.user;
  return { ...creds, owner, isAdmin, readOnly: false };
}

/** check_is_admin evaluates against the context's own dict. */
function adminTarget(c: Credentials): Record<string, unknown> {
  return { user: c.user_id, tenant: c.project_id, user_id: c.user_id, project_id: c.project_id, roles: [...c.roles], is_admin: false, read_only: false };
}

/** Every mutating handler refuses a read-only (anonymous) caller first. */
export function requireWritable(actor: Actor): void {
  if (actor.readOnly) fail('forbidden', 'Read-only access', 'ReadOnly');
}
