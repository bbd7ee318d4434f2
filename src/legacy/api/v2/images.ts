/**
 * The v2 images controller, as Glance 16.0.0 drives the domain onion: every
 * call goes through the Gateway's proxies, and each domain exception is
 * translated to the HTTP error Glance chose for it. The request
 * deserializer (images-request.ts), the response serializer
 * (images-response.ts) and the schema (images-schema.ts) sit beside it;
 * `create_resource` puts the three behind a wsgi.Resource.
 */
import {
  BadStoreUri, Conflict, DuplicateLocation, Forbidden, Invalid, InvalidFilterOperatorValue, InvalidFilterRangeValue,
  InvalidImageStatusTransition, InvalidParameterValue, InvalidSortKey, LimitExceeded, NotAuthenticated, NotFound,
  ReadonlyProperty, ReservedProperty, Duplicate, StorageQuotaFull,
} from '../../exception.js';
import {
  HTTPBadRequest, HTTPConflict, HTTPForbidden, HTTPInternalServerError, HTTPNotFound, HTTPRequestEntityTooLarge,
  HTTPUnauthorized,
} from '../../webob.js';
import { Gateway, type GatewayDeps, type ImageLike, type RequestContext } from '../../gateway.js';
import { Resource, bindKwargs, type Kwargs } from '../../common/wsgi.js';
import type { DictLike } from '../../schema.js';
import type { MultiDict } from '../../../lib/webob/multidict.js';
import { filterGetLast, filterSetItem, type ListFilters } from '../../list-filters.js';
import { toPlain, type PyJson } from '../../../lib/pyjson.js';
import { hostnameOf, urlparse } from '../../../shared/store/urlparse.js';
import { RequestDeserializer, type ParsedChange } from './images-request.js';
import { ResponseSerializer, toRecord } from './images-response.js';
import { get_schema } from './images-schema.js';
import { staged_uri } from './staging.js';
import type { Settings } from '../../../shared/settings.js';
import { StoreNotFound, StoreForbidden, StoreInUseByStore, StoreHasSnapshot } from '../../../shared/store/exceptions.js';
import { AttributeError, IndexError, KeyError, PyException, TypeError_, ValueError, pyFormat, pyRepr, pyStr, pyTruthy, pyTypeName } from '../../../lib/python.js';
import { pyEquals } from '../../../lib/pycollections.js';

// ------------------------------------------------------------ request plumbing

/** What a v2 controller reads of the request: the context ContextMiddleware set. */
export interface ControllerRequest {
  readonly context: RequestContext;
}

/** A format-1 request: the context, and the query a client would have sent (for index links). */
export interface Request extends ControllerRequest {
  /** The query string, in order, as `request.params` holds it. */
  readonly params: ReadonlyArray<readonly [string, string]>;
}

export function makeRequest(context: RequestContext, params: ReadonlyArray<readonly [string, string]> = []): Request {
  return { context, params };
}

/**
 * `@utils.mutating`: a read-only (anonymous) context may not change anything.
 * @see glance/common/utils.py mutating
 */
export function assertMutating(req: ControllerRequest): void {
  if (req.context.read_only) throw new HTTPForbidden({ detail: 'Read-only access' });
}

/** The controllers' constructor arguments, as Glance's `ImagesController(db_api, policy_enforcer, notifier, store_api)`. */
export type ControllerDeps = GatewayDeps;

// ------------------------------------------------------------ Python attribute access

const PY_OBJECT_ATTRS = new Set([
  '__class__', '__delattr__', '__dict__', '__dir__', '__doc__', '__eq__', '__format__', '__ge__',
  '__getattribute__', '__gt__', '__hash__', '__init__', '__init_subclass__', '__le__', '__lt__', '__module__',
  '__ne__', '__new__', '__reduce__', '__reduce_ex__', '__repr__', '__setattr__', '__sizeof__', '__str__',
  '__subclasshook__', '__weakref__',
]);
const JS_ONLY_ATTRS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Python's `hasattr(obj, name)` on a port object: JS-only members do not count, Python's dunders do. */
export function pyHasattr(obj: object, name: string): boolean {
  if (PY_OBJECT_ATTRS.has(name)) return true;
  if (JS_ONLY_ATTRS.has(name)) return false;
  return name in obj;
}

