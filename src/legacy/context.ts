/**
 * The request context every layer reads (who asks, which project owns what
 * they create, whether they are admin or read-only), and the middleware
 * step that builds it from the caller.
 *
 * Glance's RequestContext extends oslo.context's; the port keeps the
 * attributes Glance and oslo.policy read, with oslo.context 5's names plus
 * the `user`/`tenant` aliases the reference runner restores (oracle shim S2).
 *
 * @see glance/context.py
 * @see glance/api/middleware/context.py
 */
import { randomUUID } from 'node:crypto';
import type { Settings } from '../shared/settings.js';
import type { Caller, IdGenerator } from '../shared/world.js';
import { HTTPUnauthorized } from './webob.js';

/** The policy engine as the context uses it: Glance's `Enforcer.check_is_admin`. */
export interface AdminCheckingPolicy {
  check_is_admin(context: RequestContext): unknown;
}

/** A bare `context_is_admin` check, for callers without a policy engine. */
export type IsAdminCheck = (context: RequestContext) => unknown;

/** oslo.context's constructor keywords, plus Glance's. */
export interface RequestContextOptions {
  auth_token?: string | null;
  user_id?: string | null;
  project_id?: string | null;
  domain_id?: string | null;
  user_domain_id?: string | null;
  project_domain_id?: string | null;
  /** Renamed keyword (oslo.context `user` → `user_id`). */
  user?: string | null;
  /** Renamed keyword (oracle shim S2: `tenant` → `project_id`). */
  tenant?: string | null;
  is_admin?: boolean;
  read_only?: boolean;
  show_deleted?: boolean;
  request_id?: string | null;
  resource_uuid?: string | null;
  roles?: readonly string[] | null;
  user_name?: string | null;
  project_name?: string | null;
  is_admin_project?: boolean;
  service_roles?: readonly string[] | null;
  global_request_id?: string | null;
  system_scope?: string | null;
  // oslo.context attributes only HTTP headers set (read by to_policy_values, or kept).
  domain_name?: string | null;
  user_domain_name?: string | null;
  project_domain_name?: string | null;
  service_token?: string | null;
  service_user_id?: string | null;
  service_user_name?: string | null;
  service_user_domain_id?: string | null;
  service_user_domain_name?: string | null;
  service_project_id?: string | null;
  service_project_name?: string | null;
  service_project_domain_id?: string | null;
  service_project_domain_name?: string | null;
  // glance.context.RequestContext
  owner_is_tenant?: boolean;
  service_catalog?: unknown;
  /** Glance's `policy_enforcer`; without one Glance builds a default Enforcer. */
  policy_enforcer?: AdminCheckingPolicy | IsAdminCheck | null;
  /** Where `request_id`s come from when none is given (default: crypto.randomUUID). */
  ids?: IdGenerator;
}

/**
 * The default `Enforcer()`'s `context_is_admin` rule, "role:admin", as
 * oslo.policy's RoleCheck applies it (case-insensitively).
 */
export const defaultIsAdminCheck: IsAdminCheck = (context) => context.roles.some((r) => r.toLowerCase() === 'admin');

function checkIsAdmin(policy: AdminCheckingPolicy | IsAdminCheck, context: RequestContext): boolean {
  const result = typeof policy === 'function' ? policy(context) : policy.check_is_admin(context);
  return Boolean(result);
}

/**
 * The security context of one request. Unless built as admin, it asks the
 * policy's `context_is_admin` rule whether it is one.
 *
 * @see glance/context.py RequestContext
 */
export class RequestContext {
  auth_token: string | null;
  user_id: string | null;
  project_id: string | null;
  domain_id: string | null;
  user_domain_id: string | null;
  project_domain_id: string | null;
  user_name: string | null;
  project_name: string | null;
  system_scope: string | null;
  is_admin: boolean;
  is_admin_project: boolean;
  read_only: boolean;
  show_deleted: boolean;
  resource_uuid: string | null;
  /** Mutable on purpose: property protections append service roles in place. */
  roles: string[];
  service_roles: string[];
  domain_name: string | null;
  user_domain_name: string | null;
  project_domain_name: string | null;
  service_token: string | null;
  service_user_id: string | null;
  service_user_name: string | null;
  service_user_domain_id: string | null;
  service_user_domain_name: string | null;
  service_project_id: string | null;
  service_project_name: string | null;
  service_project_domain_id: string | null;
  service_project_domain_name: string | null;
  request_id: string;
  global_request_id: string | null;
  owner_is_tenant: boolean;
  service_catalog: unknown;
  readonly policy_enforcer: AdminCheckingPolicy | IsAdminCheck;

