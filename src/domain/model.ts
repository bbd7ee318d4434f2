/**
 * The flattened model: each scenario op is one use case, read top to bottom
 * in src/domain/<area>/. Format 2 (HTTP) is answered by the front in
 * src/domain/http/; this file also dispatches format-1 ops and turns a
 * domain error into their answer (status from its code, text as Glance
 * shows it).
 */
import type { Caller, Model, ModelSession, OpName, StepOutcome, World } from '../shared/world.js';
import type { HttpSession } from '../shared/http.js';
import { stepContext, type Ctx } from './context.js';
import { DomainError, type ErrorCode } from './errors.js';
import { FlatHttpSession } from './http/session.js';
import { failurePage } from './http/answers.js';
import { readableLocations } from './images/access.js';
import { createImage } from './images/create.js';
import { imageData, openDownload, uploadImage } from './images/data.js';
import type { Image } from './images/image.js';
import { deleteImage, toggleImage } from './images/lifecycle.js';
import { listImages, showImage } from './images/read.js';
import { addTag, removeTag } from './images/tags.js';
import { updateImage, type Change } from './images/update.js';
import { imageBody } from './images/view.js';
import { collectionLinks, queryPairs } from './links.js';
import { createTask, getTask, listTasks } from './tasks/tasks.js';
import type { Task } from './tasks/repository.js';
import { createMember, deleteMember, listMembers, memberBody, showMember, updateMember } from './members/members.js';
import { isotime } from './images/view.js';

type Args = Readonly<Record<string, unknown>>;
type Handler = (ctx: Ctx, args: Args) => StepOutcome;

const STATUS: Readonly<Record<ErrorCode, number>> = {
  bad_request: 400, forbidden: 403, not_found: 404, conflict: 409, gone: 410, too_large: 413,
  internal: 500, crash: 500, unavailable: 503, unauthorized: 401, no_content: 204,
};

/** webob's stock text for a 500 whose cause Glance never explained. */
const SERVER_ERROR = 'The server has either erred or is incapable of performing the requested operation.';

const str = (a: Args, key: string): string => a[key] as string;
const uploadBytes = (a: Args): Buffer =>
  'data_b64' in a ? Buffer.from(String(a['data_b64']), 'base64') : Buffer.from(String(a['data'] ?? ''), 'utf8');
const ok = (status: number, body?: unknown): StepOutcome => (body === undefined ? { status } : { status, body });
const body = (ctx: Ctx, image: Image): Record<string, unknown> => imageBody(image, ctx.settings, ctx.world.clock, readableLocations(ctx, image));

function create(ctx: Ctx, a: Args): Record<string, unknown> {
  const given: Record<string, unknown> = { ...((a['image'] ?? {}) as Args) };
  const fields = new Map(Object.entries(given).map(([k, v]) => [k === 'id' ? 'image_id' : k, v]));
  const extra = new Map(Object.entries((a['extra_properties'] ?? {}) as Args));
  return body(ctx, createImage(ctx, { image: fields, extra, tags: a['tags'] ?? [] }));
}

function index(ctx: Ctx, a: Args): Record<string, unknown> {
  const page = listImages(ctx, {
    limit: (a['limit'] as number | undefined) ?? null,
    marker: a['marker'] === undefined || a['marker'] === null ? null : String(a['marker']),
    memberStatus: (a['member_status'] as string | undefined) ?? 'accepted',
    sortKeys: (a['sort_key'] as string[] | undefined) ?? [],
    sortDirs: (a['sort_dir'] as string[] | undefined) ?? [],
    filters: new Map(Object.entries((a['filters'] ?? {}) as Args)),
  });
  return { images: page.images.map((i) => body(ctx, i)), ...collectionLinks('/v2/images', queryPairs(a, true), page.nextMarker) };
}

function download(ctx: Ctx, a: Args): StepOutcome {
  const image = openDownload(ctx, str(a, 'image_id'));
  try {
    const bytes = Buffer.concat([...imageData(ctx, image, 0, null)]);
    return ok(200, { data_b64: bytes.toString('base64') });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'no_content') return ok(204);
    throw e;
  }
}

function taskBody(t: Task, full: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = full
    ? { id: t.id, input: t.input, type: t.type, status: t.status, owner: t.owner, message: t.message, result: t.result }
    : { id: t.id, type: t.type, status: t.status, owner: t.owner };
  Object.assign(view, { created_at: isotime(t.created_at), updated_at: isotime(t.updated_at) });
  if (t.expires_at !== null) view['expires_at'] = isotime(t.expires_at);
  return view;
}

