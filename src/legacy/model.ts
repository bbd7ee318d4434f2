/**
 * The legacy model, both ways the reference runner (shared/oracle/run.py)
 * drives the real Glance 16.0.0:
 * - format 1 (`open`): each scenario step is one call of a v2 controller,
 *   then its response serializer;
 * - format 2 (`openHttp`): each step is an HTTP request through Glance's
 *   whole v2 WSGI application, `ContextMiddleware(API(APIMapper()))`.
 * Trace normalisation (links, tag order, ids, times, store root) and
 * notification collection are the runners' job, not this file's.
 */
import { contextFromCaller } from './context.js';
import { Enforcer } from './policy.js';
import { Notifier } from './notifier.js';
import { createDbApi } from './db/sqlalchemy-api.js';
import { WSGIHTTPException, HTTPInternalServerError, HTTPNotFound, httpErrorMessage } from './webob.js';
import { PyException } from '../lib/python.js';
import type { Caller, Model, ModelSession, OpName, StepOutcome, World } from '../shared/world.js';
import { headerValue, type HttpRequest, type HttpResponse, type HttpSession } from '../shared/http.js';
import { environFromRequest, environFromUrl, httpResponseOf, Request as WebobRequest, v2PathOf } from '../lib/webob/index.js';
import { ContextMiddleware } from './api/middleware/context.js';
import { API } from './api/v2/router.js';
import { APIMapper, ERROR_CLASS_KEY, pyClassOfError } from './common/wsgi.js';
import type { GatewayDeps, ImageLike, OmittableLayer } from './gateway.js';
import { ImagesController, ImagesResponseSerializer, makeRequest, type Change, type IndexArgs, type Request } from './api/v2/images.js';
import { ImageDataController, ImageDataResponseSerializer, drain } from './api/v2/image-data.js';
import { ImageActionsController } from './api/v2/image-actions.js';
import { TagsController } from './api/v2/image-tags.js';
import { ImageMembersController, ImageMembersResponseSerializer } from './api/v2/image-members.js';
import { TasksController, TasksResponseSerializer, _enforce_access_policy, type TaskIndexArgs } from './api/v2/tasks.js';

type Args = Readonly<Record<string, unknown>>;
type Handler = (req: Request, args: Args) => StepOutcome;

/** What one scenario needs: the controllers and serializers over one world. */
class LegacySession implements ModelSession {
  private readonly images: ImagesController;
  private readonly data: ImageDataController;
  private readonly actions: ImageActionsController;
  private readonly members: ImageMembersController;
  private readonly tags: TagsController;
  private readonly tasks: TasksController;
  private readonly imagesSer: ImagesResponseSerializer;
  private readonly dataSer = new ImageDataResponseSerializer();
  private readonly membersSer: ImageMembersResponseSerializer;
  private readonly tasksSer: TasksResponseSerializer;
  private readonly handlers: Record<OpName, Handler>;

  constructor(private readonly world: World, private readonly deps: GatewayDeps) {
    this.images = new ImagesController(deps);
    this.data = new ImageDataController(deps);
    this.actions = new ImageActionsController(deps);
    this.members = new ImageMembersController(deps);
    this.tags = new TagsController(deps);
    this.tasks = new TasksController(deps);
    this.imagesSer = new ImagesResponseSerializer(world.settings, world.clock);
    this.membersSer = new ImageMembersResponseSerializer(world.clock);
    this.tasksSer = new TasksResponseSerializer(world.clock);
    this.handlers = this.buildHandlers();
  }

  step(caller: Caller | null, op: OpName, args: Args): StepOutcome {
    const handler = this.handlers[op];
    try {
      const context = contextFromCaller(caller, { settings: this.world.settings, policy: this.deps.policy_enforcer });
      return handler(makeRequest(context, queryOf(op, args)), args);
    } catch (e) {
      return outcomeOfError(e);
    }
  }

