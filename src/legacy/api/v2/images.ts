/**
 * The v2 images controller and its response serializer, as Glance 16.0.0
 * drives the domain onion: every call goes through the Gateway's proxies, and
 * each domain exception is translated to the HTTP error Glance chose for it.
 * The request deserializer is not ported: scenarios carry parsed arguments.
 */
import {
  BadStoreUri, DuplicateLocation, Forbidden, Invalid, InvalidFilterOperatorValue, InvalidFilterRangeValue,
  InvalidImageStatusTransition, InvalidParameterValue, InvalidSortKey, LimitExceeded, NotAuthenticated, NotFound,
  ReadonlyProperty, ReservedProperty, Duplicate, StorageQuotaFull,
} from '../../exception.js';
import {
  HTTPBadRequest, HTTPConflict, HTTPForbidden, HTTPInternalServerError, HTTPNotFound, HTTPRequestEntityTooLarge,
  HTTPUnauthorized,
} from '../../webob.js';
import { Gateway, type GatewayDeps, type ImageLike, type RequestContext } from '../../gateway.js';
import type { Settings } from '../../../shared/settings.js';
import type { Clock } from '../../../shared/world.js';
import { StoreNotFound, StoreForbidden, StoreInUseByStore, StoreHasSnapshot } from '../../../shared/store/exceptions.js';
import { AttributeError, IndexError, KeyError, PyException, TypeError_, ValueError, pyFormat, pyRepr, pyStr, pyTypeName } from '../../../lib/python.js';
import { pyEquals } from '../../../lib/pycollections.js';

// ------------------------------------------------------------ request plumbing

