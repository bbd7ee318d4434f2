/**
 * Who is asking, read from the identity headers keystonemiddleware sets, as
 * Glance's context middleware reads them (glance/api/middleware/context.py
 * with oslo.context's from_environ), flattened into one function: a
 * `Confirmed` identity is a caller, anyone else the anonymous read-only
 * caller (or 401 when anonymous access is off).
 */
import { pyStrip } from '../../lib/configparser.js';
import { pyJsonLoads } from '../../lib/pyjson.js';
import { ValueError } from '../../lib/python.js';
import type { Environ } from '../../lib/webob/index.js';
import type { Settings } from '../../shared/settings.js';
import { newActor, type Actor } from '../actor.js';
import { ANONYMOUS_OWNER_IS_TENANT, requestIdTooLong } from '../compat/http-front.js';
import { DomainError } from '../errors.js';
import type { Policy } from '../rules/policy.js';

/** The caller, or a context Glance built wrong (compat/http-front.ts requestIdTooLong). */
export type Identity = { readonly usable: true; readonly actor: Actor } | { readonly usable: false };

/** Each oslo.context value and the environ keys it is read from, first present wins. */
const FROM_ENVIRON: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['auth_token', ['HTTP_X_AUTH_TOKEN', 'HTTP_X_STORAGE_TOKEN']],
  ['user_id', ['HTTP_X_USER_ID', 'HTTP_X_USER']],
  ['project_id', ['HTTP_X_PROJECT_ID', 'HTTP_X_TENANT_ID', 'HTTP_X_TENANT']],
  ['domain_id', ['HTTP_X_DOMAIN_ID']],
  ['system_scope', ['HTTP_OPENSTACK_SYSTEM_SCOPE']],
  ['user_domain_id', ['HTTP_X_USER_DOMAIN_ID']],
  ['project_domain_id', ['HTTP_X_PROJECT_DOMAIN_ID']],
  ['service_user_id', ['HTTP_X_SERVICE_USER_ID']],
  ['service_user_domain_id', ['HTTP_X_SERVICE_USER_DOMAIN_ID']],
  ['service_project_id', ['HTTP_X_SERVICE_PROJECT_ID']],
  ['service_project_domain_id', ['HTTP_X_SERVICE_PROJECT_DOMAIN_ID']],
];

/** A comma-separated role header, each role stripped; none when absent or empty. */
function rolesOf(header: unknown): string[] {
  return typeof header === 'string' && header ? header.split(',').map(pyStrip) : [];
}

function headerValues(environ: Environ): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (const [key, names] of FROM_ENVIRON) {
    const name = names.find((n) => Object.prototype.hasOwnProperty.call(environ, n));
    values[key] = name === undefined ? null : String(environ[name]);
  }
  return values;
}

/**
 * The identity of a request. Throws the answers the middleware gives
 * before any route is looked at: 500 for a service catalog that is not
 * JSON, 401 when an unconfirmed caller may not be anonymous.
 */
export function identify(environ: Environ, settings: Settings, policy: Policy): Identity {
  if (environ['HTTP_X_IDENTITY_STATUS'] === 'Confirmed') return confirmedIdentity(environ, settings, policy);
  if (!settings.allow_anonymous_access) throw new DomainError('HTTPUnauthorized', 'This server could not verify that you are authorized to access the document you requested. Either you supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply the credentials required.');
  const actor = newActor({
    user_id: null, project_id: null, roles: [], values: {}, readOnly: true, ownerIsTenant: ANONYMOUS_OWNER_IS_TENANT,
  }, settings, policy);
  return { usable: true, actor };
}

function confirmedIdentity(environ: Environ, settings: Settings, policy: Policy): Identity {
  const catalog = environ['HTTP_X_SERVICE_CATALOG'];
  if (typeof catalog === 'string') {
    try {
      pyJsonLoads(catalog);
    } catch (e) {
      if (e instanceof ValueError) {
        throw new DomainError('HTTPInternalServerError', 'Invalid service catalog json.', { positional: true });
      }
      throw e;
    }
  }
  if (requestIdTooLong(environ['HTTP_X_OPENSTACK_REQUEST_ID'])) return { usable: false };
  const values = headerValues(environ);
  const roles = rolesOf(Object.prototype.hasOwnProperty.call(environ, 'HTTP_X_ROLES') ? environ['HTTP_X_ROLES'] : environ['HTTP_X_ROLE']);
  const adminProject = environ['HTTP_X_IS_ADMIN_PROJECT'];
  const actor = newActor({
    user_id: values['user_id'] ?? null,
    project_id: values['project_id'] ?? null,
    roles,
    serviceRoles: rolesOf(environ['HTTP_X_SERVICE_ROLES']),
    values: Object.assign(values, { is_admin_project: (typeof adminProject === 'string' ? adminProject : 'true').toLowerCase() === 'true' }),
    readOnly: false,
    ownerIsTenant: settings.owner_is_tenant,
  }, settings, policy);
  return { usable: true, actor };
}
