/**
 * The authorization layer, outermost in the onion: who may change an image
 * (an admin or its owner), a membership (an admin or that member) or a task
 * (an admin or its owner). What the caller may not change comes back wrapped
 * in an immutable proxy whose every write raises Forbidden.
 *
 * The metadata definitions catalog follows the same rule: a namespace, or
 * anything in one, may be changed by an admin or the namespace's owner;
 * its factories create only for the caller's own project.
 *
 * @see glance/api/authorization.py
 */
import { PyDict, PyList, PySet, type PyMappingLike, type PySequenceLike, type PySetLike } from '../lib/pycollections.js';
import { AttributeError, pyStr } from '../lib/python.js';
import { Forbidden } from './exception.js';
import * as proxy from './proxy.js';
import type {
  ImageData,
  ImageLike,
  ListKwargs,
  Location,
  MemberLike,
  NewImageKwargs,
  NewTaskKwargs,
  TaskExecutorLike,
  TaskLike,
  TaskStubLike,
} from './proxy.js';

/** What this layer reads of the request context. */
export interface AuthContext {
  readonly is_admin: boolean;
  readonly owner: string | null;
}

interface ContextKwargs {
  readonly context: AuthContext;
}

// ------------------------------------------------------------ mutability

/** @see glance/api/authorization.py is_image_mutable */
export function is_image_mutable(context: AuthContext, image: Pick<ImageLike, 'owner'>): boolean {
  if (context.is_admin) return true;
  if (image.owner === null || context.owner === null) return false;
  return image.owner === context.owner;
}

/** @see glance/api/authorization.py proxy_image */
export function proxy_image(context: AuthContext, image: ImageLike): ImageProxy | ImmutableImageProxy {
  return is_image_mutable(context, image) ? new ImageProxy(image, context) : new ImmutableImageProxy(image, context);
}

/** @see glance/api/authorization.py is_member_mutable */
export function is_member_mutable(context: AuthContext, member: Pick<MemberLike, 'member_id'>): boolean {
  if (context.is_admin) return true;
  if (context.owner === null) return false;
  return member.member_id === context.owner;
}

/** @see glance/api/authorization.py proxy_member */
export function proxy_member<M extends MemberLike>(context: AuthContext, member: M): M | ImmutableMemberProxy {
  return is_member_mutable(context, member) ? member : new ImmutableMemberProxy(member);
}

/** @see glance/api/authorization.py is_task_mutable */
export function is_task_mutable(context: AuthContext, task: Pick<TaskLike, 'owner'>): boolean {
  if (context.is_admin) return true;
  if (context.owner === null) return false;
  return task.owner === context.owner;
}

/** @see glance/api/authorization.py is_task_stub_mutable */
export function is_task_stub_mutable(context: AuthContext, task_stub: Pick<TaskStubLike, 'owner'>): boolean {
  if (context.is_admin) return true;
  if (context.owner === null) return false;
  return task_stub.owner === context.owner;
}

/** @see glance/api/authorization.py proxy_task */
export function proxy_task<T extends TaskLike>(context: AuthContext, task: T): T | ImmutableTaskProxy {
  return is_task_mutable(context, task) ? task : new ImmutableTaskProxy(task);
}

/** @see glance/api/authorization.py proxy_task_stub */
export function proxy_task_stub<S extends TaskStubLike>(context: AuthContext, task_stub: S): S | ImmutableTaskStubProxy {
  return is_task_stub_mutable(context, task_stub) ? task_stub : new ImmutableTaskStubProxy(task_stub);
}

// ----------------------------------------------------------------- images

/**
 * Hands out images wrapped by mutability. Writes pass through unchecked.
 *
 * @see glance/api/authorization.py ImageRepoProxy
 */
export class ImageRepoProxy extends proxy.Repo<ImageLike, ImageLike, ContextKwargs> {
  readonly context: AuthContext;
  readonly image_repo: proxy.RepoLike<ImageLike>;

  constructor(image_repo: proxy.RepoLike<ImageLike>, context: AuthContext) {
    super(image_repo, imageProxyFrom, { context });
    this.context = context;
    this.image_repo = image_repo;
  }

  override get(image_id: string): ImageProxy | ImmutableImageProxy {
    return proxy_image(this.context, this.image_repo.get(image_id));
  }

  override list(kwargs?: ListKwargs): Array<ImageProxy | ImmutableImageProxy> {
    return this.image_repo.list(kwargs).map((image) => proxy_image(this.context, image));
  }
}

function imageProxyFrom(image: ImageLike, kwargs: ContextKwargs): ImageLike {
  return new ImageProxy(image, kwargs.context);
}

function validateImageAcceptsMembers(visibility: unknown): void {
  if (visibility !== 'shared') throw new Forbidden('Only shared images have members.');
}

/**
 * Members of one image: the owner and admins manage them, a member sees and
 * updates only its own row. Owners compare with `==`, so None matches None.
 *
 * @see glance/api/authorization.py ImageMemberRepoProxy
 */
export class ImageMemberRepoProxy<M extends MemberLike = MemberLike> extends proxy.MemberRepo<M, M, ContextKwargs> {
  readonly member_repo: proxy.MemberRepoLike<M>;
  override readonly image: ImageLike;
  readonly context: AuthContext;

  constructor(member_repo: proxy.MemberRepoLike<M>, image: ImageLike, context: AuthContext) {
    super(image, member_repo, memberProxyFrom as unknown as proxy.ProxyClass<M, M, ContextKwargs>, { context });
    this.member_repo = member_repo;
    this.image = image;
    this.context = context;
    validateImageAcceptsMembers(this.image.visibility);
  }

  override get(member_id: string): M {
    if (this.context.is_admin || this.context.owner === this.image.owner || this.context.owner === member_id) {
      return proxy_member(this.context, this.member_repo.get(member_id)) as M;
    }
    throw new Forbidden(`You cannot get image member for ${pyStr(member_id)}`);
  }

