/**
 * The proxy mechanics every Glance layer builds on, and the shapes of the
 * objects that travel through the layers (image, member, task, location).
 *
 * Glance wraps repos, factories and domain objects in one proxy per layer.
 * A repo proxy wraps what it hands out (`get`, `list`) and unwraps, once,
 * what it is given (`add`, `save`, `remove`). An entity proxy forwards each
 * attribute to `base`; Python does it with `_proxy` properties, the port
 * with explicit getters and setters (TS has no `__getattr__`).
 *
 * Proxy classes are constructed like Glance's `proxy_class(obj, **kwargs)`:
 * `new ProxyClass(base, kwargs)`, the kwargs object given to the Helper.
 *
 * @see glance/domain/proxy.py
 */
import { AttributeError, pyTypeName } from '../lib/python.js';
import type { ListFilters } from './list-filters.js';
import type { PyMappingLike, PySequenceLike, PySetLike } from '../lib/pycollections.js';

// ------------------------------------------------------------------ shapes

/**
 * One image location, as the db and store layers exchange it. A type alias
 * (not an interface) so it is assignable to plain dict shapes.
 */
export type Location = {
  url: string;
  metadata: Record<string, unknown>;
  status: string;
  id?: number;
};

/** Image bytes handed to `set_data`: a chunked reader, one Buffer a chunk. */
export type ImageData = Iterable<Buffer>;

/**
 * What every image (domain.Image and each layer's image proxy) offers,
 * with Glance's snake_case attribute names. Setters may accept more than
 * their getter returns, as the Python attributes do.
 */
export interface ImageLike {
  image_id: string;
  name: string | null;
  status: string;
  created_at: Date;
  updated_at: Date;
  visibility: string;
  min_disk: number;
  min_ram: number;
  protected: boolean;
  get locations(): PySequenceLike<Location>;
  set locations(value: unknown);
  checksum: string | null;
  owner: string | null;
  disk_format: string | null;
  container_format: string | null;
  size: number | null;
  virtual_size: number | null;
  get extra_properties(): PyMappingLike<unknown>;
  set extra_properties(value: unknown);
  get tags(): PySetLike;
  /** Python's `set(value)`: any iterable of strings. */
  set tags(value: unknown);
  delete(): void;
  deactivate(): void;
  reactivate(): void;
  set_data(data: ImageData, size?: number | null): void;
  get_data(offset?: number, chunk_size?: number | null): Iterable<Buffer>;
}

/** An image membership (domain.ImageMembership or a layer's proxy). */
export interface MemberLike {
  id: number | null;
  image_id: string;
  member_id: string;
  status: string;
  created_at: Date;
  updated_at: Date;
}

/** What `Task.run` hands the task to. */
export interface TaskExecutorLike {
  begin_processing(task_id: string): void;
}

/** A task (domain.Task or a layer's proxy). `status` changes only through the methods. */
export interface TaskLike {
  task_id: string;
  type: string;
  readonly status: string;
  owner: string | null;
  expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
  task_input: unknown;
  result: unknown;
  get message(): string;
  set message(value: unknown);
  begin_processing(): void;
  succeed(result: unknown): void;
  fail(message: unknown): void;
  /** Calls `executor.begin_processing(task_id)` (AttributeError if it has none). */
  run(executor: TaskExecutorLike | unknown): void;
}

/** The light task the task list returns. */
export interface TaskStubLike {
  task_id: string;
  type: string;
  readonly status: string;
  owner: string | null;
  expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * The keyword arguments repos' `list` accepts (images: db.ImageRepo.list;
 * tasks: db.TaskRepo.list, which takes single sort values).
 */
export interface ListKwargs {
  marker?: string | null;
  limit?: number | null;
  sort_key?: string | readonly string[] | null;
  sort_dir?: string | readonly string[] | null;
  filters?: ListFilters | null;
  member_status?: string;
}

/** `ImageFactory.new_image(**kwargs)`: the named parameters, plus anything (refused later). */
export interface NewImageKwargs {
  image_id?: string | null;
  name?: string | null;
  visibility?: string | null;
  min_disk?: number | null;
  min_ram?: number | null;
  protected?: boolean | null;
  owner?: string | null;
  disk_format?: string | null;
  container_format?: string | null;
  extra_properties?: PyMappingLike<unknown> | Map<string, unknown> | Readonly<Record<string, unknown>> | null;
  /** Any iterable of strings (Python: `set(tags or [])`). */
  tags?: unknown;
  readonly [other: string]: unknown;
}

/** `TaskFactory.new_task(task_type, owner, task_input=None, **kwargs)` as keywords. */
export interface NewTaskKwargs {
  task_type: string;
  owner: string | null;
  task_input?: unknown;
  result?: unknown;
  message?: unknown;
  readonly [other: string]: unknown;
}

// ------------------------------------------------------- what proxies wrap

/** Return of add/save/remove: Glance's db repos return None, fakes may return an item. */
export type RepoResult<T> = T | null | undefined | void;

export interface RepoLike<T> {
  get(item_id: string): T;
  list(kwargs?: ListKwargs): T[];
  add(item: T): RepoResult<T>;
  save(item: T, from_state?: string | null): RepoResult<T>;
  remove(item: T): RepoResult<T>;
}

export interface MemberRepoLike<M> {
  get(member_id: string): M;
  list(): M[];
  add(member: M): unknown;
  save(member: M, from_state?: string | null): RepoResult<M>;
  remove(member: M): RepoResult<M>;
}

export interface TaskRepoLike<T> {
  get(task_id: string): T;
  add(task: T): unknown;
  save(task: T): unknown;
  remove(task: T): unknown;
}

