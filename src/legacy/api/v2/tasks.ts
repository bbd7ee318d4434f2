/**
 * The (deprecated) v2 tasks API: tasks are created and listed but, as the
 * scenario format says, never run.
 */
import { Forbidden, InvalidFilterRangeValue, InvalidSortKey, NotFound } from '../../exception.js';
import { HTTPBadRequest, HTTPForbidden, HTTPMethodNotAllowed, HTTPNotFound } from '../../webob.js';
import { Gateway, type PolicyEnforcerLike, type TaskLike, type TaskStubLike } from '../../gateway.js';
import type { Clock } from '../../../shared/world.js';
import type { Settings } from '../../../shared/settings.js';
import { collectionBody, isotime, pyGetattr, pyMinLimit, schemaFilter, type ControllerDeps, type Request } from './images.js';
import { KeyError } from '../../../lib/python.js';

/**
 * `tasks_api_access`, which the tasks deserializer (create, index) and the
 * controller (get, delete) enforce; a denial is a bare 403.
 * @see glance/api/v2/tasks.py _enforce_access_policy
 */
export function _enforce_access_policy(policy: PolicyEnforcerLike, req: Request): void {
  try {
    policy.enforce(req.context, 'tasks_api_access', {});
  } catch (e) {
    if (e instanceof Forbidden) throw new HTTPForbidden();
    throw e;
  }
}

export interface TaskIndexArgs {
  marker?: string | null;
  limit?: number | null;
  sort_key?: string;
  sort_dir?: string;
  filters?: Record<string, unknown> | null;
}

export interface TaskIndexResult {
  tasks: TaskStubLike[];
  next_marker?: string;
}

/**
 * The tasks resource.
 * @see glance/api/v2/tasks.py TasksController
 */
export class TasksController {
  readonly gateway: Gateway;
  readonly policy: PolicyEnforcerLike;
  private readonly settings: Settings;

  constructor(deps: ControllerDeps) {
    this.gateway = new Gateway(deps);
    this.policy = deps.policy_enforcer;
    this.settings = deps.settings;
  }

  /**
   * Stores a pending task. The executor is built, as in Glance, but the task
   * is never spawned (the format stores tasks without running them).
   * @see glance/api/v2/tasks.py TasksController.create
   */
  create(req: Request, task: Readonly<Record<string, unknown>>): TaskLike {
    const task_factory = this.gateway.get_task_factory(req.context);
    const executor_factory = this.gateway.get_task_executor_factory(req.context);
    const task_repo = this.gateway.get_task_repo(req.context);
    try {
      const new_task = task_factory.new_task({
        task_type: field(task, 'type'), owner: req.context.owner, task_input: field(task, 'input'),
      });
      task_repo.add(new_task);
      executor_factory.new_task_executor(req.context);
      return new_task;
    } catch (e) {
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: e.msg });
      throw e;
    }
  }

  /** @see glance/api/v2/tasks.py TasksController.index */
  index(req: Request, args: TaskIndexArgs = {}): TaskIndexResult {
    const filters: Record<string, unknown> = args.filters ?? {};
    filters['deleted'] = false;
    const limit = pyMinLimit(this.settings.api_limit_max, args.limit ?? this.settings.limit_param_default);
    const task_repo = this.gateway.get_task_stub_repo(req.context);
    try {
      const tasks = task_repo.list({
        marker: args.marker ?? null, limit, sort_key: args.sort_key ?? 'created_at',
        sort_dir: args.sort_dir ?? 'desc', filters,
      });
      const result: TaskIndexResult = { tasks };
      const last = tasks[tasks.length - 1];
      if (tasks.length !== 0 && tasks.length === limit && last) result.next_marker = last.task_id;
      return result;
    } catch (e) {
      if (e instanceof NotFound || e instanceof InvalidSortKey || e instanceof InvalidFilterRangeValue) {
        throw new HTTPBadRequest({ explanation: e.msg });
      }
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: e.msg });
      throw e;
    }
  }

  /** @see glance/api/v2/tasks.py TasksController.get */
  get(req: Request, task_id: string): TaskLike {
    _enforce_access_policy(this.policy, req);
    try {
      const task_repo = this.gateway.get_task_repo(req.context);
      return task_repo.get(task_id);
    } catch (e) {
      if (e instanceof NotFound) throw new HTTPNotFound({ explanation: e.msg });
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: e.msg });
      throw e;
    }
  }

  /** @see glance/api/v2/tasks.py TasksController.delete (always 405) */
  delete(req: Request, _task_id: string): never {
    _enforce_access_policy(this.policy, req);
    const msg = 'This operation is currently not permitted on Glance Tasks. They are auto deleted after reaching the time based on their expires_at property.';
    throw new HTTPMethodNotAllowed({ explanation: msg });
  }
}