  override list(): M[] {
    const members = this.member_repo.list();
    if (this.context.is_admin || this.context.owner === this.image.owner) {
      return members.map((m) => proxy_member(this.context, m) as M);
    }
    const own = members.find((m) => m.member_id === this.context.owner);
    if (own !== undefined) return [proxy_member(this.context, own) as M];
    throw new Forbidden(`You cannot get image member for ${pyStr(this.image.image_id)}`);
  }

  override remove(image_member: M): null {
    if (!(this.image.owner === this.context.owner || this.context.is_admin)) {
      throw new Forbidden(`You cannot delete image member for ${pyStr(this.image.image_id)}`);
    }
    this.member_repo.remove(image_member);
    return null;
  }

  override add(image_member: M): void {
    if (!(this.image.owner === this.context.owner || this.context.is_admin)) {
      throw new Forbidden(`You cannot add image member for ${pyStr(this.image.image_id)}`);
    }
    this.member_repo.add(image_member);
  }

  override save(image_member: M, from_state: string | null = null): null {
    if (!(this.context.is_admin || this.context.owner === image_member.member_id)) {
      throw new Forbidden(`You cannot update image member ${pyStr(image_member.member_id)}`);
    }
    this.member_repo.save(image_member, from_state);
    return null;
  }
}

function memberProxyFrom(member: MemberLike, kwargs: ContextKwargs): ImageMemberProxy {
  return new ImageMemberProxy(member, kwargs.context);
}

/**
 * A non-admin may create images only for the project it acts for.
 *
 * @see glance/api/authorization.py ImageFactoryProxy
 */
export class ImageFactoryProxy extends proxy.ImageFactory<ImageLike, ImageLike, ContextKwargs> {
  readonly image_factory: proxy.ImageFactoryLike<ImageLike>;
  readonly context: AuthContext;

  constructor(image_factory: proxy.ImageFactoryLike<ImageLike>, context: AuthContext) {
    super(image_factory, imageProxyFrom, { context });
    this.image_factory = image_factory;
    this.context = context;
  }

  override new_image(kwargs: NewImageKwargs = {}): ImageLike {
    // `kwargs.pop('owner', context.owner)`: an explicit None (null) stays None; undefined is not passed.
    const { owner: given, ...rest } = kwargs;
    const owner = given !== undefined ? given : this.context.owner;
    if (!this.context.is_admin && (owner === null || owner !== this.context.owner)) {
      throw new Forbidden(`You are not permitted to create images owned by '${pyStr(owner)}'.`);
    }
    return super.new_image({ ...rest, owner });
  }
}

/**
 * Only an admin or the image owner creates members, and only for shared
 * images. NOTE(quirk): the new member is not wrapped.
 *
 * @see glance/api/authorization.py ImageMemberFactoryProxy
 */
export class ImageMemberFactoryProxy<M extends MemberLike = MemberLike> extends proxy.ImageMembershipFactory<M, M, ContextKwargs> {
  readonly image_member_factory: proxy.ImageMemberFactoryLike<M>;
  readonly context: AuthContext;

  constructor(image_member_factory: proxy.ImageMemberFactoryLike<M>, context: AuthContext) {
    super(image_member_factory, memberProxyFrom as unknown as proxy.ProxyClass<M, M, ContextKwargs>, { context });
    this.image_member_factory = image_member_factory;
    this.context = context;
  }

  override new_image_member(image: ImageLike, member_id: string): M {
    const owner = image.owner;
    if (!this.context.is_admin && (owner === null || owner !== this.context.owner)) {
      throw new Forbidden('You are not permitted to create image members for the image.');
    }
    validateImageAcceptsMembers(image.visibility);
    return this.image_member_factory.new_image_member(image, member_id);
  }
}

// ------------------------------------------------- immutable collections

function forbiddenModify(attr: string, resource: string): Forbidden {
  return new Forbidden(`You are not permitted to modify '${attr}' on this ${resource}.`);
}

function locationsForbidden(): never {
  throw new Forbidden('You are not permitted to modify locations for this image.');
}

/**
 * A copy of the locations whose mutators raise.
 *
 * @see glance/api/authorization.py ImmutableLocations
 */
export class ImmutableLocations extends PyList<Location> {
  override append(..._args: unknown[]): void {
    locationsForbidden();
  }
  override extend(..._args: unknown[]): void {
    locationsForbidden();
  }
  override insert(..._args: unknown[]): void {
    locationsForbidden();
  }
  override pop(..._args: unknown[]): Location {
    return locationsForbidden();
  }
  override remove(..._args: unknown[]): void {
    locationsForbidden();
  }
  override reverse(..._args: unknown[]): void {
    locationsForbidden();
  }
  sort(..._args: unknown[]): void {
    locationsForbidden();
  }
  override delItem(..._args: unknown[]): void {
    locationsForbidden();
  }
  override setItem(..._args: unknown[]): void {
    locationsForbidden();
  }
  override iadd(..._args: unknown[]): this {
    return locationsForbidden();
  }
  /** `x *= n` */
  imul(..._args: unknown[]): this {
    return locationsForbidden();
  }
  /** Python 2's `__delslice__`, still an attribute of Glance's class. */
  delslice(..._args: unknown[]): void {
    locationsForbidden();
  }
  /** Python 2's `__setslice__`, still an attribute of Glance's class. */
  setslice(..._args: unknown[]): void {
    locationsForbidden();
  }
  /** `copy.deepcopy(x)`: still immutable. */
  deepcopy(): ImmutableLocations {
    return new ImmutableLocations(structuredClone(this.items));
  }
}

/**
 * A copy of the extra properties whose mutators raise. NOTE(quirk): `clear`
 * is not blocked; it empties the copy only.
 *
 * @see glance/api/authorization.py ImmutableProperties
 */