export interface TaskStubRepoLike<S> {
  list(kwargs?: ListKwargs): S[];
}

export interface ImageFactoryLike<I> {
  new_image(kwargs?: NewImageKwargs): I;
}

export interface ImageMemberFactoryLike<M, I = ImageLike> {
  new_image_member(image: I, member_id: string, kwargs?: Readonly<Record<string, unknown>>): M;
}

export interface TaskFactoryLike<T> {
  new_task(kwargs: NewTaskKwargs): T;
}

/** Names other layers use for the wrapped objects. */
export type ImageMemberLike = MemberLike;
export type RepoBase<T = ImageLike> = RepoLike<T>;
export type MemberRepoBase<M = MemberLike> = MemberRepoLike<M>;
export type TaskRepoBase<T = TaskLike> = TaskRepoLike<T>;
export type TaskStubRepoBase<S = TaskStubLike> = TaskStubRepoLike<S>;
export type ImageFactoryBase<I = ImageLike> = ImageFactoryLike<I>;
export type ImageMembershipFactoryBase<M = MemberLike, I = ImageLike> = ImageMemberFactoryLike<M, I>;
export type TaskFactoryBase<T = TaskLike> = TaskFactoryLike<T>;

// ------------------------------------------------------------------ Helper

/**
 * `proxy_class(obj, **proxy_kwargs)`: a layer's proxy class (called with
 * `new`), or an arrow function building the proxy (called plainly).
 */
export type ProxyClass<B, P, K = Record<string, unknown>> =
  | (new (base: B, kwargs: K) => P)
  | ((base: B, kwargs: K) => P);

function construct<B, P, K>(proxy_class: ProxyClass<B, P, K>, obj: B, kwargs: K): P {
  // Arrow functions have no prototype and cannot be called with `new`.
  if (proxy_class.prototype === undefined) return (proxy_class as (base: B, kwargs: K) => P)(obj, kwargs);
  return new (proxy_class as new (base: B, kwargs: K) => P)(obj, kwargs);
}

/**
 * Wraps with the layer's proxy class, or passes through when the layer has
 * none; None always passes through. `unproxy` reads `.base`.
 *
 * @see glance/domain/proxy.py Helper
 */
export class Helper<B, P = B, K = Record<string, unknown>> {
  readonly proxy_class: ProxyClass<B, P, K> | null;
  readonly proxy_kwargs: K;

  constructor(proxy_class?: ProxyClass<B, P, K> | null, proxy_kwargs?: K | null) {
    this.proxy_class = proxy_class ?? null;
    // Python: `proxy_kwargs or {}`.
    this.proxy_kwargs = proxy_kwargs ?? ({} as K);
  }

  proxy(obj: B): P;
  proxy(obj: B | null | undefined): P | null;
  proxy(obj: B | null | undefined): P | null {
    if (obj === null || obj === undefined) return null;
    if (this.proxy_class === null) return obj as unknown as P;
    return construct(this.proxy_class, obj, this.proxy_kwargs);
  }

  unproxy(obj: P): B;
  unproxy(obj: P | null | undefined): B | null;
  unproxy(obj: P | null | undefined): B | null {
    if (obj === null || obj === undefined) return null;
    if (this.proxy_class === null) return obj as unknown as B;
    // NOTE(quirk): PATCH `add /base` puts a plain value where a proxy was
    // (glance/api/v2/images.py _do_add uses setattr); Python then fails
    // reading `.base` of that value.
    if (typeof obj !== 'object' && typeof obj !== 'function') {
      throw new AttributeError(`'${pyTypeName(obj)}' object has no attribute 'base'`);
    }
    return (obj as unknown as { base: B }).base;
  }
}

/**
 * Python's `setattr(obj, name, value)`: a read-only property raises
 * AttributeError. Every `_proxy` setter goes through it: a PATCH of `/base`
 * can put a plain JSON value in the wrapped object's place, and Python's
 * str, int, list, dict or None have no attribute to set (AttributeError, a
 * 500) where a JavaScript primitive raises TypeError and an array or Map
 * would quietly take the property.
 */
function setattr(obj: unknown, name: string, value: unknown): void {
  if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function') || Array.isArray(obj) || obj instanceof Map) {
    throw new AttributeError(`'${pyTypeName(obj)}' object has no attribute '${name}'`);
  }
  if (!Reflect.set(obj, name, value)) throw new AttributeError("can't set attribute");
}

// ------------------------------------------------------------------- repos

/**
 * The generic repo proxy: images go through this one.
 *
 * @see glance/domain/proxy.py Repo
 */
export class Repo<B = ImageLike, P = B, K = Record<string, unknown>> {
  readonly base: RepoLike<B>;
  readonly helper: Helper<B, P, K>;

  constructor(base: RepoLike<B>, item_proxy_class?: ProxyClass<B, P, K> | null, item_proxy_kwargs?: K | null) {
    this.base = base;
    this.helper = new Helper(item_proxy_class, item_proxy_kwargs);
  }

  get(item_id: string): P {
    return this.helper.proxy(this.base.get(item_id));
  }

  list(kwargs?: ListKwargs): P[] {
    return this.base.list(kwargs).map((item) => this.helper.proxy(item));
  }

  add(item: P): P | null {
    return this.helper.proxy(this.base.add(this.helper.unproxy(item)) ?? null);
  }

  save(item: P, from_state: string | null = null): P | null {
    return this.helper.proxy(this.base.save(this.helper.unproxy(item), from_state) ?? null);
  }

  remove(item: P): P | null {
    return this.helper.proxy(this.base.remove(this.helper.unproxy(item)) ?? null);
  }
}

