/**
 * What stands between an images request and the controller: the JSON body
 * checked against the image schema (create), the JSON-patch document of
 * either media type parsed into changes and each change checked (update),
 * the query string turned into filters, paging and sorting (index), and the
 * import request's body (import).
 *
 * Values stay Python's (src/lib/pyjson.ts): dicts are Maps in arrival
 * order, floats PyFloats, big ints bigints, as Glance's controllers get
 * them from `json.loads`.
 *
 * @see glance/api/v2/images.py RequestDeserializer
 */
import { HTTPBadRequest, HTTPForbidden, HTTPNotFound, HTTPUnsupportedMediaType } from '../../webob.js';
import { JSONRequestDeserializer, type Kwargs, type Request } from '../../common/wsgi.js';
import { InvalidObject } from '../../exception.js';
import type { Schema } from '../../schema.js';
import type { MultiDict } from '../../../lib/webob/multidict.js';
import { pyIntOrNull } from '../../../lib/webob/compat.js';
import { pyStrip } from '../../../lib/configparser.js';
import { compile } from '../../../lib/pyre.js';
import { pyEquals } from '../../../lib/pycollections.js';
import { AttributeError, KeyError, TypeError_, pyFormat, pyTypeName } from '../../../lib/python.js';
import { get_base_properties, get_schema, type ImageSchemaSettings } from './images-schema.js';
import type { Settings } from '../../../shared/settings.js';

/** Glance's wsgi.Request, as the deserializers receive it. */
export type DeserializerRequest = Request;

/** The options the images deserializer reads. */
export type ImagesDeserializerSettings = ImageSchemaSettings & Pick<Settings, 'enable_image_import'>;

/** A change as the deserializer hands it to ImagesController.update. */
export type ParsedChange = Map<string, unknown>;

const ADJACENT_SLASHES = compile('/\\s*?/');
const BAD_TILDE = compile('~[^01]');

/** Python's `key in container` for a parsed JSON body (a dict or a list). */
function pyIn(key: string, container: unknown): boolean {
  if (container instanceof Map) return container.has(key);
  if (Array.isArray(container)) return container.some((x) => pyEquals(x, key));
  if (typeof container === 'string') return container.includes(key);
  throw new TypeError_(`argument of type '${pyTypeName(container)}' is not iterable`);
}

/** `d[key]` on a parsed JSON value: KeyError for a dict, TypeError for anything not subscriptable by str. */
function pyGetItem(container: unknown, key: string): unknown {
  if (container instanceof Map) {
    if (!container.has(key)) throw new KeyError(key);
    return container.get(key);
  }
  if (Array.isArray(container) || typeof container === 'string') {
    throw new TypeError_(`${typeof container === 'string' ? 'string' : 'list'} indices must be integers or slices, not str`);
  }
  throw new TypeError_(`'${pyTypeName(container)}' object is not subscriptable`);
}

/** `s.method(...)` where only a str has the method: AttributeError otherwise. */
function requireStr(value: unknown, method: string): string {
  if (typeof value !== 'string') throw new AttributeError(`'${pyTypeName(value)}' object has no attribute '${method}'`);
  return value;
}

/** Python's `len(s)` on a str: code points, not UTF-16 units. */
function pyLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * The images request deserializer.
 * @see glance/api/v2/images.py RequestDeserializer
 */
export class RequestDeserializer extends JSONRequestDeserializer {
  static readonly _disallowed_properties: readonly string[] = ['direct_url', 'self', 'file', 'schema'];
  static readonly _readonly_properties: readonly string[] = [
    'created_at', 'updated_at', 'status', 'checksum', 'size', 'virtual_size', 'direct_url', 'self', 'file', 'schema', 'id',
  ];
  static readonly _reserved_properties: readonly string[] = ['location', 'deleted', 'deleted_at'];
  static readonly _base_properties: readonly string[] = [
    'checksum', 'created_at', 'container_format', 'disk_format', 'id', 'min_disk', 'min_ram', 'name', 'size',
    'virtual_size', 'status', 'tags', 'owner', 'updated_at', 'visibility', 'protected',
  ];
  static readonly _available_sort_keys: readonly string[] = [
    'name', 'status', 'container_format', 'disk_format', 'size', 'id', 'created_at', 'updated_at',
  ];
  static readonly _default_sort_key = 'created_at';
  static readonly _default_sort_dir = 'desc';
  static readonly _path_depth_limits: Readonly<Record<string, Readonly<Record<string, number>>>> = {
    locations: { add: 2, remove: 2, replace: 1 },
  };
  static readonly _supported_operations: readonly string[] = ['add', 'remove', 'replace'];