export class ImmutableProperties extends PyDict<unknown> {
  override setItem(key: string, ..._args: unknown[]): void {
    throw new Forbidden(`You are not permitted to modify '${pyStr(key)}' on this image.`);
  }
  override delItem(key: string): void {
    throw new Forbidden(`You are not permitted to modify '${pyStr(key)}' on this image.`);
  }
  override pop(..._args: unknown[]): unknown {
    throw imageForbidden();
  }
  override popitem(..._args: unknown[]): [string, unknown] {
    throw imageForbidden();
  }
  override setdefault(..._args: unknown[]): unknown {
    throw imageForbidden();
  }
  override update(..._args: unknown[]): void {
    throw imageForbidden();
  }
}

function imageForbidden(): Forbidden {
  return new Forbidden('You are not permitted to modify this image.');
}

function tagsForbidden(): never {
  throw new Forbidden('You are not permitted to modify tags on this image.');
}

/**
 * A copy of the tags whose mutators raise. NOTE(quirk): `discard` is not
 * blocked; it changes the copy only.
 *
 * @see glance/api/authorization.py ImmutableTags
 */
export class ImmutableTags extends PySet {
  override add(..._args: unknown[]): void {
    tagsForbidden();
  }
  override clear(..._args: unknown[]): void {
    tagsForbidden();
  }
  difference_update(..._args: unknown[]): void {
    tagsForbidden();
  }
  intersection_update(..._args: unknown[]): void {
    tagsForbidden();
  }
  override pop(..._args: unknown[]): string {
    return tagsForbidden();
  }
  override remove(..._args: unknown[]): void {
    tagsForbidden();
  }
  symmetric_difference_update(..._args: unknown[]): void {
    tagsForbidden();
  }
  override update(..._args: unknown[]): void {
    tagsForbidden();
  }
}

// ----------------------------------------------------- immutable proxies

const IMAGE_ATTRS = [
  'name', 'image_id', 'status', 'created_at', 'updated_at', 'visibility', 'min_disk', 'min_ram', 'protected',
  'locations', 'checksum', 'owner', 'disk_format', 'container_format', 'size', 'virtual_size', 'extra_properties', 'tags',
] as const;

/**
 * `delattr(obj, attr)`: Python's `_immutable_attr` deleter raises like its
 * setter. TS cannot intercept `delete`, so the immutable proxies offer this.
 */
function immutableDelattr(obj: object, attrs: readonly string[], attr: string, resource: string): never {
  if (attrs.includes(attr)) throw forbiddenModify(attr, resource);
  throw new AttributeError(attr);
}

/**
 * An image the caller may read but not change: every attribute write and
 * every mutating method raises Forbidden; collections come back as
 * immutable copies, made afresh on each read.
 *
 * @see glance/api/authorization.py ImmutableImageProxy
 */
export class ImmutableImageProxy implements ImageLike {
  readonly resource_name = 'image';

  constructor(
    readonly base: ImageLike,
    readonly context: AuthContext,
  ) {}

  private forbid(attr: string): never {
    throw forbiddenModify(attr, this.resource_name);
  }

  /** Python's `delattr(image, attr)`. */
  delattr(attr: string): never {
    return immutableDelattr(this, IMAGE_ATTRS, attr, this.resource_name);
  }

  get name(): string | null { return this.base.name; }
  set name(_v: string | null) { this.forbid('name'); }
  get image_id(): string { return this.base.image_id; }
  set image_id(_v: string) { this.forbid('image_id'); }
  get status(): string { return this.base.status; }
  set status(_v: string) { this.forbid('status'); }
  get created_at(): Date { return this.base.created_at; }
  set created_at(_v: Date) { this.forbid('created_at'); }
  get updated_at(): Date { return this.base.updated_at; }
  set updated_at(_v: Date) { this.forbid('updated_at'); }
  get visibility(): string { return this.base.visibility; }
  set visibility(_v: string) { this.forbid('visibility'); }
  get min_disk(): number { return this.base.min_disk; }
  set min_disk(_v: number) { this.forbid('min_disk'); }
  get min_ram(): number { return this.base.min_ram; }
  set min_ram(_v: number) { this.forbid('min_ram'); }
  get protected(): boolean { return this.base.protected; }
  set protected(_v: boolean) { this.forbid('protected'); }
  /** `list(base.locations)`: iterating an inner policy proxy enforces get_image_location. */
  get locations(): PySequenceLike<Location> { return new ImmutableLocations(this.base.locations); }
  set locations(_v: unknown) { this.forbid('locations'); }
  get checksum(): string | null { return this.base.checksum; }
  set checksum(_v: string | null) { this.forbid('checksum'); }
  get owner(): string | null { return this.base.owner; }
  set owner(_v: string | null) { this.forbid('owner'); }
  get disk_format(): string | null { return this.base.disk_format; }
  set disk_format(_v: string | null) { this.forbid('disk_format'); }
  get container_format(): string | null { return this.base.container_format; }
  set container_format(_v: string | null) { this.forbid('container_format'); }
  get size(): number | null { return this.base.size; }
  set size(_v: number | null) { this.forbid('size'); }
  get virtual_size(): number | null { return this.base.virtual_size; }
  set virtual_size(_v: number | null) { this.forbid('virtual_size'); }
  /** `dict(base.extra_properties)`: the stored items, unguarded by property protections. */
  get extra_properties(): PyMappingLike<unknown> { return new ImmutableProperties(this.base.extra_properties.toMap()); }
  set extra_properties(_v: unknown) { this.forbid('extra_properties'); }
  get tags(): PySetLike { return new ImmutableTags(this.base.tags); }
  set tags(_v: unknown) { this.forbid('tags'); }

