/**
 * task.create, task.index and task.get. Tasks are stored, never run here.
 * tasks_api_access gates every op (a bare 403), then the task policies.
 * @see glance/api/v2/tasks.py TasksController
 */
import type { MultiDict } from '../../lib/webob/multidict.js';
import type { Ctx } from '../context.js';
import { DomainError, fail } from '../errors.js';
import { taskCreatedPayload } from '../compat/tasks.js';
import { TaskRepository } from '../db/tasks.js';
import type { Task } from './task.js';

/** The (deprecated) tasks API is for admins unless the deployment opens it: a bare 403 otherwise. */
export function requireTasksApi(ctx: Ctx): void {
  if (!ctx.policy.allows(ctx.actor, 'tasks_api_access', {})) fail('HTTPForbidden', '');
}

const repository = (ctx: Ctx): TaskRepository => new TaskRepository(ctx.world.db, ctx.world.clock);

/**
 * TaskFactory.new_task through the policy, notifier and authorization
 * layers, then the repo: the caller must have an owner, the id is drawn
 * before the type is checked, add_task is enforced, task.create is sent.
 */
export function addTask(ctx: Ctx, type: unknown, input: unknown): Task {
  const owner = ctx.actor.owner;
  if (owner === null) fail('Forbidden', 'You are not permitted to create this task with owner as: None');
  // The type is one the task schema allows; the id is drawn all the same.
  const id = ctx.world.ids.uuid4();
  const now = ctx.world.clock.now();
  const created: Task = {
    id, type: type as string, status: 'pending', owner: owner as string, expires_at: null,
    created_at: now, updated_at: now, input: input ?? null, result: null, message: '',
  };
  ctx.policy.enforce(ctx.actor, 'add_task', {});
  repository(ctx).insert(created);
  ctx.notify('task.create', taskCreatedPayload(created, ctx.world.clock.now()));
  return created;
}

export function createTask(ctx: Ctx, task: { readonly type: unknown; readonly input: unknown }): Task {
  requireTasksApi(ctx);
  // The task executor factory builds an image repo: a bad protections file fails here.
  ctx.protections();
  return addTask(ctx, task.type, task.input);
}

export interface TaskQuery {
  readonly limit: number | null;
  readonly marker: string | null;
  readonly sortKey: string;
  readonly sortDir: string;
  /** What is left of the query, repeated keys included. */
  readonly filters: MultiDict<unknown>;
}

export function listTasks(ctx: Ctx, q: TaskQuery): { tasks: Task[]; nextMarker: string | null } {
  requireTasksApi(ctx);
  const filters = q.filters.copy();
  filters.setItem('deleted', false);
  const limit = Math.min(ctx.settings.api_limit_max, q.limit ?? ctx.settings.limit_param_default);
  ctx.policy.enforce(ctx.actor, 'get_tasks', {});
  let tasks: Task[];
  try {
    tasks = repository(ctx).list(ctx.actor, { filters: filters.items(), limit, marker: q.marker, sortKey: q.sortKey, sortDir: q.sortDir });
  } catch (e) {
    if (e instanceof DomainError && e.status === 404) fail('MarkerNotFound', e.message);
    throw e;
  }
  const nextMarker = tasks.length !== 0 && tasks.length === limit ? (tasks[tasks.length - 1] as Task).id : null;
  return { tasks, nextMarker };
}

export function getTask(ctx: Ctx, id: string): Task {
  requireTasksApi(ctx);
  ctx.policy.enforce(ctx.actor, 'get_task', {});
  try {
    return repository(ctx).get(ctx.actor, id);
  } catch (e) {
    if (e instanceof DomainError && (e.status === 404 || e.status === 403)) fail('HTTPNotFound', `Could not find task ${id}`);
    throw e;
  }
}
