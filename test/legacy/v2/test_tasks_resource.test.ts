/**
 * Port of glance/tests/unit/v2/test_tasks_resource.py: the tasks controller
 * through the whole onion on the SQLite db api, the request deserializer
 * (with its tasks_api_access check) on Glance's wsgi.Request, and the
 * serializer writing into a webob Response.
 */
// not ported: TestTasksController.test_create_with_live_time - runs the taskflow executor; the port never runs tasks (inert executor, as the oracle)
// not ported: TestTasksController.test_create_with_wrong_import_form - runs the taskflow import executor; tasks are never run
// not ported: TestTasksController.test_create_with_properties_missed - runs the taskflow import executor; tasks are never run
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RequestDeserializer, ResponseSerializer, TasksController, TasksResponseSerializer } from '../../../src/legacy/api/v2/tasks.js';
import { Request as WsgiRequest } from '../../../src/legacy/common/wsgi.js';
import { HTTPBadRequest, HTTPForbidden } from '../../../src/legacy/webob.js';
import { toPlain } from '../../../src/lib/pyjson.js';
import { getFakeWsgiRequest, jsonBody, jsonRequest, responseFor, plain } from '../__test-helpers__/wsgi-request.js';
import { makeRequest } from '../../../src/legacy/api/v2/images.js';
import * as domain from '../../../src/legacy/domain.js';
import type { TaskLike } from '../../../src/legacy/proxy.js';
import { GLANCE_DEFAULTS } from '../../../src/shared/settings.js';
import {
  TENANT1, TENANT2, TENANT3, TENANT4, UUID1, UUID2, UUID3, UUID4, adminContext, getFakeRequest, httpError,
  v2World, type V2World,
} from '../__test-helpers__/v2-fixtures.js';
import { FakePolicyEnforcer } from '../__test-helpers__/fake-policy.js';
import { ImmutableTaskProxy } from '../../../src/legacy/authorization.js';
import { AttributeError, TypeError_ } from '../../../src/lib/python.js';

const DATETIME = new Date(Date.UTC(2013, 8, 28, 15, 27, 36, 325));
const ISOTIME = '2013-09-28T15:27:36Z';
const YEAR_MS = 365 * 24 * 3600 * 1000;

/** @see glance/tests/unit/v2/test_tasks_resource.py _db_fixture */
function dbTaskFixture(w: V2World, task_id: string, kwargs: Record<string, unknown>): Record<string, unknown> {
  const now = w.clock.now();
  return {
    id: task_id, status: 'pending', type: 'import', input: {}, result: null, owner: null, message: null,
    expires_at: new Date(now.getTime() + YEAR_MS), created_at: now, updated_at: now, deleted_at: null, deleted: false,
    ...kwargs,
  };
}

/** @see glance/tests/unit/v2/test_tasks_resource.py _domain_fixture */
function domainTask(task_id: string, kwargs: Record<string, unknown>): domain.Task {
  return new domain.Task({
    task_id,
    status: (kwargs['status'] as string | undefined) ?? 'pending',
    task_type: (kwargs['type'] as string | undefined) ?? 'import',
    owner: (kwargs['owner'] as string | undefined) ?? null,
    expires_at: (kwargs['expires_at'] as Date | undefined) ?? null,
    created_at: (kwargs['created_at'] as Date | undefined) ?? DATETIME,
    updated_at: (kwargs['updated_at'] as Date | undefined) ?? DATETIME,
    task_input: kwargs['task_input'] ?? {},
    message: kwargs['message'] ?? null,
    result: kwargs['result'] ?? null,
  } as domain.TaskInit, GLANCE_DEFAULTS, { now: () => DATETIME });
}