/**
 * Member repo proxy. Unlike Repo, `add` returns nothing.
 *
 * @see glance/domain/proxy.py MemberRepo
 */
export class MemberRepo<B = MemberLike, P = B, K = Record<string, unknown>, I = ImageLike> {
  readonly image: I;
  readonly base: MemberRepoLike<B>;
  readonly member_proxy_helper: Helper<B, P, K>;

  constructor(
    image: I,
    base: MemberRepoLike<B>,
    member_proxy_class?: ProxyClass<B, P, K> | null,
    member_proxy_kwargs?: K | null,
  ) {
    this.image = image;
    this.base = base;
    this.member_proxy_helper = new Helper(member_proxy_class, member_proxy_kwargs);
  }

  get(member_id: string): P {
    return this.member_proxy_helper.proxy(this.base.get(member_id));
  }

  add(member: P): void {
    this.base.add(this.member_proxy_helper.unproxy(member));
  }

  list(): P[] {
    return this.base.list().map((member) => this.member_proxy_helper.proxy(member));
  }

  remove(member: P): P | null {
    return this.member_proxy_helper.proxy(this.base.remove(this.member_proxy_helper.unproxy(member)) ?? null);
  }

  save(member: P, from_state: string | null = null): P | null {
    const result = this.base.save(this.member_proxy_helper.unproxy(member), from_state);
    return this.member_proxy_helper.proxy(result ?? null);
  }
}

/**
 * Task repo proxy: only `get` wraps; add/save/remove return nothing.
 *
 * @see glance/domain/proxy.py TaskRepo
 */
export class TaskRepo<B = TaskLike, P = B, K = Record<string, unknown>> {
  readonly base: TaskRepoLike<B>;
  readonly task_proxy_helper: Helper<B, P, K>;

  constructor(base: TaskRepoLike<B>, task_proxy_class?: ProxyClass<B, P, K> | null, task_proxy_kwargs?: K | null) {
    this.base = base;
    this.task_proxy_helper = new Helper(task_proxy_class, task_proxy_kwargs);
  }

  get(task_id: string): P {
    return this.task_proxy_helper.proxy(this.base.get(task_id));
  }

  add(task: P): void {
    this.base.add(this.task_proxy_helper.unproxy(task));
  }

  save(task: P): void {
    this.base.save(this.task_proxy_helper.unproxy(task));
  }

  remove(task: P): void {
    this.base.remove(this.task_proxy_helper.unproxy(task));
  }
}

/** @see glance/domain/proxy.py TaskStubRepo */
export class TaskStubRepo<B = TaskStubLike, P = B, K = Record<string, unknown>> {
  readonly base: TaskStubRepoLike<B>;
  readonly task_stub_proxy_helper: Helper<B, P, K>;

  constructor(
    base: TaskStubRepoLike<B>,
    task_stub_proxy_class?: ProxyClass<B, P, K> | null,
    task_stub_proxy_kwargs?: K | null,
  ) {
    this.base = base;
    this.task_stub_proxy_helper = new Helper(task_stub_proxy_class, task_stub_proxy_kwargs);
  }

  list(kwargs?: ListKwargs): P[] {
    return this.base.list(kwargs).map((task) => this.task_stub_proxy_helper.proxy(task));
  }
}

// --------------------------------------------------------------- factories

/** @see glance/domain/proxy.py ImageFactory */
export class ImageFactory<B = ImageLike, P = B, K = Record<string, unknown>> {
  readonly helper: Helper<B, P, K>;
  readonly base: ImageFactoryLike<B>;

  constructor(base: ImageFactoryLike<B>, proxy_class?: ProxyClass<B, P, K> | null, proxy_kwargs?: K | null) {
    this.helper = new Helper(proxy_class, proxy_kwargs);
    this.base = base;
  }

  new_image(kwargs: NewImageKwargs = {}): P {
    return this.helper.proxy(this.base.new_image(kwargs));
  }
}

/**
 * The image passed in is handed to the base as is (never unwrapped).
 *
 * @see glance/domain/proxy.py ImageMembershipFactory
 */
export class ImageMembershipFactory<B = MemberLike, P = B, K = Record<string, unknown>, I = ImageLike> {
  readonly helper: Helper<B, P, K>;
  readonly base: ImageMemberFactoryLike<B, I>;

  constructor(base: ImageMemberFactoryLike<B, I>, proxy_class?: ProxyClass<B, P, K> | null, proxy_kwargs?: K | null) {
    this.helper = new Helper(proxy_class, proxy_kwargs);
    this.base = base;
  }

  new_image_member(image: I, member: string, kwargs?: Readonly<Record<string, unknown>>): P {
    const made = kwargs === undefined
      ? this.base.new_image_member(image, member)
      : this.base.new_image_member(image, member, kwargs);
    return this.helper.proxy(made);
  }
}

/** @see glance/domain/proxy.py TaskFactory */
export class TaskFactory<B = TaskLike, P = B, K = Record<string, unknown>> {
  readonly task_helper: Helper<B, P, K>;
  readonly base: TaskFactoryLike<B>;

  constructor(base: TaskFactoryLike<B>, task_proxy_class?: ProxyClass<B, P, K> | null, task_proxy_kwargs?: K | null) {
    this.task_helper = new Helper(task_proxy_class, task_proxy_kwargs);
    this.base = base;
  }

  new_task(kwargs: NewTaskKwargs): P {
    return this.task_helper.proxy(this.base.new_task(kwargs));
  }
}

// ---------------------------------------------------------------- entities

