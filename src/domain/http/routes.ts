/**
 * The routing table of the flat model's HTTP front, as data: every path
 * under /v2 it serves, the methods each path implements and the action each
 * one runs, and what a request body means there. The 405 `Allow` header of
 * a path is derived from this table (its methods in table order), as
 * glance/api/v2/router.py derives each `allowed_methods` from its routes.
 *
 * Paths are matched by Routes 2.5.1 (src/lib/routes) so that odd paths
 * (encoded slashes, trailing dots, latin-1 text) match exactly as they do
 * in Glance; the table is connected in router.py's order.
 *
 * The metadata definitions catalog (/v2/metadefs/...) has its own block,
 * METADEF_ROUTES, whose actions src/domain/metadefs/http.ts answers.
 */
import { Mapper } from '../../lib/routes.js';
import { TASK_SCHEMA_BODY } from '../compat/http-front.js';
import type { MetadefAction } from '../metadefs/http.js';

export type Action =
  | 'images.index' | 'images.create' | 'images.show' | 'images.update' | 'images.delete' | 'images.import'
  | 'actions.deactivate' | 'actions.reactivate'
  | 'data.download' | 'data.upload' | 'data.stage'
  | 'tags.update' | 'tags.delete'
  | 'members.index' | 'members.create' | 'members.show' | 'members.update' | 'members.delete'
  | 'tasks.index' | 'tasks.create' | 'tasks.get' | 'tasks.delete'
  | 'schemas.document'
  | 'info.import'
  | MetadefAction;

/**
 * What a request body means on a route:
 * - `rejected`: any body is a 400 before anything else (router.py `body_reject=True`);
 * - `read`: the action's own deserializer reads it;
 * - `ignored`: the action's deserializer never looks at it;
 * - `unexpected`: no deserializer of its own, so a body is parsed as JSON
 *   and handed to the action as a `body` keyword it does not take (500).
 */
export type BodyUse = 'rejected' | 'read' | 'ignored' | 'unexpected';

export interface RouteSpec {
  /** A Routes path under /v2 (`{name}` is a variable). */
  readonly path: string;
  readonly method: string;
  readonly action: Action;
  readonly body: BodyUse;
  /** For `schemas.document`: which document. */
  readonly document?: string;
}

const SCHEMA_DOCUMENTS = ['image', 'images', 'member', 'members'];
const TASK_SCHEMA_DOCUMENTS = ['task', 'tasks'];
const METADEF_SCHEMA_DOCUMENTS = [
  'namespace', 'namespaces', 'resource_type', 'resource_types', 'property', 'properties', 'object', 'objects', 'tag', 'tags',
];

const route = (path: string, method: string, action: Action, body: BodyUse): RouteSpec => ({ path, method, action, body });