describe('TestTasksController', () => {
  let w: V2World;
  let controller: TasksController;

  beforeEach(() => {
    w = v2World();
    const now = w.clock.now().getTime();
    const at = (i: number): Date => new Date(now + 5000 * i);
    for (const [i, [id, owner]] of ([[UUID1, TENANT1], [UUID2, TENANT2], [UUID3, TENANT3], [UUID4, TENANT4]] as const).entries()) {
      w.api.taskCreate(adminContext(), dbTaskFixture(w, id, { owner, created_at: at(i), updated_at: at(i) }));
    }
    controller = new TasksController(w.deps());
  });
  afterEach(() => w.close());

  const ids = (tasks: ReadonlyArray<{ task_id: string }>): string[] => tasks.map((t) => t.task_id);

  it('test_index: a member sees only their own tasks, limited by limit_param_default', () => {
    Object.assign(w.settings, { limit_param_default: 1, api_limit_max: 3 });
    const output = controller.index(getFakeRequest());
    expect(ids(output.tasks)).toEqual([UUID1]);
  });

  it('test_index_admin: an admin sees every task', () => {
    expect(controller.index(getFakeRequest({ is_admin: true })).tasks).toHaveLength(4);
  });

  it('test_index_return_parameters: marker, limit and sort give the next page and its marker', () => {
    Object.assign(w.settings, { limit_param_default: 1, api_limit_max: 4 });
    const output = controller.index(getFakeRequest({ is_admin: true }), { marker: UUID3, limit: 1, sort_key: 'created_at', sort_dir: 'desc' });
    expect(ids(output.tasks)).toEqual([UUID2]);
    expect(output.next_marker).toBe(UUID2);
  });

  it('test_index_next_marker: a full page carries the last id as next_marker', () => {
    Object.assign(w.settings, { limit_param_default: 1, api_limit_max: 3 });
    const output = controller.index(getFakeRequest({ is_admin: true }), { marker: UUID3, limit: 2 });
    expect(new Set(ids(output.tasks))).toEqual(new Set([UUID2, UUID1]));
    expect(output.next_marker).toBe(UUID1);
  });

  it('test_index_no_next_marker: an empty page has no next_marker', () => {
    Object.assign(w.settings, { limit_param_default: 1, api_limit_max: 3 });
    const output = controller.index(getFakeRequest({ is_admin: true }), { marker: UUID1, limit: 2 });
    expect(output.tasks).toEqual([]);
    expect(output).not.toHaveProperty('next_marker');
  });

  it('test_index_with_id_filter: filtering by id finds that task', () => {
    const output = controller.index(getFakeRequest(), { filters: { id: UUID1 } });
    expect(ids(output.tasks)).toEqual([UUID1]);
  });

  it('test_index_with_filters_return_many: a status filter matching all returns all', () => {
    const output = controller.index(getFakeRequest({ is_admin: true }), { filters: { status: 'pending' } });
    expect(ids(output.tasks).sort()).toEqual([UUID1, UUID2, UUID3, UUID4].sort());
  });

  it('test_index_with_many_filters: filters combine', () => {
    const output = controller.index(getFakeRequest({ is_admin: true }), { filters: { status: 'pending', type: 'import', owner: TENANT1 } });
    expect(ids(output.tasks)).toEqual([UUID1]);
  });

  it('test_index_with_marker: the page after the marker', () => {
    Object.assign(w.settings, { limit_param_default: 1, api_limit_max: 3 });
    const output = controller.index(getFakeRequest({ is_admin: true }), { marker: UUID3 });
    expect(ids(output.tasks)).toEqual([UUID2]);
  });

  it('test_index_with_limit: limit caps the page', () => {
    expect(controller.index(getFakeRequest({ is_admin: true }), { limit: 2 }).tasks).toHaveLength(2);
  });

  it('test_index_greater_than_limit_max: limit is capped at api_limit_max', () => {
    Object.assign(w.settings, { limit_param_default: 1, api_limit_max: 3 });
    const output = controller.index(getFakeRequest({ is_admin: true }), { limit: 4 });
    expect(output.tasks).toHaveLength(3);
    // Glance asserts the marker value is not a key of the result (it is the last id).
    expect(output.next_marker).toBeDefined();
    expect(Object.keys(output)).not.toContain(output.next_marker);
  });

  it('test_index_default_limit: limit_param_default applies without a limit', () => {
    Object.assign(w.settings, { limit_param_default: 1, api_limit_max: 3 });
    expect(controller.index(getFakeRequest()).tasks).toHaveLength(1);
  });

  it('test_index_with_sort_dir: ascending by created_at', () => {
    const output = controller.index(getFakeRequest({ is_admin: true }), { sort_dir: 'asc', limit: 3 });
    expect(ids(output.tasks)).toEqual([UUID1, UUID2, UUID3]);
  });

  it('test_index_with_sort_key: descending by created_at by default', () => {
    const output = controller.index(getFakeRequest({ is_admin: true }), { sort_key: 'created_at', limit: 3 });
    expect(ids(output.tasks)).toEqual([UUID4, UUID3, UUID2]);
  });

  it('test_index_with_marker_not_found: an unknown marker answers 400', () => {
    const e = httpError(() => controller.index(getFakeRequest(), { marker: '3e0f5b5c-3d35-4b5d-9a0b-3f3c7a9b1c2d' }));
    expect(e.pyName).toBe('HTTPBadRequest');
  });

  it('test_index_with_marker_is_not_like_uuid: a non-uuid marker answers 400', () => {
    expect(httpError(() => controller.index(getFakeRequest(), { marker: 'INVALID_UUID' })).pyName).toBe('HTTPBadRequest');
  });

  it('test_index_invalid_sort_key: an unknown sort key answers 400', () => {
    expect(httpError(() => controller.index(getFakeRequest(), { sort_key: 'foo' })).pyName).toBe('HTTPBadRequest');
  });

  it('test_index_zero_tasks: no tasks gives an empty list', () => {
    w.db.exec('DELETE FROM task_info; DELETE FROM tasks;');
    expect(controller.index(getFakeRequest()).tasks).toEqual([]);
  });

  it('test_get: the owner gets their task', () => {
    const task = controller.get(getFakeRequest(), UUID1);
    expect(task.task_id).toBe(UUID1);
    expect(task.type).toBe('import');
  });

  it('test_get_non_existent: an unknown id answers 404', () => {
    const e = httpError(() => controller.get(getFakeRequest(), '3e0f5b5c-3d35-4b5d-9a0b-3f3c7a9b1c2d'));
    expect(e.pyName).toBe('HTTPNotFound');
    expect(e.explanation).toBe('Could not find task 3e0f5b5c-3d35-4b5d-9a0b-3f3c7a9b1c2d');
  });

  it('test_get_not_allowed: another tenant\'s task answers 404', () => {
    const request = getFakeRequest();
    expect(request.context.tenant).toBe(TENANT1);
    expect(httpError(() => controller.get(request, UUID4)).pyName).toBe('HTTPNotFound');
  });

  it('test_create: one new_task, one add and one new_task_executor per create', () => {
    const calls = { new_task: 0, add: 0, new_task_executor: 0 };
    const fakeTask = {} as TaskLike;
    controller.gateway.get_task_factory = () => ({ new_task: () => { calls.new_task++; return fakeTask; } });
    controller.gateway.get_task_repo = () => ({ add: () => { calls.add++; }, get: () => fakeTask, save: () => undefined, remove: () => undefined });
    controller.gateway.get_task_executor_factory = () => ({ new_task_executor: () => { calls.new_task_executor++; return {}; } });
    const task = { type: 'import', input: { import_from: 'swift://cloud.foo/myaccount/mycontainer/path', import_from_format: 'qcow2', image_properties: {} } };
    controller.create(getFakeRequest(), task);
    expect(calls).toEqual({ new_task: 1, add: 1, new_task_executor: 1 });
  });

  it('test_notifications_on_create: one task.create notification at INFO', () => {
    const task = { type: 'import', input: { import_from: 'http://cloud.foo/myaccount/mycontainer/path', import_from_format: 'qcow2', image_properties: {} } };
    controller.create(getFakeRequest(), task);
    const logs = w.notifier.get_logs().filter((n) => n.event_type === 'task.create');
    expect(logs).toHaveLength(1);
    expect(logs[0]?.notification_type).toBe('INFO');
  });
});