  delete(): void {
    throw new Forbidden('You are not permitted to delete this image.');
  }
  get_data(offset?: number, chunk_size?: number | null): Iterable<Buffer> {
    return this.base.get_data(offset, chunk_size);
  }
  set_data(_data: ImageData, _size?: number | null): void {
    throw new Forbidden('You are not permitted to upload data for this image.');
  }
  deactivate(): void {
    throw new Forbidden('You are not permitted to deactivate this image.');
  }
  reactivate(): void {
    throw new Forbidden('You are not permitted to reactivate this image.');
  }
}

const MEMBER_ATTRS = ['id', 'image_id', 'member_id', 'status', 'created_at', 'updated_at'] as const;

/** @see glance/api/authorization.py ImmutableMemberProxy */
export class ImmutableMemberProxy implements MemberLike {
  readonly resource_name = 'image member';

  constructor(readonly base: MemberLike) {}

  private forbid(attr: string): never {
    throw forbiddenModify(attr, this.resource_name);
  }

  /** Python's `delattr(member, attr)`. */
  delattr(attr: string): never {
    return immutableDelattr(this, MEMBER_ATTRS, attr, this.resource_name);
  }

  get id(): number | null { return this.base.id; }
  set id(_v: number | null) { this.forbid('id'); }
  get image_id(): string { return this.base.image_id; }
  set image_id(_v: string) { this.forbid('image_id'); }
  get member_id(): string { return this.base.member_id; }
  set member_id(_v: string) { this.forbid('member_id'); }
  get status(): string { return this.base.status; }
  set status(_v: string) { this.forbid('status'); }
  get created_at(): Date { return this.base.created_at; }
  set created_at(_v: Date) { this.forbid('created_at'); }
  get updated_at(): Date { return this.base.updated_at; }
  set updated_at(_v: Date) { this.forbid('updated_at'); }
}

const TASK_STUB_ATTRS = ['task_id', 'type', 'status', 'owner', 'expires_at', 'created_at', 'updated_at'] as const;
const TASK_ATTRS = [...TASK_STUB_ATTRS, 'input', 'message', 'result'] as const;

function taskStatusForbidden(): never {
  throw new Forbidden('You are not permitted to set status on this task.');
}

/**
 * NOTE(quirk): Glance declares `input`, not `task_input`: reading `input`
 * asks the wrapped task for an attribute it does not have (AttributeError),
 * and the proxy itself has no `task_input` either.
 *
 * @see glance/api/authorization.py ImmutableTaskProxy
 */
export class ImmutableTaskProxy implements TaskLike {
  readonly resource_name = 'task';

  constructor(readonly base: TaskLike) {}

  private forbid(attr: string): never {
    throw forbiddenModify(attr, this.resource_name);
  }

  /** Python's `delattr(task, attr)`. */
  delattr(attr: string): never {
    return immutableDelattr(this, TASK_ATTRS, attr, this.resource_name);
  }

  get task_id(): string { return this.base.task_id; }
  set task_id(_v: string) { this.forbid('task_id'); }
  get type(): string { return this.base.type; }
  set type(_v: string) { this.forbid('type'); }
  get status(): string { return this.base.status; }
  set status(_v: string) { this.forbid('status'); }
  get owner(): string | null { return this.base.owner; }
  set owner(_v: string | null) { this.forbid('owner'); }
  get expires_at(): Date | null { return this.base.expires_at; }
  set expires_at(_v: Date | null) { this.forbid('expires_at'); }
  get created_at(): Date { return this.base.created_at; }
  set created_at(_v: Date) { this.forbid('created_at'); }
  get updated_at(): Date { return this.base.updated_at; }
  set updated_at(_v: Date) { this.forbid('updated_at'); }
  get input(): unknown { return getattr(this.base, 'input'); }
  set input(_v: unknown) { this.forbid('input'); }
  get message(): string { return this.base.message; }
  set message(_v: unknown) { this.forbid('message'); }
  get result(): unknown { return this.base.result; }
  set result(_v: unknown) { this.forbid('result'); }
  /** Not an attribute of Glance's ImmutableTaskProxy. */
  get task_input(): unknown {
    throw new AttributeError("'ImmutableTaskProxy' object has no attribute 'task_input'");
  }
  set task_input(_v: unknown) {
    throw new AttributeError("'ImmutableTaskProxy' object has no attribute 'task_input'");
  }

  run(executor: TaskExecutorLike | unknown): void {
    this.base.run(executor);
  }
  begin_processing(): void {
    taskStatusForbidden();
  }
  succeed(_result: unknown): void {
    taskStatusForbidden();
  }
  fail(_message: unknown): void {
    taskStatusForbidden();
  }
}

/** Python's `getattr(obj, name)` on a TS object: a missing attribute is AttributeError. */
function getattr(obj: object, name: string): unknown {
  if (!(name in obj)) throw new AttributeError(`'${obj.constructor.name}' object has no attribute '${name}'`);
  return (obj as Record<string, unknown>)[name];
}

/** @see glance/api/authorization.py ImmutableTaskStubProxy */
export class ImmutableTaskStubProxy implements TaskStubLike {
  readonly resource_name = 'task stub';

  constructor(readonly base: TaskStubLike) {}

  private forbid(attr: string): never {
    throw forbiddenModify(attr, this.resource_name);
  }

  /** Python's `delattr(task_stub, attr)`. */
  delattr(attr: string): never {
    return immutableDelattr(this, TASK_STUB_ATTRS, attr, this.resource_name);
  }