/** The methods glance/domain/proxy.py Image (and authorization's ImmutableImageProxy) define. */
const IMAGE_METHODS: ReadonlySet<string> = new Set(['delete', 'deactivate', 'reactivate', 'set_data', 'get_data']);

/**
 * `hasattr(image, name)` on the outermost image proxy. The port's proxies
 * carry TypeScript helper methods (e.g. an immutable proxy's `forbid`) that
 * the Python classes do not have, so a method counts only if it is one of
 * the image methods; data attributes (base, helper, image, context, ...)
 * and the 18 image properties count as in Python.
 */
export function imageHasattr(image: object, name: string): boolean {
  if (!pyHasattr(image, name)) return false;
  const descriptor = findDescriptor(image, name);
  if (descriptor && typeof descriptor.value === 'function' && !IMAGE_METHODS.has(name)) return false;
  return true;
}

function findDescriptor(obj: object, name: string): PropertyDescriptor | undefined {
  for (let o: object | null = obj; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return d;
  }
  return undefined;
}

/** Python's `getattr(obj, name)`: a missing attribute raises AttributeError. */
export function pyGetattr(obj: object, name: string): unknown {
  if (!(name in obj) || JS_ONLY_ATTRS.has(name)) {
    throw new AttributeError(`'${obj.constructor.name}' object has no attribute '${name}'`);
  }
  return (obj as Record<string, unknown>)[name];
}

/** Python's `setattr(obj, name, value)`; the object's own setters decide. */
export function pySetattr(obj: object, name: string, value: unknown): void {
  if (name === '__class__') throw new TypeError_(`__class__ must be set to a class, not '${pyTypeName(value)}' object`);
  if (name === '__dict__') throw new TypeError_(`__dict__ must be set to a dictionary, not a '${pyTypeName(value)}'`);
  if (PY_OBJECT_ATTRS.has(name)) return;
  (obj as Record<string, unknown>)[name] = value;
}

/** `d[key]` on a parsed JSON object: a missing key raises KeyError. */
function item(d: Readonly<Record<string, unknown>>, key: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(d, key)) throw new KeyError(key);
  return d[key];
}

/** `seq[i]` on a JSON list (or str): out of range raises IndexError. */
function at(seq: unknown, i: number): unknown {
  if (typeof seq === 'string' || Array.isArray(seq)) {
    if (i >= seq.length) throw new IndexError(typeof seq === 'string' ? 'string index out of range' : 'list index out of range');
    return seq[i];
  }
  throw new TypeError_(`'${pyTypeName(seq)}' object is not subscriptable`);
}

/** Python's `min(a, b)` between an int option and a caller's limit. */
export function pyMinLimit(max: number, limit: unknown): number {
  if (typeof limit !== 'number') {
    throw new TypeError_(`'<' not supported between instances of '${pyTypeName(limit)}' and 'int'`);
  }
  return Math.min(max, limit);
}

// ------------------------------------------------------------ the controller

export interface IndexArgs {
  marker?: string | null;
  limit?: number | null;
  sort_key?: string[] | null;
  sort_dir?: string[] | null;
  filters?: ListFilters | null;
  member_status?: string;
}

export interface IndexResult {
  images: ImageLike[];
  next_marker?: string;
}

export interface Change {
  op: string;
  path: unknown;
  value?: unknown;
  json_schema_version?: unknown;
}

/**
 * The images resource.
 * @see glance/api/v2/images.py ImagesController
 */
export class ImagesController {
  readonly gateway: Gateway;
  private readonly settings: Settings;

  constructor(deps: ControllerDeps) {
    this.gateway = new Gateway(deps);
    this.settings = deps.settings;
  }

  /** @see glance/api/v2/images.py ImagesController.create */
  create(req: ControllerRequest, image: Record<string, unknown>, extra_properties: Record<string, unknown> | Map<string, unknown>, tags: unknown[]): ImageLike {
    assertMutating(req);
    const image_factory = this.gateway.get_image_factory(req.context);
    const image_repo = this.gateway.get_repo(req.context);
    try {
      const created = image_factory.new_image({ ...image, extra_properties, tags });
      image_repo.add(created);
      return created;
    } catch (e) {
      throw createError(e);
    }
  }

