/**
 * One handler per action of the routing table: read the request, run the
 * use case, write the answer as Glance's serializer writes it (status,
 * JSON body, Location, the import methods and download headers).
 */
import { pyJsonDumpsValue, toPlain, type PyJson } from '../../lib/pyjson.js';
import { ContentRange, exc, Range, Response, type Request } from '../../lib/webob/index.js';
import type { World } from '../../shared/world.js';
import type { Ctx } from '../context.js';
import { DomainError } from '../errors.js';
import { readableLocations } from '../images/access.js';
import { serializing } from '../compat/http-front.js';
import { createImage } from '../images/create.js';
import { imageData, openDownload, stageImage, uploadImage } from '../images/data.js';
import type { Image } from '../images/image.js';
import { importImage } from '../images/import.js';
import { deleteImage, toggleImage } from '../images/lifecycle.js';
import { listImages, showImage } from '../images/read.js';
import { addTag, removeTag } from '../images/tags.js';
import { updateImage, type Change } from '../images/update.js';
import { rangeImageSize } from '../compat/image-data.js';
import { MEMBER_CREATED_STATUS } from '../compat/members.js';
import { createMember, deleteMember, listMembers, showMember, updateMember } from '../members/members.js';
import { createTask, getTask, listTasks, requireTasksApi } from '../tasks/tasks.js';
import { METADEF_HANDLERS } from '../metadefs/http.js';
import { parseData } from './data-request.js';
import { parseCreate, parseImport, parseIndex, parsePatch, type Change as ParsedChange } from './images-request.js';
import { parseMemberCreate, parseMemberUpdate } from './members-request.js';
import type { Action, RouteSpec } from './routes.js';
import { schemaDocument, validateAgainst, validationImageSchema } from './schemas.js';
import { parseTaskCreate, parseTaskIndex } from './tasks-request.js';
import { collectionView, imageView, memberView, taskView } from './views.js';

/** One routed request. */
export interface Call {
  readonly req: Request;
  readonly route: RouteSpec;
  /** The path's variables (image_id, tag_value, member_id, task_id). */
  readonly vars: Readonly<Record<string, string>>;
  readonly world: World;
  /** The use-case context of the caller (built on first use: see session.ts). */
  ctx(): Ctx;
}

type Handler = (call: Call) => Response | exc.WSGIHTTPException;

/** CONF.enabled_import_methods at Glance 16.0.0's default. */
const IMPORT_METHODS = ['glance-direct', 'web-download'];

const importOff = (): DomainError => new DomainError('HTTPNotFound', 'Image import is not supported at this site.');

/** An images-side JSON answer: `json.dumps(view, ensure_ascii=False)` as text. */
function json(view: unknown, status = 200): Response {
  const response = new Response();
  response.status_int = status;
  response.text = pyJsonDumpsValue(view, { ensureAscii: false });
  response.content_type = 'application/json';
  return response;
}

/** The JSON a resource without a serializer of its own writes (ASCII-escaped bytes). */
function plainJson(view: unknown): Response {
  const response = new Response();
  response.content_type = 'application/json';
  response.body = Buffer.from(pyJsonDumpsValue(view), 'utf8');
  return response;
}

/** A serializer that only sets the status keeps the default (text/html) Content-Type. */
function empty(status: number): Response {
  const response = new Response();
  response.status_int = status;
  return response;
}

function image(call: Call, img: Image): ReturnType<typeof imageView> {
  const ctx = call.ctx();
  return imageView(img, ctx.settings, serializing(() => readableLocations(ctx, img)));
}

const id = (call: Call, name = 'image_id'): string => call.vars[name] as string;

// ------------------------------------------------------------------ images

function createImageAnswer(call: Call): Response {
  const parsed = parseCreate(call.req, call.world.settings);
  const created = createImage(call.ctx(), parsed);
  const response = json(image(call, created), 201);
  response.location = `/v2/images/${created.id}`;
  if (call.world.settings.enable_image_import) response.headerlist.push(['OpenStack-image-import-methods', IMPORT_METHODS.join(',')]);
  return response;
}

function indexAnswer(call: Call): Response {
  const query = parseIndex(call.req);
  const page = listImages(call.ctx(), query);
  return json(collectionView('images', call.req.params, page.images.map((i) => image(call, i)), page.nextMarker));
}