  constructor(opts: RequestContextOptions = {}) {
    this.user_id = opts.user_id !== undefined ? opts.user_id : (opts.user ?? null);
    this.project_id = opts.project_id !== undefined ? opts.project_id : (opts.tenant ?? null);
    this.domain_id = opts.domain_id ?? null;
    this.user_domain_id = opts.user_domain_id ?? null;
    this.project_domain_id = opts.project_domain_id ?? null;
    this.auth_token = opts.auth_token ?? null;
    this.user_name = opts.user_name ?? null;
    this.project_name = opts.project_name ?? null;
    this.system_scope = opts.system_scope ?? null;
    this.is_admin = opts.is_admin ?? false;
    this.is_admin_project = opts.is_admin_project ?? true;
    this.read_only = opts.read_only ?? false;
    this.show_deleted = opts.show_deleted ?? false;
    this.resource_uuid = opts.resource_uuid ?? null;
    // oslo.context: `roles or []`, kept as the same list object when given.
    this.roles = (opts.roles as string[] | null | undefined) ?? [];
    this.service_roles = (opts.service_roles as string[] | null | undefined) ?? [];
    this.domain_name = opts.domain_name ?? null;
    this.user_domain_name = opts.user_domain_name ?? null;
    this.project_domain_name = opts.project_domain_name ?? null;
    this.service_token = opts.service_token ?? null;
    this.service_user_id = opts.service_user_id ?? null;
    this.service_user_name = opts.service_user_name ?? null;
    this.service_user_domain_id = opts.service_user_domain_id ?? null;
    this.service_user_domain_name = opts.service_user_domain_name ?? null;
    this.service_project_id = opts.service_project_id ?? null;
    this.service_project_name = opts.service_project_name ?? null;
    this.service_project_domain_id = opts.service_project_domain_id ?? null;
    this.service_project_domain_name = opts.service_project_domain_name ?? null;
    this.request_id = opts.request_id || `req-${opts.ids?.uuid4() ?? randomUUID()}`;
    this.global_request_id = opts.global_request_id ?? null;
    this.owner_is_tenant = opts.owner_is_tenant ?? true;
    this.service_catalog = opts.service_catalog ?? null;
    this.policy_enforcer = opts.policy_enforcer ?? defaultIsAdminCheck;
    if (!this.is_admin) this.is_admin = checkIsAdmin(this.policy_enforcer, this);
  }

  /** oslo.context's deprecated alias of `user_id`. */
  get user(): string | null {
    return this.user_id;
  }
  set user(value: string | null) {
    this.user_id = value;
  }
  /** Alias of `project_id` (oracle shim S2; read-only there too). */
  get tenant(): string | null {
    return this.project_id;
  }

  /** The owner to correlate with an image: the project, or the user when `owner_is_tenant` is off. */
  get owner(): string | null {
    return this.owner_is_tenant ? this.project_id : this.user_id;
  }

  /** Admins can see deleted rows by default. */
  get can_see_deleted(): boolean {
    return this.show_deleted || this.is_admin;
  }

  /** The credentials oslo.policy checks rules against. */
  to_policy_values(): Record<string, unknown> {
    return {
      user_id: this.user_id,
      user_domain_id: this.user_domain_id,
      system_scope: this.system_scope,
      domain_id: this.domain_id,
      project_id: this.project_id,
      project_domain_id: this.project_domain_id,
      roles: this.roles,
      is_admin_project: this.is_admin_project,
      service_user_id: this.service_user_id,
      service_user_domain_id: this.service_user_domain_id,
      service_project_id: this.service_project_id,
      service_project_domain_id: this.service_project_domain_id,
      service_roles: this.service_roles,
      user: this.user_id,
      tenant: this.project_id,
    };
  }

  /** The context as a dict (the policy target of `context_is_admin`). */
  to_dict(): Record<string, unknown> {
    const idt = (v: string | null): string => v || '-';
    return {
      user: this.user_id,
      project_id: this.project_id,
      system_scope: this.system_scope,
      project: this.project_id,
      domain: this.domain_id,
      user_domain: this.user_domain_id,
      project_domain: this.project_domain_id,
      is_admin: this.is_admin,
      read_only: this.read_only,
      show_deleted: this.show_deleted,
      auth_token: this.auth_token,
      request_id: this.request_id,
      global_request_id: this.global_request_id,
      resource_uuid: this.resource_uuid,
      roles: this.roles,
      user_identity: [this.user_id, this.project_id, this.domain_id, this.user_domain_id, this.project_domain_id]
        .map(idt)
        .join(' '),
      is_admin_project: this.is_admin_project,
      service_catalog: this.service_catalog,
    };
  }
}