  get task_id(): string { return this.base.task_id; }
  set task_id(_v: string) { this.forbid('task_id'); }
  get type(): string { return this.base.type; }
  set type(_v: string) { this.forbid('type'); }
  get status(): string { return this.base.status; }
  set status(_v: string) { this.forbid('status'); }
  get owner(): string | null { return this.base.owner; }
  set owner(_v: string | null) { this.forbid('owner'); }
  get expires_at(): Date | null { return this.base.expires_at; }
  set expires_at(_v: Date | null) { this.forbid('expires_at'); }
  get created_at(): Date { return this.base.created_at; }
  set created_at(_v: Date) { this.forbid('created_at'); }
  get updated_at(): Date { return this.base.updated_at; }
  set updated_at(_v: Date) { this.forbid('updated_at'); }
}

// ------------------------------------------------ pass-through proxies

/** @see glance/api/authorization.py ImageProxy */
export class ImageProxy extends proxy.Image {
  readonly image: ImageLike;
  readonly context: AuthContext;

  constructor(image: ImageLike, context: AuthContext) {
    super(image);
    this.image = image;
    this.context = context;
  }
}

/** @see glance/api/authorization.py ImageMemberProxy */
export class ImageMemberProxy extends proxy.ImageMember {
  readonly image_member: MemberLike;
  readonly context: AuthContext;

  constructor(image_member: MemberLike, context: AuthContext) {
    super(image_member);
    this.image_member = image_member;
    this.context = context;
  }
}

/** @see glance/api/authorization.py TaskProxy */
export class TaskProxy extends proxy.Task {
  readonly task: TaskLike;

  constructor(task: TaskLike) {
    super(task);
    this.task = task;
  }
}

// ------------------------------------------------------------------ tasks

/**
 * A task needs an owner, and a non-admin may only create its own.
 *
 * @see glance/api/authorization.py TaskFactoryProxy
 */
export class TaskFactoryProxy extends proxy.TaskFactory<TaskLike, TaskProxy> {
  readonly task_factory: proxy.TaskFactoryLike<TaskLike>;
  readonly context: AuthContext;

  constructor(task_factory: proxy.TaskFactoryLike<TaskLike>, context: AuthContext) {
    super(task_factory, TaskProxy);
    this.task_factory = task_factory;
    this.context = context;
  }

  override new_task(kwargs: NewTaskKwargs): TaskProxy {
    // `kwargs.get('owner', context.owner)`: the keyword stays in kwargs.
    const owner = kwargs.owner !== undefined ? kwargs.owner : this.context.owner;
    if (owner !== null && (owner === this.context.owner || this.context.is_admin)) return super.new_task(kwargs);
    throw new Forbidden(`You are not permitted to create this task with owner as: ${pyStr(owner)}`);
  }
}

/** @see glance/api/authorization.py TaskRepoProxy */
export class TaskRepoProxy extends proxy.TaskRepo<TaskLike, TaskLike> {
  readonly task_repo: proxy.TaskRepoLike<TaskLike>;
  readonly context: AuthContext;

  constructor(task_repo: proxy.TaskRepoLike<TaskLike>, context: AuthContext) {
    super(task_repo);
    this.task_repo = task_repo;
    this.context = context;
  }

  override get(task_id: string): TaskLike {
    return proxy_task(this.context, this.task_repo.get(task_id));
  }
}

/** @see glance/api/authorization.py TaskStubRepoProxy */
export class TaskStubRepoProxy extends proxy.TaskStubRepo<TaskStubLike, TaskStubLike> {
  readonly task_stub_repo: proxy.TaskStubRepoLike<TaskStubLike>;
  readonly context: AuthContext;

  constructor(task_stub_repo: proxy.TaskStubRepoLike<TaskStubLike>, context: AuthContext) {
    super(task_stub_repo);
    this.task_stub_repo = task_stub_repo;
    this.context = context;
  }

  override list(kwargs?: ListKwargs): TaskStubLike[] {
    return this.task_stub_repo.list(kwargs).map((t) => proxy_task_stub(this.context, t));
  }
}

// ================================================================ metadefs

/**
 * `_immutable_attr(target, attr)` for each name: reads go to `base`, writes
 * and deletes raise Forbidden naming the attribute and `resource_name`.
 */
function immutableAttributes(cls: abstract new (...args: never[]) => { base: unknown; resource_name: string }, attrs: readonly string[]): void {
  for (const attr of attrs) {
    Object.defineProperty(cls.prototype, attr, {
      get(this: { base: unknown }) {
        return proxy.getattrStrict(this.base, attr);
      },
      set(this: { resource_name: string }) {
        throw forbiddenModify(attr, this.resource_name);
      },
      configurable: true,
      enumerable: false,
    });
  }
}

/**
 * An attribute the Python class does not declare: reading it before it was
 * set is AttributeError; setting it makes an instance attribute.
 */
function undeclaredAttribute(cls: abstract new (...args: never[]) => object, attr: string): void {
  const values = new WeakMap<object, unknown>();
  Object.defineProperty(cls.prototype, attr, {
    get(this: object) {
      if (!values.has(this)) throw new AttributeError(`'${this.constructor.name}' object has no attribute '${attr}'`);
      return values.get(this);
    },
    set(this: object, v: unknown) {
      values.set(this, v);
    },
    configurable: true,
    enumerable: false,
  });
}

/** `kwargs.pop('owner', context.owner)` */
function popOwner(kwargs: proxy.FactoryKwargs, context: AuthContext): { owner: unknown; rest: proxy.FactoryKwargs } {
  const rest = { ...kwargs };
  const owner = Object.prototype.hasOwnProperty.call(rest, 'owner') ? rest['owner'] : context.owner;
  delete rest['owner'];
  return { owner, rest };
}

/** The non-admin check of the metadef factories: only the caller's own project. */
function checkCreateOwner(context: AuthContext, owner: unknown, what: string): void {
  if (!context.is_admin && (owner === null || owner === undefined || owner !== context.owner)) {
    throw new Forbidden(`You are not permitted to create ${what} owned by '${pyStr(owner)}'`);
  }
}