  /**
   * Records an `api_image_import` task for the image (not run: the task
   * executor is inert, as in the reference runner). The image is not looked
   * up: an unknown id gets a task too.
   * @see glance/api/v2/images.py ImagesController.import_image
   */
  import_image(req: ControllerRequest, image_id: string, body: Map<string, unknown>): string {
    assertMutating(req);
    const task_factory = this.gateway.get_task_factory(req.context);
    const executor_factory = this.gateway.get_task_executor_factory(req.context);
    const task_repo = this.gateway.get_task_repo(req.context);
    const task_input = new Map<string, unknown>([['image_id', image_id], ['import_req', body]]);
    const method = body.get('method') as Map<string, unknown>;
    const import_method = method.get('name') ?? null;
    const uri = method.get('uri') ?? null;
    if (import_method === 'web-download' && !validate_import_uri(uri)) {
      throw new HTTPBadRequest({ explanation: pyFormat('URI for web-download does not pass filtering: %s', [uri]) });
    }
    try {
      const import_task = task_factory.new_task({ task_type: 'api_image_import', owner: req.context.owner, task_input });
      task_repo.add(import_task);
      // The executor is inert and nothing is spawned (the reference runner's pool does not run tasks).
      executor_factory.new_task_executor(req.context);
    } catch (e) {
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: e.msg });
      if (e instanceof Conflict || e instanceof InvalidImageStatusTransition) throw new HTTPConflict({ explanation: e.msg });
      if (e instanceof ValueError) throw new HTTPBadRequest({ explanation: exceptionText(e) });
      throw e;
    }
    return image_id;
  }

  /** @see glance/api/v2/images.py ImagesController.index */
  index(req: ControllerRequest, args: IndexArgs = {}): IndexResult {
    const sort_key = args.sort_key && args.sort_key.length > 0 ? args.sort_key : ['created_at'];
    const sort_dir = args.sort_dir && args.sort_dir.length > 0 ? args.sort_dir : ['desc'];
    const filters: ListFilters = args.filters ?? {};
    filterSetItem(filters, 'deleted', false);
    const protectedFilter = filterGetLast(filters, 'protected');
    if (protectedFilter !== null && protectedFilter !== undefined) {
      if (protectedFilter !== 'true' && protectedFilter !== 'false') {
        const message = pyFormat("Invalid value '%s' for 'protected' filter. Valid values are 'true' or 'false'.", [protectedFilter]);
        throw new HTTPBadRequest({ explanation: message });
      }
      filterSetItem(filters, 'protected', protectedFilter === 'true');
    }
    const limit = pyMinLimit(this.settings.api_limit_max, args.limit ?? this.settings.limit_param_default);
    const image_repo = this.gateway.get_repo(req.context);
    const result: IndexResult = { images: [] };
    try {
      const images = image_repo.list({
        marker: args.marker ?? null, limit, sort_key, sort_dir, filters,
        member_status: args.member_status ?? 'accepted',
      });
      const last = images[images.length - 1];
      if (images.length !== 0 && images.length === limit && last) result.next_marker = last.image_id;
      result.images = images;
    } catch (e) {
      if (e instanceof NotFound || e instanceof InvalidSortKey || e instanceof InvalidFilterRangeValue
        || e instanceof InvalidParameterValue || e instanceof InvalidFilterOperatorValue) {
        throw new HTTPBadRequest({ explanation: e.msg });
      }
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: e.msg });
      if (e instanceof NotAuthenticated) throw new HTTPUnauthorized({ explanation: e.msg });
      throw e;
    }
    return result;
  }

  /** @see glance/api/v2/images.py ImagesController.show */
  show(req: ControllerRequest, image_id: string): ImageLike {
    const image_repo = this.gateway.get_repo(req.context);
    try {
      return image_repo.get(image_id);
    } catch (e) {
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: e.msg });
      if (e instanceof NotFound) throw new HTTPNotFound({ explanation: e.msg });
      if (e instanceof NotAuthenticated) throw new HTTPUnauthorized({ explanation: e.msg });
      throw e;
    }
  }

  /** @see glance/api/v2/images.py ImagesController.update */
  update(req: ControllerRequest, image_id: string, changes: readonly Change[]): ImageLike {
    assertMutating(req);
    const image_repo = this.gateway.get_repo(req.context);
    try {
      const image = image_repo.get(image_id);
      for (const change of changes) this.applyChange(req, image, change);
      if (changes.length > 0) image_repo.save(image);
      return image;
    } catch (e) {
      throw updateError(e);
    }
  }

  /** `getattr(self, '_do_%s' % change['op'])(req, image, change)` */
  private applyChange(req: ControllerRequest, image: ImageLike, change: Change): void {
    const op = item(change as unknown as Record<string, unknown>, 'op');
    if (op === 'replace') this._do_replace(req, image, change);
    else if (op === 'add') this._do_add(req, image, change);
    else if (op === 'remove') this._do_remove(req, image, change);
    else throw new AttributeError(`'ImagesController' object has no attribute '_do_${pyStr(op)}'`);
  }

  /** @see glance/api/v2/images.py ImagesController._do_replace */
  _do_replace(req: ControllerRequest, image: ImageLike, change: Change): void {
    const record = change as unknown as Record<string, unknown>;
    const path = item(record, 'path');
    const path_root = at(path, 0) as string;
    const value = item(record, 'value');
    const emptyList = pyEquals(value, []);
    if (path_root === 'locations' && emptyList) {
      throw new HTTPForbidden({ detail: 'Cannot set locations to empty list.' });
    } else if (path_root === 'locations') {
      this._do_replace_locations(image, value);
    } else if (path_root === 'owner' && req.context.is_admin === false) {
      throw new HTTPForbidden({ detail: "Owner can't be updated by non admin." });
    } else {
      // NOTE(quirk): glance/api/v2/images.py asks hasattr() of the outermost
      // proxy, so proxy internals (image_id, extra_properties, base, ...) are
      // attributes here, not extra properties.
      if (imageHasattr(image, path_root)) pySetattr(image, path_root, value);
      else if (image.extra_properties.contains(path_root)) image.extra_properties.setItem(path_root, value);
      else throw new HTTPConflict({ detail: pyFormat('Property %s does not exist.', [path_root]) });
    }
  }

  /** @see glance/api/v2/images.py ImagesController._do_add */
  _do_add(_req: ControllerRequest, image: ImageLike, change: Change): void {
    const record = change as unknown as Record<string, unknown>;
    const path = item(record, 'path');
    const path_root = at(path, 0) as string;
    const value = item(record, 'value');
    const json_schema_version = Object.prototype.hasOwnProperty.call(record, 'json_schema_version')
      ? record['json_schema_version'] : 10;
    if (path_root === 'locations') {
      this._do_add_locations(image, at(path, 1), value);
      return;
    }
    const present = imageHasattr(image, path_root) || image.extra_properties.contains(path_root);
    if (present && json_schema_version === 4) {
      throw new HTTPConflict({ detail: pyFormat('Property %s already present.', [path_root]) });
    }
    if (imageHasattr(image, path_root)) pySetattr(image, path_root, value);
    else image.extra_properties.setItem(path_root, value);
  }

  /** @see glance/api/v2/images.py ImagesController._do_remove */
  _do_remove(_req: ControllerRequest, image: ImageLike, change: Change): void {
    const path = item(change as unknown as Record<string, unknown>, 'path');
    const path_root = at(path, 0) as string;
    if (path_root === 'locations') {
      try {
        this._do_remove_locations(image, at(path, 1));
      } catch (e) {
        if (e instanceof Forbidden) throw new HTTPForbidden({ detail: e.msg });
        throw e;
      }
      return;
    }
    if (imageHasattr(image, path_root)) {
      throw new HTTPForbidden({ detail: pyFormat('Property %s may not be removed.', [path_root]) });
    } else if (image.extra_properties.contains(path_root)) {
      image.extra_properties.delItem(path_root);
    } else {
      throw new HTTPConflict({ detail: pyFormat('Property %s does not exist.', [path_root]) });
    }
  }

  /** @see glance/api/v2/images.py ImagesController.delete */
  delete(req: ControllerRequest, image_id: string): void {
    assertMutating(req);
    const image_repo = this.gateway.get_repo(req.context);
    try {
      const image = image_repo.get(image_id);
      if (this.settings.enable_image_import && image.status === 'uploading') {
        // NOTE(quirk): glance/api/v2/images.py builds the staging path from
        // CONF.node_staging_uri (default file:///tmp/staging/) with an extra '/'.
        const file_path = staged_uri(this.gateway.store_api, image.image_id);
        this.gateway.store_api.deleteFromBackend(file_path, { context: req.context });
      }
      image.delete();
      image_repo.remove(image);
    } catch (e) {
      throw deleteError(e, image_id);
    }
  }

  /** @see glance/api/v2/images.py ImagesController._get_locations_op_pos */
  _get_locations_op_pos(path_pos: unknown, max_pos: number | null, allow_max: boolean): number | null {
    if (path_pos === null || path_pos === undefined || max_pos === null) return null;
    let pos = allow_max ? max_pos : max_pos - 1;
    if (typeof path_pos !== 'string') {
      throw new AttributeError(`'${pyTypeName(path_pos)}' object has no attribute 'isdigit'`);
    }
    if (isDigits(path_pos)) pos = pyIntOfDigits(path_pos);
    else if (path_pos !== '-') return null;
    if (!(allow_max || (0 <= pos && pos < max_pos))) return null;
    return pos;
  }

  /** @see glance/api/v2/images.py ImagesController._do_replace_locations */
  _do_replace_locations(image: ImageLike, value: unknown): void {
    if (this.settings.show_multiple_locations === false) {
      throw new HTTPForbidden({ explanation: "It's not allowed to update locations if locations are invisible." });
    }
    if (image.status !== 'active' && image.status !== 'queued') {
      throw new HTTPConflict({ explanation: pyFormat("It's not allowed to replace locations if image status is %s.", [image.status]) });
    }
    try {
      image.locations = value;
    } catch (e) {
      if (e instanceof BadStoreUri || e instanceof DuplicateLocation) throw new HTTPBadRequest({ explanation: e.msg });
      if (e instanceof ValueError) throw new HTTPBadRequest({ explanation: e.toPyStr() });
      throw e;
    }
  }

  /** @see glance/api/v2/images.py ImagesController._do_add_locations */
  _do_add_locations(image: ImageLike, path_pos: unknown, value: unknown): void {
    if (this.settings.show_multiple_locations === false) {
      throw new HTTPForbidden({ explanation: "It's not allowed to add locations if locations are invisible." });
    }
    if (image.status !== 'active' && image.status !== 'queued') {
      throw new HTTPConflict({ explanation: pyFormat("It's not allowed to add locations if image status is %s.", [image.status]) });
    }
    const pos = this._get_locations_op_pos(path_pos, image.locations.len(), true);
    if (pos === null) throw new HTTPBadRequest({ explanation: 'Invalid position for adding a location.' });
    try {
      image.locations.insert(pos, value as never);
      if (image.status === 'queued') image.status = 'active';
    } catch (e) {
      if (e instanceof BadStoreUri || e instanceof DuplicateLocation) throw new HTTPBadRequest({ explanation: e.msg });
      if (e instanceof ValueError) throw new HTTPBadRequest({ explanation: e.toPyStr() });
      throw e;
    }
  }

  /** @see glance/api/v2/images.py ImagesController._do_remove_locations */
  _do_remove_locations(image: ImageLike, path_pos: unknown): void {
    if (this.settings.show_multiple_locations === false) {
      throw new HTTPForbidden({ explanation: "It's not allowed to remove locations if locations are invisible." });
    }
    // NOTE(quirk): glance/api/v2/images.py tests `status not in ('active')`,
    // a substring test on the string 'active', not a tuple membership.
    if (!'active'.includes(image.status)) {
      throw new HTTPConflict({ explanation: pyFormat("It's not allowed to remove locations if image status is %s.", [image.status]) });
    }
    if (image.locations.len() === 1) throw new Forbidden('Cannot remove last location in the image.');
    const pos = this._get_locations_op_pos(path_pos, image.locations.len(), false);
    if (pos === null) throw new HTTPBadRequest({ explanation: 'Invalid position for removing a location.' });
    try {
      image.locations.pop(pos);
    } catch (e) {
      // NOTE(quirk): glance/api/v2/images.py turns any failure of the store
      // delete (a policy Forbidden included) into a 500.
      throw new HTTPInternalServerError({ explanation: exceptionText(e) });
    }
  }
}