// ------------------------------------------------------------- middleware

/** What building a context from a caller needs. */
export interface ContextFromCallerOptions {
  readonly settings: Pick<Settings, 'owner_is_tenant' | 'admin_role' | 'allow_anonymous_access'>;
  /** Glance's policy Enforcer (its `check_is_admin` is used when it has one). */
  readonly policy?: AdminCheckingPolicy | object | null;
  /** A bare `context_is_admin` check, used when `policy` has no `check_is_admin`. */
  readonly isAdminCheck?: IsAdminCheck;
  readonly ids?: IdGenerator;
}

type ContextSettings = ContextFromCallerOptions['settings'];

/** Python's `str.strip()` (whitespace, including the \x1c-\x1f separators). */
function pyStrip(s: string): string {
  return s.replace(/^[\s\x1c-\x1f]+|[\s\x1c-\x1f]+$/g, '');
}

/**
 * The roles as keystonemiddleware hands them over: one comma-joined
 * X-Roles header, which oslo.context splits and strips again.
 */
function rolesThroughHeader(roles: readonly string[]): string[] {
  if (roles.length === 0) return [];
  const header = roles.join(',');
  return header ? header.split(',').map(pyStrip) : [];
}

function adminPolicyOf(opts: ContextFromCallerOptions): AdminCheckingPolicy | IsAdminCheck {
  const policy = opts.policy as Partial<AdminCheckingPolicy> | null | undefined;
  if (policy && typeof policy.check_is_admin === 'function') return policy as AdminCheckingPolicy;
  return opts.isAdminCheck ?? defaultIsAdminCheck;
}

/**
 * Builds the request context for a caller, as Glance's ContextMiddleware
 * does for a request: an authenticated caller's roles are lower-cased and
 * the `admin_role` makes them admin; no caller gets the anonymous,
 * read-only context when anonymous access is allowed, else 401.
 *
 * Accepts `(caller, {settings, policy?, isAdminCheck?})` or
 * `(caller, settings, isAdminCheck?)`.
 *
 * @see glance/api/middleware/context.py ContextMiddleware.process_request
 */
export function contextFromCaller(
  caller: Caller | null,
  settingsOrOptions: ContextFromCallerOptions | ContextSettings,
  isAdminCheck?: IsAdminCheck,
): RequestContext {
  const opts: ContextFromCallerOptions = 'settings' in settingsOrOptions
    ? settingsOrOptions
    : { settings: settingsOrOptions, ...(isAdminCheck ? { isAdminCheck } : {}) };
  const policy = adminPolicyOf(opts);
  if (caller !== null) return authenticatedContext(caller, opts, policy);
  if (opts.settings.allow_anonymous_access) return anonymousContext(opts, policy);
  throw new HTTPUnauthorized();
}

/** @see glance/api/middleware/context.py ContextMiddleware._get_anonymous_context */
function anonymousContext(opts: ContextFromCallerOptions, policy: AdminCheckingPolicy | IsAdminCheck): RequestContext {
  // NOTE(quirk): glance/api/middleware/context.py does not pass owner_is_tenant
  // here, so the anonymous context always has the default (True); and it
  // still asks context_is_admin, since is_admin is False.
  return new RequestContext({
    user: null,
    tenant: null,
    roles: [],
    is_admin: false,
    read_only: true,
    policy_enforcer: policy,
    ...(opts.ids ? { ids: opts.ids } : {}),
  });
}

/** @see glance/api/middleware/context.py ContextMiddleware._get_authenticated_context */
function authenticatedContext(
  caller: Caller,
  opts: ContextFromCallerOptions,
  policy: AdminCheckingPolicy | IsAdminCheck,
): RequestContext {
  // NOTE(quirk): context_is_admin is checked in the constructor, before the
  // roles are lower-cased below.
  const ctx = new RequestContext({
    user_id: caller.user,
    project_id: caller.project,
    roles: rolesThroughHeader(caller.roles),
    service_roles: [],
    is_admin_project: true,
    owner_is_tenant: opts.settings.owner_is_tenant,
    service_catalog: null,
    policy_enforcer: policy,
    ...(opts.ids ? { ids: opts.ids } : {}),
  });
  ctx.roles = ctx.roles.map((r) => r.toLowerCase());
  // NOTE(quirk): glance/api/middleware/context.py reads CONF.admin_role here.
  if (ctx.roles.includes(pyStrip(opts.settings.admin_role).toLowerCase())) ctx.is_admin = true;
  return ctx;
}
