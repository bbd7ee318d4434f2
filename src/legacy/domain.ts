/**
 * The innermost layer: Glance's domain objects (image, membership, task)
 * and their factories, with every state check and message of Glance
 * 16.0.0. What Glance read from globals (timeutils.utcnow, uuid4, CONF) is
 * passed in: a Clock, an IdGenerator and Settings.
 *
 * The metadata definitions catalog's classes (MetadefNamespace and the
 * others, with their factories) close the file, as in Glance.
 *
 * @see glance/domain/__init__.py
 */
import {
  AttributeError,
  KeyError,
  NotImplementedError_,
  TypeError_,
  ValueError,
  pyRepr,
  pyStr,
  pyTruthy,
  pyTypeName,
} from '../lib/python.js';
import { PyDict, PyList, PySet, type PyMappingLike, type PySequenceLike } from '../lib/pycollections.js';
import { PyFloat } from '../lib/pyjson.js';
import type { Settings } from '../shared/settings.js';
import type { Clock, IdGenerator } from '../shared/world.js';
import {
  Forbidden,
  InvalidImageStatusTransition,
  InvalidParameterValue,
  InvalidTaskStatus,
  InvalidTaskStatusTransition,
  InvalidTaskType,
  ProtectedImageDelete,
  ProtectedMetadefNamespaceDelete,
  ProtectedMetadefNamespacePropDelete,
  ProtectedMetadefObjectDelete,
  ProtectedMetadefResourceTypeAssociationDelete,
  ProtectedMetadefTagDelete,
  ReadonlyProperty,
  ReservedProperty,
} from './exception.js';
import type {
  FactoryKwargs,
  ImageData,
  ImageLike,
  MetadefNamespaceLike,
  MetadefObjectLike,
  MetadefPropertyLike,
  MetadefResourceTypeLike,
  MetadefTagLike,
  Location,
  MemberLike,
  NewImageKwargs,
  NewTaskKwargs,
  TaskLike,
  TaskStubLike,
} from './proxy.js';

// ---------------------------------------------------------------- helpers

/** A Python list over an existing array, so the caller's list and the image's stay one object. */
class AdoptedList<T> extends PyList<T> {
  constructor(items: T[]) {
    super();
    this.items = items;
  }
}

function isMappingLike(value: unknown): value is PyMappingLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { items?: unknown }).items === 'function'
    && typeof (value as { getItem?: unknown }).getItem === 'function';
}

/** Python truthiness, extended to the port's containers (len() == 0 is false). */
function truthy(value: unknown): boolean {
  if (typeof value === 'object' && value !== null && typeof (value as { len?: unknown }).len === 'function') {
    return (value as { len(): number }).len() > 0;
  }
  return pyTruthy(value);
}

/** `key in mapping` for the shapes extra properties arrive in. */
function mappingContains(mapping: unknown, key: string): boolean {
  if (mapping instanceof Map) return mapping.has(key);
  if (isMappingLike(mapping)) return mapping.contains(key);
  if (typeof mapping === 'object' && mapping !== null) return Object.prototype.hasOwnProperty.call(mapping, key);
  return false;
}

/** Python's `iter(x)` over the values a tags assignment can carry. */
function pyIterate(value: unknown): Iterable<unknown> {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    if (Symbol.iterator in value && !(value instanceof Map)) return value as Iterable<unknown>;
    // A dict iterates over its keys.
    if (value instanceof Map) return value.keys();
    if (Object.getPrototypeOf(value) === Object.prototype) return Object.keys(value);
  }
  throw new TypeError_(`'${pyTypeName(value)}' object is not iterable`);
}

/** Python's `set(value)`: any iterable of hashable items. */
function pySetOf(value: unknown): PySet {
  const items = [...pyIterate(value)];
  for (const item of items) {
    if (typeof item === 'object' && item !== null) throw new TypeError_(`unhashable type: '${pyTypeName(item)}'`);
  }
  return new PySet(items as string[]);
}

/** Python 3's `value < 0` for a truthy value: only numbers (ints of any size, floats) compare with ints. */
function pyLessThanZero(value: unknown): boolean {
  if (typeof value === 'number') return value < 0;
  if (typeof value === 'bigint') return value < 0n;
  if (value instanceof PyFloat) return value.value < 0;
  if (typeof value === 'boolean') return false;
  throw new TypeError_(`'<' not supported between instances of '${pyTypeName(value)}' and 'int'`);
}

function hoursLater(start: Date, hours: number): Date {
  return new Date(start.getTime() + hours * 3600 * 1000);
}

