/**
 * The (deprecated) v2 tasks API: tasks are created and listed but, as the
 * scenario format says, never run. The request deserializer enforces
 * `tasks_api_access` before it reads anything, then checks the body
 * (create) or the query (index); the serializer answers 201 with Location
 * on create.
 */
import { Forbidden, InvalidFilterRangeValue, InvalidSortKey, NotFound } from '../../exception.js';
import { HTTPBadRequest, HTTPForbidden, HTTPMethodNotAllowed, HTTPNotFound } from '../../webob.js';
import { Gateway, type PolicyEnforcerLike, type TaskLike, type TaskStubLike } from '../../gateway.js';
import type { Clock } from '../../../shared/world.js';
import type { Settings } from '../../../shared/settings.js';
import {
  collectionView, contextOf, isotime, pyGetattr, pyMinLimit, requestParams, toRecord, writeJson,
  type ControllerDeps, type ControllerRequest, type SerializerResponse,
} from './images.js';
import { KeyError, TypeError_ } from '../../../lib/python.js';
import { JSONRequestDeserializer, JSONResponseSerializer, Resource, bindKwargs, type Kwargs, type Request } from '../../common/wsgi.js';
import { CollectionSchema, Schema } from '../../schema.js';
import { InvalidObject } from '../../exception.js';
import { pyIntOrNull } from '../../../lib/webob/compat.js';
import type { MultiDict } from '../../../lib/webob/multidict.js';
import { filterSetItem, type ListFilters } from '../../list-filters.js';

/**
 * `tasks_api_access`, which the tasks deserializer (create, index) and the
 * controller (get, delete) enforce; a denial is a bare 403.
 * @see glance/api/v2/tasks.py _enforce_access_policy
 */