/**
 * The pass-through image proxy: the 18 attributes and 5 methods go to
 * `base`. Layers subclass it and override what they intercept.
 *
 * @see glance/domain/proxy.py Image
 */
export class Image<K = Record<string, unknown>> implements ImageLike {
  readonly base: ImageLike;
  /** Member-repo proxy helper (Glance keeps it; the gateway builds member repos itself). */
  readonly helper: Helper<unknown, unknown, K>;

  constructor(
    base: ImageLike,
    member_repo_proxy_class?: ProxyClass<unknown, unknown, K> | null,
    member_repo_proxy_kwargs?: K | null,
  ) {
    this.base = base;
    this.helper = new Helper(member_repo_proxy_class, member_repo_proxy_kwargs);
  }

  get name(): string | null { return this.base.name; }
  set name(v: string | null) { setattr(this.base, 'name', v); }
  get image_id(): string { return this.base.image_id; }
  set image_id(v: string) { setattr(this.base, 'image_id', v); }
  get status(): string { return this.base.status; }
  set status(v: string) { setattr(this.base, 'status', v); }
  get created_at(): Date { return this.base.created_at; }
  set created_at(v: Date) { setattr(this.base, 'created_at', v); }
  get updated_at(): Date { return this.base.updated_at; }
  set updated_at(v: Date) { setattr(this.base, 'updated_at', v); }
  get visibility(): string { return this.base.visibility; }
  set visibility(v: string) { setattr(this.base, 'visibility', v); }
  get min_disk(): number { return this.base.min_disk; }
  set min_disk(v: number) { setattr(this.base, 'min_disk', v); }
  get min_ram(): number { return this.base.min_ram; }
  set min_ram(v: number) { setattr(this.base, 'min_ram', v); }
  get protected(): boolean { return this.base.protected; }
  set protected(v: boolean) { setattr(this.base, 'protected', v); }
  get locations(): PySequenceLike<Location> { return this.base.locations; }
  set locations(v: unknown) { setattr(this.base, 'locations', v); }
  get checksum(): string | null { return this.base.checksum; }
  set checksum(v: string | null) { setattr(this.base, 'checksum', v); }
  get owner(): string | null { return this.base.owner; }
  set owner(v: string | null) { setattr(this.base, 'owner', v); }
  get disk_format(): string | null { return this.base.disk_format; }
  set disk_format(v: string | null) { setattr(this.base, 'disk_format', v); }
  get container_format(): string | null { return this.base.container_format; }
  set container_format(v: string | null) { setattr(this.base, 'container_format', v); }
  get size(): number | null { return this.base.size; }
  set size(v: number | null) { setattr(this.base, 'size', v); }
  get virtual_size(): number | null { return this.base.virtual_size; }
  set virtual_size(v: number | null) { setattr(this.base, 'virtual_size', v); }
  get extra_properties(): PyMappingLike<unknown> { return this.base.extra_properties; }
  set extra_properties(v: unknown) { setattr(this.base, 'extra_properties', v); }
  get tags(): PySetLike { return this.base.tags; }
  set tags(v: unknown) { setattr(this.base, 'tags', v); }

  delete(): void {
    this.base.delete();
  }
  deactivate(): void {
    this.base.deactivate();
  }
  reactivate(): void {
    this.base.reactivate();
  }
  set_data(data: ImageData, size: number | null = null): void {
    this.base.set_data(data, size);
  }
  get_data(offset?: number, chunk_size?: number | null): Iterable<Buffer> {
    return this.base.get_data(offset, chunk_size);
  }
}

/** @see glance/domain/proxy.py ImageMember */
export class ImageMember implements MemberLike {
  readonly base: MemberLike;

  constructor(base: MemberLike) {
    this.base = base;
  }

  get id(): number | null { return this.base.id; }
  set id(v: number | null) { setattr(this.base, 'id', v); }
  get image_id(): string { return this.base.image_id; }
  set image_id(v: string) { setattr(this.base, 'image_id', v); }
  get member_id(): string { return this.base.member_id; }
  set member_id(v: string) { setattr(this.base, 'member_id', v); }
  get status(): string { return this.base.status; }
  set status(v: string) { setattr(this.base, 'status', v); }
  get created_at(): Date { return this.base.created_at; }
  set created_at(v: Date) { setattr(this.base, 'created_at', v); }
  get updated_at(): Date { return this.base.updated_at; }
  set updated_at(v: Date) { setattr(this.base, 'updated_at', v); }
}

/**
 * Setting `status` reaches the domain task, which has no setter, so it
 * raises AttributeError as in Python.
 *
 * @see glance/domain/proxy.py Task
 */
export class Task implements TaskLike {
  readonly base: TaskLike;

  constructor(base: TaskLike) {
    this.base = base;
  }

  get task_id(): string { return this.base.task_id; }
  set task_id(v: string) { setattr(this.base, 'task_id', v); }
  get type(): string { return this.base.type; }
  set type(v: string) { setattr(this.base, 'type', v); }
  get status(): string { return this.base.status; }
  set status(v: string) { setattr(this.base, 'status', v); }
  get owner(): string | null { return this.base.owner; }
  set owner(v: string | null) { setattr(this.base, 'owner', v); }
  get expires_at(): Date | null { return this.base.expires_at; }
  set expires_at(v: Date | null) { setattr(this.base, 'expires_at', v); }
  get created_at(): Date { return this.base.created_at; }
  set created_at(v: Date) { setattr(this.base, 'created_at', v); }
  get updated_at(): Date { return this.base.updated_at; }
  set updated_at(v: Date) { setattr(this.base, 'updated_at', v); }
  get task_input(): unknown { return this.base.task_input; }
  set task_input(v: unknown) { setattr(this.base, 'task_input', v); }
  get result(): unknown { return this.base.result; }
  set result(v: unknown) { setattr(this.base, 'result', v); }
  get message(): string { return this.base.message; }
  set message(v: unknown) { setattr(this.base, 'message', v); }