  readonly schema: Schema;

  constructor(private readonly settings: ImagesDeserializerSettings, schema: Schema | null = null) {
    super();
    this.schema = schema ?? get_schema(settings);
  }

  private get cls(): typeof RequestDeserializer {
    return this.constructor as typeof RequestDeserializer;
  }

  /** The parsed JSON body; a request without one is a 400. */
  _get_request_body(request: Request): unknown {
    const output = super.default(request);
    if (!('body' in output)) throw new HTTPBadRequest({ explanation: 'Body expected in request.' });
    return output['body'];
  }

  /**
   * A body naming a property only Glance sets is a 403.
   * NOTE(quirk): glance/api/v2/images.py tests `key in image`, so a list
   * body holding the string 'self' is refused the same way.
   */
  static _check_allowed(image: unknown): void {
    for (const key of this._disallowed_properties) {
      if (pyIn(key, image)) throw new HTTPForbidden({ explanation: pyFormat("Attribute '%s' is read-only.", [key]) });
    }
  }

  /** @see glance/api/v2/images.py RequestDeserializer.create */
  create(request: DeserializerRequest): Kwargs {
    const body = this._get_request_body(request);
    this.cls._check_allowed(body);
    this.validate(body);
    const image = new Map<string, unknown>();
    // NOTE(quirk): the image schema has no top-level type, so a list body
    // passes validation and fails here on list.pop('tags', []) (a 500).
    const properties = asDictForPop(body);
    const tags = properties.has('tags') ? popFrom(properties, 'tags') : [];
    for (const key of this.cls._base_properties) {
      if (!properties.has(key)) continue;
      image.set(key === 'id' ? 'image_id' : key, popFrom(properties, key));
    }
    for (const key of properties.keys()) {
      if (pyLen(key) > 255) throw new HTTPBadRequest({ explanation: 'Custom property should not be greater than 255 characters.' });
    }
    return { image, extra_properties: properties, tags };
  }

  private validate(obj: unknown): void {
    try {
      this.schema.validate(obj);
    } catch (e) {
      if (e instanceof InvalidObject) throw new HTTPBadRequest({ explanation: e.msg });
      throw e;
    }
  }

  /** The `op` member of a draft-10 change. */
  _get_change_operation_d10(raw_change: Map<string, unknown>): string {
    const op = raw_change.get('op') ?? null;
    const available = this.cls._supported_operations.join(', ');
    if (op === null) {
      const msg = pyFormat('Unable to find `op` in JSON Schema change. It must be one of the following: %(available)s.', { available });
      throw new HTTPBadRequest({ explanation: msg });
    }
    if (typeof op !== 'string' || !this.cls._supported_operations.includes(op)) {
      const msg = pyFormat('Invalid operation: `%(op)s`. It must be one of the following: %(available)s.', { op, available });
      throw new HTTPBadRequest({ explanation: msg });
    }
    return op;
  }

  /** The one member of a draft-4 change that names the operation. */
  _get_change_operation_d4(raw_change: Map<string, unknown>): string {
    let op: string | null = null;
    for (const key of this.cls._supported_operations) {
      if (!raw_change.has(key)) continue;
      if (op !== null) {
        throw new HTTPBadRequest({ explanation: 'Operation objects must contain only one member named "add", "remove", or "replace".' });
      }
      op = key;
    }
    if (op === null) {
      throw new HTTPBadRequest({ explanation: 'Operation objects must contain exactly one member named "add", "remove", or "replace".' });
    }
    return op;
  }

  _get_change_path_d10(raw_change: Map<string, unknown>): unknown {
    if (!raw_change.has('path')) {
      throw new HTTPBadRequest({ explanation: pyFormat("Unable to find '%s' in JSON Schema change", ['path']) });
    }
    return raw_change.get('path');
  }

  _get_change_path_d4(raw_change: Map<string, unknown>, op: string): unknown {
    return raw_change.get(op);
  }

