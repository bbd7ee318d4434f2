/**
 * Reading an images request, in the order Glance's deserializer checks it
 * (glance/api/v2/images.py RequestDeserializer): the create body against
 * the image schema, the JSON-patch document of either media type, the
 * index query (limit, marker, member status, tags, filters, sorting) and
 * the import body. Values stay Python's (Maps, PyFloats, big ints).
 */
import { pyStrip } from '../../lib/configparser.js';
import type { PyJson } from '../../lib/pyjson.js';
import { compile } from '../../lib/pyre.js';
import { pyFormat } from '../../lib/python.js';
import { exc, MultiDict, pyIntOrNull, type Request } from '../../lib/webob/index.js';
import type { Settings } from '../../shared/settings.js';
import { popFirst } from '../compat/listing.js';
import { createBodyNotADict, keyIn, notSubscriptable, pointerNotText } from '../compat/request-bodies.js';
import { DomainError } from '../errors.js';
import { requiredJsonBody } from './body.js';
import { validateAgainst, validationImageSchema } from './schemas.js';

type ImageSchemaSettings = Pick<Settings, 'allow_additional_image_properties' | 'disk_formats' | 'container_formats'>;

const badRequest = (text: string): DomainError => new DomainError('HTTPBadRequest', text);
const forbidden = (text: string): DomainError => new DomainError('HTTPForbidden', text);

const DISALLOWED = ['direct_url', 'self', 'file', 'schema'];
const READ_ONLY = ['created_at', 'updated_at', 'status', 'checksum', 'size', 'virtual_size', 'direct_url', 'self', 'file', 'schema', 'id'];
const RESERVED = ['location', 'deleted', 'deleted_at'];
/** The keys a create body's base attributes are taken from, in this order (`id` becomes `image_id`). */
const BASE_KEYS = [
  'checksum', 'created_at', 'container_format', 'disk_format', 'id', 'min_disk', 'min_ram', 'name', 'size',
  'virtual_size', 'status', 'tags', 'owner', 'updated_at', 'visibility', 'protected',
];
const SORT_KEYS = ['name', 'status', 'container_format', 'disk_format', 'size', 'id', 'created_at', 'updated_at'];
const MEMBER_STATUSES = ['pending', 'accepted', 'rejected', 'all'];
const VISIBILITIES = ['community', 'public', 'private', 'shared'];
const OPS = ['add', 'remove', 'replace'];
const PATCH_TYPES: Readonly<Record<string, 4 | 10>> = {
  'application/openstack-images-v2.0-json-patch': 4,
  'application/openstack-images-v2.1-json-patch': 10,
};

/** Python's len() of a str: code points. */
const pyLen = (s: string): number => [...s].length;

// ------------------------------------------------------------------ create

export interface CreateRequest {
  /** The base attributes given, `id` renamed `image_id`. */
  readonly image: Map<string, PyJson>;
  /** Extra properties: text, as the image schema requires. */
  readonly extra: Map<string, string>;
  readonly tags: string[];
}

/** The disallowed keys, tested with `key in body` (compat/request-bodies.ts keyIn). */
function checkAllowed(body: PyJson): void {
  for (const key of DISALLOWED) {
    if (keyIn(body, key)) throw forbidden(`Attribute '${key}' is read-only.`);
  }
}

export function parseCreate(req: Request, settings: ImageSchemaSettings): CreateRequest {
  const body = requiredJsonBody(req);
  checkAllowed(body);
  validateAgainst(body, validationImageSchema(settings));
  if (!(body instanceof Map)) throw createBodyNotADict();
  const extra = new Map(body);
  const tags = extra.get('tags') ?? [];
  extra.delete('tags');
  const image = new Map<string, PyJson>();
  for (const key of BASE_KEYS) {
    if (!extra.has(key)) continue;
    image.set(key === 'id' ? 'image_id' : key, extra.get(key) as PyJson);
    extra.delete(key);
  }
  for (const key of extra.keys()) {
    if (pyLen(key) > 255) throw badRequest('Custom property should not be greater than 255 characters.');
  }
  return { image, extra: extra as Map<string, string>, tags: tags as string[] };
}

// ------------------------------------------------------------------ update

export interface Change {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path: readonly string[];
  readonly value?: PyJson;
  readonly jsonSchemaVersion: 4 | 10;
}

function operationD10(raw: Map<string, PyJson>): Change['op'] {
  const op = raw.get('op') ?? null;
  const available = OPS.join(', ');
  if (op === null) throw badRequest(`Unable to find \`op\` in JSON Schema change. It must be one of the following: ${available}.`);
  if (typeof op !== 'string' || !OPS.includes(op)) {
    throw badRequest(pyFormat('Invalid operation: `%(op)s`. It must be one of the following: %(available)s.', { op, available }));
  }
  return op as Change['op'];
}

