/**
 * The middleware in front of Glance's v2 router that turns the identity
 * headers keystonemiddleware set into the request context every layer
 * reads, and tags each answer with the request id.
 *
 * @see glance/api/middleware/context.py
 */
import { pyJsonLoads } from '../../../lib/pyjson.js';
import { pyStrip } from '../../../lib/configparser.js';
import { AttributeError, PyException, ValueError } from '../../../lib/python.js';
import { Middleware, noteErrorClass } from '../../common/wsgi.js';
import type { Request as WebobRequest, Response, WsgiApp } from '../../../lib/webob/index.js';
import { RequestContext, type AdminCheckingPolicy, type RequestContextOptions } from '../../context.js';
import { HTTPInternalServerError, HTTPRequestHeaderFieldsTooLarge, HTTPUnauthorized } from '../../webob.js';
import type { Settings } from '../../../shared/settings.js';
import type { IdGenerator } from '../../../shared/world.js';

/** The options the context middleware reads (`CONF.owner_is_tenant`, `admin_role`, ...). */
export type ContextSettings = Pick<Settings, 'owner_is_tenant' | 'admin_role' | 'allow_anonymous_access'> & {
  /** `CONF.max_request_id_length`; Glance's default is 64. */
  readonly max_request_id_length?: number;
};

/** What the middleware is built with: the settings and the policy Enforcer it owns. */
export interface ContextMiddlewareDeps {
  readonly settings: ContextSettings;
  /** `policy.Enforcer()`: Glance builds its own; the port is handed one over the same rules. */
  readonly policy_enforcer: AdminCheckingPolicy;
  /** Where request ids come from (default: crypto.randomUUID, as Glance's uuid4 is random). */
  readonly ids?: IdGenerator;
}

/**
 * Puts the request id on every response that passed through the app.
 *
 * @see glance/api/middleware/context.py BaseContextMiddleware
 */
export class BaseContextMiddleware extends Middleware {
  override process_response(resp: Response): Response {
    const req = resp.request as WebobRequest | null;
    const context = req !== null && req.hasAttr('context') ? req.getAttr('context') : undefined;
    // Glance logs 'Unable to retrieve request id from context' (an
    // AttributeError: no context, or one that is not a RequestContext) and goes on.
    if (!(context instanceof RequestContext)) return resp;
    const request_id = context.request_id;
    resp.headers.setItem('x-openstack-request-id', request_id.startsWith('req-') ? request_id : `req-${request_id}`);
    return resp;
  }
}

/**
 * Builds `req.context` from the identity headers: an authenticated caller
 * (`X-Identity-Status: Confirmed`) gets a context from the headers, roles
 * lower-cased, admin by `context_is_admin` or `admin_role`; anyone else
 * gets the anonymous read-only context when anonymous access is allowed,
 * else 401.
 *
 * @see glance/api/middleware/context.py ContextMiddleware
 */
export class ContextMiddleware extends BaseContextMiddleware {
  readonly policy_enforcer: AdminCheckingPolicy;
  private readonly settings: ContextSettings;
  private readonly ids: IdGenerator | undefined;

  constructor(app: WsgiApp | null, deps: ContextMiddlewareDeps) {
    super(app);
    this.policy_enforcer = deps.policy_enforcer;
    this.settings = deps.settings;
    this.ids = deps.ids;
  }

  override process_request(req: WebobRequest): null {
    try {
      if (req.headers.get('X-Identity-Status') === 'Confirmed') req.setAttr('context', this._get_authenticated_context(req));
      else if (this.settings.allow_anonymous_access) req.setAttr('context', this._get_anonymous_context());
      else throw new HTTPUnauthorized();
    } catch (e) {
      noteErrorClass(req.environ, e);
      throw e;
    }
    return null;
  }

  _get_anonymous_context(): RequestContext {
    // NOTE(quirk): owner_is_tenant is not passed, so the anonymous context
    // keeps the default (True) whatever CONF.owner_is_tenant says.
    return new RequestContext({
      user: null,
      tenant: null,
      roles: [],
      is_admin: false,
      read_only: true,
      policy_enforcer: this.policy_enforcer,
      ...(this.ids ? { ids: this.ids } : {}),
    });
  }

  /**
   * NOTE(quirk): an over-long X-Openstack-Request-ID makes Glance *return*
   * (not raise) an HTTPRequestHeaderFieldsTooLarge, which becomes the
   * request's context: every later use of the context fails (a bare 500),
   * while actions that never read it (schemas, discovery) answer normally.
   */
  _get_authenticated_context(req: WebobRequest): RequestContext | HTTPRequestHeaderFieldsTooLarge {
    let service_catalog: unknown = null;
    const catalog_header = req.headers.get('X-Service-Catalog');
    if (catalog_header !== null) {
      try {
        // A header is a native str already: json.loads reads it as it is.
        service_catalog = pyJsonLoads(catalog_header);
      } catch (e) {
        if (e instanceof ValueError) throw new HTTPInternalServerError('Invalid service catalog json.');
        throw e;
      }
    }
    const request_id = req.headers.get('X-Openstack-Request-ID');
    const max = this.settings.max_request_id_length ?? 64;
    if (request_id && max > 0 && max < [...request_id].length) {
      return withPythonAttributes(
        new HTTPRequestHeaderFieldsTooLarge({ comment: `x-openstack-request-id is too long, max size ${max}` }),
      );
    }
    const ctxt = fromEnviron(req.environ, {
      owner_is_tenant: this.settings.owner_is_tenant,
      service_catalog,
      policy_enforcer: this.policy_enforcer,
      request_id,
      ...(this.ids ? { ids: this.ids } : {}),
    });
    // "glance has traditionally lowercased its roles" (FIXME in Glance).
    ctxt.roles = ctxt.roles.map((r) => r.toLowerCase());
    if (ctxt.roles.includes(pyStrip(this.settings.admin_role).toLowerCase())) ctxt.is_admin = true;
    return ctxt;
  }
}