// ---------------------------------------------------------- ExtraProperties

/** What `dict(x)` accepts, as the port carries it. */
export type DictInit = PyMappingLike<unknown> | Map<string, unknown> | Readonly<Record<string, unknown>> | Iterable<[string, unknown]>;

function dictEntries(init: DictInit | null | undefined): Iterable<[string, unknown]> | Map<string, unknown> | Record<string, unknown> {
  if (init === null) throw new TypeError_("'NoneType' object is not iterable");
  if (init === undefined) return [];
  if (isMappingLike(init)) return init.items();
  return init as Iterable<[string, unknown]>;
}

/** The (key, value) pairs `MutableMapping.update(other)` walks. */
function updateEntries(other: DictInit): Array<[string, unknown]> {
  if (other instanceof Map) return [...other.entries()];
  if (isMappingLike(other)) return other.keys().map((k): [string, unknown] => [k, other.getItem(k)]);
  if (Symbol.iterator in Object(other)) return [...(other as Iterable<[string, unknown]>)];
  return Object.entries(other);
}

/**
 * An image's extra properties: a dict, equal to plain dicts with the same
 * items. Glance mixes MutableMapping in before dict, so the mixin's methods
 * win: `in`, get, items, values, pop, popitem, setdefault, update and clear
 * go through getItem/setItem/delItem (which subclasses such as property
 * protections' proxy override), and `popitem` takes the first key, not the
 * last. keys(), len(), iteration and `dict(x)` read the stored items.
 *
 * NOTE(quirk): glance/domain/__init__.py ExtraProperties inherits
 * collections' abstract `__iter__`, which yields nothing; Glance relies on
 * `keys()` and `dict()`. The reference runner restores dict iteration
 * (oracle shim S6), and so does the port: iteration yields the keys.
 *
 * @see glance/domain/__init__.py ExtraProperties
 */
export class ExtraProperties extends PyDict<unknown> {
  constructor(init?: DictInit | null) {
    super(dictEntries(init));
  }

  override contains(key: string): boolean {
    try {
      this.getItem(key);
      return true;
    } catch (e) {
      if (e instanceof KeyError) return false;
      throw e;
    }
  }

  override get(key: string, fallback: unknown = null): unknown {
    try {
      return this.getItem(key);
    } catch (e) {
      if (e instanceof KeyError) return fallback;
      throw e;
    }
  }

  override items(): Array<[string, unknown]> {
    return this.keys().map((k): [string, unknown] => [k, this.getItem(k)]);
  }

  override values(): unknown[] {
    return this.keys().map((k) => this.getItem(k));
  }

  override pop(key: string, ...fallback: [unknown?]): unknown {
    let value: unknown;
    try {
      value = this.getItem(key);
    } catch (e) {
      if (e instanceof KeyError && fallback.length > 0) return fallback[0];
      throw e;
    }
    this.delItem(key);
    return value;
  }

  override popitem(): [string, unknown] {
    const first = this.keys()[0];
    if (first === undefined) throw new KeyError(null);
    const value = this.getItem(first);
    this.delItem(first);
    return [first, value];
  }

  override setdefault(key: string, value: unknown): unknown {
    try {
      return this.getItem(key);
    } catch (e) {
      if (!(e instanceof KeyError)) throw e;
      this.setItem(key, value);
      return value;
    }
  }

  override update(other: DictInit): void {
    for (const [k, v] of updateEntries(other)) this.setItem(k, v);
  }

  override clear(): void {
    for (;;) {
      try {
        this.popitem();
      } catch (e) {
        if (e instanceof KeyError) return;
        throw e;
      }
    }
  }
}

// ------------------------------------------------------------------- Image

/** `Image(image_id, status, created_at, updated_at, **kwargs)` as keywords. */
export interface ImageInit {
  image_id: string;
  status: string;
  created_at: Date;
  updated_at: Date;
  name?: string | null;
  visibility?: string | null;
  min_disk?: number | null;
  min_ram?: number | null;
  protected?: boolean | null;
  locations?: unknown;
  checksum?: string | null;
  owner?: string | null;
  disk_format?: string | null;
  container_format?: string | null;
  size?: number | null;
  virtual_size?: number | null;
  extra_properties?: DictInit | null;
  tags?: unknown;
  readonly [other: string]: unknown;
}

const IMAGE_INIT_KEYS: ReadonlySet<string> = new Set([
  'image_id', 'status', 'created_at', 'updated_at', 'name', 'visibility', 'min_disk', 'min_ram', 'protected',
  'locations', 'checksum', 'owner', 'disk_format', 'container_format', 'size', 'virtual_size',
  'extra_properties', 'tags',
]);