export function _enforce_access_policy(policy: PolicyEnforcerLike, req: ControllerRequest): void {
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
  filters?: ListFilters | null;
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
  create(req: ControllerRequest, task: Readonly<Record<string, unknown>>): TaskLike {
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
  index(req: ControllerRequest, args: TaskIndexArgs = {}): TaskIndexResult {
    const filters: ListFilters = args.filters ?? {};
    filterSetItem(filters, 'deleted', false);
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
  get(req: ControllerRequest, task_id: string): TaskLike {
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
  delete(req: ControllerRequest, _task_id: string): never {
    _enforce_access_policy(this.policy, req);
    const msg = 'This operation is currently not permitted on Glance Tasks. They are auto deleted after reaching the time based on their expires_at property.';
    throw new HTTPMethodNotAllowed({ explanation: msg, headers: { Allow: 'GET' }, body_template: '${explanation}' });
  }
}

/** `task['type']`: the parsed body must carry the key. */
function field(task: Readonly<Record<string, unknown>>, key: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(task, key)) throw new KeyError(key);
  return task[key];
}

/** A task's view: the task schema's properties of its attributes. */
function taskSchemaProperties(): Map<string, unknown> {
  return new Map<string, unknown>([
    ['id', {
      description: 'An identifier for the task',
      pattern: '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$',
      type: 'string',
    }],
    ['type', { description: 'The type of task represented by this content', enum: ['import', 'api_image_import'], type: 'string' }],
    ['status', { description: 'The current status of this task', enum: ['pending', 'processing', 'success', 'failure'], type: 'string' }],
    ['input', { description: 'The parameters required by task, JSON blob', type: ['null', 'object'] }],
    ['result', { description: 'The result of current task, JSON blob', type: ['null', 'object'] }],
    ['owner', { description: 'An identifier for the owner of this task', type: 'string' }],
    ['message', { description: 'Human-readable informative message only included when appropriate (usually on failure)', type: 'string' }],
    ['expires_at', { description: 'Datetime when this resource would be subject to removal', type: ['null', 'string'] }],
    ['created_at', { description: 'Datetime when this resource was created', type: 'string' }],
    ['updated_at', { description: 'Datetime when this resource was updated', type: 'string' }],
    ['self', { readOnly: true, type: 'string' }],
    ['schema', { readOnly: true, type: 'string' }],
  ]);
}

/** @see glance/api/v2/tasks.py get_task_schema */
export function get_task_schema(): Schema {
  return new Schema('task', taskSchemaProperties());
}

/** The task schema without input, result and message (what a listing shows). */
export function _get_partial_task_schema(): Schema {
  const properties = taskSchemaProperties();
  for (const key of ['input', 'result', 'message']) properties.delete(key);
  return new Schema('task', properties);
}

/** @see glance/api/v2/tasks.py get_collection_schema */
export function get_collection_schema(): CollectionSchema {
  return new CollectionSchema('tasks', _get_partial_task_schema());
}

/** `uuidutils.is_uuid_like`: 32 hex digits once 'urn:', 'uuid:', braces and dashes are dropped. */
export function is_uuid_like(val: string): boolean {
  const formatted = val.split('urn:').join('').split('uuid:').join('').replace(/^[{}]+|[{}]+$/g, '').split('-').join('');
  return /^[0-9a-fA-F]{32}$/.test(formatted);
}

/**
 * The tasks request deserializer.
 * @see glance/api/v2/tasks.py RequestDeserializer
 */
export class RequestDeserializer extends JSONRequestDeserializer {
  static readonly _required_properties: readonly string[] = ['type', 'input'];
  readonly schema: Schema;

  constructor(schema: Schema | null, readonly policy_engine: PolicyEnforcerLike) {
    super();
    this.schema = schema ?? get_task_schema();
  }

  _get_request_body(request: Request): unknown {
    const output = super.default(request);
    if (!('body' in output)) throw new HTTPBadRequest({ explanation: 'Body expected in request.' });
    return output['body'];
  }

  _validate_sort_dir(sort_dir: string): string {
    if (sort_dir !== 'asc' && sort_dir !== 'desc') throw new HTTPBadRequest({ explanation: `Invalid sort direction: ${sort_dir}` });
    return sort_dir;
  }

  /** Only status and type are checked (the last value of a repeated one). */
  _get_filters(filters: MultiDict<string>): MultiDict<string> {
    const status = filters.get('status');
    if (status && !['pending', 'processing', 'success', 'failure'].includes(status)) {
      throw new HTTPBadRequest({ explanation: `Invalid status value: ${status}` });
    }
    const type = filters.get('type');
    if (type && type !== 'import') throw new HTTPBadRequest({ explanation: `Invalid type value: ${type}` });
    return filters;
  }

  _validate_marker(marker: string): string {
    if (marker && !is_uuid_like(marker)) throw new HTTPBadRequest({ explanation: 'Invalid marker format' });
    return marker;
  }

  _validate_limit(limit: string): number | bigint {
    const n = pyIntOrNull(limit);
    if (n === null) throw new HTTPBadRequest({ explanation: 'limit param must be an integer' });
    if (n < 0n) throw new HTTPBadRequest({ explanation: 'limit param must be positive' });
    return Number.isSafeInteger(Number(n)) ? Number(n) : n;
  }

  /**
   * NOTE(quirk): glance/api/v2/tasks.py tests `param not in body`, so a
   * list body naming 'type' and 'input' passes (and fails later, a 500).
   */
  _validate_create_body(body: unknown): void {
    for (const param of RequestDeserializer._required_properties) {
      const present = body instanceof Map ? body.has(param) : Array.isArray(body) && body.includes(param);
      if (!present) throw new HTTPBadRequest({ explanation: `Task '${param}' is required` });
    }
  }

  /** @see glance/api/v2/tasks.py RequestDeserializer.create */
  create(request: Request): Kwargs {
    _enforce_access_policy(this.policy_engine, requestWithContext(request));
    const body = this._get_request_body(request);
    this._validate_create_body(body);
    try {
      this.schema.validate(body);
    } catch (e) {
      if (e instanceof InvalidObject) throw new HTTPBadRequest({ explanation: e.msg });
      throw e;
    }
    if (!(body instanceof Map)) throw new TypeError_("'str' object cannot be interpreted as an integer");
    const task = new Map<string, unknown>();
    for (const key of RequestDeserializer._required_properties) {
      if (!body.has(key)) continue;
      task.set(key, body.get(key));
      body.delete(key);
    }
    return { task };
  }

  /** @see glance/api/v2/tasks.py RequestDeserializer.index */
  index(request: Request): Kwargs {
    _enforce_access_policy(this.policy_engine, requestWithContext(request));
    const params = request.params.copy();
    const limit = params.contains('limit') ? params.pop('limit') : null;
    const marker = params.contains('marker') ? params.pop('marker') : null;
    const sort_dir = params.contains('sort_dir') ? params.pop('sort_dir') : 'desc';
    const query_params: Kwargs = {
      sort_key: params.contains('sort_key') ? params.pop('sort_key') : 'created_at',
      sort_dir: this._validate_sort_dir(sort_dir),
      filters: this._get_filters(params),
    };
    if (marker !== null) query_params['marker'] = this._validate_marker(marker);
    if (limit !== null) query_params['limit'] = this._validate_limit(limit);
    return query_params;
  }
}

/** The request as the policy reads it: `request.context`. */
function requestWithContext(request: Request): ControllerRequest {
  return { context: request.context as ControllerRequest['context'] };
}

/**
 * The tasks response serializer.
 * @see glance/api/v2/tasks.py ResponseSerializer
 */
export class ResponseSerializer extends JSONResponseSerializer {
  readonly task_schema: Schema;
  readonly partial_task_schema: Schema;

  constructor(private readonly clock: Clock, task_schema: Schema | null = null, partial_task_schema: Schema | null = null) {
    super();
    this.task_schema = task_schema ?? get_task_schema();
    this.partial_task_schema = partial_task_schema ?? _get_partial_task_schema();
  }

  _inject_location_header(response: SerializerResponse, task: TaskStubLike): void {
    response.headers.setItem('Location', this._get_task_location(task));
  }

  _get_task_location(task: TaskStubLike): string {
    return `/v2/tasks/${task.task_id}`;
  }

  /**
   * NOTE(quirk): glance/api/v2/tasks.py reads `task.task_input`, which an
   * ImmutableTaskProxy does not have (it exposes `input`): AttributeError.
   * @see glance/api/v2/tasks.py ResponseSerializer._format_task
   */
  _format_task(schema: Schema, task: TaskLike): Map<string, unknown> {
    const task_view = new Map<string, unknown>([
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
    if (task.expires_at) task_view.set('expires_at', isotime(task.expires_at, this.clock));
    return schema.filter(task_view);
  }

  /** @see glance/api/v2/tasks.py ResponseSerializer._format_task_stub */
  _format_task_stub(schema: Schema, task: TaskStubLike): Map<string, unknown> {
    const task_view = new Map<string, unknown>([
      ['id', task.task_id],
      ['type', task.type],
      ['status', task.status],
      ['owner', task.owner],
      ['created_at', isotime(task.created_at, this.clock)],
      ['updated_at', isotime(task.updated_at, this.clock)],
      ['self', this._get_task_location(task)],
      ['schema', '/v2/schemas/task'],
    ]);
    if (task.expires_at) task_view.set('expires_at', isotime(task.expires_at, this.clock));
    return schema.filter(task_view);
  }

  create(response: SerializerResponse, task: TaskLike): void {
    response.status_int = 201;
    this._inject_location_header(response, task);
    this.get(response, task);
  }

  get(response: SerializerResponse, task: TaskLike): void {
    writeJson(response, this._format_task(this.task_schema, task));
  }

  index(response: SerializerResponse, result: TaskIndexResult): void {
    const tasks = result.tasks.map((t) => this._format_task_stub(this.partial_task_schema, t));
    writeJson(response, collectionView('tasks', requestParams(response).items(), tasks, result.next_marker));
  }
}

/**
 * TasksController as wsgi.Resource calls it (see images.ts
 * ImagesResourceController). None of its actions is `@utils.mutating`.
 */
export class TasksResourceController {
  constructor(readonly controller: TasksController) {}

  create(req: ControllerRequest, kwargs: Kwargs): TaskLike {
    const a = bindKwargs('create', [{ name: 'task' }], kwargs);
    return this.controller.create(contextOf(req), toRecord(a['task'] as Map<string, unknown>));
  }

  index(req: ControllerRequest, kwargs: Kwargs): TaskIndexResult {
    const a = bindKwargs('index', [
      { name: 'marker', default: null }, { name: 'limit', default: null }, { name: 'sort_key', default: 'created_at' },
      { name: 'sort_dir', default: 'desc' }, { name: 'filters', default: null },
    ], kwargs);
    return this.controller.index(contextOf(req), {
      marker: a['marker'] as string | null,
      limit: a['limit'] === null ? null : Number(a['limit']),
      sort_key: a['sort_key'] as string,
      sort_dir: a['sort_dir'] as string,
      // The query MultiDict itself reaches the db api, as in Glance (list-filters.ts).
      filters: a['filters'] as MultiDict<unknown> | null,
    });
  }

  get(req: ControllerRequest, kwargs: Kwargs): TaskLike {
    const a = bindKwargs('get', [{ name: 'task_id' }], kwargs);
    return this.controller.get(contextOf(req), a['task_id'] as string);
  }

  delete(req: ControllerRequest, kwargs: Kwargs): never {
    const a = bindKwargs('delete', [{ name: 'task_id' }], kwargs);
    return this.controller.delete(contextOf(req), a['task_id'] as string);
  }
}

/**
 * The tasks resource. Glance's deserializer builds its own policy
 * Enforcer over the same rules; the port hands it the deployment's.
 * @see glance/api/v2/tasks.py create_resource
 */
export function create_resource(deps: ControllerDeps): Resource {
  const task_schema = get_task_schema();
  const partial_task_schema = _get_partial_task_schema();
  const deserializer = new RequestDeserializer(task_schema, deps.policy_enforcer);
  const serializer = new ResponseSerializer(deps.clock, task_schema, partial_task_schema);
  const controller = new TasksResourceController(new TasksController(deps));
  return new Resource(controller, deserializer, serializer);
}

// ------------------------------------------------------------ format 1

/** The tasks serializer for format-1 scenarios: the same views, as a status and a plain body. */
export class TasksResponseSerializer {
  private readonly serializer: ResponseSerializer;

  constructor(clock: Clock) {
    this.serializer = new ResponseSerializer(clock);
  }

  _get_task_location(task: TaskStubLike): string {
    return this.serializer._get_task_location(task);
  }

  _format_task(task: TaskLike): Record<string, unknown> {
    return toRecord(this.serializer._format_task(this.serializer.task_schema, task));
  }

  _format_task_stub(task: TaskStubLike): Record<string, unknown> {
    return toRecord(this.serializer._format_task_stub(this.serializer.partial_task_schema, task));
  }

  create(task: TaskLike): { status: number; body: Record<string, unknown>; location: string } {
    return { status: 201, body: this._format_task(task), location: this._get_task_location(task) };
  }

  get(task: TaskLike): { status: number; body: Record<string, unknown> } {
    return { status: 200, body: this._format_task(task) };
  }

  /** @see glance/api/v2/tasks.py ResponseSerializer.index */
  index(req: { readonly params: ReadonlyArray<readonly [string, string]> }, result: TaskIndexResult): { status: number; body: Record<string, unknown> } {
    const tasks = result.tasks.map((t) => this._format_task_stub(t));
    return { status: 200, body: toRecord(collectionView('tasks', req.params, tasks, result.next_marker)) };
  }
}