function importAnswer(call: Call): Response {
  const body = parseImport(call.req, call.world.settings);
  importImage(call.ctx(), id(call), body);
  return empty(202);
}

/**
 * A parsed change as the update use case takes it. Dicts in a value
 * (locations and their metadata) become plain objects, as the legacy
 * controller hands them to the location layer; scalars stay Python's.
 */
function controllerChange(c: ParsedChange): Change {
  const plain = (v: PyJson): unknown => (v instanceof Map ? toPlain(v) : v);
  const value = Array.isArray(c.value) ? c.value.map(plain) : c.value === undefined ? undefined : plain(c.value);
  return { op: c.op, path: c.path, json_schema_version: c.jsonSchemaVersion, ...(c.op === 'remove' ? {} : { value }) };
}

// ------------------------------------------------------------------ data

/**
 * The Range (or, kept for old clients, Content-Range) of a download.
 * @see glance/common/wsgi.py Request.get_range_from_request
 */
function requestedRange(req: Request, size: number): Range | ContentRange | null {
  const range = req.headers.get('Range');
  if (range !== null) {
    if (range.includes(',')) {
      throw new DomainError('HTTPBadRequest', 'Requests with multiple ranges are not supported in Glance. You may make multiple single-range requests instead.');
    }
    const parsed = Range.parse(range);
    if (parsed === null) throw new exc.HTTPRequestRangeNotSatisfiable('Invalid Range header.');
    if (parsed.start >= size) {
      throw new exc.HTTPRequestRangeNotSatisfiable(`Invalid start position in Range header. Start position MUST be in the inclusive range [0, ${size - 1}].`);
    }
    return parsed;
  }
  const contentRange = req.headers.get('Content-Range');
  if (contentRange === null) return null;
  const parsed = ContentRange.parse(contentRange);
  if (parsed === null) throw new exc.HTTPRequestRangeNotSatisfiable('Invalid Content-Range header.');
  if (parsed.length === null && parsed.stop !== null && parsed.stop > size) {
    throw new exc.HTTPRequestRangeNotSatisfiable(`Invalid stop position in Content-Range header. The stop position MUST be in the inclusive range [0, ${size - 1}].`);
  }
  if (parsed.start !== null && parsed.start >= size) {
    throw new exc.HTTPRequestRangeNotSatisfiable(`Invalid start position in Content-Range header. Start position MUST be in the inclusive range [0, ${size - 1}].`);
  }
  return parsed;
}

/**
 * The image's bytes, or the byte range asked for (206 with Content-Range);
 * Content-MD5 is the whole image's checksum.
 * @see glance/api/v2/image_data.py ResponseSerializer.download
 */
function downloadAnswer(call: Call): Response {
  const ctx = call.ctx();
  const img = openDownload(ctx, id(call));
  const size = rangeImageSize(img.size);
  const response = new Response();
  let offset = 0;
  let chunkSize: number | null = null;
  let end = 0;
  const range = requestedRange(call.req, size);
  if (range instanceof Range) {
    end = size - 1;
    if (range.start >= 0) offset = range.start;
    else if (Math.abs(range.start) < size) offset = size + range.start;
    if (range.end !== null && range.end < size) {
      chunkSize = range.end - offset;
      end = range.end - 1;
    } else {
      chunkSize = size - offset;
    }
    response.status_int = 206;
  } else if (range instanceof ContentRange) {
    end = (range.stop as number) - 1;
    offset = range.start as number;
    chunkSize = (range.stop as number) - offset;
    response.status_int = 206;
  }
  response.headers.setItem('Content-Type', 'application/octet-stream');
  response.app_iter = imageData(ctx, img, offset, chunkSize);
  if (chunkSize !== null) response.headers.setItem('Content-Range', `bytes ${offset}-${end}/${size}`);
  else chunkSize = typeof img.size === 'number' ? img.size : null;
  if (img.checksum) response.headers.setItem('Content-MD5', String(img.checksum));
  response.headers.setItem('Content-Length', String(chunkSize));
  return response;
}

function uploadAnswer(call: Call): Response {
  const { data, size } = parseData(call.req);
  uploadImage(call.ctx(), id(call), data, size);
  return empty(204);
}

