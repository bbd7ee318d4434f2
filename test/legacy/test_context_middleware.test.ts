// Port of glance/tests/unit/test_context_middleware.py. The middleware is
// built over Glance's default policy rules (context_is_admin = role:admin);
// `self.config(...)` becomes the settings the middleware is built with.
// All 11 cases ported.
import { describe, expect, it } from 'vitest';
import { ContextMiddleware, UnauthenticatedContextMiddleware, type ContextSettings } from '../../src/legacy/api/middleware/context.js';
import { RequestContext } from '../../src/legacy/context.js';
import { Enforcer } from '../../src/legacy/policy.js';
import { HTTPInternalServerError, HTTPUnauthorized } from '../../src/legacy/webob.js';
import { Request, Response } from '../../src/lib/webob/index.js';
import { GLANCE_DEFAULTS } from '../../src/shared/settings.js';

const DEFAULTS: ContextSettings = { ...GLANCE_DEFAULTS, allow_anonymous_access: false };

function buildRequest(roles: string[] | null = null, identity_status = 'Confirmed', service_catalog: string | null = null): Request {
  const req = Request.blank('/');
  req.headers.setItem('x-auth-token', 'token1');
  req.headers.setItem('x-identity-status', identity_status);
  req.headers.setItem('x-user-id', 'user1');
  req.headers.setItem('x-tenant-id', 'tenant1');
  req.headers.setItem('x-roles', (roles ?? ['role1', 'role2']).join(','));
  if (service_catalog) req.headers.setItem('x-service-catalog', service_catalog);
  return req;
}

function buildMiddleware(config: Partial<ContextSettings> = {}): ContextMiddleware {
  return new ContextMiddleware(null, { settings: { ...DEFAULTS, ...config }, policy_enforcer: Enforcer.fromPolicyFile(null) });
}

function contextOf(req: Request): RequestContext {
  return req.getAttr('context') as RequestContext;
}

describe('TestContextMiddleware', () => {
  it('test_header_parsing: token, user, tenant and roles come from the headers', () => {
    const req = buildRequest();
    buildMiddleware().process_request(req);
    expect(contextOf(req).auth_token).toBe('token1');
    expect(contextOf(req).user).toBe('user1');
    expect(contextOf(req).tenant).toBe('tenant1');
    expect(contextOf(req).roles).toEqual(['role1', 'role2']);
  });

  it('test_is_admin_flag: the admin role (configurable) makes the context admin', () => {
    let req = buildRequest(['admin', 'role2']);
    buildMiddleware().process_request(req);
    expect(contextOf(req).is_admin).toBe(true);

    req = buildRequest();
    buildMiddleware().process_request(req);
    expect(contextOf(req).is_admin).toBe(false);

    req = buildRequest();
    buildMiddleware({ admin_role: 'role1' }).process_request(req);
    expect(contextOf(req).is_admin).toBe(true);
  });

  it('test_roles_case_insensitive: roles and admin_role compare case-insensitively', () => {
    let req = buildRequest(['Admin', 'role2']);
    buildMiddleware().process_request(req);
    expect(contextOf(req).is_admin).toBe(true);

    req = buildRequest(['role1']);
    buildMiddleware({ admin_role: 'rOLe1' }).process_request(req);
    expect(contextOf(req).is_admin).toBe(true);
  });

  it('test_roles_stripping: whitespace around roles and admin_role is ignored', () => {
    let req = buildRequest(['\trole1']);
    buildMiddleware({ admin_role: 'role1' }).process_request(req);
    expect(contextOf(req).is_admin).toBe(true);

    req = buildRequest(['\trole1\n']);
    buildMiddleware({ admin_role: ' role1\t' }).process_request(req);
    expect(contextOf(req).is_admin).toBe(true);
  });

  it('test_anonymous_access_enabled: an unconfirmed identity gets the read-only anonymous context', () => {
    const req = buildRequest(null, 'Nope');
    buildMiddleware({ allow_anonymous_access: true }).process_request(req);
    const ctx = contextOf(req);
    expect(ctx.auth_token).toBeNull();
    expect(ctx.user).toBeNull();
    expect(ctx.tenant).toBeNull();
    expect(ctx.roles).toEqual([]);
    expect(ctx.is_admin).toBe(false);
    expect(ctx.read_only).toBe(true);
  });

  it('test_anonymous_access_defaults_to_disabled: an unconfirmed identity is 401 by default', () => {
    const req = buildRequest(null, 'Nope');
    expect(() => buildMiddleware().process_request(req)).toThrow(HTTPUnauthorized);
  });

  it('test_service_catalog: the service catalog header is parsed as JSON', () => {
    const req = buildRequest(null, 'Confirmed', '[{}]');
    buildMiddleware().process_request(req);
    expect(contextOf(req).service_catalog).toEqual([new Map()]);
  });

  it('test_invalid_service_catalog: a service catalog that is not JSON is a 500', () => {
    const req = buildRequest(null, 'Confirmed', 'bad json');
    expect(() => buildMiddleware().process_request(req)).toThrow(HTTPInternalServerError);
  });

  it('test_response: the response carries the context request id, prefixed req- once', () => {
    const req = buildRequest();
    req.setAttr('context', new RequestContext());
    const request_id = contextOf(req).request_id;
    const resp = new Response();
    resp.request = req;
    buildMiddleware().process_response(resp);
    expect(resp.headers.getItem('x-openstack-request-id')).toBe(request_id);
    const resp_req_id = resp.headers.getItem('x-openstack-request-id');
    expect(resp_req_id.startsWith('req-req-')).toBe(false);
    expect(resp_req_id.startsWith('req-')).toBe(true);
  });
});

describe('TestUnauthenticatedContextMiddleware', () => {
  it('test_request: every request gets an admin context without user, tenant or roles', () => {
    const middleware = new UnauthenticatedContextMiddleware(null);
    const req = Request.blank('/');
    middleware.process_request(req);
    const ctx = contextOf(req);
    expect(ctx.auth_token).toBeNull();
    expect(ctx.user).toBeNull();
    expect(ctx.tenant).toBeNull();
    expect(ctx.roles).toEqual([]);
    expect(ctx.is_admin).toBe(true);
  });

  it('test_response: the response carries the context request id, prefixed req- once', () => {
    const middleware = new UnauthenticatedContextMiddleware(null);
    const req = Request.blank('/');
    req.setAttr('context', new RequestContext());
    const request_id = contextOf(req).request_id;
    const resp = new Response();
    resp.request = req;
    middleware.process_response(resp);
    expect(resp.headers.getItem('x-openstack-request-id')).toBe(request_id);
    const resp_req_id = resp.headers.getItem('x-openstack-request-id');
    expect(resp_req_id.startsWith('req-req-')).toBe(false);
    expect(resp_req_id.startsWith('req-')).toBe(true);
  });
});