/**
 * Python's `str.isdigit()`: decimal digits (Nd) and the other Numeric_Type=Digit
 * characters (superscripts, subscripts, circled digits, ...).
 */
function isDigits(s: string): boolean {
  return s.length > 0 && /^(?:\p{Nd}|[\u00B2\u00B3\u00B9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247C\u2488-\u2490\u24EA\u24F5-\u24FD\u24FF\u2776-\u277E\u2780-\u2788\u278A-\u2792\u1369-\u1371\u19DA\u{1F100}-\u{1F10A}])+$/u.test(s);
}

/** Python's `int(s)` of an isdigit() string: decimal digits of any script; other digits raise ValueError. */
function pyIntOfDigits(s: string): number {
  let value = 0;
  for (const ch of s) {
    if (!/\p{Nd}/u.test(ch)) throw new ValueError(`invalid literal for int() with base 10: ${pyRepr(s)}`);
    value = value * 10 + decimalDigitValue(ch);
  }
  return value;
}

/** Unicode Nd characters come in runs of ten, zero first. */
function decimalDigitValue(ch: string): number {
  let cp = ch.codePointAt(0) ?? 0x30;
  let offset = 0;
  while (/\p{Nd}/u.test(String.fromCodePoint(cp - 1))) {
    cp -= 1;
    offset += 1;
  }
  return offset % 10;
}