// ------------------------------------------------------------------ metadefs
// The metadata definitions catalog, path by path in router.py's order.
// Bulk deletes of a namespace's contents are the namespace resource's
// actions, whose deserializer has no method for them (a body is 'unexpected').
const NS = '/metadefs/namespaces/{namespace}';
const METADEF_ROUTES: readonly RouteSpec[] = [
  route('/metadefs/resource_types', 'GET', 'metadef_resource_types.index', 'rejected'),
  route(`${NS}/resource_types`, 'GET', 'metadef_resource_types.show', 'rejected'),
  route(`${NS}/resource_types`, 'POST', 'metadef_resource_types.create', 'read'),
  route(`${NS}/resource_types/{resource_type}`, 'DELETE', 'metadef_resource_types.delete', 'rejected'),
  route('/metadefs/namespaces', 'GET', 'metadef_namespaces.index', 'ignored'),
  route('/metadefs/namespaces', 'POST', 'metadef_namespaces.create', 'read'),
  route(NS, 'GET', 'metadef_namespaces.show', 'rejected'),
  route(NS, 'PUT', 'metadef_namespaces.update', 'read'),
  route(NS, 'DELETE', 'metadef_namespaces.delete', 'rejected'),
  route(`${NS}/properties`, 'GET', 'metadef_properties.index', 'rejected'),
  route(`${NS}/properties`, 'POST', 'metadef_properties.create', 'read'),
  route(`${NS}/properties`, 'DELETE', 'metadef_namespaces.delete_properties', 'unexpected'),
  route(`${NS}/properties/{property_name}`, 'GET', 'metadef_properties.show', 'ignored'),
  route(`${NS}/properties/{property_name}`, 'PUT', 'metadef_properties.update', 'read'),
  route(`${NS}/properties/{property_name}`, 'DELETE', 'metadef_properties.delete', 'unexpected'),
  route(`${NS}/objects`, 'GET', 'metadef_objects.index', 'ignored'),
  route(`${NS}/objects`, 'POST', 'metadef_objects.create', 'read'),
  route(`${NS}/objects`, 'DELETE', 'metadef_namespaces.delete_objects', 'unexpected'),
  route(`${NS}/objects/{object_name}`, 'GET', 'metadef_objects.show', 'rejected'),
  route(`${NS}/objects/{object_name}`, 'PUT', 'metadef_objects.update', 'read'),
  route(`${NS}/objects/{object_name}`, 'DELETE', 'metadef_objects.delete', 'rejected'),
  route(`${NS}/tags`, 'GET', 'metadef_tags.index', 'ignored'),
  route(`${NS}/tags`, 'POST', 'metadef_tags.create_tags', 'read'),
  route(`${NS}/tags`, 'DELETE', 'metadef_namespaces.delete_tags', 'unexpected'),
  route(`${NS}/tags/{tag_name}`, 'GET', 'metadef_tags.show', 'rejected'),
  route(`${NS}/tags/{tag_name}`, 'POST', 'metadef_tags.create', 'rejected'),
  route(`${NS}/tags/{tag_name}`, 'PUT', 'metadef_tags.update', 'read'),
  route(`${NS}/tags/{tag_name}`, 'DELETE', 'metadef_tags.delete', 'rejected'),
];

/**
 * The routes, path by path in router.py's order; within a path, methods in
 * the order its `Allow` header lists them.
 */
export const ROUTES: readonly RouteSpec[] = [
  ...SCHEMA_DOCUMENTS.map((d) => ({ ...route(`/schemas/${d}`, 'GET', 'schemas.document', 'rejected'), document: d })),
  ...TASK_SCHEMA_DOCUMENTS.map((d) => ({ ...route(`/schemas/${d}`, 'GET', 'schemas.document', TASK_SCHEMA_BODY), document: d })),
  ...METADEF_SCHEMA_DOCUMENTS.map((d) => ({
    ...route(`/schemas/metadefs/${d}`, 'GET', 'schemas.document', 'rejected'), document: `metadefs/${d}`,
  })),
  ...METADEF_ROUTES,
  route('/images', 'GET', 'images.index', 'ignored'),
  route('/images', 'POST', 'images.create', 'read'),
  route('/images/{image_id}', 'GET', 'images.show', 'rejected'),
  route('/images/{image_id}', 'PATCH', 'images.update', 'read'),
  route('/images/{image_id}', 'DELETE', 'images.delete', 'rejected'),
  route('/images/{image_id}/import', 'POST', 'images.import', 'read'),
  route('/images/{image_id}/actions/deactivate', 'POST', 'actions.deactivate', 'rejected'),
  route('/images/{image_id}/actions/reactivate', 'POST', 'actions.reactivate', 'rejected'),
  route('/images/{image_id}/file', 'GET', 'data.download', 'rejected'),
  route('/images/{image_id}/file', 'PUT', 'data.upload', 'read'),
  route('/images/{image_id}/stage', 'PUT', 'data.stage', 'read'),
  route('/images/{image_id}/tags/{tag_value}', 'PUT', 'tags.update', 'rejected'),
  route('/images/{image_id}/tags/{tag_value}', 'DELETE', 'tags.delete', 'rejected'),
  route('/images/{image_id}/members', 'GET', 'members.index', 'rejected'),
  route('/images/{image_id}/members', 'POST', 'members.create', 'read'),
  route('/images/{image_id}/members/{member_id}', 'GET', 'members.show', 'rejected'),
  route('/images/{image_id}/members/{member_id}', 'PUT', 'members.update', 'read'),
  route('/images/{image_id}/members/{member_id}', 'DELETE', 'members.delete', 'rejected'),
  route('/tasks', 'GET', 'tasks.index', 'ignored'),
  route('/tasks', 'POST', 'tasks.create', 'read'),
  route('/tasks/{task_id}', 'GET', 'tasks.get', 'unexpected'),
  route('/tasks/{task_id}', 'DELETE', 'tasks.delete', 'unexpected'),
  route('/info/import', 'GET', 'info.import', 'rejected'),
];