/** @see glance/api/authorization.py is_namespace_mutable */
export function is_namespace_mutable(context: AuthContext, namespace: Pick<proxy.MetadefNamespaceLike, 'owner'>): boolean {
  if (context.is_admin) return true;
  if (context.owner === null) return false;
  return namespace.owner === context.owner;
}

/** @see glance/api/authorization.py proxy_namespace */
export function proxy_namespace<N extends proxy.MetadefNamespaceLike>(context: AuthContext, namespace: N): N | ImmutableMetadefNamespaceProxy {
  return is_namespace_mutable(context, namespace) ? namespace : new ImmutableMetadefNamespaceProxy(namespace);
}

/** @see glance/api/authorization.py ImmutableMetadefNamespaceProxy */
export class ImmutableMetadefNamespaceProxy implements proxy.MetadefNamespaceLike {
  readonly resource_name: string = 'namespace';
  declare namespace_id: unknown;
  declare namespace: unknown;
  declare display_name: unknown;
  declare description: unknown;
  declare owner: unknown;
  declare visibility: unknown;
  declare protected: unknown;
  declare created_at: unknown;
  declare updated_at: unknown;
  constructor(readonly base: proxy.MetadefNamespaceLike) {}
  delete(): void {
    throw new Forbidden('You are not permitted to delete this namespace.');
  }
  save(): void {
    throw new Forbidden('You are not permitted to update this namespace.');
  }
}
immutableAttributes(ImmutableMetadefNamespaceProxy, proxy.NAMESPACE_ATTRS);

/** @see glance/api/authorization.py MetadefNamespaceProxy */
export class MetadefNamespaceProxy extends proxy.MetadefNamespace {
  readonly namespace_input: proxy.MetadefNamespaceLike;
  constructor(namespace: proxy.MetadefNamespaceLike) {
    super(namespace);
    this.namespace_input = namespace;
  }
}

/** @see glance/api/authorization.py MetadefNamespaceFactoryProxy */
export class MetadefNamespaceFactoryProxy extends proxy.MetadefNamespaceFactory<proxy.MetadefNamespaceLike, MetadefNamespaceProxy> {
  constructor(readonly meta_namespace_factory: proxy.MetadefNamespaceFactoryLike, readonly context: AuthContext) {
    super(meta_namespace_factory, (ns) => new MetadefNamespaceProxy(ns));
  }
  override new_namespace(kwargs: proxy.FactoryKwargs): MetadefNamespaceProxy {
    const { owner, rest } = popOwner(kwargs, this.context);
    checkCreateOwner(this.context, owner, 'namespace');
    return super.new_namespace({ owner, ...rest });
  }
}

/** @see glance/api/authorization.py MetadefNamespaceRepoProxy */
export class MetadefNamespaceRepoProxy extends proxy.MetadefNamespaceRepo<proxy.MetadefNamespaceLike, proxy.MetadefNamespaceLike> {
  constructor(readonly namespace_repo: proxy.MetadefNamespaceRepoLike, readonly context: AuthContext) {
    super(namespace_repo);
  }
  override get(namespace: unknown): proxy.MetadefNamespaceLike {
    return proxy_namespace(this.context, this.namespace_repo.get(namespace));
  }
  override list(kwargs?: proxy.MetadefListKwargs): proxy.MetadefNamespaceLike[] {
    return this.namespace_repo.list(kwargs).map((n) => proxy_namespace(this.context, n));
  }
}

/** The owner of an entity's namespace (`x.namespace.owner`). */
function namespaceOwner(entity: { namespace: unknown }): unknown {
  return proxy.getattrStrict(entity.namespace, 'owner');
}

/** @see glance/api/authorization.py is_object_mutable */
export function is_object_mutable(context: AuthContext, object: proxy.MetadefObjectLike): boolean {
  if (context.is_admin) return true;
  if (context.owner === null) return false;
  return namespaceOwner(object) === context.owner;
}

/** @see glance/api/authorization.py proxy_object */
export function proxy_object<O extends proxy.MetadefObjectLike>(context: AuthContext, object: O): O | ImmutableMetadefObjectProxy {
  return is_object_mutable(context, object) ? object : new ImmutableMetadefObjectProxy(object);
}

/**
 * NOTE(quirk): Glance's immutable object proxy has no `namespace`: reading
 * it raises AttributeError.
 *
 * @see glance/api/authorization.py ImmutableMetadefObjectProxy
 */
export class ImmutableMetadefObjectProxy {
  readonly resource_name: string = 'object';
  declare object_id: unknown;
  declare name: unknown;
  declare required: unknown;
  declare description: unknown;
  declare properties: unknown;
  declare created_at: unknown;
  declare updated_at: unknown;
  constructor(readonly base: proxy.MetadefObjectLike) {}
  delete(): void {
    throw new Forbidden('You are not permitted to delete this object.');
  }
  save(): void {
    throw new Forbidden('You are not permitted to update this object.');
  }
}
immutableAttributes(ImmutableMetadefObjectProxy, ['object_id', 'name', 'required', 'description', 'properties', 'created_at', 'updated_at']);
undeclaredAttribute(ImmutableMetadefObjectProxy, 'namespace');

/** @see glance/api/authorization.py MetadefObjectProxy */
export class MetadefObjectProxy extends proxy.MetadefObject {
  readonly meta_object: proxy.MetadefObjectLike;
  constructor(meta_object: proxy.MetadefObjectLike) {
    super(meta_object);
    this.meta_object = meta_object;
  }
}

/** @see glance/api/authorization.py MetadefObjectFactoryProxy */
export class MetadefObjectFactoryProxy extends proxy.MetadefObjectFactory<proxy.MetadefObjectLike, MetadefObjectProxy> {
  constructor(readonly meta_object_factory: proxy.MetadefObjectFactoryLike, readonly context: AuthContext) {
    super(meta_object_factory, (o) => new MetadefObjectProxy(o));
  }
  /** NOTE(quirk): the owner checked is the caller's, never the namespace's. */
  override new_object(kwargs: proxy.FactoryKwargs): MetadefObjectProxy {
    const { owner, rest } = popOwner(kwargs, this.context);
    checkCreateOwner(this.context, owner, 'object');
    return super.new_object(rest);
  }
}