/** `kwargs.pop(key, default)`: a key given as undefined counts as absent. */
function pop<T>(kwargs: Readonly<Record<string, unknown>>, key: string, fallback: T): T {
  const value = kwargs[key];
  return value === undefined ? fallback : (value as T);
}

const VISIBILITIES: readonly string[] = ['community', 'public', 'private', 'shared'];

/**
 * The domain image. Status changes follow `valid_state_targets`; format,
 * visibility and min_disk/min_ram assignments are checked.
 *
 * @see glance/domain/__init__.py Image
 */
export class Image implements ImageLike {
  static readonly valid_state_targets: Readonly<Record<string, readonly string[]>> = Object.freeze({
    queued: ['saving', 'uploading', 'importing', 'active', 'deleted'],
    saving: ['active', 'killed', 'deleted', 'queued'],
    uploading: ['importing', 'queued', 'deleted'],
    importing: ['active', 'deleted', 'queued'],
    active: ['pending_delete', 'deleted', 'deactivated'],
    killed: ['deleted'],
    pending_delete: ['deleted'],
    deleted: [],
    deactivated: ['active', 'deleted'],
  });

  image_id: string;
  created_at: Date;
  updated_at: Date;
  name: string | null;
  protected: boolean;
  checksum: string | null;
  owner: string | null;
  size: number | null = null;
  virtual_size: number | null = null;

  // undefined: not assigned yet (Python: no such attribute).
  private _status: string | undefined = undefined;
  private _visibility = 'shared';
  private _min_disk: number = 0;
  private _min_ram: number = 0;
  private _disk_format: string | null | undefined = undefined;
  private _container_format: string | null | undefined = undefined;
  private _locations: PySequenceLike<Location> = new PyList<Location>();
  private _extra_properties: PyMappingLike<unknown> = new ExtraProperties();
  private _tags: PySet = new PySet();

  /** `settings` stands for CONF, which Glance reads in `delete()`. */
  constructor(kwargs: ImageInit, private readonly settings: Pick<Settings, 'delayed_delete'>) {
    this.image_id = kwargs.image_id;
    this.status = kwargs.status;
    this.created_at = kwargs.created_at;
    this.updated_at = kwargs.updated_at;
    this.name = pop(kwargs, 'name', null);
    this.visibility = pop(kwargs, 'visibility', 'shared');
    this.min_disk = pop(kwargs, 'min_disk', 0);
    this.min_ram = pop(kwargs, 'min_ram', 0);
    this.protected = pop(kwargs, 'protected', false);
    this.locations = pop<unknown>(kwargs, 'locations', []);
    this.checksum = pop(kwargs, 'checksum', null);
    this.owner = pop(kwargs, 'owner', null);
    this._disk_format = pop(kwargs, 'disk_format', null);
    this._container_format = pop(kwargs, 'container_format', null);
    this.size = pop(kwargs, 'size', null);
    this.virtual_size = pop(kwargs, 'virtual_size', null);
    this.extra_properties = new ExtraProperties(pop<DictInit | null>(kwargs, 'extra_properties', {}));
    this.tags = pop<unknown>(kwargs, 'tags', []);
    const unexpected = Object.keys(kwargs).filter((k) => !IMAGE_INIT_KEYS.has(k) && kwargs[k] !== undefined);
    if (unexpected.length > 0) {
      throw new TypeError_(`__init__() got unexpected keyword argument '${unexpected[0]}'`);
    }
  }

  get status(): string {
    return this._status as string;
  }
  set status(status: string) {
    if (this._status !== undefined) {
      this.checkTransition(this._status, status);
      this.checkFormatsBeforeData(this._status, status);
    }
    // NOTE(quirk): glance/domain/__init__.py clears the size whenever the
    // status becomes queued (so a failed upload can be retried).
    if (status === 'queued') {
      this.size = null;
      this.virtual_size = null;
    }
    this._status = status;
  }

  private checkTransition(current: string, status: string): void {
    const targets = Image.valid_state_targets;
    if (!Object.prototype.hasOwnProperty.call(targets, current)) throw new KeyError(current);
    if (!(targets[current] ?? []).includes(status)) {
      throw new InvalidImageStatusTransition(null, { cur_status: current, new_status: status });
    }
  }