  private buildHandlers(): Record<OpName, Handler> {
    return {
      'image.create': (req, a) => this.imageCreate(req, a),
      'image.show': (req, a) => this.imagesSer.show(this.images.show(req, str(a, 'image_id'))),
      'image.index': (req, a) => this.imagesSer.index(req, this.images.index(req, indexArgs(a) as IndexArgs)),
      'image.update': (req, a) => this.imagesSer.update(this.images.update(req, str(a, 'image_id'), changesOf(a))),
      'image.delete': (req, a) => {
        this.images.delete(req, str(a, 'image_id'));
        return this.imagesSer.delete();
      },
      'image.deactivate': (req, a) => {
        this.actions.deactivate(req, str(a, 'image_id'));
        return { status: 204 };
      },
      'image.reactivate': (req, a) => {
        this.actions.reactivate(req, str(a, 'image_id'));
        return { status: 204 };
      },
      'image.upload': (req, a) => {
        this.data.upload(req, str(a, 'image_id'), chunked(uploadBytes(a)), sizeOf(a));
        return this.dataSer.upload();
      },
      'image.download': (req, a) => this.imageDownload(req, a),
      'tag.update': (req, a) => {
        this.tags.update(req, str(a, 'image_id'), str(a, 'tag_value'));
        return { status: 204 };
      },
      'tag.delete': (req, a) => {
        this.tags.delete(req, str(a, 'image_id'), str(a, 'tag_value'));
        return { status: 204 };
      },
      'member.create': (req, a) => this.membersSer.create(this.members.create(req, str(a, 'image_id'), str(a, 'member_id'))),
      'member.update': (req, a) =>
        this.membersSer.update(this.members.update(req, str(a, 'image_id'), str(a, 'member_id'), a['status'])),
      'member.index': (req, a) => this.membersSer.index(this.members.index(req, str(a, 'image_id'))),
      'member.show': (req, a) => this.membersSer.show(this.members.show(req, str(a, 'image_id'), str(a, 'member_id'))),
      'member.delete': (req, a) => this.members.delete(req, str(a, 'image_id'), str(a, 'member_id')),
      'task.create': (req, a) => {
        // The v2 tasks deserializer enforces tasks_api_access before the controller runs.
        _enforce_access_policy(this.deps.policy_enforcer, req);
        const created = this.tasks.create(req, { ...deepCopy(a['task'] as Args) });
        const { status, body } = this.tasksSer.create(created);
        return { status, body };
      },
      'task.index': (req, a) => {
        _enforce_access_policy(this.deps.policy_enforcer, req);
        return this.tasksSer.index(req, this.tasks.index(req, indexArgs(a) as TaskIndexArgs));
      },
      'task.get': (req, a) => this.tasksSer.get(this.tasks.get(req, str(a, 'task_id'))),
    };
  }

  /** The v2 deserializer maps the body's 'id' to the factory's 'image_id'. */
  private imageCreate(req: Request, a: Args): StepOutcome {
    const image: Record<string, unknown> = { ...deepCopy((a['image'] as Args | undefined) ?? {}) };
    if (Object.prototype.hasOwnProperty.call(image, 'id')) {
      image['image_id'] = image['id'];
      delete image['id'];
    }
    const extra = { ...deepCopy((a['extra_properties'] as Args | undefined) ?? {}) };
    const tags = [...deepCopy((a['tags'] as unknown[] | undefined) ?? [])];
    return this.imagesSer.create(this.images.create(req, image, extra, tags));
  }

  /** The WSGI server drains app_iter after the serializer; image.send is sent then. */
  private imageDownload(req: Request, a: Args): StepOutcome {
    const image: ImageLike = this.data.download(req, str(a, 'image_id'));
    const response = this.dataSer.download(image);
    const bytes = drain(response);
    return { status: response.status, body: { data_b64: bytes.toString('base64') } };
  }
}

// ------------------------------------------------------------ argument plumbing