  begin_processing(): void {
    this.base.begin_processing();
  }
  succeed(result: unknown): void {
    this.base.succeed(result);
  }
  fail(message: unknown): void {
    this.base.fail(message);
  }
  run(executor: TaskExecutorLike | unknown): void {
    this.base.run(executor);
  }
}

/** @see glance/domain/proxy.py TaskStub */
export class TaskStub implements TaskStubLike {
  readonly base: TaskStubLike;

  constructor(base: TaskStubLike) {
    this.base = base;
  }

  get task_id(): string { return this.base.task_id; }
  set task_id(v: string) { setattr(this.base, 'task_id', v); }
  get type(): string { return this.base.type; }
  set type(v: string) { setattr(this.base, 'type', v); }
  get status(): string { return this.base.status; }
  set status(v: string) { setattr(this.base, 'status', v); }
  get owner(): string | null { return this.base.owner; }
  set owner(v: string | null) { setattr(this.base, 'owner', v); }
  get expires_at(): Date | null { return this.base.expires_at; }
  set expires_at(v: Date | null) { setattr(this.base, 'expires_at', v); }
  get created_at(): Date { return this.base.created_at; }
  set created_at(v: Date) { setattr(this.base, 'created_at', v); }
  get updated_at(): Date { return this.base.updated_at; }
  set updated_at(v: Date) { setattr(this.base, 'updated_at', v); }
}

// ================================================================ metadefs
//
// The generic proxies of glance/domain/proxy.py for the metadata
// definitions catalog: a repo and a factory per kind (namespace, object,
// resource type, property, tag), wrapping what they hand out with the
// layer's entity proxy, and entity proxies forwarding every attribute to
// `base` (Python's `_proxy`). Entities take extra attributes as Python
// objects do (the controllers set `_old_name`, a namespace's `properties`);
// those stay on the object they were set on.

/** The paging keywords the metadef repos' `list` accepts. */
export interface MetadefListKwargs {
  marker?: unknown;
  limit?: number | null;
  sort_key?: string | null;
  sort_dir?: string | null;
  filters?: unknown;
}

/** A metadef namespace (domain.MetadefNamespace or a layer's proxy). */
export interface MetadefNamespaceLike {
  namespace_id: unknown;
  namespace: unknown;
  display_name: unknown;
  description: unknown;
  owner: unknown;
  visibility: unknown;
  protected: unknown;
  created_at: unknown;
  updated_at: unknown;
  delete(): void;
}

/** A metadef object; `namespace` is the namespace entity, or its name when made by the factory. */
export interface MetadefObjectLike {
  namespace: unknown;
  object_id: unknown;
  name: unknown;
  required: unknown;
  description: unknown;
  properties: unknown;
  created_at: unknown;
  updated_at: unknown;
  delete(): void;
}

/** A resource type association; `namespace` as for objects (None for a bare resource type). */
export interface MetadefResourceTypeLike {
  namespace: unknown;
  name: unknown;
  prefix: unknown;
  properties_target: unknown;
  created_at: unknown;
  updated_at: unknown;
  delete(): void;
}

/** A namespace property; `schema` is the property's JSON schema (a dict). */
export interface MetadefPropertyLike {
  namespace: unknown;
  property_id: unknown;
  name: unknown;
  schema: unknown;
  delete(): void;
}

/** A metadef tag. */
export interface MetadefTagLike {
  namespace: unknown;
  tag_id: unknown;
  name: unknown;
  created_at: unknown;
  updated_at: unknown;
  delete(): void;
}

export interface MetadefNamespaceRepoLike<N = MetadefNamespaceLike> {
  get(namespace: unknown): N;
  add(namespace: N): unknown;
  list(kwargs?: MetadefListKwargs): N[];
  remove(namespace: N): unknown;
  remove_objects(namespace: N): unknown;
  remove_properties(namespace: N): unknown;
  remove_tags(namespace: N): unknown;
  save(namespace: N): unknown;
}

export interface MetadefObjectRepoLike<O = MetadefObjectLike> {
  get(namespace: unknown, object_name: unknown): O;
  add(meta_object: O): unknown;
  list(kwargs?: MetadefListKwargs): O[];
  remove(meta_object: O): unknown;
  save(meta_object: O): unknown;
}

export interface MetadefResourceTypeRepoLike<R = MetadefResourceTypeLike> {
  add(resource_type: R): unknown;
  get(resource_type: unknown, namespace: unknown): R;
  list(kwargs?: MetadefListKwargs): R[];
  remove(resource_type: R): unknown;
}

export interface MetadefPropertyRepoLike<P = MetadefPropertyLike> {
  get(namespace: unknown, property_name: unknown): P;
  add(property: P): unknown;
  list(kwargs?: MetadefListKwargs): P[];
  remove(property: P): unknown;
  save(property: P): unknown;
}

export interface MetadefTagRepoLike<T = MetadefTagLike> {
  get(namespace: unknown, name: unknown): T;
  add(meta_tag: T): unknown;
  add_tags(meta_tags: T[]): unknown;
  list(kwargs?: MetadefListKwargs): T[];
  remove(meta_tag: T): unknown;
  save(meta_tag: T): unknown;
}

/** Python keyword arguments of the metadef factories (`**kwargs`). */
export type FactoryKwargs = Record<string, unknown>;