/** `encodeutils.exception_to_unicode(e)`: Python's str(e). */
export function exceptionText(e: unknown): string {
  if (e instanceof PyException) return e.toPyStr();
  if (e instanceof Error) return e.message;
  return pyStr(e);
}

function createError(e: unknown): unknown {
  if (e instanceof DuplicateLocation || e instanceof Invalid) return new HTTPBadRequest({ explanation: e.msg });
  if (e instanceof ReservedProperty || e instanceof ReadonlyProperty) return new HTTPForbidden({ explanation: e.msg });
  if (e instanceof Forbidden) return new HTTPForbidden({ explanation: e.msg });
  if (e instanceof LimitExceeded) return new HTTPRequestEntityTooLarge({ explanation: e.msg });
  if (e instanceof Duplicate) return new HTTPConflict({ explanation: e.msg });
  if (e instanceof NotAuthenticated) return new HTTPUnauthorized({ explanation: e.msg });
  // NOTE(quirk): glance/api/v2/images.py passes the TypeError itself as the
  // explanation, so the 400 text is str(e).
  if (e instanceof TypeError_) return new HTTPBadRequest({ explanation: e.toPyStr() });
  return e;
}

function updateError(e: unknown): unknown {
  if (e instanceof NotFound) return new HTTPNotFound({ explanation: e.msg });
  if (e instanceof Invalid || e instanceof BadStoreUri) return new HTTPBadRequest({ explanation: e.msg });
  if (e instanceof Forbidden) return new HTTPForbidden({ explanation: e.msg });
  if (e instanceof StorageQuotaFull) {
    const msg = pyFormat('Denying attempt to upload image because it exceeds the quota: %s', [exceptionText(e)]);
    return new HTTPRequestEntityTooLarge({ explanation: msg });
  }
  if (e instanceof LimitExceeded) return new HTTPRequestEntityTooLarge({ explanation: e.msg });
  if (e instanceof NotAuthenticated) return new HTTPUnauthorized({ explanation: e.msg });
  return e;
}