function stageAnswer(call: Call): Response {
  if (!call.world.settings.enable_image_import) throw importOff();
  const { data } = parseData(call.req);
  stageImage(call.ctx(), id(call), data);
  return empty(204);
}

// ------------------------------------------------------------------ tags

/** A new tag must be a valid item of the image schema's tags, as the deployment's image schema has them. */
function tagUpdateAnswer(call: Call): Response {
  const tag = id(call, 'tag_value');
  validateAgainst(new Map([['tags', [tag]]]), validationImageSchema(call.world.settings));
  addTag(call.ctx(), id(call), tag);
  return empty(204);
}

// ------------------------------------------------------------------ tasks

function taskCreateAnswer(call: Call): Response {
  requireTasksApi(call.ctx());
  const body = parseTaskCreate(call.req);
  const task = createTask(call.ctx(), body);
  const response = json(taskView(task, true), 201);
  response.headers.setItem('Location', `/v2/tasks/${task.id}`);
  return response;
}

function taskIndexAnswer(call: Call): Response {
  requireTasksApi(call.ctx());
  const query = parseTaskIndex(call.req);
  const page = listTasks(call.ctx(), query);
  return json(collectionView('tasks', call.req.params, page.tasks.map((t) => taskView(t, false)), page.nextMarker));
}

// ------------------------------------------------------------------ the table

export const HANDLERS: Readonly<Record<Action, Handler>> = {
  'images.index': indexAnswer,
  'images.create': createImageAnswer,
  'images.show': (call) => json(image(call, showImage(call.ctx(), id(call)))),
  'images.update': (call) => {
    const changes = parsePatch(call.req, call.world.settings).map(controllerChange);
    return json(image(call, updateImage(call.ctx(), id(call), changes)));
  },
  'images.delete': (call) => (deleteImage(call.ctx(), id(call)), empty(204)),
  'images.import': importAnswer,
  'actions.deactivate': (call) => (toggleImage(call.ctx(), id(call), 'deactivate'), empty(204)),
  'actions.reactivate': (call) => (toggleImage(call.ctx(), id(call), 'reactivate'), empty(204)),
  'data.download': downloadAnswer,
  'data.upload': uploadAnswer,
  'data.stage': stageAnswer,
  'tags.update': tagUpdateAnswer,
  'tags.delete': (call) => (removeTag(call.ctx(), id(call), id(call, 'tag_value')), empty(204)),
  'members.index': (call) => json(new Map<string, unknown>([['members', listMembers(call.ctx(), id(call)).map(memberView)], ['schema', '/v2/schemas/members']])),
  'members.create': (call) => {
    const member = parseMemberCreate(call.req);
    return json(memberView(createMember(call.ctx(), id(call), member)), MEMBER_CREATED_STATUS);
  },
  'members.show': (call) => json(memberView(showMember(call.ctx(), id(call), id(call, 'member_id')))),
  'members.update': (call) => {
    const status = parseMemberUpdate(call.req);
    return json(memberView(updateMember(call.ctx(), id(call), id(call, 'member_id'), status)));
  },
  // The controller answers its own Response(body='', status=204): no Content-Type.
  'members.delete': (call) => (deleteMember(call.ctx(), id(call), id(call, 'member_id')), new Response({ body: '', status: 204 })),
  'tasks.index': taskIndexAnswer,
  'tasks.create': taskCreateAnswer,
  'tasks.get': (call) => json(taskView(getTask(call.ctx(), id(call, 'task_id')), true)),
  'tasks.delete': (call) => {
    requireTasksApi(call.ctx());
    const text = 'This operation is currently not permitted on Glance Tasks. They are auto deleted after reaching the time based on their expires_at property.';
    throw new exc.HTTPMethodNotAllowed({ explanation: text, headers: { Allow: 'GET' }, body_template: '${explanation}' });
  },
  'schemas.document': (call) => plainJson(schemaDocument(call.route.document as string, call.world.settings)),
  'info.import': (call) => {
    if (!call.world.settings.enable_image_import) throw importOff();
    const methods = new Map<string, unknown>([['description', 'Import methods available.'], ['type', 'array'], ['value', [...IMPORT_METHODS]]]);
    return plainJson(new Map([['import-methods', methods]]));
  },
  ...METADEF_HANDLERS,
};