export interface MetadefNamespaceFactoryLike<N = MetadefNamespaceLike> {
  new_namespace(kwargs: FactoryKwargs): N;
}
export interface MetadefObjectFactoryLike<O = MetadefObjectLike> {
  new_object(kwargs: FactoryKwargs): O;
}
export interface MetadefResourceTypeFactoryLike<R = MetadefResourceTypeLike> {
  new_resource_type(kwargs: FactoryKwargs): R;
}
export interface MetadefPropertyFactoryLike<P = MetadefPropertyLike> {
  new_namespace_property(kwargs: FactoryKwargs): P;
}
export interface MetadefTagFactoryLike<T = MetadefTagLike> {
  new_tag(kwargs: FactoryKwargs): T;
}

/**
 * `attr = _proxy('base', attr)` for each name: a property whose get, set
 * and delete go to `this.base`.
 */
export function proxyAttributes(cls: abstract new (...args: never[]) => { base: unknown }, attrs: readonly string[]): void {
  for (const attr of attrs) {
    Object.defineProperty(cls.prototype, attr, {
      get(this: { base: Record<string, unknown> }) {
        return getattrStrict(this.base, attr);
      },
      set(this: { base: object }, v: unknown) {
        setattr(this.base, attr, v);
      },
      configurable: true,
      enumerable: false,
    });
  }
}

/** Python's `getattr(obj, name)`: AttributeError when the object has no such attribute. */
export function getattrStrict(obj: unknown, name: string): unknown {
  if (obj !== null && typeof obj === 'object' && name in obj) return (obj as Record<string, unknown>)[name];
  throw new AttributeError(`'${obj === null ? 'NoneType' : typeof obj === 'string' ? 'str' : (obj as object)?.constructor?.name ?? pyTypeName(obj)}' object has no attribute '${name}'`);
}

/** Python's `getattr(obj, name, default)`. */
export function getattrDefault(obj: unknown, name: string, fallback: unknown): unknown {
  if (obj === null || typeof obj !== 'object' || !(name in obj)) return fallback;
  try {
    return (obj as Record<string, unknown>)[name];
  } catch (e) {
    if (e instanceof AttributeError) return fallback;
    throw e;
  }
}

/** Python's `setattr(obj, name, value)` for an attribute the class does not declare. */
export function setExtraAttr(obj: object, name: string, value: unknown): void {
  setattr(obj, name, value);
}

export const NAMESPACE_ATTRS = [
  'namespace_id', 'namespace', 'display_name', 'description', 'owner', 'visibility', 'protected', 'created_at', 'updated_at',
] as const;
export const OBJECT_ATTRS = ['namespace', 'object_id', 'name', 'required', 'description', 'properties', 'created_at', 'updated_at'] as const;
export const RESOURCE_TYPE_ATTRS = ['namespace', 'name', 'prefix', 'properties_target', 'created_at', 'updated_at'] as const;
export const PROPERTY_ATTRS = ['namespace', 'property_id', 'name', 'schema'] as const;
export const TAG_ATTRS = ['namespace', 'tag_id', 'name', 'created_at', 'updated_at'] as const;

/** @see glance/domain/proxy.py MetadefNamespaceRepo */
export class MetadefNamespaceRepo<B = MetadefNamespaceLike, P = B, K = Record<string, unknown>> implements MetadefNamespaceRepoLike<P> {
  readonly namespace_proxy_helper: Helper<B, P, K>;
  constructor(readonly base: MetadefNamespaceRepoLike<B>, namespace_proxy_class?: ProxyClass<B, P, K> | null, namespace_proxy_kwargs?: K | null) {
    this.namespace_proxy_helper = new Helper(namespace_proxy_class, namespace_proxy_kwargs);
  }
  get(namespace: unknown): P {
    return this.namespace_proxy_helper.proxy(this.base.get(namespace));
  }
  add(namespace: P): unknown {
    this.base.add(this.namespace_proxy_helper.unproxy(namespace));
    return null;
  }
  list(kwargs?: MetadefListKwargs): P[] {
    return this.base.list(kwargs).map((n) => this.namespace_proxy_helper.proxy(n));
  }
  remove(item: P): unknown {
    return this.namespace_proxy_helper.proxy((this.base.remove(this.namespace_proxy_helper.unproxy(item)) ?? null) as B | null);
  }
  remove_objects(item: P): unknown {
    return this.namespace_proxy_helper.proxy((this.base.remove_objects(this.namespace_proxy_helper.unproxy(item)) ?? null) as B | null);
  }
  remove_properties(item: P): unknown {
    return this.namespace_proxy_helper.proxy((this.base.remove_properties(this.namespace_proxy_helper.unproxy(item)) ?? null) as B | null);
  }
  remove_tags(item: P): unknown {
    return this.namespace_proxy_helper.proxy((this.base.remove_tags(this.namespace_proxy_helper.unproxy(item)) ?? null) as B | null);
  }
  save(item: P): unknown {
    return this.namespace_proxy_helper.proxy((this.base.save(this.namespace_proxy_helper.unproxy(item)) ?? null) as B | null);
  }
}

/** @see glance/domain/proxy.py MetadefNamespace */
export class MetadefNamespace implements MetadefNamespaceLike {
  declare namespace_id: unknown;
  declare namespace: unknown;
  declare display_name: unknown;
  declare description: unknown;
  declare owner: unknown;
  declare visibility: unknown;
  declare protected: unknown;
  declare created_at: unknown;
  declare updated_at: unknown;
  constructor(readonly base: MetadefNamespaceLike) {}
  delete(): void {
    this.base.delete();
  }
}
proxyAttributes(MetadefNamespace, NAMESPACE_ATTRS);