/** What a request path and method resolved to. */
export type Resolution =
  | { readonly kind: 'route'; readonly route: RouteSpec; readonly vars: Readonly<Record<string, string>> }
  /** The path exists but not for this method: 405 with the path's methods. */
  | { readonly kind: 'method-not-allowed'; readonly allow: string }
  | { readonly kind: 'no-route' };

/** The `Allow` header of each path: its methods, in table order. */
function allowedMethods(path: string): string {
  return ROUTES.filter((r) => r.path === path).map((r) => r.method).join(', ');
}

/**
 * The table as a Routes mapper: each method's route, then the path's
 * catch-all (any other method), as router.py connects them.
 */
function buildMapper(): Mapper {
  const mapper = new Mapper();
  const paths = [...new Set(ROUTES.map((r) => r.path))];
  for (const path of paths) {
    ROUTES.forEach((r, index) => {
      if (r.path === path) mapper.connect(path, { route: String(index), conditions: { method: [r.method] } });
    });
    mapper.connect(path, { allow: allowedMethods(path) });
  }
  return mapper;
}

const MAPPER = buildMapper();

/**
 * The route for a path (PATH_INFO: after /v2, percent-decoded) and the
 * method the router matches with (after any `_method` override).
 */
export function resolve(pathInfo: string, method: string): Resolution {
  // Routes cannot match the empty path (glance's APIMapper answers "no match" for it).
  if (pathInfo === '') return { kind: 'no-route' };
  const key = `${method} ${pathInfo}`;
  let found = RESOLVED.get(key);
  if (found === undefined) {
    found = matchRoute(pathInfo, method);
    if (RESOLVED.size >= RESOLVED_MAX) RESOLVED.delete(RESOLVED.keys().next().value as string);
    RESOLVED.set(key, found);
  }
  return found;
}

/**
 * Resolutions already made: the table is fixed, so a (method, path) always
 * resolves the same way, and a scenario asks for the same few paths again
 * and again (matching them route by route was 4% of the flat model's time).
 */
const RESOLVED = new Map<string, Resolution>();
const RESOLVED_MAX = 4096;

function matchRoute(pathInfo: string, method: string): Resolution {
  const found = MAPPER.routematch(pathInfo, { REQUEST_METHOD: method });
  if (found === null) return { kind: 'no-route' };
  const [match] = found;
  if (typeof match['allow'] === 'string') return { kind: 'method-not-allowed', allow: match['allow'] };
  const spec = ROUTES[Number(match['route'])] as RouteSpec;
  const vars: Record<string, string> = {};
  for (const name of ['image_id', 'tag_value', 'member_id', 'task_id', 'namespace', 'object_name', 'property_name', 'tag_name', 'resource_type']) {
    if (typeof match[name] === 'string') vars[name] = match[name];
  }
  return { kind: 'route', route: spec, vars };
}