function str(a: Args, key: string): string {
  return a[key] as string;
}

/** A deep copy, so the controller's mutations (filters['deleted']) never reach the scenario. */
function deepCopy<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function indexArgs(a: Args): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['marker', 'limit', 'sort_key', 'sort_dir', 'filters', 'member_status']) {
    if (Object.prototype.hasOwnProperty.call(a, key)) out[key] = deepCopy(a[key]);
  }
  return out;
}

function changesOf(a: Args): Change[] {
  return (a['changes'] as Args[]).map((c) => ({ ...deepCopy(c) }) as unknown as Change);
}

function uploadBytes(a: Args): Buffer {
  if (Object.prototype.hasOwnProperty.call(a, 'data_b64')) return Buffer.from(String(a['data_b64']), 'base64');
  const text = a['data'];
  return Buffer.from(typeof text === 'string' ? text : '', 'utf-8');
}

function sizeOf(a: Args): number | null {
  const size = a['size'];
  return typeof size === 'number' ? size : null;
}

/** `io.BytesIO(data)` as the stores read it: 64 KiB chunks. */
function chunked(data: Buffer, chunkSize = 65536): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunkSize) chunks.push(data.subarray(i, i + chunkSize));
  return chunks;
}

/**
 * The query string a client would have sent for an index (the reference
 * runner's `_index_query`): limit, marker, sort keys, sort dirs,
 * member_status, then the filters in scenario order ('tags' as repeated 'tag').
 */
export function queryOf(op: OpName, a: Args): Array<[string, string]> {
  if (op !== 'image.index' && op !== 'task.index') return [];
  const q: Array<[string, string]> = [];
  const push = (k: string, v: unknown): void => {
    q.push([k, pyQueryValue(v)]);
  };
  if ('limit' in a) push('limit', a['limit']);
  if ('marker' in a) push('marker', a['marker']);
  for (const key of ['sort_key', 'sort_dir']) {
    if (!(key in a)) continue;
    const v = a[key];
    for (const one of Array.isArray(v) ? v : [v]) push(key, one);
  }
  if (op === 'image.index' && 'member_status' in a) push('member_status', a['member_status']);
  const filters = (a['filters'] as Args | undefined) ?? {};
  for (const [k, v] of Object.entries(filters)) {
    if (k === 'tags' && Array.isArray(v)) for (const t of v) push('tag', t);
    else push(k, v);
  }
  return q;
}

/** `str(v)` as urlencode applies it to a query value. */
function pyQueryValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

// ------------------------------------------------------------ errors

const SERVER_ERROR_TEXT = new HTTPInternalServerError().explanation;

/**
 * A webob error answers its status and text; anything else escaping a
 * controller is what glance.common.wsgi.Resource turns into a bare 500.
 */
export function outcomeOfError(e: unknown): StepOutcome {
  if (e instanceof WSGIHTTPException) {
    if (e.status < 400) return { status: e.status, errorClass: e.pyName };
    return { status: e.status, error: httpErrorMessage(e), errorClass: e.pyName };
  }
  const errorClass = e instanceof PyException ? e.pyName : `JS:${e instanceof Error ? e.constructor.name : typeof e}`;
  // Like ORACLE_DEBUG for the reference runner: the traceback behind a 500.
  if (process.env.PEEL_DEBUG) process.stderr.write(`500 from ${errorClass}: ${e instanceof Error ? e.stack : String(e)}\n`);
  return { status: 500, error: SERVER_ERROR_TEXT, errorClass };
}

// ------------------------------------------------------------ HTTP (format 2)

/**
 * Glance's v2 WSGI application over one world: the app is built once per
 * session, as the reference runner builds it once per scenario (and a
 * glance-api process once per worker).
 */
class LegacyHttpSession implements HttpSession {
  private readonly app: ContextMiddleware;