function deleteError(e: unknown, image_id: string): unknown {
  if (e instanceof StoreForbidden || e instanceof Forbidden) return new HTTPForbidden({ explanation: e.msg });
  if (e instanceof StoreNotFound || e instanceof NotFound) {
    return new HTTPNotFound({ explanation: pyFormat('Failed to find image %(image_id)s to delete', { image_id }) });
  }
  if (e instanceof StoreInUseByStore) {
    const msg = pyFormat('Image %(id)s could not be deleted because it is in use: %(exc)s', { id: image_id, exc: e.msg });
    return new HTTPConflict({ explanation: msg });
  }
  if (e instanceof StoreHasSnapshot) return new HTTPConflict({ explanation: e.msg });
  if (e instanceof InvalidImageStatusTransition) return new HTTPBadRequest({ explanation: e.msg });
  if (e instanceof NotAuthenticated) return new HTTPUnauthorized({ explanation: e.msg });
  return e;
}

// ------------------------------------------------------------ web-download filtering

/** `[import_filtering_opts]` at Glance 16.0.0's defaults (the scenario format does not expose them). */
const IMPORT_FILTERING = {
  allowed_schemes: ['http', 'https'], disallowed_schemes: [] as string[],
  allowed_hosts: [] as string[], disallowed_hosts: [] as string[],
  allowed_ports: [80, 443], disallowed_ports: [] as number[],
};