/** @see glance/api/authorization.py MetadefObjectRepoProxy */
export class MetadefObjectRepoProxy extends proxy.MetadefObjectRepo<proxy.MetadefObjectLike, proxy.MetadefObjectLike> {
  constructor(readonly object_repo: proxy.MetadefObjectRepoLike, readonly context: AuthContext) {
    super(object_repo);
  }
  override get(namespace: unknown, object_name: unknown): proxy.MetadefObjectLike {
    return proxy_object(this.context, this.object_repo.get(namespace, object_name)) as proxy.MetadefObjectLike;
  }
  override list(kwargs?: proxy.MetadefListKwargs): proxy.MetadefObjectLike[] {
    return this.object_repo.list(kwargs).map((o) => proxy_object(this.context, o) as proxy.MetadefObjectLike);
  }
}

/** @see glance/api/authorization.py is_meta_resource_type_mutable */
export function is_meta_resource_type_mutable(context: AuthContext, meta_resource_type: proxy.MetadefResourceTypeLike): boolean {
  if (context.is_admin) return true;
  if (context.owner === null) return false;
  // A resource type can exist without a namespace; such a one is never mutable.
  if (pyTruthyValue(meta_resource_type.namespace)) return namespaceOwner(meta_resource_type) === context.owner;
  return false;
}

function pyTruthyValue(v: unknown): boolean {
  return !(v === null || v === undefined || v === false || v === '' || v === 0);
}

/** @see glance/api/authorization.py proxy_meta_resource_type */
export function proxy_meta_resource_type<R extends proxy.MetadefResourceTypeLike>(
  context: AuthContext,
  meta_resource_type: R,
): R | ImmutableMetadefResourceTypeProxy {
  return is_meta_resource_type_mutable(context, meta_resource_type) ? meta_resource_type : new ImmutableMetadefResourceTypeProxy(meta_resource_type);
}

/** @see glance/api/authorization.py ImmutableMetadefResourceTypeProxy */
export class ImmutableMetadefResourceTypeProxy implements proxy.MetadefResourceTypeLike {
  readonly resource_name: string = 'meta_resource_type';
  declare namespace: unknown;
  declare name: unknown;
  declare prefix: unknown;
  declare properties_target: unknown;
  declare created_at: unknown;
  declare updated_at: unknown;
  constructor(readonly base: proxy.MetadefResourceTypeLike) {}
  delete(): void {
    throw new Forbidden('You are not permitted to delete this meta_resource_type.');
  }
}
immutableAttributes(ImmutableMetadefResourceTypeProxy, proxy.RESOURCE_TYPE_ATTRS);

/** @see glance/api/authorization.py MetadefResourceTypeProxy */
export class MetadefResourceTypeProxy extends proxy.MetadefResourceType {
  readonly meta_resource_type: proxy.MetadefResourceTypeLike;
  constructor(meta_resource_type: proxy.MetadefResourceTypeLike) {
    super(meta_resource_type);
    this.meta_resource_type = meta_resource_type;
  }
}

/** @see glance/api/authorization.py MetadefResourceTypeFactoryProxy */
export class MetadefResourceTypeFactoryProxy extends proxy.MetadefResourceTypeFactory<proxy.MetadefResourceTypeLike, MetadefResourceTypeProxy> {
  constructor(readonly meta_resource_type_factory: proxy.MetadefResourceTypeFactoryLike, readonly context: AuthContext) {
    super(meta_resource_type_factory, (r) => new MetadefResourceTypeProxy(r));
  }
  override new_resource_type(kwargs: proxy.FactoryKwargs): MetadefResourceTypeProxy {
    const { owner, rest } = popOwner(kwargs, this.context);
    checkCreateOwner(this.context, owner, 'resource_type');
    return super.new_resource_type(rest);
  }
}

/** @see glance/api/authorization.py MetadefResourceTypeRepoProxy */
export class MetadefResourceTypeRepoProxy extends proxy.MetadefResourceTypeRepo<proxy.MetadefResourceTypeLike, proxy.MetadefResourceTypeLike> {
  constructor(readonly meta_resource_type_repo: proxy.MetadefResourceTypeRepoLike, readonly context: AuthContext) {
    super(meta_resource_type_repo);
  }
  override list(kwargs?: proxy.MetadefListKwargs): proxy.MetadefResourceTypeLike[] {
    return this.meta_resource_type_repo.list(kwargs).map((r) => proxy_meta_resource_type(this.context, r));
  }
  override get(resource_type: unknown, namespace: unknown): proxy.MetadefResourceTypeLike {
    return proxy_meta_resource_type(this.context, this.meta_resource_type_repo.get(resource_type, namespace));
  }
}

/** @see glance/api/authorization.py is_namespace_property_mutable */
export function is_namespace_property_mutable(context: AuthContext, namespace_property: proxy.MetadefPropertyLike): boolean {
  if (context.is_admin) return true;
  if (context.owner === null) return false;
  return namespaceOwner(namespace_property) === context.owner;
}

/** @see glance/api/authorization.py proxy_namespace_property */
export function proxy_namespace_property<P extends proxy.MetadefPropertyLike>(context: AuthContext, namespace_property: P): P | ImmutableMetadefPropertyProxy {
  return is_namespace_property_mutable(context, namespace_property) ? namespace_property : new ImmutableMetadefPropertyProxy(namespace_property);
}

/**
 * NOTE(quirk): no `namespace` here either.
 *
 * @see glance/api/authorization.py ImmutableMetadefPropertyProxy
 */