/**
 * The object as Python code sees it: reading an attribute it does not have
 * raises AttributeError (JavaScript would read `undefined` and go on).
 */
function withPythonAttributes<T extends object>(obj: T): T {
  const pyName = obj instanceof PyException ? obj.pyName : obj.constructor.name;
  return new Proxy(obj, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && !(prop in target)) {
        throw new AttributeError(`'${pyName}' object has no attribute '${prop}'`);
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

// ------------------------------------------------------------ oslo.context from_environ

/** oslo.context's `_ENVIRON_HEADERS`: each context keyword and the environ keys it is read from, first present wins. */
const ENVIRON_HEADERS: ReadonlyArray<readonly [keyof RequestContextOptions, readonly string[]]> = [
  ['auth_token', ['HTTP_X_AUTH_TOKEN', 'HTTP_X_STORAGE_TOKEN']],
  ['user_id', ['HTTP_X_USER_ID', 'HTTP_X_USER']],
  ['project_id', ['HTTP_X_PROJECT_ID', 'HTTP_X_TENANT_ID', 'HTTP_X_TENANT']],
  ['domain_id', ['HTTP_X_DOMAIN_ID']],
  ['system_scope', ['HTTP_OPENSTACK_SYSTEM_SCOPE']],
  ['user_domain_id', ['HTTP_X_USER_DOMAIN_ID']],
  ['project_domain_id', ['HTTP_X_PROJECT_DOMAIN_ID']],
  ['user_name', ['HTTP_X_USER_NAME']],
  ['project_name', ['HTTP_X_PROJECT_NAME', 'HTTP_X_TENANT_NAME']],
  ['user_domain_name', ['HTTP_X_USER_DOMAIN_NAME']],
  ['project_domain_name', ['HTTP_X_PROJECT_DOMAIN_NAME']],
  ['request_id', ['openstack.request_id']],
  ['global_request_id', ['openstack.global_request_id']],
  ['service_token', ['HTTP_X_SERVICE_TOKEN']],
  ['service_user_id', ['HTTP_X_SERVICE_USER_ID']],
  ['service_user_name', ['HTTP_X_SERVICE_USER_NAME']],
  ['service_user_domain_id', ['HTTP_X_SERVICE_USER_DOMAIN_ID']],
  ['service_user_domain_name', ['HTTP_X_SERVICE_USER_DOMAIN_NAME']],
  ['service_project_id', ['HTTP_X_SERVICE_PROJECT_ID']],
  ['service_project_name', ['HTTP_X_SERVICE_PROJECT_NAME']],
  ['service_project_domain_id', ['HTTP_X_SERVICE_PROJECT_DOMAIN_ID']],
  ['service_project_domain_name', ['HTTP_X_SERVICE_PROJECT_DOMAIN_NAME']],
];

/** oslo.context's role lists: comma-split, each stripped; none when the header is absent or empty. */
function rolesOf(header: unknown): string[] {
  return typeof header === 'string' && header ? header.split(',').map(pyStrip) : [];
}

/**
 * `RequestContext.from_environ(environ, **kwargs)`: keywords given win over
 * the environ, which supplies the rest from the keystonemiddleware headers.
 *
 * @see oslo_context/context.py RequestContext.from_environ
 */
export function fromEnviron(environ: Record<string, unknown>, kwargs: RequestContextOptions): RequestContext {
  const opts: Record<string, unknown> = { ...kwargs };
  for (const [key, names] of ENVIRON_HEADERS) {
    if (key in opts) continue;
    const name = names.find((n) => n in environ);
    if (name !== undefined) opts[key] = environ[name];
  }
  if (!('roles' in opts)) opts['roles'] = rolesOf('HTTP_X_ROLES' in environ ? environ['HTTP_X_ROLES'] : environ['HTTP_X_ROLE']);
  if (!('service_roles' in opts)) opts['service_roles'] = rolesOf(environ['HTTP_X_SERVICE_ROLES']);
  if (!('is_admin_project' in opts)) {
    const value = environ['HTTP_X_IS_ADMIN_PROJECT'];
    opts['is_admin_project'] = (typeof value === 'string' ? value : 'true').toLowerCase() === 'true';
  }
  return new RequestContext(opts as RequestContextOptions);
}

/**
 * The no-auth pipelines' middleware: every request gets an admin context
 * without a user (not in front of the reference runner's v2 app).
 *
 * @see glance/api/middleware/context.py UnauthenticatedContextMiddleware
 */
export class UnauthenticatedContextMiddleware extends BaseContextMiddleware {
  override process_request(req: WebobRequest): null {
    req.setAttr('context', new RequestContext({ user: null, tenant: null, roles: [], is_admin: true }));
    return null;
  }
}