/** @see glance/domain/proxy.py MetadefNamespaceFactory */
export class MetadefNamespaceFactory<B = MetadefNamespaceLike, P = B, K = Record<string, unknown>> implements MetadefNamespaceFactoryLike<P> {
  readonly meta_namespace_helper: Helper<B, P, K>;
  constructor(readonly base: MetadefNamespaceFactoryLike<B>, meta_namespace_proxy_class?: ProxyClass<B, P, K> | null, meta_namespace_proxy_kwargs?: K | null) {
    this.meta_namespace_helper = new Helper(meta_namespace_proxy_class, meta_namespace_proxy_kwargs);
  }
  new_namespace(kwargs: FactoryKwargs): P {
    return this.meta_namespace_helper.proxy(this.base.new_namespace(kwargs));
  }
}

/** @see glance/domain/proxy.py MetadefObjectRepo */
export class MetadefObjectRepo<B = MetadefObjectLike, P = B, K = Record<string, unknown>> implements MetadefObjectRepoLike<P> {
  readonly object_proxy_helper: Helper<B, P, K>;
  constructor(readonly base: MetadefObjectRepoLike<B>, object_proxy_class?: ProxyClass<B, P, K> | null, object_proxy_kwargs?: K | null) {
    this.object_proxy_helper = new Helper(object_proxy_class, object_proxy_kwargs);
  }
  get(namespace: unknown, object_name: unknown): P {
    return this.object_proxy_helper.proxy(this.base.get(namespace, object_name));
  }
  add(meta_object: P): unknown {
    this.base.add(this.object_proxy_helper.unproxy(meta_object));
    return null;
  }
  list(kwargs?: MetadefListKwargs): P[] {
    return this.base.list(kwargs).map((o) => this.object_proxy_helper.proxy(o));
  }
  remove(item: P): unknown {
    return this.object_proxy_helper.proxy((this.base.remove(this.object_proxy_helper.unproxy(item)) ?? null) as B | null);
  }
  save(item: P): unknown {
    return this.object_proxy_helper.proxy((this.base.save(this.object_proxy_helper.unproxy(item)) ?? null) as B | null);
  }
}

/** @see glance/domain/proxy.py MetadefObject */
export class MetadefObject implements MetadefObjectLike {
  declare namespace: unknown;
  declare object_id: unknown;
  declare name: unknown;
  declare required: unknown;
  declare description: unknown;
  declare properties: unknown;
  declare created_at: unknown;
  declare updated_at: unknown;
  constructor(readonly base: MetadefObjectLike) {}
  delete(): void {
    this.base.delete();
  }
}
proxyAttributes(MetadefObject, OBJECT_ATTRS);

/** @see glance/domain/proxy.py MetadefObjectFactory */
export class MetadefObjectFactory<B = MetadefObjectLike, P = B, K = Record<string, unknown>> implements MetadefObjectFactoryLike<P> {
  readonly meta_object_helper: Helper<B, P, K>;
  constructor(readonly base: MetadefObjectFactoryLike<B>, meta_object_proxy_class?: ProxyClass<B, P, K> | null, meta_object_proxy_kwargs?: K | null) {
    this.meta_object_helper = new Helper(meta_object_proxy_class, meta_object_proxy_kwargs);
  }
  new_object(kwargs: FactoryKwargs): P {
    return this.meta_object_helper.proxy(this.base.new_object(kwargs));
  }
}

/** @see glance/domain/proxy.py MetadefResourceTypeRepo */
export class MetadefResourceTypeRepo<B = MetadefResourceTypeLike, P = B, K = Record<string, unknown>> implements MetadefResourceTypeRepoLike<P> {
  readonly resource_type_proxy_helper: Helper<B, P, K>;
  constructor(readonly base: MetadefResourceTypeRepoLike<B>, resource_type_proxy_class?: ProxyClass<B, P, K> | null, resource_type_proxy_kwargs?: K | null) {
    this.resource_type_proxy_helper = new Helper(resource_type_proxy_class, resource_type_proxy_kwargs);
  }
  add(meta_resource_type: P): unknown {
    this.base.add(this.resource_type_proxy_helper.unproxy(meta_resource_type));
    return null;
  }
  get(resource_type: unknown, namespace: unknown): P {
    return this.resource_type_proxy_helper.proxy(this.base.get(resource_type, namespace));
  }
  list(kwargs?: MetadefListKwargs): P[] {
    return this.base.list(kwargs).map((r) => this.resource_type_proxy_helper.proxy(r));
  }
  remove(item: P): unknown {
    return this.resource_type_proxy_helper.proxy((this.base.remove(this.resource_type_proxy_helper.unproxy(item)) ?? null) as B | null);
  }
}

/** @see glance/domain/proxy.py MetadefResourceType */
export class MetadefResourceType implements MetadefResourceTypeLike {
  declare namespace: unknown;
  declare name: unknown;
  declare prefix: unknown;
  declare properties_target: unknown;
  declare created_at: unknown;
  declare updated_at: unknown;
  constructor(readonly base: MetadefResourceTypeLike) {}
  delete(): void {
    this.base.delete();
  }
}
proxyAttributes(MetadefResourceType, RESOURCE_TYPE_ATTRS);

