/**
 * Port of glance/tests/unit/v2/test_tasks_resource.py: the tasks controller
 * through the whole onion on the SQLite db api, and its serializer.
 */
// not ported: TestTasksController.test_create_with_live_time - runs the taskflow executor; the port never runs tasks (inert executor, as the oracle)
// not ported: TestTasksController.test_create_with_wrong_import_form - runs the taskflow import executor; tasks are never run
// not ported: TestTasksController.test_create_with_properties_missed - runs the taskflow import executor; tasks are never run
// not ported: TestTasksDeserializerPolicies.test_access_index_authorized_bad_query_string - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializerPolicies.test_access_create_authorized_bad_format - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_create_no_body - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_create - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_index - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_index_strip_params_from_filters - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_index_with_many_filter - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_index_with_filter_and_limit - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_index_non_integer_limit - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_index_zero_limit - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_index_negative_limit - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_index_fraction - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_index_invalid_status - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_index_marker - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_index_marker_not_specified - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_index_limit_not_specified - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_index_sort_key_id - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_index_sort_dir_asc - deserializer not in scope (format gives parsed args)
// not ported: TestTasksDeserializer.test_index_sort_dir_bad_value - deserializer not in scope (format gives parsed args)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TasksController, TasksResponseSerializer, _enforce_access_policy } from '../../../src/legacy/api/v2/tasks.js';
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
import { AttributeError } from '../../../src/lib/python.js';

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
  // The deserializer's only part in scope is its tasks_api_access check (the model runs it for create and index).
  const policy = new FakePolicyEnforcer();

  it('test_access_index_unauthorized: tasks_api_access denied answers 403 before any parsing', () => {
    policy.set_rules({ tasks_api_access: false, get_tasks: true });
    expect(httpError(() => _enforce_access_policy(policy, getFakeRequest())).pyName).toBe('HTTPForbidden');
  });

  it('test_access_create_unauthorized: tasks_api_access denied answers 403 before any parsing', () => {
    policy.set_rules({ tasks_api_access: false, add_task: true });
    expect(httpError(() => _enforce_access_policy(policy, getFakeRequest())).pyName).toBe('HTTPForbidden');
  });
});

describe('TestTasksSerializer', () => {
  const serializer = new TasksResponseSerializer({ now: () => DATETIME });
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

  it('test_index: stubs without input/result/message; expires_at only when set', () => {
    const { status, body } = serializer.index(makeRequest(getFakeRequest().context), { tasks: fixtures() });
    expect(status).toBe(200);
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
    const { body } = serializer.index(makeRequest(getFakeRequest().context), { tasks: fixtures(), next_marker: UUID2 });
    expect(body['next']).toBe(`/v2/tasks?marker=${UUID2}`);
  });

  it('test_index_carries_query_parameters: first and next keep the query string', () => {
    const req = makeRequest(getFakeRequest().context, [['limit', '10'], ['sort_key', 'id'], ['sort_dir', 'asc']]);
    const { body } = serializer.index(req, { tasks: fixtures(), next_marker: UUID2 });
    expect(body['first']).toBe('/v2/tasks?limit=10&sort_key=id&sort_dir=asc');
    expect(body['next']).toBe(`/v2/tasks?limit=10&sort_key=id&sort_dir=asc&marker=${UUID2}`);
  });

  it('test_get: the full view of a finished task', () => {
    expect(serializer.get(fixtures()[3] as domain.Task).body).toEqual({
      id: UUID4, type: 'import', status: 'failure', input: { loc: 'boo' }, result: {}, owner: TENANT4, message: '',
      created_at: ISOTIME, updated_at: ISOTIME, expires_at: ISOTIME, self: `/v2/tasks/${UUID4}`, schema: '/v2/schemas/task',
    });
  });

  it('test_get_ensure_expires_at_not_returned: no expires_at while unset', () => {
    const [first, second] = fixtures();
    expect(serializer.get(first as domain.Task).body).toEqual({
      id: UUID1, type: 'import', status: 'pending', input: { loc: 'fake' }, result: {}, owner: TENANT1, message: '',
      created_at: ISOTIME, updated_at: ISOTIME, self: `/v2/tasks/${UUID1}`, schema: '/v2/schemas/task',
    });
    expect(serializer.get(second as domain.Task).body).toEqual({
      id: UUID2, type: 'import', status: 'processing', input: { loc: 'bake' }, result: {}, owner: TENANT2, message: '',
      created_at: ISOTIME, updated_at: ISOTIME, self: `/v2/tasks/${UUID2}`, schema: '/v2/schemas/task',
    });
  });

  it('test_create: 201 with the task view, expires_at included when set', () => {
    const task = fixtures()[3] as domain.Task;
    const { status, body } = serializer.create(task);
    expect(status).toBe(201);
    expect(body['id']).toBe(task.task_id);
    expect(body['input']).toEqual(task.task_input);
    expect(body).toHaveProperty('expires_at');
  });

  it('test_create_ensure_expires_at_is_not_returned: no expires_at while unset', () => {
    for (const task of fixtures().slice(0, 2)) {
      const { status, body } = serializer.create(task);
      expect(status).toBe(201);
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
});