  /**
   * A JSON pointer as a list of tokens, `~1` and `~0` unescaped, each
   * token stripped of whitespace.
   * @see glance/api/v2/images.py RequestDeserializer._decode_json_pointer
   */
  _decode_json_pointer(pointer: unknown): string[] {
    this._validate_json_pointer(pointer);
    const text = pointer as string;
    return trimLeadingSlashes(text)
      .split('/')
      .map((part) => pyStrip(part.split('~1').join('/').split('~0').join('~')));
  }

  /**
   * The limited form of JSON pointer Glance accepts.
   * NOTE(quirk): a pointer that is not a str fails on `.startswith` (500).
   */
  _validate_json_pointer(pointer: unknown): void {
    const p = requireStr(pointer, 'startswith');
    const bad = (template: string): never => {
      throw new HTTPBadRequest({ explanation: pyFormat(template, [p]) });
    };
    if (!p.startsWith('/')) bad('Pointer `%s` does not start with "/".');
    if (ADJACENT_SLASHES.search(pySlice1(p)) !== null) bad('Pointer `%s` contains adjacent "/".');
    if (pyLen(p) > 1 && p.endsWith('/')) bad('Pointer `%s` end with "/".');
    if (pyStrip(pySlice1(p)) === '/') bad('Pointer `%s` does not contains valid token.');
    if (BAD_TILDE.search(p) !== null || p.endsWith('~')) bad('Pointer `%s` contains "~" not part of a recognized escape sequence.');
  }

  _get_change_value(raw_change: Map<string, unknown>, op: string): unknown {
    if (!raw_change.has('value')) {
      throw new HTTPBadRequest({ explanation: pyFormat('Operation "%s" requires a member named "value".', [op]) });
    }
    return raw_change.get('value');
  }

  /**
   * Refuses changes to read-only and reserved properties, then validates
   * what the change would set: the property itself, or (for a deeper path
   * into an array property, `/locations/N`) a one-element list.
   * @see glance/api/v2/images.py RequestDeserializer._validate_change
   */
  _validate_change(change: ParsedChange): void {
    const path = change.get('path') as string[];
    const path_root = path[0] as string;
    if (this.cls._readonly_properties.includes(path_root)) {
      throw new HTTPForbidden({ explanation: pyFormat("Attribute '%s' is read-only.", [path_root]) });
    }
    if (this.cls._reserved_properties.includes(path_root)) {
      throw new HTTPForbidden({ explanation: pyFormat("Attribute '%s' is reserved.", [path_root]) });
    }
    if (change.get('op') === 'remove') return;
    let partial_image: Map<string, unknown> | null = null;
    if (path.length === 1) {
      partial_image = new Map([[path_root, change.get('value')]]);
    } else {
      const base = get_base_properties(this.settings);
      const fragment = base.get(path_root) as Record<string, unknown> | undefined;
      if (fragment !== undefined && fragment['type'] === 'array') partial_image = new Map([[path_root, [change.get('value')]]]);
    }
    if (partial_image !== null) this.validate(partial_image);
  }

  /** A path deeper than the property allows for the operation is a 400. */
  _validate_path(op: string, path: readonly string[]): void {
    const path_root = path[0] as string;
    const limits = this.cls._path_depth_limits[path_root] ?? {};
    if (path.length !== (limits[op] ?? 1)) {
      throw new HTTPBadRequest({ explanation: pyFormat("Invalid JSON pointer for this resource: '/%s'", [path.join('/')]) });
    }
  }

  /** The operation and decoded path of one change, by the media type's draft. */
  _parse_json_schema_change(raw_change: Map<string, unknown>, draft_version: number): [string, string[]] {
    let op: string;
    let path: unknown;
    if (draft_version === 10) {
      op = this._get_change_operation_d10(raw_change);
      path = this._get_change_path_d10(raw_change);
    } else if (draft_version === 4) {
      op = this._get_change_operation_d4(raw_change);
      path = this._get_change_path_d4(raw_change, op);
    } else {
      throw new HTTPBadRequest({ explanation: 'Unrecognized JSON Schema draft version' });
    }
    return [op, this._decode_json_pointer(path)];
  }