  private checkFormatsBeforeData(current: string, status: string): void {
    if (!['queued', 'uploading'].includes(current) || !['saving', 'active', 'importing'].includes(status)) return;
    const missing = (['disk_format', 'container_format'] as const).filter((k) => !pyTruthy(this[k]));
    if (missing.length === 0) return;
    const template = missing.length === 1
      ? 'Property %s must be set prior to saving data.'
      : 'Properties %s must be set prior to saving data.';
    throw new ValueError(template.replace('%s', missing.join(', ')));
  }

  get visibility(): string {
    return this._visibility;
  }
  set visibility(visibility: string) {
    if (!VISIBILITIES.includes(visibility)) {
      throw new ValueError('Visibility must be one of "community", "public", "private", or "shared"');
    }
    this._visibility = visibility;
  }

  get tags(): PySet {
    return this._tags;
  }
  set tags(value: unknown) {
    this._tags = pySetOf(value);
  }

  get container_format(): string | null {
    return this._container_format ?? null;
  }
  set container_format(value: string | null) {
    if (this._container_format !== undefined && this.status !== 'queued') {
      throw new Forbidden('Attribute container_format can be only replaced for a queued image.');
    }
    this._container_format = value;
  }

  get disk_format(): string | null {
    return this._disk_format ?? null;
  }
  set disk_format(value: string | null) {
    if (this._disk_format !== undefined && this.status !== 'queued') {
      throw new Forbidden('Attribute disk_format can be only replaced for a queued image.');
    }
    this._disk_format = value;
  }

  get min_disk(): number {
    return this._min_disk;
  }
  set min_disk(value: number) {
    checkNotNegative('min_disk', value);
    this._min_disk = value;
  }

  get min_ram(): number {
    return this._min_ram;
  }
  set min_ram(value: number) {
    checkNotNegative('min_ram', value);
    this._min_ram = value;
  }

  /** A plain attribute in Glance: whatever is assigned is kept (arrays become a list over the same array). */
  get locations(): PySequenceLike<Location> {
    return this._locations;
  }
  set locations(value: unknown) {
    this._locations = (Array.isArray(value) ? new AdoptedList(value) : value) as PySequenceLike<Location>;
  }

  /** A plain attribute in Glance: only the constructor makes an ExtraProperties. */
  get extra_properties(): PyMappingLike<unknown> {
    return this._extra_properties;
  }
  set extra_properties(value: unknown) {
    if (isMappingLike(value)) this._extra_properties = value;
    else if (value instanceof Map || (typeof value === 'object' && value !== null && !Array.isArray(value))) {
      this._extra_properties = new PyDict(value as Map<string, unknown>);
    } else {
      this._extra_properties = value as PyMappingLike<unknown>;
    }
  }

  delete(): void {
    if (pyTruthy(this.protected)) throw new ProtectedImageDelete(null, { image_id: this.image_id });
    // NOTE(quirk): glance/domain/__init__.py reads CONF.delayed_delete here.
    if (this.settings.delayed_delete && truthy(this.locations)) this.status = 'pending_delete';
    else this.status = 'deleted';
  }

  deactivate(): void {
    if (this.status === 'active') this.status = 'deactivated';
    else if (this.status !== 'deactivated') {
      throw new Forbidden(`Not allowed to deactivate image in status '${pyStr(this.status)}'`);
    }
  }

  reactivate(): void {
    if (this.status === 'deactivated') this.status = 'active';
    else if (this.status !== 'active') {
      throw new Forbidden(`Not allowed to reactivate image in status '${pyStr(this.status)}'`);
    }
  }

  get_data(_offset?: number, _chunk_size?: number | null): Iterable<Buffer> {
    throw new NotImplementedError_('');
  }

  set_data(_data: ImageData, _size?: number | null): void {
    throw new NotImplementedError_('');
  }
}

function checkNotNegative(param: string, value: unknown): void {
  if (pyTruthy(value) && pyLessThanZero(value)) {
    throw new InvalidParameterValue(null, { value, param, extra_msg: 'Cannot be a negative value' });
  }
}

/**
 * Builds queued images, refusing read-only and reserved names.
 *
 * @see glance/domain/__init__.py ImageFactory
 */
