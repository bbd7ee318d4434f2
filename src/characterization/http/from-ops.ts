/**
 * A format-1 step (a v2 controller call with parsed arguments) as the
 * HTTP request a client would send for it (format 2): the route, the JSON
 * body or query string the deserializer would have turned into those
 * arguments. Where an argument cannot be sent over HTTP as it is (a size
 * other than the body's, a path token with '/'), the request is what a
 * client can send; the answer is then whatever Glance's HTTP layer says.
 */
import { isPyDict, pyJsonDumpsValue, type PyJson } from '../../lib/pyjson.js';
import type { HttpRequest } from '../../shared/http.js';
import type { Caller, OpName } from '../../shared/world.js';
import { segment } from './values.js';
import type { GeneratedRequest } from './requests.js';
import type { GeneratedHttpScenario } from './scenario.js';
import type { Scenario } from '../../shared/scenario.js';

type Args = Readonly<Record<string, unknown>>;

/** A plain JSON value (format-1 arguments) as a Python one: objects become dicts in their key order. */
export function pyValueOf(v: unknown): PyJson {
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map(pyValueOf);
  if (v !== null && typeof v === 'object' && !isPyDict(v as PyJson)) return new Map(Object.entries(v).map(([k, x]) => [k, pyValueOf(x)]));
  return v as PyJson;
}

/** `str(v)` as urlencode applies it to a query value. */
function queryValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

/**
 * The query a client sends for an index call (as the reference runner
 * builds it for format 1): limit, marker, the sort keys and directions,
 * member_status, then the filters in order ('tags' as repeated 'tag').
 */
export function indexQuery(a: Args, withMemberStatus: boolean): string {
  const pairs: Array<[string, string]> = [];
  const push = (k: string, v: unknown): void => {
    pairs.push([k, queryValue(v)]);
  };
  if ('limit' in a) push('limit', a['limit']);
  if ('marker' in a) push('marker', a['marker']);
  for (const key of ['sort_key', 'sort_dir']) {
    if (!(key in a)) continue;
    const v = a[key];
    for (const one of Array.isArray(v) ? v : [v]) push(key, one);
  }
  if (withMemberStatus && 'member_status' in a) push('member_status', a['member_status']);
  for (const [k, v] of Object.entries((a['filters'] ?? {}) as Args)) {
    if (k === 'tags' && Array.isArray(v)) for (const t of v) push('tag', t);
    else push(k, v);
  }
  return pairs.length === 0 ? '' : '?' + pairs.map(([k, v]) => `${segment(k)}=${segment(v)}`).join('&');
}