  /**
   * A JSON-patch body of Glance's v2.1 (draft 10: `{"op", "path"}`) or
   * v2.0 (draft 4: `{"<op>": path}`) media type, as a list of changes.
   * @see glance/api/v2/images.py RequestDeserializer.update
   */
  update(request: DeserializerRequest): Kwargs {
    const content_types: Readonly<Record<string, number>> = {
      'application/openstack-images-v2.0-json-patch': 4,
      'application/openstack-images-v2.1-json-patch': 10,
    };
    const content_type = request.content_type;
    if (!Object.prototype.hasOwnProperty.call(content_types, content_type)) {
      const headers = { 'Accept-Patch': Object.keys(content_types).sort().join(', ') };
      throw new HTTPUnsupportedMediaType({ headers });
    }
    const json_schema_version = content_types[content_type] as number;
    const body = this._get_request_body(request);
    if (!Array.isArray(body)) {
      throw new HTTPBadRequest({ explanation: 'Request body must be a JSON array of operation objects.' });
    }
    const changes: ParsedChange[] = [];
    for (const raw_change of body) {
      if (!(raw_change instanceof Map)) throw new HTTPBadRequest({ explanation: 'Operations must be JSON objects.' });
      const [op, path] = this._parse_json_schema_change(raw_change as Map<string, unknown>, json_schema_version);
      this._validate_path(op, path);
      const change: ParsedChange = new Map<string, unknown>([['op', op], ['path', path], ['json_schema_version', json_schema_version]]);
      if (op !== 'remove') change.set('value', this._get_change_value(raw_change as Map<string, unknown>, op));
      this._validate_change(change);
      changes.push(change);
    }
    return { changes };
  }

  /** Python's `int(limit)`, then not negative. */
  _validate_limit(limit: string): number | bigint {
    const n = pyIntOrNull(limit);
    if (n === null) throw new HTTPBadRequest({ explanation: 'limit param must be an integer' });
    if (n < 0n) throw new HTTPBadRequest({ explanation: 'limit param must be positive' });
    return Number.isSafeInteger(Number(n)) ? Number(n) : n;
  }

  _validate_sort_key(sort_key: string): string {
    const available = this.cls._available_sort_keys;
    if (!available.includes(sort_key)) {
      const msg = pyFormat('Invalid sort key: %(sort_key)s. It must be one of the following: %(available)s.', {
        sort_key, available: available.join(', '),
      });
      throw new HTTPBadRequest({ explanation: msg });
    }
    return sort_key;
  }

  _validate_sort_dir(sort_dir: string): string {
    if (sort_dir !== 'asc' && sort_dir !== 'desc') {
      throw new HTTPBadRequest({ explanation: pyFormat('Invalid sort direction: %s', [sort_dir]) });
    }
    return sort_dir;
  }

  _validate_member_status(member_status: string): string {
    if (!['pending', 'accepted', 'rejected', 'all'].includes(member_status)) {
      throw new HTTPBadRequest({ explanation: pyFormat('Invalid status: %s', [member_status]) });
    }
    return member_status;
  }

  /**
   * The query's remaining variables are the filters; only visibility and
   * changes-since are checked here (the last value of a repeated one).
   */
  _get_filters(filters: MultiDict<string>): MultiDict<string> {
    const visibility = filters.get('visibility');
    if (visibility) {
      if (!['community', 'public', 'private', 'shared'].includes(visibility)) {
        throw new HTTPBadRequest({ explanation: pyFormat('Invalid visibility value: %s', [visibility]) });
      }
    }
    if (filters.get('changes-since')) {
      throw new HTTPBadRequest({ explanation: 'The "changes-since" filter is no longer available on v2.' });
    }
    return filters;
  }

  /**
   * Sort keys and directions, from `sort=key:dir,...` or from repeated
   * `sort_key` / `sort_dir` (one direction for all keys, or one per key).
   * @see glance/api/v2/images.py RequestDeserializer._get_sorting_params
   */
  _get_sorting_params(params: MultiDict<string>): [string[], string[]] {
    const sort_keys: string[] = [];
    const sort_dirs: string[] = [];
    if (params.contains('sort')) {
      if (params.contains('sort_key') || params.contains('sort_dir')) {
        throw new HTTPBadRequest({ explanation: 'Old and new sorting syntax cannot be combined' });
      }
      for (const sort_param of pyStrip(params.pop('sort')).split(',')) {
        const [key, dir] = partition(sort_param, ':');
        sort_keys.push(this._validate_sort_key(pyStrip(key)));
        sort_dirs.push(this._validate_sort_dir(pyStrip(dir || this.cls._default_sort_dir)));
      }
    } else {
      while (params.contains('sort_key')) sort_keys.push(this._validate_sort_key(pyStrip(params.pop('sort_key'))));
      while (params.contains('sort_dir')) sort_dirs.push(this._validate_sort_dir(pyStrip(params.pop('sort_dir'))));
      if (sort_dirs.length > 1 && sort_dirs.length !== sort_keys.length) {
        throw new HTTPBadRequest({ explanation: 'Number of sort dirs does not match the number of sort keys' });
      }
    }
    if (sort_keys.length === 0) sort_keys.push(this.cls._default_sort_key);
    if (sort_dirs.length === 0) sort_dirs.push(this.cls._default_sort_dir);
    return [sort_keys, sort_dirs];
  }