  constructor(world: World, deps: GatewayDeps) {
    // ContextMiddleware builds its own policy.Enforcer(), over the same rules.
    const policy_enforcer = new Enforcer(world.settings);
    this.app = new ContextMiddleware(new API(new APIMapper(), deps), { settings: world.settings, policy_enforcer });
  }

  /**
   * The request as a WSGI environ (the path after `/v2` as PATH_INFO), the
   * app's answer as the client gets it. A download's body stays a lazy
   * iterable: `image.send` is sent when the caller has drained it.
   */
  handle(request: HttpRequest): HttpResponse {
    // Outside /v2 the v2 app is never reached.
    // NOTE(guess): a deployed glance-api (paste urlmap with versionnegotiation)
    // answers such targets 300 with the versions document; the reference
    // runner cannot send them, so the port answers webob's plain 404.
    if (v2PathOf(request.target) === null) return httpResponseOf(new WebobRequest(notUnderV2Environ(request)).get_response(new HTTPNotFound()));
    let environ: Record<string, unknown> | undefined;
    try {
      environ = environFromRequest(request);
      const response = httpResponseOf(new WebobRequest(environ).get_response(this.app));
      const errorClass = environ[ERROR_CLASS_KEY];
      return typeof errorClass === 'string' ? { ...response, errorClass } : response;
    } catch (e) {
      return serverFailure(e);
    }
  }
}

/** The environ the 404 of a target outside /v2 is rendered in: its page depends only on the method and Accept. */
function notUnderV2Environ(request: HttpRequest): Record<string, unknown> {
  const environ = environFromUrl('/');
  environ['REQUEST_METHOD'] = request.method;
  const accept = headerValue(request.headers, 'Accept');
  if (accept !== undefined) environ['HTTP_ACCEPT'] = accept;
  return environ;
}

/**
 * What eventlet's WSGI server (glance-api's) answers when the application
 * raises instead of answering: 500, `Content-type: text/plain`, an empty
 * body (the traceback only with debug on, which Glance never sets). The
 * reference runner has no server and stops on such a step.
 */
function serverFailure(e: unknown): HttpResponse {
  const errorClass = pyClassOfError(e);
  if (process.env.PEEL_DEBUG) process.stderr.write(`escaped the app: ${e instanceof Error ? e.stack : String(e)}\n`);
  return {
    status: 500,
    reason: 'Internal Server Error',
    headers: [['Content-type', 'text/plain'], ['Content-length', '0']],
    body: Buffer.alloc(0),
    errorClass,
  };
}

/** Builds the per-scenario dependencies Glance's controllers are constructed with. */
export function depsFor(world: World, omit?: OmittableLayer): GatewayDeps {
  const policy_enforcer = new Enforcer(world.settings);
  return {
    db_api: createDbApi(world.db, { settings: world.settings, clock: world.clock, ids: world.ids }),
    store_api: world.store,
    notifier: new Notifier(world.notifications),
    policy_enforcer,
    settings: world.settings,
    clock: world.clock,
    ids: world.ids,
    ...(omit ? { omit } : {}),
  };
}

/**
 * The legacy model with one layer left out of the Gateway: not Glance, but
 * a probe. When a scenario tells the flat model from the legacy one, the
 * layer whose absence makes legacy answer like flat is the one flat missed.
 */
export function legacyModelWithout(omit: OmittableLayer): Model {
  return {
    name: `legacy-without-${omit}`,
    open(world: World): ModelSession {
      return new LegacySession(world, depsFor(world, omit));
    },
    openHttp(world: World): HttpSession {
      return new LegacyHttpSession(world, depsFor(world, omit));
    },
  };
}

/** Glance 16.0.0's v2 API, layer by layer, as a Model. */
export const legacyModel: Model = {
  name: 'legacy',
  open(world: World): ModelSession {
    return new LegacySession(world, depsFor(world));
  },
  openHttp(world: World): HttpSession {
    return new LegacyHttpSession(world, depsFor(world));
  },
};