export class ImageFactory {
  static readonly _readonly_properties: readonly string[] = [
    'created_at', 'updated_at', 'status', 'checksum', 'size', 'virtual_size',
  ];
  static readonly _reserved_properties: readonly string[] = [
    'owner', 'locations', 'deleted', 'deleted_at', 'direct_url', 'self', 'file', 'schema',
  ];
  private static readonly named: ReadonlySet<string> = new Set([
    'image_id', 'name', 'visibility', 'min_disk', 'min_ram', 'protected', 'owner', 'disk_format',
    'container_format', 'extra_properties', 'tags',
  ]);

  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly settings: Pick<Settings, 'delayed_delete'>,
  ) {}

  new_image(kwargs: NewImageKwargs = {}): Image {
    const otherArgs = Object.keys(kwargs).filter((k) => !ImageFactory.named.has(k) && kwargs[k] !== undefined);
    const extraProperties = truthy(kwargs.extra_properties) ? (kwargs.extra_properties as DictInit) : {};
    this.checkReadonly(otherArgs);
    this.checkUnexpected(otherArgs);
    this.checkReserved(extraProperties);

    const image_id = kwargs.image_id ?? this.ids.uuid4();
    const created_at = this.clock.now();
    return new Image({
      image_id,
      name: pop(kwargs, 'name', null),
      status: 'queued',
      created_at,
      updated_at: created_at,
      visibility: pop(kwargs, 'visibility', 'shared'),
      min_disk: pop(kwargs, 'min_disk', 0),
      min_ram: pop(kwargs, 'min_ram', 0),
      protected: pop(kwargs, 'protected', false),
      owner: pop(kwargs, 'owner', null),
      disk_format: pop(kwargs, 'disk_format', null),
      container_format: pop(kwargs, 'container_format', null),
      extra_properties: extraProperties,
      tags: truthy(kwargs.tags) ? kwargs.tags : [],
    }, this.settings);
  }

  private checkReadonly(otherArgs: readonly string[]): void {
    for (const key of ImageFactory._readonly_properties) {
      if (otherArgs.includes(key)) throw new ReadonlyProperty(null, { property: key });
    }
  }

  private checkUnexpected(otherArgs: readonly string[]): void {
    if (otherArgs.length > 0) {
      throw new TypeError_(`new_image() got unexpected keywords dict_keys([${otherArgs.map(pyRepr).join(', ')}])`);
    }
  }

  private checkReserved(properties: unknown): void {
    for (const key of ImageFactory._reserved_properties) {
      if (mappingContains(properties, key)) throw new ReservedProperty(null, { property: key });
    }
  }
}

// ------------------------------------------------------------- membership

export interface ImageMembershipInit {
  image_id: string;
  member_id: string;
  created_at: Date;
  updated_at: Date;
  id?: number | null;
  status?: string | null;
}

const MEMBER_STATUSES: readonly string[] = ['pending', 'accepted', 'rejected'];

/** @see glance/domain/__init__.py ImageMembership */
export class ImageMembership implements MemberLike {
  id: number | null;
  image_id: string;
  member_id: string;
  created_at: Date;
  updated_at: Date;
  private _status = 'pending';

  constructor(kwargs: ImageMembershipInit) {
    this.id = kwargs.id ?? null;
    this.image_id = kwargs.image_id;
    this.member_id = kwargs.member_id;
    this.created_at = kwargs.created_at;
    this.updated_at = kwargs.updated_at;
    // NOTE(quirk): the status defaults to None, which the setter refuses.
    this.status = kwargs.status ?? (null as unknown as string);
  }

  get status(): string {
    return this._status;
  }
  set status(status: string) {
    if (!MEMBER_STATUSES.includes(status)) {
      throw new ValueError('Status must be "pending", "accepted" or "rejected".');
    }
    this._status = status;
  }
}

/** @see glance/domain/__init__.py ImageMemberFactory */
export class ImageMemberFactory {
  constructor(private readonly clock: Clock) {}

  new_image_member(image: Pick<ImageLike, 'image_id'>, member_id: string): ImageMembership {
    const created_at = this.clock.now();
    return new ImageMembership({
      image_id: image.image_id,
      member_id,
      created_at,
      updated_at: created_at,
      status: 'pending',
    });
  }
}

// ------------------------------------------------------------------- tasks

/** `Task(task_id, task_type, status, owner, expires_at, created_at, updated_at, task_input, result, message)`. */
export interface TaskInit {
  task_id: string;
  task_type: string;
  status: string;
  owner: string | null;
  expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
  task_input: unknown;
  result: unknown;
  message: unknown;
}

const TASK_TRANSITIONS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  pending: ['processing', 'failure'],
  processing: ['success', 'failure'],
  success: [],
  failure: [],
});

/**
 * A task: its status moves only through begin_processing, succeed and
 * fail; the last two set `expires_at` to now + task_time_to_live.
 *
 * @see glance/domain/__init__.py Task
 */