  /**
   * The index query: limit, marker, member_status and each `tag` taken out,
   * the rest checked as filters, then the sort parameters taken out of
   * those same filters.
   * @see glance/api/v2/images.py RequestDeserializer.index
   */
  index(request: DeserializerRequest): Kwargs {
    const params = request.params.copy();
    const limit = popOr(params, 'limit', null);
    const marker = popOr(params, 'marker', null);
    const member_status = popOr(params, 'member_status', 'accepted');
    const tags: string[] = [];
    while (params.contains('tag')) tags.push(pyStrip(params.pop('tag')));
    const query_params: Kwargs = {
      filters: this._get_filters(params),
      member_status: this._validate_member_status(member_status),
    };
    if (marker !== null) query_params['marker'] = marker;
    if (limit !== null) query_params['limit'] = this._validate_limit(limit);
    if (tags.length > 0) (query_params['filters'] as MultiDict<unknown>).setItem('tags', tags);
    const [sort_key, sort_dir] = this._get_sorting_params(params);
    query_params['sort_key'] = sort_key;
    query_params['sort_dir'] = sort_dir;
    return query_params;
  }

  /** @see glance/api/v2/images.py RequestDeserializer._validate_import_body */
  _validate_import_body(body: unknown): void {
    let method: unknown;
    try {
      method = pyGetItem(body, 'method');
    } catch (e) {
      if (e instanceof KeyError) throw new HTTPBadRequest({ explanation: "Import request requires a 'method' field." });
      throw e;
    }
    let method_name: unknown;
    try {
      method_name = pyGetItem(method, 'name');
    } catch (e) {
      if (e instanceof KeyError) throw new HTTPBadRequest({ explanation: "Import request requires a 'name' field." });
      throw e;
    }
    if (method_name !== 'glance-direct' && method_name !== 'web-download') {
      throw new HTTPBadRequest({ explanation: pyFormat("Unknown import method name '%s'.", [method_name]) });
    }
  }

  /** @see glance/api/v2/images.py RequestDeserializer.import_image */
  import_image(request: DeserializerRequest): Kwargs {
    // NOTE(quirk): glance/api/v2/images.py reads CONF.enable_image_import here, per request.
    if (!this.settings.enable_image_import) {
      throw new HTTPNotFound({ explanation: 'Image import is not supported at this site.' });
    }
    const body = this._get_request_body(request);
    this._validate_import_body(body);
    return { body };
  }
}

/** `s[1:]` of a str. */
function pySlice1(s: string): string {
  return [...s].slice(1).join('');
}

/** `s.lstrip('/')`. */
function trimLeadingSlashes(s: string): string {
  let i = 0;
  while (s[i] === '/') i++;
  return s.slice(i);
}

/** `s.partition(sep)` without the separator: (head, tail). */
function partition(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

/** The body `create` pops properties from: a dict; any other JSON value fails as `pop('tags', [])` would. */
function asDictForPop(body: unknown): Map<string, unknown> {
  if (body instanceof Map) return body as Map<string, unknown>;
  if (Array.isArray(body)) throw new TypeError_('pop expected at most 1 argument, got 2');
  throw new AttributeError(`'${pyTypeName(body)}' object has no attribute 'pop'`);
}

/** `params.pop(key, default)`: the first value of the key. */
function popOr<D>(params: MultiDict<string>, key: string, fallback: D): string | D {
  return params.contains(key) ? params.pop(key) : fallback;
}

function popFrom(d: Map<string, unknown>, key: string): unknown {
  const value = d.get(key);
  d.delete(key);
  return value;
}