describe('TestTasksControllerPolicies', () => {
  let w: V2World;
  let controller: TasksController;

  beforeEach(() => {
    w = v2World();
    w.api.taskCreate(adminContext(), dbTaskFixture(w, UUID2, { owner: TENANT1 }));
    controller = new TasksController(w.deps());
  });
  afterEach(() => w.close());

  it('test_index_unauthorized: get_tasks denied answers 403', () => {
    w.policy.set_rules({ get_tasks: false });
    expect(httpError(() => controller.index(getFakeRequest())).pyName).toBe('HTTPForbidden');
  });

  it('test_get_unauthorized: get_task denied answers 403', () => {
    w.policy.set_rules({ get_task: false });
    expect(httpError(() => controller.get(getFakeRequest(), UUID2)).pyName).toBe('HTTPForbidden');
  });

  it('test_access_get_unauthorized: tasks_api_access denied answers a bare 403', () => {
    w.policy.set_rules({ tasks_api_access: false, get_task: true });
    const e = httpError(() => controller.get(getFakeRequest(), UUID2));
    expect(e.pyName).toBe('HTTPForbidden');
    expect(e.explanation).toBe('Access was denied to this resource.');
  });

  it('test_create_task_unauthorized: add_task denied answers 403', () => {
    w.policy.set_rules({ add_task: false });
    const task = { type: 'import', input: { import_from: 'fake' } };
    expect(httpError(() => controller.create(getFakeRequest(), task)).pyName).toBe('HTTPForbidden');
  });

  it('test_delete: delete always answers 405', () => {
    const e = httpError(() => controller.delete(getFakeRequest(), 'fake_id'));
    expect(e.status).toBe(405);
    expect(e.explanation).toBe('This operation is currently not permitted on Glance Tasks. They are auto deleted after reaching the time based on their expires_at property.');
  });

  it('test_access_delete_unauthorized: tasks_api_access denied on delete answers 403', () => {
    w.policy.set_rules({ tasks_api_access: false });
    expect(httpError(() => controller.delete(getFakeRequest(), 'fake_id')).pyName).toBe('HTTPForbidden');
  });
});