/** A JSON pointer token: '~' and '/' escaped. */
const pointerToken = (t: unknown): string => String(t).replace(/~/g, '~0').replace(/\//g, '~1');

/** One change as a JSON-patch operation of its media type (draft 4 names the op as the member). */
function patchOperation(change: Args): PyJson {
  const path = '/' + ((change['path'] ?? []) as unknown[]).map(pointerToken).join('/');
  const op = new Map<string, PyJson>();
  if (change['json_schema_version'] === 4) op.set(String(change['op']), path);
  else op.set('op', pyValueOf(change['op'])).set('path', path);
  if ('value' in change) op.set('value', pyValueOf(change['value']));
  return op;
}

/** The request for one format-1 op. */
export function requestForOp(op: OpName, a: Args): GeneratedRequest {
  const image = `/v2/images/${segment(String(a['image_id'] ?? ''))}`;
  const member = `${image}/members/${segment(String(a['member_id'] ?? ''))}`;
  switch (op) {
    case 'image.create': {
      const body = new Map<string, PyJson>();
      for (const [k, v] of Object.entries((a['image'] ?? {}) as Args)) body.set(k, pyValueOf(v));
      for (const [k, v] of Object.entries((a['extra_properties'] ?? {}) as Args)) body.set(k, pyValueOf(v));
      if ('tags' in a) body.set('tags', pyValueOf(a['tags']));
      return { method: 'POST', path: '/v2/images', json: body };
    }
    case 'image.show': return { method: 'GET', path: image };
    case 'image.index': return { method: 'GET', path: '/v2/images' + indexQuery(a, true) };
    case 'image.update': {
      const changes = (a['changes'] ?? []) as Args[];
      const draft4 = changes.length > 0 && changes.every((c) => c['json_schema_version'] === 4);
      return {
        method: 'PATCH', path: image, json: changes.map(patchOperation),
        ...(draft4 ? { headers: { 'Content-Type': 'application/openstack-images-v2.0-json-patch' } } : {}),
      };
    }
    case 'image.delete': return { method: 'DELETE', path: image };
    case 'image.deactivate': return { method: 'POST', path: `${image}/actions/deactivate` };
    case 'image.reactivate': return { method: 'POST', path: `${image}/actions/reactivate` };
    case 'image.upload': {
      const data = 'data_b64' in a ? String(a['data_b64']) : Buffer.from(String(a['data'] ?? ''), 'utf8').toString('base64');
      return { method: 'PUT', path: `${image}/file`, data_b64: data };
    }
    case 'image.download': return { method: 'GET', path: `${image}/file` };
    case 'tag.update': return { method: 'PUT', path: `${image}/tags/${segment(String(a['tag_value'] ?? ''))}` };
    case 'tag.delete': return { method: 'DELETE', path: `${image}/tags/${segment(String(a['tag_value'] ?? ''))}` };
    case 'member.create': return { method: 'POST', path: `${image}/members`, json: new Map([['member', pyValueOf(a['member_id'])]]) };
    case 'member.update': return { method: 'PUT', path: member, json: new Map([['status', pyValueOf(a['status'])]]) };
    case 'member.index': return { method: 'GET', path: `${image}/members` };
    case 'member.show': return { method: 'GET', path: member };
    case 'member.delete': return { method: 'DELETE', path: member };
    case 'task.create': return { method: 'POST', path: '/v2/tasks', json: pyValueOf(a['task'] ?? {}) };
    case 'task.index': return { method: 'GET', path: '/v2/tasks' + indexQuery(a, false) };
    case 'task.get': return { method: 'GET', path: `/v2/tasks/${segment(String(a['task_id'] ?? ''))}` };
  }
}

/** A whole format-1 scenario as the HTTP scenario a client would replay: same deployment, same callers. */
export function httpScenarioOf(scenario: Scenario): GeneratedHttpScenario {
  return {
    format: 'peel-scenario/2',
    name: scenario.name ?? 'from format 1',
    config: scenario.config,
    steps: scenario.steps.map((step) => ({ as: step.as, ...requestForOp(step.op, step.args) })),
  };
}

/**
 * The HTTP request for one op as a caller sends it: the identity headers
 * keystonemiddleware would set, the body with its Content-Type (as the
 * scenario runner sends a format-2 step), the request's own headers last.
 */
export function httpRequestForOp(caller: Caller | null, op: OpName, args: Args): HttpRequest {
  const request = requestForOp(op, args);
  const headers: Array<[string, string]> = [['Host', 'localhost']];
  if (caller !== null) {
    headers.push(['X-Identity-Status', 'Confirmed']);
    if (caller.user !== null) headers.push(['X-User-Id', caller.user]);
    if (caller.project !== null) headers.push(['X-Project-Id', caller.project]);
    if (caller.roles.length > 0) headers.push(['X-Roles', caller.roles.join(',')]);
  }
  let body = Buffer.alloc(0);
  if (request.json !== undefined) {
    body = Buffer.from(pyJsonDumpsValue(request.json), 'utf8');
    headers.push(['Content-Type', request.method === 'PATCH' ? 'application/openstack-images-v2.1-json-patch' : 'application/json']);
  } else if (request.data_b64 !== undefined) {
    body = Buffer.from(request.data_b64, 'base64');
    headers.push(['Content-Type', 'application/octet-stream']);
  }
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const at = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (at >= 0) headers.splice(at, 1);
    headers.push([name, value]);
  }
  if (request.json !== undefined || request.data_b64 !== undefined) headers.push(['Content-Length', String(body.length)]);
  return { method: request.method, target: request.path, headers, body };
}