export class Task implements TaskLike {
  static readonly _supported_task_type: readonly string[] = ['import', 'api_image_import'];
  static readonly _supported_task_status: readonly string[] = ['pending', 'processing', 'success', 'failure'];

  task_id: string;
  type: string;
  owner: string | null;
  expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
  task_input: unknown;
  result: unknown;
  private _status: string;
  private _message = '';
  /** Hours; Glance's `_time_to_live`. */
  private readonly _time_to_live: number;

  constructor(kwargs: TaskInit, settings: Pick<Settings, 'task_time_to_live'>, private readonly clock: Clock) {
    if (!Task._supported_task_type.includes(kwargs.task_type)) throw new InvalidTaskType(kwargs.task_type);
    if (!Task._supported_task_status.includes(kwargs.status)) throw new InvalidTaskStatus(kwargs.status);
    this.task_id = kwargs.task_id;
    this._status = kwargs.status;
    this.type = kwargs.task_type;
    this.owner = kwargs.owner;
    this.expires_at = kwargs.expires_at;
    // NOTE(quirk): glance/domain/__init__.py reads CONF.task.task_time_to_live here.
    this._time_to_live = settings.task_time_to_live;
    this.created_at = kwargs.created_at;
    this.updated_at = kwargs.updated_at;
    this.task_input = kwargs.task_input;
    this.result = kwargs.result;
    this.message = kwargs.message;
  }

  get status(): string {
    return this._status;
  }

  get message(): string {
    return this._message;
  }
  set message(message: unknown) {
    this._message = pyTruthy(message) ? pyStr(message) : '';
  }

  private setTaskStatus(new_status: string): void {
    const allowed = TASK_TRANSITIONS[this._status];
    if (allowed === undefined) throw new KeyError(this._status);
    if (!allowed.includes(new_status)) {
      throw new InvalidTaskStatusTransition(null, { cur_status: this._status, new_status });
    }
    this._status = new_status;
  }

  begin_processing(): void {
    this.setTaskStatus('processing');
  }

  succeed(result: unknown): void {
    this.result = result;
    this.setTaskStatus('success');
    this.expires_at = hoursLater(this.clock.now(), this._time_to_live);
  }

  fail(message: unknown): void {
    this.message = message;
    this.setTaskStatus('failure');
    this.expires_at = hoursLater(this.clock.now(), this._time_to_live);
  }

  run(executor: unknown): void {
    const begin = (executor as { begin_processing?: unknown } | null)?.begin_processing;
    if (typeof begin !== 'function') {
      throw new AttributeError(`'${pyTypeName(executor)}' object has no attribute 'begin_processing'`);
    }
    begin.call(executor, this.task_id);
  }
}

export interface TaskStubInit {
  task_id: string;
  task_type: string;
  status: string;
  owner: string | null;
  expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** @see glance/domain/__init__.py TaskStub */
export class TaskStub implements TaskStubLike {
  task_id: string;
  type: string;
  owner: string | null;
  expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
  private readonly _status: string;

  constructor(kwargs: TaskStubInit) {
    this.task_id = kwargs.task_id;
    this._status = kwargs.status;
    this.type = kwargs.task_type;
    this.owner = kwargs.owner;
    this.expires_at = kwargs.expires_at;
    this.created_at = kwargs.created_at;
    this.updated_at = kwargs.updated_at;
  }

  get status(): string {
    return this._status;
  }
}

/** @see glance/domain/__init__.py TaskFactory */
export class TaskFactory {
  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly settings: Pick<Settings, 'task_time_to_live'>,
  ) {}

  new_task(kwargs: NewTaskKwargs): Task {
    const task_id = this.ids.uuid4();
    const created_at = this.clock.now();
    return new Task({
      task_id,
      task_type: kwargs.task_type,
      status: 'pending',
      owner: kwargs.owner,
      // Set only when the task succeeds or fails.
      expires_at: null,
      created_at,
      updated_at: created_at,
      task_input: kwargs.task_input ?? null,
      result: kwargs.result ?? null,
      message: kwargs.message ?? null,
    }, this.settings, this.clock);
  }
}

// ----------------------------------------------------------- task executor

/** `glance.async.<name>_executor.TaskExecutor(context, task_repo, image_repo, image_factory)`. */
export type TaskExecutorClass = new (context: unknown, task_repo: unknown, image_repo: unknown, image_factory: unknown) => unknown;

/** What the reference runner's executor is (oracle shim S3): an object that does nothing. */
export class InertTaskExecutor {
  constructor(_context: unknown, _task_repo: unknown, _image_repo: unknown, _image_factory: unknown) {}
}