export class ImmutableMetadefPropertyProxy {
  readonly resource_name: string = 'namespace_property';
  declare property_id: unknown;
  declare name: unknown;
  declare schema: unknown;
  constructor(readonly base: proxy.MetadefPropertyLike) {}
  delete(): void {
    throw new Forbidden('You are not permitted to delete this property.');
  }
  save(): void {
    throw new Forbidden('You are not permitted to update this property.');
  }
}
immutableAttributes(ImmutableMetadefPropertyProxy, ['property_id', 'name', 'schema']);
undeclaredAttribute(ImmutableMetadefPropertyProxy, 'namespace');

/** @see glance/api/authorization.py MetadefPropertyProxy */
export class MetadefPropertyProxy extends proxy.MetadefProperty {
  readonly meta_object: proxy.MetadefPropertyLike;
  constructor(namespace_property: proxy.MetadefPropertyLike) {
    super(namespace_property);
    this.meta_object = namespace_property;
  }
}

/** @see glance/api/authorization.py MetadefPropertyFactoryProxy */
export class MetadefPropertyFactoryProxy extends proxy.MetadefPropertyFactory<proxy.MetadefPropertyLike, MetadefPropertyProxy> {
  constructor(readonly meta_object_factory: proxy.MetadefPropertyFactoryLike, readonly context: AuthContext) {
    super(meta_object_factory, (p) => new MetadefPropertyProxy(p));
  }
  override new_namespace_property(kwargs: proxy.FactoryKwargs): MetadefPropertyProxy {
    const { owner, rest } = popOwner(kwargs, this.context);
    checkCreateOwner(this.context, owner, 'property');
    return super.new_namespace_property(rest);
  }
}

/** @see glance/api/authorization.py MetadefPropertyRepoProxy */
export class MetadefPropertyRepoProxy extends proxy.MetadefPropertyRepo<proxy.MetadefPropertyLike, proxy.MetadefPropertyLike> {
  constructor(readonly namespace_property_repo: proxy.MetadefPropertyRepoLike, readonly context: AuthContext) {
    super(namespace_property_repo);
  }
  override get(namespace: unknown, object_name: unknown): proxy.MetadefPropertyLike {
    return proxy_namespace_property(this.context, this.namespace_property_repo.get(namespace, object_name)) as proxy.MetadefPropertyLike;
  }
  override list(kwargs?: proxy.MetadefListKwargs): proxy.MetadefPropertyLike[] {
    return this.namespace_property_repo.list(kwargs).map((p) => proxy_namespace_property(this.context, p) as proxy.MetadefPropertyLike);
  }
}

/** @see glance/api/authorization.py is_tag_mutable */
export function is_tag_mutable(context: AuthContext, tag: proxy.MetadefTagLike): boolean {
  if (context.is_admin) return true;
  if (context.owner === null) return false;
  return namespaceOwner(tag) === context.owner;
}

/** @see glance/api/authorization.py proxy_tag */
export function proxy_tag<T extends proxy.MetadefTagLike>(context: AuthContext, tag: T): T | ImmutableMetadefTagProxy {
  return is_tag_mutable(context, tag) ? tag : new ImmutableMetadefTagProxy(tag);
}

/**
 * NOTE(quirk): no `namespace` here either.
 *
 * @see glance/api/authorization.py ImmutableMetadefTagProxy
 */
export class ImmutableMetadefTagProxy {
  readonly resource_name: string = 'tag';
  declare tag_id: unknown;
  declare name: unknown;
  declare created_at: unknown;
  declare updated_at: unknown;
  constructor(readonly base: proxy.MetadefTagLike) {}
  delete(): void {
    throw new Forbidden('You are not permitted to delete this tag.');
  }
  save(): void {
    throw new Forbidden('You are not permitted to update this tag.');
  }
}
immutableAttributes(ImmutableMetadefTagProxy, ['tag_id', 'name', 'created_at', 'updated_at']);
undeclaredAttribute(ImmutableMetadefTagProxy, 'namespace');

/** @see glance/api/authorization.py MetadefTagProxy */
export class MetadefTagProxy extends proxy.MetadefTag {}

/** @see glance/api/authorization.py MetadefTagFactoryProxy */
export class MetadefTagFactoryProxy extends proxy.MetadefTagFactory<proxy.MetadefTagLike, MetadefTagProxy> {
  constructor(readonly meta_tag_factory: proxy.MetadefTagFactoryLike, readonly context: AuthContext) {
    super(meta_tag_factory, (t) => new MetadefTagProxy(t));
  }
  override new_tag(kwargs: proxy.FactoryKwargs): MetadefTagProxy {
    const { owner, rest } = popOwner(kwargs, this.context);
    if (!this.context.is_admin) {
      if (owner === null || owner === undefined) throw new Forbidden('Owner must be specified to create a tag.');
      if (owner !== this.context.owner) {
        throw new Forbidden(`You are not permitted to create a tag in the namespace owned by '${pyStr(owner)}'`);
      }
    }
    return super.new_tag(rest);
  }
}

/** @see glance/api/authorization.py MetadefTagRepoProxy */
export class MetadefTagRepoProxy extends proxy.MetadefTagRepo<proxy.MetadefTagLike, proxy.MetadefTagLike> {
  constructor(readonly tag_repo: proxy.MetadefTagRepoLike, readonly context: AuthContext) {
    super(tag_repo);
  }
  override get(namespace: unknown, tag_name: unknown): proxy.MetadefTagLike {
    return proxy_tag(this.context, this.tag_repo.get(namespace, tag_name)) as proxy.MetadefTagLike;
  }
  override list(kwargs?: proxy.MetadefListKwargs): proxy.MetadefTagLike[] {
    return this.tag_repo.list(kwargs).map((t) => proxy_tag(this.context, t) as proxy.MetadefTagLike);
  }
}