describe('TestTasksDeserializerPolicies', () => {
  // Glance checks tasks_api_access in the deserializer so that a caller without access gets 403, not a 400 for a bad request.
  const policy = new FakePolicyEnforcer();
  const deserializer = new RequestDeserializer(null, policy);
  const bad_path = '/tasks?limit=NaN';
  const bad_task = { typo: 'import', input: { import_from: 'fake' } };

  it('test_access_index_authorized_bad_query_string: with access, a bad query is a 400', () => {
    policy.set_rules({ tasks_api_access: true, get_tasks: true });
    expect(() => deserializer.index(getFakeWsgiRequest({ path: bad_path }))).toThrow(HTTPBadRequest);
  });

  it('test_access_index_unauthorized: without access, the same query is a 403', () => {
    policy.set_rules({ tasks_api_access: false, get_tasks: true });
    expect(() => deserializer.index(getFakeWsgiRequest({ path: bad_path }))).toThrow(HTTPForbidden);
  });

  it('test_access_create_authorized_bad_format: with access, a bad body is a 400', () => {
    policy.set_rules({ tasks_api_access: true, add_task: true });
    expect(() => deserializer.create(jsonRequest(bad_task))).toThrow(HTTPBadRequest);
  });

  it('test_access_create_unauthorized: without access, the same body is a 403', () => {
    policy.set_rules({ tasks_api_access: false, add_task: true });
    expect(() => deserializer.create(jsonRequest(bad_task))).toThrow(HTTPForbidden);
  });
});