export interface TaskExecutorFactoryOptions {
  /** CONF.task.task_executor; Glance's default is 'taskflow'. */
  readonly task_executor?: string;
  /** oslo importutils.import_class; by default every executor is inert. */
  readonly import_class?: (path: string) => TaskExecutorClass;
}

/**
 * Loads the configured task executor class and builds one per context.
 * The port never runs tasks (the scenario format stores them only), so the
 * default loader gives the inert executor the reference runner uses.
 *
 * @see glance/domain/__init__.py TaskExecutorFactory
 */
export class TaskExecutorFactory {
  static eventlet_deprecation_warned = false;
  private readonly task_executor: string;
  private readonly import_class: (path: string) => TaskExecutorClass;

  constructor(
    readonly task_repo: unknown,
    readonly image_repo: unknown,
    readonly image_factory: unknown,
    options: TaskExecutorFactoryOptions = {},
  ) {
    this.task_executor = options.task_executor ?? 'taskflow';
    this.import_class = options.import_class ?? (() => InertTaskExecutor);
  }

  new_task_executor(context: unknown): unknown {
    let task_executor = this.task_executor;
    if (task_executor === 'eventlet') {
      // Deprecated alias: Glance logs a warning once and uses taskflow.
      TaskExecutorFactory.eventlet_deprecation_warned = true;
      task_executor = 'taskflow';
    }
    const executor = this.import_class(`glance.async.${task_executor}_executor.TaskExecutor`);
    return new executor(context, this.task_repo, this.image_repo, this.image_factory);
  }
}

// ================================================================ metadefs

/** `kwargs.get(name)` of Python keyword arguments. */
function kwarg(kwargs: FactoryKwargs, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(kwargs, name) ? kwargs[name] : null;
}

/** A required parameter of a factory method taken from its keywords (TypeError when missing). */
function required(func: string, kwargs: FactoryKwargs, names: readonly string[]): unknown[] {
  const missing = names.filter((n) => !Object.prototype.hasOwnProperty.call(kwargs, n));
  if (missing.length > 0) {
    const quoted = missing.map((n) => `'${n}'`);
    const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
    throw new TypeError_(`${func}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`);
  }
  return names.map((n) => kwargs[n]);
}

/** The protected flag of an object's namespace: `self.namespace.protected`. */
function namespaceProtected(namespace: unknown): boolean {
  if (namespace === null || typeof namespace !== 'object' || !('protected' in namespace)) {
    throw new AttributeError(`'${typeof namespace === 'string' ? 'str' : pyTypeName(namespace)}' object has no attribute 'protected'`);
  }
  return pyTruthy((namespace as { protected: unknown }).protected);
}

/**
 * A namespace of the catalog. A missing visibility reads as private and a
 * missing protected flag as False.
 *
 * @see glance/domain/__init__.py MetadefNamespace
 */
export class MetadefNamespace implements MetadefNamespaceLike {
  namespace_id: unknown;
  namespace: unknown;
  display_name: unknown;
  description: unknown;
  owner: unknown;
  visibility: unknown;
  protected: unknown;
  created_at: unknown;
  updated_at: unknown;

  constructor(
    namespace_id: unknown,
    namespace: unknown,
    display_name: unknown,
    description: unknown,
    owner: unknown,
    visibility: unknown,
    protected_: unknown,
    created_at: unknown,
    updated_at: unknown,
  ) {
    this.namespace_id = namespace_id;
    this.namespace = namespace;
    this.display_name = display_name;
    this.description = description;
    this.owner = owner;
    this.visibility = pyTruthy(visibility) ? visibility : 'private';
    this.protected = pyTruthy(protected_) ? protected_ : false;
    this.created_at = created_at;
    this.updated_at = updated_at;
  }

  delete(): void {
    if (pyTruthy(this.protected)) throw new ProtectedMetadefNamespaceDelete(null, { namespace: this.namespace });
  }
}

/** @see glance/domain/__init__.py MetadefNamespaceFactory */
export class MetadefNamespaceFactory {
  constructor(private readonly clock: Clock, private readonly ids: IdGenerator) {}

  /** `new_namespace(namespace, owner, **kwargs)` */
  new_namespace(kwargs: FactoryKwargs): MetadefNamespace {
    const [namespace, owner] = required('new_namespace', kwargs, ['namespace', 'owner']);
    const namespace_id = this.ids.uuid4();
    const created_at = this.clock.now();
    return new MetadefNamespace(
      namespace_id, namespace, kwarg(kwargs, 'display_name'), kwarg(kwargs, 'description'), owner,
      kwarg(kwargs, 'visibility'), kwarg(kwargs, 'protected'), created_at, created_at,
    );
  }
}

