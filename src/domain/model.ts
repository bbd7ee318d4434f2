/**
 * The flattened model: each scenario op is one use case, read top to bottom
 * in src/domain/<area>/. This file only dispatches and turns a domain error
 * into the HTTP answer (status from its code, text as Glance shows it).
 */
import type { Caller, Model, ModelSession, OpName, StepOutcome, World } from '../shared/world.js';
import { stepContext, type Ctx } from './context.js';
import { DomainError, type ErrorCode } from './errors.js';
import { createImage, type CreateArgs } from './images/create.js';
import { downloadImage, uploadImage } from './images/data.js';
import { deleteImage, toggleImage } from './images/lifecycle.js';
import { indexImages, showImage } from './images/read.js';
import { addTag, removeTag } from './images/tags.js';
import { updateImage, type Change } from './images/update.js';
import { createTask, getTask, indexTasks } from './tasks/tasks.js';
import { createMember, deleteMember, listMembers, showMember, updateMember } from './members/members.js';

type Args = Readonly<Record<string, unknown>>;
type Handler = (ctx: Ctx, args: Args) => StepOutcome;

const STATUS: Readonly<Record<ErrorCode, number>> = {
  bad_request: 400, forbidden: 403, not_found: 404, conflict: 409, gone: 410, too_large: 413,
  internal: 500, crash: 500, unavailable: 503,
};

/** webob's stock text for a 500 whose cause Glance never explained. */
const SERVER_ERROR = 'The server has either erred or is incapable of performing the requested operation.';

const str = (a: Args, key: string): string => a[key] as string;
const uploadBytes = (a: Args): Buffer =>
  'data_b64' in a ? Buffer.from(String(a['data_b64']), 'base64') : Buffer.from(String(a['data'] ?? ''), 'utf8');
const ok = (status: number, body?: unknown): StepOutcome => (body === undefined ? { status } : { status, body });

const HANDLERS: Record<OpName, Handler> = {
  'image.create': (ctx, a) =>
    ok(201, createImage(ctx, {
      image: (a['image'] ?? {}) as CreateArgs['image'],
      extra_properties: (a['extra_properties'] ?? {}) as CreateArgs['extra_properties'],
      tags: (a['tags'] ?? []) as unknown[],
    })),
  'image.show': (ctx, a) => ok(200, showImage(ctx, str(a, 'image_id'))),
  'image.index': (ctx, a) => ok(200, indexImages(ctx, a)),
  'image.update': (ctx, a) => ok(200, updateImage(ctx, str(a, 'image_id'), (a['changes'] ?? []) as Change[])),
  'image.delete': (ctx, a) => (deleteImage(ctx, str(a, 'image_id')), ok(204)),
  'image.deactivate': (ctx, a) => (toggleImage(ctx, str(a, 'image_id'), 'deactivate'), ok(204)),
  'image.reactivate': (ctx, a) => (toggleImage(ctx, str(a, 'image_id'), 'reactivate'), ok(204)),
  'image.upload': (ctx, a) => (uploadImage(ctx, str(a, 'image_id'), uploadBytes(a), (a['size'] as number | undefined) ?? null), ok(204)),
  'image.download': (ctx, a) => {
    const bytes = downloadImage(ctx, str(a, 'image_id'));
    return bytes === null ? ok(204) : ok(200, { data_b64: bytes.toString('base64') });
  },
  'member.create': (ctx, a) => ok(200, createMember(ctx, str(a, 'image_id'), str(a, 'member_id'))),
  'member.update': (ctx, a) => ok(200, updateMember(ctx, str(a, 'image_id'), str(a, 'member_id'), a['status'])),
  'member.index': (ctx, a) => ok(200, listMembers(ctx, str(a, 'image_id'))),
  'member.show': (ctx, a) => ok(200, showMember(ctx, str(a, 'image_id'), str(a, 'member_id'))),
  'member.delete': (ctx, a) => (deleteMember(ctx, str(a, 'image_id'), str(a, 'member_id')), ok(204)),
  'task.create': (ctx, a) => ok(201, createTask(ctx, (a['task'] ?? {}) as Args)),
  'task.index': (ctx, a) => ok(200, indexTasks(ctx, a)),
  'task.get': (ctx, a) => ok(200, getTask(ctx, str(a, 'task_id'))),
  'tag.update': (ctx, a) => (addTag(ctx, str(a, 'image_id'), str(a, 'tag_value')), ok(204)),
  'tag.delete': (ctx, a) => (removeTag(ctx, str(a, 'image_id'), str(a, 'tag_value')), ok(204)),
};

export function outcomeOf(e: unknown): StepOutcome {
  if (e instanceof DomainError) {
    const status = STATUS[e.code];
    const error = e.code === 'crash' ? SERVER_ERROR : e.message;
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
};