function operationD4(raw: Map<string, PyJson>): Change['op'] {
  const present = OPS.filter((op) => raw.has(op));
  if (present.length > 1) throw badRequest('Operation objects must contain only one member named "add", "remove", or "replace".');
  if (present.length === 0) throw badRequest('Operation objects must contain exactly one member named "add", "remove", or "replace".');
  return present[0] as Change['op'];
}

const ADJACENT_SLASHES = compile('/\\s*?/');
const BAD_TILDE = compile('~[^01]');

/**
 * The limited JSON pointers Glance accepts, as a list of tokens (`~1` and
 * `~0` unescaped, each token stripped).
 */
function decodePointer(pointer: PyJson | undefined): string[] {
  if (typeof pointer !== 'string') throw pointerNotText(pointer);
  const bad = (template: string): never => {
    throw badRequest(template.replace('%s', () => pointer));
  };
  const rest = [...pointer].slice(1).join('');
  if (!pointer.startsWith('/')) bad('Pointer `%s` does not start with "/".');
  if (ADJACENT_SLASHES.search(rest) !== null) bad('Pointer `%s` contains adjacent "/".');
  if (pyLen(pointer) > 1 && pointer.endsWith('/')) bad('Pointer `%s` end with "/".');
  if (pyStrip(rest) === '/') bad('Pointer `%s` does not contains valid token.');
  if (BAD_TILDE.search(pointer) !== null || pointer.endsWith('~')) bad('Pointer `%s` contains "~" not part of a recognized escape sequence.');
  return pointer.replace(/^\/+/, '').split('/').map((part) => pyStrip(part.split('~1').join('/').split('~0').join('~')));
}

/** /locations/N for add and remove, /locations alone for replace; every other path has one token. */
function checkDepth(op: Change['op'], path: readonly string[]): void {
  const limit = path[0] === 'locations' ? { add: 2, remove: 2, replace: 1 }[op] : 1;
  if (path.length !== limit) throw badRequest(`Invalid JSON pointer for this resource: '/${path.join('/')}'`);
}

/** Read-only and reserved paths are 403; a value must be what the image schema allows there. */
function checkChange(change: Change, settings: ImageSchemaSettings): void {
  const root = change.path[0] as string;
  if (READ_ONLY.includes(root)) throw forbidden(`Attribute '${root}' is read-only.`);
  if (RESERVED.includes(root)) throw forbidden(`Attribute '${root}' is reserved.`);
  if (change.op === 'remove') return;
  if (change.path.length === 1) {
    validateAgainst(new Map([[root, change.value as PyJson]]), validationImageSchema(settings));
    return;
  }
  const schema = validationImageSchema(settings);
  const fragment = (schema['properties'] as Record<string, Record<string, unknown> | undefined>)[root];
  if (fragment?.['type'] === 'array') validateAgainst(new Map([[root, [change.value as PyJson]]]), schema);
}

function parseChange(raw: PyJson, version: 4 | 10, settings: ImageSchemaSettings): Change {
  if (!(raw instanceof Map)) throw badRequest('Operations must be JSON objects.');
  let op: Change['op'];
  let pointer: PyJson | undefined;
  if (version === 10) {
    op = operationD10(raw);
    if (!raw.has('path')) throw badRequest("Unable to find 'path' in JSON Schema change");
    pointer = raw.get('path');
  } else {
    op = operationD4(raw);
    pointer = raw.get(op);
  }
  const path = decodePointer(pointer);
  checkDepth(op, path);
  let change: Change = { op, path, jsonSchemaVersion: version };
  if (op !== 'remove') {
    if (!raw.has('value')) throw badRequest(`Operation "${op}" requires a member named "value".`);
    change = { ...change, value: raw.get('value') as PyJson };
  }
  checkChange(change, settings);
  return change;
}

/** A JSON-patch body of the v2.1 (draft 10) or v2.0 (draft 4) media type. */
export function parsePatch(req: Request, settings: ImageSchemaSettings): Change[] {
  const version = Object.prototype.hasOwnProperty.call(PATCH_TYPES, req.content_type) ? PATCH_TYPES[req.content_type] : undefined;
  if (version === undefined) {
    throw new exc.HTTPUnsupportedMediaType({ headers: { 'Accept-Patch': Object.keys(PATCH_TYPES).sort().join(', ') } });
  }
  const body = requiredJsonBody(req);
  if (!Array.isArray(body)) throw badRequest('Request body must be a JSON array of operation objects.');
  return body.map((raw) => parseChange(raw, version, settings));
}