/** `task['type']`: the parsed body must carry the key. */
function field(task: Readonly<Record<string, unknown>>, key: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(task, key)) throw new KeyError(key);
  return task[key];
}

const TASK_SCHEMA_PROPERTIES: ReadonlySet<string> = new Set([
  'id', 'type', 'status', 'input', 'result', 'owner', 'message', 'expires_at', 'created_at', 'updated_at', 'self', 'schema',
]);
const PARTIAL_TASK_SCHEMA_PROPERTIES: ReadonlySet<string> = new Set(
  [...TASK_SCHEMA_PROPERTIES].filter((k) => k !== 'input' && k !== 'result' && k !== 'message'),
);

/**
 * The tasks response serializer.
 * @see glance/api/v2/tasks.py ResponseSerializer
 */
export class TasksResponseSerializer {
  constructor(private readonly clock: Clock) {}

  _get_task_location(task: TaskStubLike): string {
    return `/v2/tasks/${task.task_id}`;
  }

  /**
   * NOTE(quirk): glance/api/v2/tasks.py reads `task.task_input`, which an
   * ImmutableTaskProxy does not have (it exposes `input`): AttributeError.
   * @see glance/api/v2/tasks.py ResponseSerializer._format_task
   */
  _format_task(task: TaskLike): Record<string, unknown> {
    const view = new Map<string, unknown>([
      ['id', task.task_id],
      ['input', pyGetattr(task, 'task_input')],
      ['type', task.type],
      ['status', task.status],
      ['owner', task.owner],
      ['message', task.message],
      ['result', task.result],
      ['created_at', isotime(task.created_at, this.clock)],
      ['updated_at', isotime(task.updated_at, this.clock)],
      ['self', this._get_task_location(task)],
      ['schema', '/v2/schemas/task'],
    ]);
    if (task.expires_at) view.set('expires_at', isotime(task.expires_at, this.clock));
    return schemaFilter(view, TASK_SCHEMA_PROPERTIES, false);
  }

  /** @see glance/api/v2/tasks.py ResponseSerializer._format_task_stub */
  _format_task_stub(task: TaskStubLike): Record<string, unknown> {
    const view = new Map<string, unknown>([
      ['id', task.task_id],
      ['type', task.type],
      ['status', task.status],
      ['owner', task.owner],
      ['created_at', isotime(task.created_at, this.clock)],
      ['updated_at', isotime(task.updated_at, this.clock)],
      ['self', this._get_task_location(task)],
      ['schema', '/v2/schemas/task'],
    ]);
    if (task.expires_at) view.set('expires_at', isotime(task.expires_at, this.clock));
    return schemaFilter(view, PARTIAL_TASK_SCHEMA_PROPERTIES, false);
  }

  create(task: TaskLike): { status: number; body: Record<string, unknown>; location: string } {
    return { status: 201, body: this._format_task(task), location: this._get_task_location(task) };
  }

  get(task: TaskLike): { status: number; body: Record<string, unknown> } {
    return { status: 200, body: this._format_task(task) };
  }

  /** @see glance/api/v2/tasks.py ResponseSerializer.index */
  index(req: Request, result: TaskIndexResult): { status: number; body: Record<string, unknown> } {
    const tasks = result.tasks.map((t) => this._format_task_stub(t));
    return { status: 200, body: collectionBody('tasks', req, tasks, result.next_marker) };
  }
}