describe('TestTasksDeserializer', () => {
  const deserializer = new RequestDeserializer(null, new FakePolicyEnforcer());
  const index = (path: string) => plain(deserializer.index(getFakeWsgiRequest({ path }))) as Record<string, unknown>;
  const indexError = (path: string) => () => deserializer.index(getFakeWsgiRequest({ path }));
  const MARKER = 'cd4bdbf8-4b4a-4e2b-8d76-2d9f13e3e1c1';

  it('test_create_no_body: a request without a body is a 400', () => {
    expect(() => deserializer.create(getFakeWsgiRequest())).toThrow(HTTPBadRequest);
  });

  it('test_create: type and input are the task', () => {
    const properties = {
      type: 'import',
      input: { import_from: 'swift://cloud.foo/myaccount/mycontainer/path', import_from_format: 'qcow2', image_properties: { name: 'fake1' } },
    };
    expect(plain(deserializer.create(jsonRequest(properties)))).toEqual({ task: properties });
  });

  it('test_index: limit and marker are taken out of the filters', () => {
    expect(index(`/tasks?limit=1&marker=${MARKER}`)).toEqual({ limit: 1, marker: MARKER, sort_key: 'created_at', sort_dir: 'desc', filters: {} });
  });

  it('test_index_strip_params_from_filters: the type filter', () => {
    expect((index('/tasks?type=import')['filters'] as Record<string, unknown>)['type']).toBe('import');
  });

  it('test_index_with_many_filter: status and type filters', () => {
    const filters = index('/tasks?status=success&type=import')['filters'] as Record<string, unknown>;
    expect(filters['status']).toBe('success');
    expect(filters['type']).toBe('import');
  });

  it('test_index_with_filter_and_limit: a filter and a limit', () => {
    const output = index('/tasks?status=success&limit=1');
    expect((output['filters'] as Record<string, unknown>)['status']).toBe('success');
    expect(output['limit']).toBe(1);
  });

  it('test_index_non_integer_limit: a limit that is not an integer is a 400', () => {
    expect(indexError('/tasks?limit=blah')).toThrow(HTTPBadRequest);
  });

  it('test_index_zero_limit: a zero limit is kept', () => {
    expect(index('/tasks?limit=0')).toEqual({ limit: 0, sort_key: 'created_at', sort_dir: 'desc', filters: {} });
  });

  it('test_index_negative_limit: a negative limit is a 400', () => {
    expect(indexError('/tasks?limit=-1')).toThrow(HTTPBadRequest);
  });

  it('test_index_fraction: a fractional limit is a 400', () => {
    expect(indexError('/tasks?limit=1.1')).toThrow(HTTPBadRequest);
  });

  it('test_index_invalid_status: an unknown status filter is a 400', () => {
    expect(indexError('/tasks?status=blah')).toThrow(HTTPBadRequest);
  });

  it('test_index_marker: the marker is passed on', () => {
    expect(index(`/tasks?marker=${MARKER}`)['marker']).toBe(MARKER);
  });

  it('test_index_marker_not_specified: no marker key without a marker', () => {
    expect(index('/tasks')).not.toHaveProperty('marker');
  });

  it('test_index_limit_not_specified: no limit key without a limit', () => {
    expect(index('/tasks')).not.toHaveProperty('limit');
  });

  it('test_index_sort_key_id: the sort key is passed on unchecked', () => {
    expect(index('/tasks?sort_key=id')).toEqual({ sort_key: 'id', sort_dir: 'desc', filters: {} });
  });

  it('test_index_sort_dir_asc: the sort direction', () => {
    expect(index('/tasks?sort_dir=asc')).toEqual({ sort_key: 'created_at', sort_dir: 'asc', filters: {} });
  });

  it('test_index_sort_dir_bad_value: an unknown sort direction is a 400', () => {
    expect(indexError('/tasks?sort_dir=invalid')).toThrow(HTTPBadRequest);
  });

  it('a marker that is not UUID-like is a 400; braces, urn:uuid: and dashes are allowed around 32 hex digits', () => {
    expect(indexError('/tasks?marker=not-a-uuid')).toThrow(HTTPBadRequest);
    expect(index(`/tasks?marker=%7Burn:uuid:${MARKER.toUpperCase()}%7D`)['marker']).toBe(`{urn:uuid:${MARKER.toUpperCase()}}`);
  });

  it("quirk: a list body naming 'type' and 'input' passes the required check and the schema, then fails on list.pop (a 500)", () => {
    expect(() => deserializer.create(jsonRequest(['type', 'input']))).toThrow(TypeError_);
  });
});