/** @see glance/domain/__init__.py MetadefObject */
export class MetadefObject implements MetadefObjectLike {
  constructor(
    public namespace: unknown,
    public object_id: unknown,
    public name: unknown,
    public created_at: unknown,
    public updated_at: unknown,
    public required: unknown,
    public description: unknown,
    public properties: unknown,
  ) {}

  delete(): void {
    if (namespaceProtected(this.namespace)) throw new ProtectedMetadefObjectDelete(null, { object_name: this.name });
  }
}

/** @see glance/domain/__init__.py MetadefObjectFactory */
export class MetadefObjectFactory {
  constructor(private readonly clock: Clock, private readonly ids: IdGenerator) {}

  /** `new_object(namespace, name, **kwargs)` */
  new_object(kwargs: FactoryKwargs): MetadefObject {
    const [namespace, name] = required('new_object', kwargs, ['namespace', 'name']);
    const object_id = this.ids.uuid4();
    const created_at = this.clock.now();
    return new MetadefObject(
      namespace, object_id, name, created_at, created_at,
      kwarg(kwargs, 'required'), kwarg(kwargs, 'description'), kwarg(kwargs, 'properties'),
    );
  }
}

/** @see glance/domain/__init__.py MetadefResourceType */
export class MetadefResourceType implements MetadefResourceTypeLike {
  constructor(
    public namespace: unknown,
    public name: unknown,
    public prefix: unknown,
    public properties_target: unknown,
    public created_at: unknown,
    public updated_at: unknown,
  ) {}

  delete(): void {
    if (namespaceProtected(this.namespace)) {
      throw new ProtectedMetadefResourceTypeAssociationDelete(null, { resource_type: this.name });
    }
  }
}

/** @see glance/domain/__init__.py MetadefResourceTypeFactory */
export class MetadefResourceTypeFactory {
  constructor(private readonly clock: Clock) {}

  /** `new_resource_type(namespace, name, **kwargs)` */
  new_resource_type(kwargs: FactoryKwargs): MetadefResourceType {
    const [namespace, name] = required('new_resource_type', kwargs, ['namespace', 'name']);
    const created_at = this.clock.now();
    return new MetadefResourceType(namespace, name, kwarg(kwargs, 'prefix'), kwarg(kwargs, 'properties_target'), created_at, created_at);
  }
}

/** @see glance/domain/__init__.py MetadefProperty */
export class MetadefProperty implements MetadefPropertyLike {
  constructor(
    public namespace: unknown,
    public property_id: unknown,
    public name: unknown,
    public schema: unknown,
  ) {}

  delete(): void {
    if (namespaceProtected(this.namespace)) throw new ProtectedMetadefNamespacePropDelete(null, { property_name: this.name });
  }
}

/** @see glance/domain/__init__.py MetadefPropertyFactory */
export class MetadefPropertyFactory {
  constructor(private readonly ids: IdGenerator) {}

  /** `new_namespace_property(namespace, name, schema, **kwargs)` */
  new_namespace_property(kwargs: FactoryKwargs): MetadefProperty {
    const [namespace, name, schema] = required('new_namespace_property', kwargs, ['namespace', 'name', 'schema']);
    return new MetadefProperty(namespace, this.ids.uuid4(), name, schema);
  }
}

/** @see glance/domain/__init__.py MetadefTag */
export class MetadefTag implements MetadefTagLike {
  constructor(
    public namespace: unknown,
    public tag_id: unknown,
    public name: unknown,
    public created_at: unknown,
    public updated_at: unknown,
  ) {}

  delete(): void {
    if (namespaceProtected(this.namespace)) throw new ProtectedMetadefTagDelete(null, { tag_name: this.name });
  }
}

/** @see glance/domain/__init__.py MetadefTagFactory */
export class MetadefTagFactory {
  constructor(private readonly clock: Clock, private readonly ids: IdGenerator) {}

  /** `new_tag(namespace, name, **kwargs)` */
  new_tag(kwargs: FactoryKwargs): MetadefTag {
    const [namespace, name] = required('new_tag', kwargs, ['namespace', 'name']);
    const tag_id = this.ids.uuid4();
    const created_at = this.clock.now();
    return new MetadefTag(namespace, tag_id, name, created_at, created_at);
  }
}