function taskIndex(ctx: Ctx, a: Args): Record<string, unknown> {
  const page = listTasks(ctx, {
    limit: (a['limit'] as number | undefined) ?? null,
    marker: (a['marker'] as string | undefined) ?? null,
    sortKey: (a['sort_key'] as string | undefined) ?? 'created_at',
    sortDir: (a['sort_dir'] as string | undefined) ?? 'desc',
    filters: new Map(Object.entries((a['filters'] ?? {}) as Args)),
  });
  return { tasks: page.tasks.map((t) => taskBody(t, false)), ...collectionLinks('/v2/tasks', queryPairs(a, false), page.nextMarker) };
}

const HANDLERS: Record<OpName, Handler> = {
  'image.create': (ctx, a) => ok(201, create(ctx, a)),
  'image.show': (ctx, a) => ok(200, body(ctx, showImage(ctx, str(a, 'image_id')))),
  'image.index': (ctx, a) => ok(200, index(ctx, a)),
  'image.update': (ctx, a) => ok(200, body(ctx, updateImage(ctx, str(a, 'image_id'), (a['changes'] ?? []) as Change[]))),
  'image.delete': (ctx, a) => (deleteImage(ctx, str(a, 'image_id')), ok(204)),
  'image.deactivate': (ctx, a) => (toggleImage(ctx, str(a, 'image_id'), 'deactivate'), ok(204)),
  'image.reactivate': (ctx, a) => (toggleImage(ctx, str(a, 'image_id'), 'reactivate'), ok(204)),
  'image.upload': (ctx, a) => (uploadImage(ctx, str(a, 'image_id'), uploadBytes(a), (a['size'] as number | undefined) ?? null), ok(204)),
  'image.download': download,
  'member.create': (ctx, a) => ok(200, memberBody(createMember(ctx, str(a, 'image_id'), str(a, 'member_id')))),
  'member.update': (ctx, a) => ok(200, memberBody(updateMember(ctx, str(a, 'image_id'), str(a, 'member_id'), a['status']))),
  'member.index': (ctx, a) => ok(200, { members: listMembers(ctx, str(a, 'image_id')).map(memberBody) }),
  'member.show': (ctx, a) => ok(200, memberBody(showMember(ctx, str(a, 'image_id'), str(a, 'member_id')))),
  'member.delete': (ctx, a) => (deleteMember(ctx, str(a, 'image_id'), str(a, 'member_id')), ok(204)),
  'task.create': (ctx, a) => {
    const task = (a['task'] ?? {}) as Args;
    return ok(201, taskBody(createTask(ctx, { type: task['type'], input: task['input'] }), true));
  },
  'task.index': (ctx, a) => ok(200, taskIndex(ctx, a)),
  'task.get': (ctx, a) => ok(200, taskBody(getTask(ctx, str(a, 'task_id')), true)),
  'tag.update': (ctx, a) => (addTag(ctx, str(a, 'image_id'), str(a, 'tag_value')), ok(204)),
  'tag.delete': (ctx, a) => (removeTag(ctx, str(a, 'image_id'), str(a, 'tag_value')), ok(204)),
};

export function outcomeOf(e: unknown): StepOutcome {
  if (e instanceof DomainError) {
    const status = STATUS[e.code];
    const error = e.code === 'crash' ? SERVER_ERROR : e.message || failurePage(e).explanation;
    return { status, error, errorClass: e.kind || e.code };
  }
  // A Python exception from a shared library keeps its Python class name; a JS one is a bug here.
  const pyName = (e as { pyName?: string } | null)?.pyName;
  return { status: 500, error: SERVER_ERROR, errorClass: pyName ?? (e instanceof Error ? `JS:${e.constructor.name}: ${e.message}` : 'unknown') };
}

class FlatSession implements ModelSession {
  constructor(private readonly world: World) {}

  step(caller: Caller | null, op: OpName, args: Args): StepOutcome {
    try {
      return HANDLERS[op](stepContext(this.world, caller), args);
    } catch (e) {
      return outcomeOf(e);
    }
  }
}

export const flatModel: Model = {
  name: 'flat',
  open: (world) => new FlatSession(world),
  openHttp: (world): HttpSession => new FlatHttpSession(world),
};
