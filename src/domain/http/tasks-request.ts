/**
 * Reading a tasks request (glance/api/v2/tasks.py RequestDeserializer):
 * the create body (type and input, against the task schema) and the list
 * query (limit, marker, sort, the status and type filters).
 */
import type { PyJson } from '../../lib/pyjson.js';
import { MultiDict, type Request } from '../../lib/webob/index.js';
import { keyIn, taskBodyNotADict } from '../compat/request-bodies.js';
import { DomainError } from '../errors.js';
import type { TaskQuery } from '../tasks/tasks.js';
import { requiredJsonBody } from './body.js';
import { parseLimit } from './images-request.js';
import { TASK_SCHEMA, validateAgainst } from './schemas.js';

const badRequest = (text: string): DomainError => new DomainError('HTTPBadRequest', text);

export interface TaskBody {
  readonly type: PyJson;
  readonly input: PyJson;
}

/**
 * The required keys are tested with `param in body` (compat/request-bodies.ts
 * keyIn), so a list body naming 'type' and 'input' passes them and the
 * schema (it has no top-level type), and fails after (taskBodyNotADict).
 */
export function parseTaskCreate(req: Request): TaskBody {
  const body = requiredJsonBody(req);
  for (const key of ['type', 'input']) {
    if (!keyIn(body, key)) throw badRequest(`Task '${key}' is required`);
  }
  validateAgainst(body, TASK_SCHEMA);
  if (!(body instanceof Map)) throw taskBodyNotADict();
  return { type: body.get('type') as PyJson, input: body.get('input') as PyJson };
}

/** The index query as the task listing takes it (its filters: each key at its first place with its last value). */
export type TaskIndexRequest = TaskQuery;

/** `uuidutils.is_uuid_like`: 32 hex digits once 'urn:', 'uuid:', braces and dashes are dropped. */
function isUuidLike(text: string): boolean {
  const hex = text.split('urn:').join('').split('uuid:').join('').replace(/^[{}]+|[{}]+$/g, '').split('-').join('');
  return /^[0-9a-fA-F]{32}$/.test(hex);
}

/** The list query; the first value of a repeated limit, marker or sort is used, the others stay filters. */
export function parseTaskIndex(req: Request): TaskIndexRequest {
  const params = req.params.copy();
  const limit = params.contains('limit') ? params.pop('limit') : null;
  const marker = params.contains('marker') ? params.pop('marker') : null;
  const sortDir = params.contains('sort_dir') ? params.pop('sort_dir') : 'desc';
  const sortKey = params.contains('sort_key') ? params.pop('sort_key') : 'created_at';
  if (sortDir !== 'asc' && sortDir !== 'desc') throw badRequest(`Invalid sort direction: ${sortDir}`);
  const status = params.get('status');
  if (status && !['pending', 'processing', 'success', 'failure'].includes(status)) throw badRequest(`Invalid status value: ${status}`);
  const type = params.get('type');
  if (type && type !== 'import') throw badRequest(`Invalid type value: ${type}`);
  if (marker && !isUuidLike(marker)) throw badRequest('Invalid marker format');
  return { limit: limit === null ? null : parseLimit(limit), marker, sortKey, sortDir, filters: new MultiDict<unknown>(params.items()) };
}