describe('TestTasksSerializer', () => {
  const serializer = new ResponseSerializer({ now: () => DATETIME });
  const fixtures = (): domain.Task[] => [
    domainTask(UUID1, { type: 'import', status: 'pending', task_input: { loc: 'fake' }, result: {}, owner: TENANT1, message: '' }),
    domainTask(UUID2, { type: 'import', status: 'processing', task_input: { loc: 'bake' }, owner: TENANT2, message: '', result: {} }),
    domainTask(UUID3, { type: 'import', status: 'success', task_input: { loc: 'foo' }, owner: TENANT3, message: '', result: {}, expires_at: DATETIME }),
    domainTask(UUID4, { type: 'import', status: 'failure', task_input: { loc: 'boo' }, owner: TENANT4, message: '', result: {}, expires_at: DATETIME }),
  ];
  const stub = (id: string, status: string, owner: string, expires: boolean): Record<string, unknown> => ({
    id, type: 'import', status, owner, ...(expires ? { expires_at: ISOTIME } : {}),
    created_at: ISOTIME, updated_at: ISOTIME, self: `/v2/tasks/${id}`, schema: '/v2/schemas/task',
  });
  const written = (write: (response: ReturnType<typeof responseFor>) => void, path = '/v2/tasks') => {
    const response = responseFor(WsgiRequest.blank(path));
    write(response);
    expect(response.content_type).toBe('application/json');
    return { response, body: toPlain(jsonBody(response)) as Record<string, unknown> };
  };

  it('test_index: stubs without input/result/message; expires_at only when set', () => {
    const { response, body } = written((r) => serializer.index(r, { tasks: fixtures() }));
    expect(response.status_int).toBe(200);
    expect(body).toEqual({
      tasks: [
        stub(UUID1, 'pending', TENANT1, false), stub(UUID2, 'processing', TENANT2, false),
        stub(UUID3, 'success', TENANT3, true), stub(UUID4, 'failure', TENANT4, true),
      ],
      first: '/v2/tasks',
      schema: '/v2/schemas/tasks',
    });
  });

  it('test_index_next_marker: the next link carries the marker', () => {
    expect(written((r) => serializer.index(r, { tasks: fixtures(), next_marker: UUID2 })).body['next']).toBe(`/v2/tasks?marker=${UUID2}`);
  });

  it('test_index_carries_query_parameters: first and next keep the query string', () => {
    const { body } = written((r) => serializer.index(r, { tasks: fixtures(), next_marker: UUID2 }), '/v2/tasks?limit=10&sort_key=id&sort_dir=asc');
    expect(body['first']).toBe('/v2/tasks?limit=10&sort_key=id&sort_dir=asc');
    expect(body['next']).toBe(`/v2/tasks?limit=10&sort_key=id&sort_dir=asc&marker=${UUID2}`);
  });

  it('test_get: the full view of a finished task', () => {
    expect(written((r) => serializer.get(r, fixtures()[3] as domain.Task)).body).toEqual({
      id: UUID4, type: 'import', status: 'failure', input: { loc: 'boo' }, result: {}, owner: TENANT4, message: '',
      created_at: ISOTIME, updated_at: ISOTIME, expires_at: ISOTIME, self: `/v2/tasks/${UUID4}`, schema: '/v2/schemas/task',
    });
  });

  it('test_get_ensure_expires_at_not_returned: no expires_at while unset', () => {
    const [first, second] = fixtures();
    expect(written((r) => serializer.get(r, first as domain.Task)).body).toEqual({
      id: UUID1, type: 'import', status: 'pending', input: { loc: 'fake' }, result: {}, owner: TENANT1, message: '',
      created_at: ISOTIME, updated_at: ISOTIME, self: `/v2/tasks/${UUID1}`, schema: '/v2/schemas/task',
    });
    expect(written((r) => serializer.get(r, second as domain.Task)).body).toEqual({
      id: UUID2, type: 'import', status: 'processing', input: { loc: 'bake' }, result: {}, owner: TENANT2, message: '',
      created_at: ISOTIME, updated_at: ISOTIME, self: `/v2/tasks/${UUID2}`, schema: '/v2/schemas/task',
    });
  });

  it('test_create: 201 with the task view and its Location, expires_at included when set', () => {
    const task = fixtures()[3] as domain.Task;
    const { response, body } = written((r) => serializer.create(r, task));
    expect(response.status_int).toBe(201);
    expect(response.headers.get('Location')).toBe(`/v2/tasks/${UUID4}`);
    expect(body['id']).toBe(task.task_id);
    expect(body['input']).toEqual(task.task_input);
    expect(body).toHaveProperty('expires_at');
  });

  it('test_create_ensure_expires_at_is_not_returned: no expires_at while unset', () => {
    for (const task of fixtures().slice(0, 2)) {
      const { response, body } = written((r) => serializer.create(r, task));
      expect(response.status_int).toBe(201);
      expect(body['id']).toBe(task.task_id);
      expect(body['input']).toEqual(task.task_input);
      expect(body).not.toHaveProperty('expires_at');
    }
  });
});

describe('TasksResponseSerializer quirks kept by the port', () => {
  it('quirk: an ImmutableTaskProxy has no task_input, so _format_task raises AttributeError', () => {
    const serializer = new TasksResponseSerializer({ now: () => DATETIME });
    const immutable = new ImmutableTaskProxy(domainTask(UUID1, { owner: TENANT1 }));
    expect(() => serializer.get(immutable as unknown as TaskLike)).toThrow(AttributeError);
  });

  it('the format-1 index builds its links from the query a client would have sent', () => {
    const serializer = new TasksResponseSerializer({ now: () => DATETIME });
    const req = makeRequest(getFakeRequest().context, [['limit', '1']]);
    expect(serializer.index(req, { tasks: [], next_marker: UUID2 }).body['next']).toBe(`/v2/tasks?limit=1&marker=${UUID2}`);
  });
});