/**
 * Whether a web-download URI passes the scheme, host and port filters
 * (an allow list, when set, wins over the deny list).
 * @see glance/common/utils.py validate_import_uri
 */
export function validate_import_uri(uri: unknown): boolean {
  if (!pyTruthy(uri)) return false;
  const parsed = urlparse(uri);
  const { scheme } = parsed;
  const host = hostnameOf(parsed.netloc);
  const port = portOf(parsed.netloc);
  const f = IMPORT_FILTERING;
  const blSchemes = f.allowed_schemes.length > 0 && f.disallowed_schemes.length > 0 ? [] : f.disallowed_schemes;
  const blHosts = f.allowed_hosts.length > 0 && f.disallowed_hosts.length > 0 ? [] : f.disallowed_hosts;
  const blPorts = f.allowed_ports.length > 0 && f.disallowed_ports.length > 0 ? [] : f.disallowed_ports;
  if (!scheme || (f.allowed_schemes.length > 0 && !f.allowed_schemes.includes(scheme)) || blSchemes.includes(scheme)) return false;
  if (!host || (f.allowed_hosts.length > 0 && !f.allowed_hosts.includes(host)) || blHosts.includes(host)) return false;
  if (port && ((f.allowed_ports.length > 0 && !f.allowed_ports.includes(port)) || blPorts.includes(port))) return false;
  return true;
}

/** `ParseResult.port` (CPython 3.11): null when absent; ValueError when not an ASCII integer in 0-65535. */
function portOf(netloc: string): number | null {
  const hostinfo = netloc.slice(netloc.lastIndexOf('@') + 1);
  const afterBracket = hostinfo.includes('[') ? hostinfo.slice(hostinfo.indexOf(']') + 1) : hostinfo;
  const colon = afterBracket.indexOf(':');
  const text = colon < 0 ? '' : afterBracket.slice(colon + 1);
  if (!text) return null;
  if (!/^[0-9]+$/.test(text)) throw new ValueError(`Port could not be cast to integer value as ${pyRepr(text)}`);
  const port = Number(text);
  if (port > 65535) throw new ValueError('Port out of range 0-65535');
  return port;
}

// ------------------------------------------------------------ the resource

/**
 * ImagesController as wsgi.Resource calls it, `controller.<action>(req,
 * **kwargs)`: the routing and deserialized keywords bound to the
 * controller's parameters (a missing or unexpected one is Python's
 * TypeError, a 500), the deserializer's Python values handed over as the
 * controller takes them. `@utils.mutating` runs before the binding, as its
 * wrapper does.
 */
export class ImagesResourceController {
  constructor(readonly controller: ImagesController) {}