/** @see glance/domain/proxy.py MetadefResourceTypeFactory */
export class MetadefResourceTypeFactory<B = MetadefResourceTypeLike, P = B, K = Record<string, unknown>>
implements MetadefResourceTypeFactoryLike<P> {
  readonly resource_type_helper: Helper<B, P, K>;
  constructor(readonly base: MetadefResourceTypeFactoryLike<B>, resource_type_proxy_class?: ProxyClass<B, P, K> | null, resource_type_proxy_kwargs?: K | null) {
    this.resource_type_helper = new Helper(resource_type_proxy_class, resource_type_proxy_kwargs);
  }
  new_resource_type(kwargs: FactoryKwargs): P {
    return this.resource_type_helper.proxy(this.base.new_resource_type(kwargs));
  }
}

/** @see glance/domain/proxy.py MetadefPropertyRepo */
export class MetadefPropertyRepo<B = MetadefPropertyLike, P = B, K = Record<string, unknown>> implements MetadefPropertyRepoLike<P> {
  readonly property_proxy_helper: Helper<B, P, K>;
  constructor(readonly base: MetadefPropertyRepoLike<B>, property_proxy_class?: ProxyClass<B, P, K> | null, property_proxy_kwargs?: K | null) {
    this.property_proxy_helper = new Helper(property_proxy_class, property_proxy_kwargs);
  }
  get(namespace: unknown, property_name: unknown): P {
    return this.property_proxy_helper.proxy(this.base.get(namespace, property_name));
  }
  add(property: P): unknown {
    this.base.add(this.property_proxy_helper.unproxy(property));
    return null;
  }
  list(kwargs?: MetadefListKwargs): P[] {
    return this.base.list(kwargs).map((p) => this.property_proxy_helper.proxy(p));
  }
  remove(item: P): unknown {
    return this.property_proxy_helper.proxy((this.base.remove(this.property_proxy_helper.unproxy(item)) ?? null) as B | null);
  }
  save(item: P): unknown {
    return this.property_proxy_helper.proxy((this.base.save(this.property_proxy_helper.unproxy(item)) ?? null) as B | null);
  }
}

/** @see glance/domain/proxy.py MetadefProperty */
export class MetadefProperty implements MetadefPropertyLike {
  declare namespace: unknown;
  declare property_id: unknown;
  declare name: unknown;
  declare schema: unknown;
  constructor(readonly base: MetadefPropertyLike) {}
  delete(): void {
    this.base.delete();
  }
}
proxyAttributes(MetadefProperty, PROPERTY_ATTRS);

/** @see glance/domain/proxy.py MetadefPropertyFactory */
export class MetadefPropertyFactory<B = MetadefPropertyLike, P = B, K = Record<string, unknown>> implements MetadefPropertyFactoryLike<P> {
  readonly meta_object_helper: Helper<B, P, K>;
  constructor(readonly base: MetadefPropertyFactoryLike<B>, property_proxy_class?: ProxyClass<B, P, K> | null, property_proxy_kwargs?: K | null) {
    this.meta_object_helper = new Helper(property_proxy_class, property_proxy_kwargs);
  }
  new_namespace_property(kwargs: FactoryKwargs): P {
    return this.meta_object_helper.proxy(this.base.new_namespace_property(kwargs));
  }
}

/** @see glance/domain/proxy.py MetadefTagRepo */
export class MetadefTagRepo<B = MetadefTagLike, P = B, K = Record<string, unknown>> implements MetadefTagRepoLike<P> {
  readonly tag_proxy_helper: Helper<B, P, K>;
  constructor(readonly base: MetadefTagRepoLike<B>, tag_proxy_class?: ProxyClass<B, P, K> | null, tag_proxy_kwargs?: K | null) {
    this.tag_proxy_helper = new Helper(tag_proxy_class, tag_proxy_kwargs);
  }
  get(namespace: unknown, name: unknown): P {
    return this.tag_proxy_helper.proxy(this.base.get(namespace, name));
  }
  add(meta_tag: P): unknown {
    this.base.add(this.tag_proxy_helper.unproxy(meta_tag));
    return null;
  }
  add_tags(meta_tags: P[]): unknown {
    this.base.add_tags(meta_tags.map((t) => this.tag_proxy_helper.unproxy(t)));
    return null;
  }
  list(kwargs?: MetadefListKwargs): P[] {
    return this.base.list(kwargs).map((t) => this.tag_proxy_helper.proxy(t));
  }
  remove(item: P): unknown {
    return this.tag_proxy_helper.proxy((this.base.remove(this.tag_proxy_helper.unproxy(item)) ?? null) as B | null);
  }
  save(item: P): unknown {
    return this.tag_proxy_helper.proxy((this.base.save(this.tag_proxy_helper.unproxy(item)) ?? null) as B | null);
  }
}

/** @see glance/domain/proxy.py MetadefTag */
export class MetadefTag implements MetadefTagLike {
  declare namespace: unknown;
  declare tag_id: unknown;
  declare name: unknown;
  declare created_at: unknown;
  declare updated_at: unknown;
  constructor(readonly base: MetadefTagLike) {}
  delete(): void {
    this.base.delete();
  }
}
proxyAttributes(MetadefTag, TAG_ATTRS);

/** @see glance/domain/proxy.py MetadefTagFactory */
export class MetadefTagFactory<B = MetadefTagLike, P = B, K = Record<string, unknown>> implements MetadefTagFactoryLike<P> {
  readonly meta_tag_helper: Helper<B, P, K>;
  constructor(readonly base: MetadefTagFactoryLike<B>, meta_tag_proxy_class?: ProxyClass<B, P, K> | null, meta_tag_proxy_kwargs?: K | null) {
    this.meta_tag_helper = new Helper(meta_tag_proxy_class, meta_tag_proxy_kwargs);
  }
  new_tag(kwargs: FactoryKwargs): P {
    return this.meta_tag_helper.proxy(this.base.new_tag(kwargs));
  }
}
