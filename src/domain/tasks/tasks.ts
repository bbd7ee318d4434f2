/**
 * task.create, task.index and task.get. Tasks are stored, never run here.
 * tasks_api_access gates every op (a bare 403), then the task policies.
 * @see glance/api/v2/tasks.py TasksController
 */
import { pyStr } from '../../lib/python.js';
import type { Ctx } from '../context.js';
import { DomainError, fail } from '../errors.js';
import { isotime } from '../images/view.js';
import { collectionLinks, queryPairs } from '../links.js';
import { TaskRepository, type Task } from './repository.js';

const TASK_TYPES = ['import', 'api_image_import'];

function requireTasksApi(ctx: Ctx): void {
  if (!ctx.policy.allows(ctx.actor, 'tasks_api_access', {})) fail('forbidden', 'Access was denied to this resource.', 'HTTPForbidden');
}

const repository = (ctx: Ctx): TaskRepository => new TaskRepository(ctx.world.db, ctx.world.clock);

function taskBody(t: Task): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: t.id, input: t.input, type: t.type, status: t.status, owner: t.owner, message: t.message, result: t.result,
    created_at: isotime(t.created_at), updated_at: isotime(t.updated_at),
  };
  if (t.expires_at !== null) body['expires_at'] = isotime(t.expires_at);
  return body;
}

function stubBody(t: Task): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: t.id, type: t.type, status: t.status, owner: t.owner, created_at: isotime(t.created_at), updated_at: isotime(t.updated_at),
  };
  if (t.expires_at !== null) body['expires_at'] = isotime(t.expires_at);
  return body;
}

/** NOTE(quirk): the task.create payload reports expires_at as now, and result/message as None. */
function taskPayload(ctx: Ctx, t: Task): Record<string, unknown> {
  return {
    id: t.id, type: t.type, status: t.status, result: null, owner: t.owner, message: null,
    expires_at: isotime(t.expires_at ?? ctx.world.clock.now()), created_at: isotime(t.created_at), updated_at: isotime(t.updated_at),
    deleted: false, deleted_at: null,
  };
}

export function createTask(ctx: Ctx, task: Readonly<Record<string, unknown>>): Record<string, unknown> {
  requireTasksApi(ctx);
  // The task executor factory builds an image repo: a bad protections file fails here.
  ctx.protections();
  const owner = ctx.actor.owner;
  if (owner === null) fail('forbidden', 'You are not permitted to create this task with owner as: None', 'Forbidden');
  // The id is drawn before the type is checked, as TaskFactory.new_task does.
  const id = ctx.world.ids.uuid4();
  const type = task['type'];
  if (!TASK_TYPES.includes(type as string)) fail('crash', pyStr(type), 'InvalidTaskType');
  const now = ctx.world.clock.now();
  const created: Task = {
    id, type: type as string, status: 'pending', owner: owner as string, expires_at: null,
    created_at: now, updated_at: now, input: task['input'] ?? null, result: null, message: '',
  };
  ctx.policy.enforce(ctx.actor, 'add_task', {});
  repository(ctx).insert(created);
  ctx.notify('task.create', taskPayload(ctx, created));
  return taskBody(created);
}

export function indexTasks(ctx: Ctx, args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  requireTasksApi(ctx);
  const filters = { ...((args['filters'] as Record<string, unknown> | undefined) ?? {}), deleted: false };
  const limit = Math.min(ctx.settings.api_limit_max, (args['limit'] as number | undefined) ?? ctx.settings.limit_param_default);
  ctx.policy.enforce(ctx.actor, 'get_tasks', {});
  let tasks: Task[];
  try {
    tasks = repository(ctx).list(ctx.actor, {
      filters, limit, marker: (args['marker'] as string | undefined) ?? null,
      sortKey: (args['sort_key'] as string | undefined) ?? 'created_at', sortDir: (args['sort_dir'] as string | undefined) ?? 'desc',
    });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'not_found') fail('bad_request', e.message, e.kind);
    throw e;
  }
  const nextMarker = tasks.length !== 0 && tasks.length === limit ? (tasks[tasks.length - 1] as Task).id : null;
  return { tasks: tasks.map(stubBody), ...collectionLinks('/v2/tasks', queryPairs(args, false), nextMarker) };
}

export function getTask(ctx: Ctx, id: string): Record<string, unknown> {
  requireTasksApi(ctx);
  ctx.policy.enforce(ctx.actor, 'get_task', {});
  try {
    return taskBody(repository(ctx).get(ctx.actor, id));
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'not_found' || e.code === 'forbidden')) fail('not_found', `Could not find task ${id}`, e.kind);
    throw e;
  }
}