  index(req: ControllerRequest, kwargs: Kwargs): IndexResult {
    const a = bindKwargs('index', [
      { name: 'marker', default: null }, { name: 'limit', default: null }, { name: 'sort_key', default: null },
      { name: 'sort_dir', default: null }, { name: 'filters', default: null }, { name: 'member_status', default: 'accepted' },
    ], kwargs);
    return this.controller.index(contextOf(req), {
      marker: a['marker'] as string | null,
      limit: a['limit'] === null ? null : Number(a['limit']),
      sort_key: a['sort_key'] as string[] | null,
      sort_dir: a['sort_dir'] as string[] | null,
      // The query MultiDict itself reaches the db api, as in Glance (list-filters.ts).
      filters: a['filters'] as MultiDict<unknown> | null,
      member_status: a['member_status'] as string,
    });
  }

  show(req: ControllerRequest, kwargs: Kwargs): ImageLike {
    const a = bindKwargs('show', [{ name: 'image_id' }], kwargs);
    return this.controller.show(contextOf(req), a['image_id'] as string);
  }

  create(req: ControllerRequest, kwargs: Kwargs): ImageLike {
    assertMutating(contextOf(req));
    const a = bindKwargs('create', [{ name: 'image' }, { name: 'extra_properties' }, { name: 'tags' }], kwargs);
    return this.controller.create(contextOf(req), toRecord(a['image'] as Map<string, unknown>), a['extra_properties'] as Map<string, unknown>, a['tags'] as unknown[]);
  }

  update(req: ControllerRequest, kwargs: Kwargs): ImageLike {
    assertMutating(contextOf(req));
    const a = bindKwargs('update', [{ name: 'image_id' }, { name: 'changes' }], kwargs);
    return this.controller.update(contextOf(req), a['image_id'] as string, (a['changes'] as ParsedChange[]).map(changeOf));
  }

  delete(req: ControllerRequest, kwargs: Kwargs): void {
    assertMutating(contextOf(req));
    const a = bindKwargs('delete', [{ name: 'image_id' }], kwargs);
    this.controller.delete(contextOf(req), a['image_id'] as string);
  }

  import_image(req: ControllerRequest, kwargs: Kwargs): string {
    assertMutating(contextOf(req));
    const a = bindKwargs('import_image', [{ name: 'image_id' }, { name: 'body' }], kwargs);
    return this.controller.import_image(contextOf(req), a['image_id'] as string, a['body'] as Map<string, unknown>);
  }
}

/** The request as the controllers read it: its context (set by ContextMiddleware). */
export function contextOf(req: ControllerRequest): ControllerRequest {
  return { context: req.context };
}

/** A parsed change as the controller reads it; a location value as the location proxies take it. */
function changeOf(change: ParsedChange): Change {
  const out: Change = {
    op: change.get('op') as string,
    path: change.get('path'),
    json_schema_version: change.get('json_schema_version'),
  };
  if (change.has('value')) out.value = controllerValue(change.get('value'));
  return out;
}

/**
 * A JSON value as the controllers take it: dicts (locations and their
 * metadata) become plain objects, lists are copied; ints and floats stay
 * what Python made of them, where they are scalars (min_ram, min_disk).
 */
function controllerValue(value: unknown): unknown {
  if (value instanceof Map) return toPlain(value as PyJson);
  if (Array.isArray(value)) return value.map((v) => (v instanceof Map ? toPlain(v as PyJson) : v));
  return value;
}

/**
 * The images resource: its deserializer and serializer share one schema.
 * @see glance/api/v2/images.py create_resource
 */
export function create_resource(deps: GatewayDeps, custom_properties: DictLike | null = null): Resource {
  const schema = get_schema(deps.settings, custom_properties);
  const deserializer = new RequestDeserializer(deps.settings, schema);
  const serializer = new ResponseSerializer(deps.settings, deps.clock, schema);
  const controller = new ImagesResourceController(new ImagesController(deps));
  return new Resource(controller, deserializer, serializer);
}

export { RequestDeserializer, type ParsedChange } from './images-request.js';
export {
  ResponseSerializer, ImagesResponseSerializer, collectionView, urlencode, isotime, toRecord, writeJson, dumpsUnicode,
  requestParams, type SerializerResponse,
} from './images-response.js';
export { get_base_properties, get_schema, get_collection_schema, load_custom_properties } from './images-schema.js';
export { NODE_STAGING_URI } from './staging.js';