// ------------------------------------------------------------------ index

export interface IndexRequest {
  readonly limit: number | null;
  readonly marker: string | null;
  readonly memberStatus: string;
  readonly sortKeys: string[];
  readonly sortDirs: string[];
  /** What is left of the query, repeated keys included; `tags` (the list of tags) last. */
  readonly filters: MultiDict<unknown>;
}

/** int(limit), not negative; a huge one stays as big as Python's int would be, read as a float. */
export function parseLimit(text: string): number {
  const n = pyIntOrNull(text);
  if (n === null) throw badRequest('limit param must be an integer');
  if (n < 0n) throw badRequest('limit param must be positive');
  return Number(n);
}

function sortKey(key: string): string {
  if (!SORT_KEYS.includes(key)) throw badRequest(`Invalid sort key: ${key}. It must be one of the following: ${SORT_KEYS.join(', ')}.`);
  return key;
}

function sortDir(dir: string): string {
  if (dir !== 'asc' && dir !== 'desc') throw badRequest(`Invalid sort direction: ${dir}`);
  return dir;
}

/** `sort=key:dir,...`, or repeated sort_key / sort_dir (one direction for all keys, or one per key). */
function sorting(params: MultiDict<string>): [string[], string[]] {
  const keys: string[] = [];
  const dirs: string[] = [];
  if (params.contains('sort')) {
    if (params.contains('sort_key') || params.contains('sort_dir')) throw badRequest('Old and new sorting syntax cannot be combined');
    for (const item of pyStrip(params.pop('sort')).split(',')) {
      const at = item.indexOf(':');
      const [key, dir] = at < 0 ? [item, ''] : [item.slice(0, at), item.slice(at + 1)];
      keys.push(sortKey(pyStrip(key)));
      dirs.push(sortDir(pyStrip(dir || 'desc')));
    }
  } else {
    while (params.contains('sort_key')) keys.push(sortKey(pyStrip(params.pop('sort_key'))));
    while (params.contains('sort_dir')) dirs.push(sortDir(pyStrip(params.pop('sort_dir'))));
    if (dirs.length > 1 && dirs.length !== keys.length) throw badRequest('Number of sort dirs does not match the number of sort keys');
  }
  if (keys.length === 0) keys.push('created_at');
  if (dirs.length === 0) dirs.push('desc');
  return [keys, dirs];
}

/**
 * The index query: limit, marker, member_status and sort take the first
 * value of a repeated parameter (compat/listing.ts popFirst).
 */
export function parseIndex(req: Request): IndexRequest {
  const params = req.params.copy();
  const limit = popFirst(params, 'limit', null);
  const marker = popFirst(params, 'marker', null);
  const memberStatus = popFirst(params, 'member_status', 'accepted');
  const tags: string[] = [];
  while (params.contains('tag')) tags.push(pyStrip(params.pop('tag')));
  const visibility = params.get('visibility');
  if (visibility && !VISIBILITIES.includes(visibility)) throw badRequest(`Invalid visibility value: ${visibility}`);
  if (params.get('changes-since')) throw badRequest('The "changes-since" filter is no longer available on v2.');
  if (!MEMBER_STATUSES.includes(memberStatus)) throw badRequest(`Invalid status: ${memberStatus}`);
  const parsedLimit = limit === null ? null : parseLimit(limit);
  const [sortKeys, sortDirs] = sorting(params);
  const filters = new MultiDict<unknown>(params.items());
  if (tags.length > 0) filters.setItem('tags', tags);
  return { limit: parsedLimit, marker, memberStatus, sortKeys, sortDirs, filters };
}

// ------------------------------------------------------------------ import

/** `body[key]` on parsed JSON: the caller's 400 for a dict without it (compat/request-bodies.ts notSubscriptable otherwise). */
function item(container: PyJson, key: string, missing: string): PyJson {
  if (!(container instanceof Map)) throw notSubscriptable(container);
  if (!container.has(key)) throw badRequest(missing);
  return container.get(key) as PyJson;
}

/** The import body: a method with a known name. */
export function parseImport(req: Request, settings: Pick<Settings, 'enable_image_import'>): Map<string, PyJson> {
  if (!settings.enable_image_import) throw new DomainError('HTTPNotFound', 'Image import is not supported at this site.');
  const body = requiredJsonBody(req);
  const method = item(body, 'method', "Import request requires a 'method' field.");
  const name = item(method, 'name', "Import request requires a 'name' field.");
  if (name !== 'glance-direct' && name !== 'web-download') throw badRequest(pyFormat("Unknown import method name '%s'.", [name]));
  return body as Map<string, PyJson>;
}