/** What a v2 controller reads from webob's request. */
export interface Request {
  readonly context: RequestContext;
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
export function assertMutating(req: Request): void {
  if (req.context.read_only) throw new HTTPForbidden({ detail: 'Read-only access' });
}

/** glance/common/timeutils.py isotime: a falsy time means now. */
export function isotime(at: Date | null | undefined, clock: Clock): string {
  const t = at ?? clock.now();
  return t.toISOString().slice(0, 19) + 'Z';
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
  filters?: Record<string, unknown> | null;
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
  create(req: Request, image: Record<string, unknown>, extra_properties: Record<string, unknown>, tags: unknown[]): ImageLike {
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

  /** @see glance/api/v2/images.py ImagesController.index */
  index(req: Request, args: IndexArgs = {}): IndexResult {
    const sort_key = args.sort_key && args.sort_key.length > 0 ? args.sort_key : ['created_at'];
    const sort_dir = args.sort_dir && args.sort_dir.length > 0 ? args.sort_dir : ['desc'];
    const filters: Record<string, unknown> = args.filters ?? {};
    filters['deleted'] = false;
    const protectedFilter = filters['protected'];
    if (protectedFilter !== null && protectedFilter !== undefined) {
      if (protectedFilter !== 'true' && protectedFilter !== 'false') {
        const message = pyFormat("Invalid value '%s' for 'protected' filter. Valid values are 'true' or 'false'.", [protectedFilter]);
        throw new HTTPBadRequest({ explanation: message });
      }
      filters['protected'] = protectedFilter === 'true';
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
  show(req: Request, image_id: string): ImageLike {
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
  update(req: Request, image_id: string, changes: readonly Change[]): ImageLike {
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
  private applyChange(req: Request, image: ImageLike, change: Change): void {
    const op = item(change as unknown as Record<string, unknown>, 'op');
    if (op === 'replace') this._do_replace(req, image, change);
    else if (op === 'add') this._do_add(req, image, change);
    else if (op === 'remove') this._do_remove(req, image, change);
    else throw new AttributeError(`'ImagesController' object has no attribute '_do_${pyStr(op)}'`);
  }

  /** @see glance/api/v2/images.py ImagesController._do_replace */
  _do_replace(req: Request, image: ImageLike, change: Change): void {
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
  _do_add(_req: Request, image: ImageLike, change: Change): void {
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
  _do_remove(_req: Request, image: ImageLike, change: Change): void {
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
  delete(req: Request, image_id: string): void {
    assertMutating(req);
    const image_repo = this.gateway.get_repo(req.context);
    try {
      const image = image_repo.get(image_id);
      if (this.settings.enable_image_import && image.status === 'uploading') {
        // NOTE(quirk): glance/api/v2/images.py builds the staging path from
        // CONF.node_staging_uri (default file:///tmp/staging/) with an extra '/'.
        const file_path = NODE_STAGING_URI + '/' + image.image_id;
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

/** CONF.node_staging_uri's default; the scenario format does not expose it. */
export const NODE_STAGING_URI = 'file:///tmp/staging/';

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

// ------------------------------------------------------------ the serializer

/** Base properties of the v2 image schema (glance/api/v2/images.py get_base_properties). */
export const IMAGE_SCHEMA_PROPERTIES: ReadonlySet<string> = new Set([
  'id', 'name', 'status', 'visibility', 'protected', 'checksum', 'owner', 'size', 'virtual_size',
  'container_format', 'disk_format', 'created_at', 'updated_at', 'tags', 'direct_url', 'min_ram', 'min_disk',
  'self', 'file', 'schema', 'locations',
]);

/**
 * `glance.schema.Schema.filter` / `PermissiveSchema.filter`: a permissive
 * schema keeps every key; both turn a None non-schema value into ''.
 */
export function schemaFilter(view: Map<string, unknown>, properties: ReadonlySet<string>, permissive: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of view) {
    if (permissive || properties.has(key)) setOwn(out, key, value);
    // NOTE(quirk): glance/schema.py shows None-valued custom properties as ''.
    if (!properties.has(key) && value === null) setOwn(out, key, '');
  }
  return out;
}

/** `d[key] = value` for any key, '__proto__' included (a property name like any other in Python). */
function setOwn(d: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(d, key, { value, enumerable: true, writable: true, configurable: true });
}

const IMAGE_ATTRIBUTES = [
  'name', 'disk_format', 'container_format', 'visibility', 'size', 'virtual_size', 'status',
  'checksum', 'protected', 'min_ram', 'min_disk', 'owner',
] as const;

/**
 * The images response serializer.
 * @see glance/api/v2/images.py ResponseSerializer
 */
export class ImagesResponseSerializer {
  private readonly schemaProperties: ReadonlySet<string>;

  /** `customProperties`: names merged into the schema from schema-image.json (`get_schema(custom_properties)`). */
  constructor(private readonly settings: Settings, private readonly clock: Clock, customProperties: readonly string[] = []) {
    this.schemaProperties = new Set([...IMAGE_SCHEMA_PROPERTIES, ...customProperties]);
  }

  _get_image_href(image: ImageLike, subcollection = ''): string {
    const base = `/v2/images/${image.image_id}`;
    return subcollection ? `${base}/${subcollection}` : base;
  }

  /** @see glance/api/v2/images.py ResponseSerializer._format_image */
  _format_image(image: ImageLike): Record<string, unknown> {
    try {
      const view = new Map<string, unknown>(image.extra_properties.toMap());
      for (const key of IMAGE_ATTRIBUTES) view.set(key, (image as unknown as Record<string, unknown>)[key]);
      view.set('id', image.image_id);
      view.set('created_at', isotime(image.created_at, this.clock));
      view.set('updated_at', isotime(image.updated_at, this.clock));
      if (this.settings.show_multiple_locations) view.set('locations', this.visibleLocations(image));
      if (this.settings.show_image_direct_url) {
        const best = chooseBestLocation(readLocations(image), this.settings);
        if (best) view.set('direct_url', best.url);
      }
      view.set('tags', [...image.tags]);
      view.set('self', this._get_image_href(image));
      view.set('file', this._get_image_href(image, 'file'));
      view.set('schema', '/v2/schemas/image');
      return schemaFilter(view, this.schemaProperties, this.settings.allow_additional_image_properties);
    } catch (e) {
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: e.msg });
      throw e;
    }
  }

  private visibleLocations(image: ImageLike): Array<Record<string, unknown>> {
    return readLocations(image).map((loc) => {
      const copy: Record<string, unknown> = { ...(loc as unknown as Record<string, unknown>) };
      delete copy['id'];
      delete copy['status'];
      return copy;
    });
  }

  /** @see glance/api/v2/images.py ResponseSerializer.create (201) */
  create(image: ImageLike): { status: number; body: Record<string, unknown> } {
    return { status: 201, body: this._format_image(image) };
  }

  show(image: ImageLike): { status: number; body: Record<string, unknown> } {
    return { status: 200, body: this._format_image(image) };
  }

  update(image: ImageLike): { status: number; body: Record<string, unknown> } {
    return { status: 200, body: this._format_image(image) };
  }

  /** @see glance/api/v2/images.py ResponseSerializer.index */
  index(req: Request, result: IndexResult): { status: number; body: Record<string, unknown> } {
    return { status: 200, body: collectionBody('images', req, result.images.map((i) => this._format_image(i)), result.next_marker) };
  }

  delete(): { status: number } {
    return { status: 204 };
  }
}

/** `list(image.locations)`, an empty list when the policy hides them. */
function readLocations(image: ImageLike): Array<{ url: string }> {
  try {
    return [...image.locations] as Array<{ url: string }>;
  } catch (e) {
    if (e instanceof Forbidden) return [];
    throw e;
  }
}

/** glance/common/location_strategy choose_best_location (no store preferences configured). */
function chooseBestLocation(locations: Array<{ url: string }>, settings: Settings): { url: string } | null {
  const ordered = settings.location_strategy === 'store_type' ? locations.filter((l) => Boolean(l.url)) : locations;
  return ordered[0] ?? null;
}

/**
 * The body of an index answer, with Glance's first/next links built from the
 * request's query string (marker dropped; a repeated key keeps its first
 * position and its last value, as `dict(request.params)` does).
 * @see glance/api/v2/images.py ResponseSerializer.index
 */
export function collectionBody(name: string, req: Request, items: unknown[], next_marker: string | undefined): Record<string, unknown> {
  const params = new Map<string, string>();
  for (const [k, v] of req.params) params.set(k, v);
  params.delete('marker');
  const query = urlencode(params);
  const body: Record<string, unknown> = { [name]: items, first: `/v2/${name}`, schema: `/v2/schemas/${name}` };
  if (query) body['first'] = `/v2/${name}?${query}`;
  if (next_marker !== undefined) {
    params.set('marker', next_marker);
    body['next'] = `/v2/${name}?${urlencode(params)}`;
  }
  return body;
}

/** Python's `urllib.parse.urlencode` over str values (quote_plus). */
export function urlencode(params: Map<string, string>): string {
  return [...params].map(([k, v]) => `${quotePlus(k)}=${quotePlus(v)}`).join('&');
}

function quotePlus(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}
