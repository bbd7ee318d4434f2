/**
 * The policy layer of the onion: every repo, factory and image call that
 * Glance guards with an oslo.policy rule, enforced against the request
 * context's credentials. A denial is `Forbidden(action=<rule>)`:
 * "You are not authorized to complete <rule> action.".
 *
 * The metadata definitions catalog's repos are guarded the same way, one
 * rule per repo call (with an empty target); their entity and factory
 * proxies only carry the context and the enforcer along.
 *
 * @see glance/api/policy.py
 */
import {
  Enforcer as OsloEnforcer,
  Rules,
  pySubscript,
  type PolicyMapping,
  type PyGetItem,
  type RuleData,
} from '../lib/oslo-policy.js';
import { PyList, type PySequenceLike } from '../lib/pycollections.js';
import { AttributeError, KeyError, pyStr } from '../lib/python.js';
import type { Settings } from '../shared/settings.js';
import { Forbidden, Invalid, NotFound } from './exception.js';
import * as proxy from './proxy.js';
import type { ImageLike, ListKwargs, Location, MemberLike, NewImageKwargs, TaskLike, TaskStubLike } from './proxy.js';
import { POLICY_JSON } from './policy-json.js';

// ------------------------------------------------------------------ Enforcer

/**
 * What the policy layer reads of glance.context.RequestContext
 * (src/legacy/context.ts); kept this narrow so tests can pass a stub, as
 * Glance's tests pass `{}`.
 */
export interface PolicyContext {
  /** oslo.context's `to_policy_values()` plus Glance's `user` and `tenant`. */
  to_policy_values(): PolicyMapping;
  /** oslo.context's `to_dict()` plus Glance's `roles`, `service_catalog`. */
  to_dict(): PolicyMapping;
}

/** The enforcer as the proxies call it (the tests' FakePolicyEnforcer fits too). */
export interface PolicyEnforcer {
  enforce(context: PolicyContext, action: string, target: PolicyMapping): unknown;
}

/** The rules Glance falls back to when no policy file is found. */
export const DEFAULT_RULES: Readonly<Record<string, string>> = Object.freeze({
  context_is_admin: 'role:admin',
  default: 'role:admin',
  manage_image_cache: 'role:admin',
});

/** oslo's `[oslo_policy] policy_default_rule`. */
const POLICY_DEFAULT_RULE = 'default';

/**
 * Glance's policy enforcer. Deployed with a policy file, its rules are the
 * file's: Glance 16.0.0's etc/policy.json with the scenario's
 * `settings.policy` laid over it.
 *
 * @see glance/api/policy.py Enforcer
 */
export class Enforcer implements PolicyEnforcer {
  readonly oslo: OsloEnforcer;

  constructor(settings: Pick<Settings, 'policy'>) {
    this.oslo = new OsloEnforcer({ ...POLICY_JSON, ...settings.policy }, POLICY_DEFAULT_RULE);
  }

  /**
   * An enforcer over exactly these policy file rules; `null` is Glance
   * finding no policy file, which enforces DEFAULT_RULES.
   */
  static fromPolicyFile(rules: Readonly<Record<string, RuleData>> | null): Enforcer {
    return new Enforcer({ policy: {} }).withRules(rules ?? DEFAULT_RULES);
  }

  private withRules(rules: Readonly<Record<string, RuleData>>): this {
    this.oslo.setRules(rules, true);
    return this;
  }

  /** Lays more rules over the current ones (property protections add theirs). */
  add_rules(rules: Readonly<Record<string, RuleData>> | Rules): void {
    this.oslo.setRules(rules, false);
  }

  /**
   * Raises Forbidden(action=action) unless the rule passes.
   * @see glance/api/policy.py Enforcer.enforce
   */
  enforce(context: PolicyContext, action: string, target: PolicyMapping): true {
    if (!this.oslo.enforce(action, target, context.to_policy_values())) {
      throw new Forbidden(null, { action });
    }
    return true;
  }

  /** @see glance/api/policy.py Enforcer.check */
  check(context: PolicyContext, action: string, target: PolicyMapping): boolean {
    return this.oslo.enforce(action, target, context.to_policy_values());
  }

  /**
   * The `context_is_admin` rule, with the context's `to_dict()` as target
   * and its policy values as creds.
   * @see glance/api/policy.py Enforcer.check_is_admin
   */
  check_is_admin(context: PolicyContext): boolean {
    return this.check(context, 'context_is_admin', context.to_dict());
  }
}

// ---------------------------------------------------------------- ImageTarget

/**
 * `dir(ImageProxy)` minus dunders and callables: the 18 image attributes,
 * sorted as `dir` sorts them.
 */
const TARGET_KEYS: readonly string[] = Object.freeze([
  'checksum', 'container_format', 'created_at', 'disk_format', 'extra_properties', 'image_id', 'locations',
  'min_disk', 'min_ram', 'name', 'owner', 'protected', 'size', 'status', 'tags', 'updated_at', 'virtual_size',
  'visibility',
]);

const SENTINEL = Symbol('SENTINEL');

/** Python's `getattr(obj, key, SENTINEL)` over a TS object (methods come back bound). */
function getattrOr(obj: unknown, key: string): unknown {
  if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function')) return SENTINEL;
  if (!(key in obj) || key in Object.prototype) return SENTINEL;
  let value: unknown;
  try {
    value = (obj as Record<string, unknown>)[key];
  } catch (e) {
    if (e instanceof AttributeError) return SENTINEL;
    throw e;
  }
  // A forwarded attribute the base lacks reads as undefined: Python's AttributeError.
  if (value === undefined) return SENTINEL;
  return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(obj) : value;
}

/**
 * A read-only Mapping view of an image for policy rules: the image's
 * attributes, then its extra properties, with 'id' read as 'image_id'.
 *
 * NOTE(quirk): iteration yields 'image_id', never 'id', so `dict(target)`
 * (what get_image, modify_image, add_image and delete_image receive) has no
 * 'id' key and a `%(id)s` rule fails there, while the rules given the
 * ImageTarget itself (visibility, locations, download, (de|re)activate) see it.
 *
 * @see glance/api/policy.py ImageTarget
 */
export class ImageTarget implements PyGetItem, Iterable<string> {
  readonly target: unknown;

  constructor(target: unknown) {
    this.target = target;
  }

  /** `target[key]`: an attribute, else an extra property (KeyError if absent). */
  getItem(key: string): unknown {
    const name = this.key_transforms(key);
    const value = getattrOr(this.target, name);
    if (value !== SENTINEL) return value;
    const extra = this.extraProperties();
    // NOTE(quirk): with no extra_properties at all, any unknown key reads as None.
    if (extra === null) return null;
    return pySubscript(extra, name);
  }

  /** `Mapping.get`: the default only for a KeyError. */
  get(key: string, fallback: unknown = null): unknown {
    try {
      return this.getItem(key);
    } catch (e) {
      if (e instanceof KeyError) return fallback;
      throw e;
    }
  }

  len(): number {
    const extra = this.extraProperties();
    return TARGET_KEYS.length + (extra === null ? 0 : mappingKeys(extra).length);
  }

  *[Symbol.iterator](): Iterator<string> {
    yield* TARGET_KEYS;
    const extra = this.extraProperties();
    if (extra !== null) yield* mappingKeys(extra);
  }

  key_transforms(key: string): string {
    return key === 'id' ? 'image_id' : key;
  }

  /** Python's `dict(image_target)`: every key read once, in iteration order. */
  toDict(): Map<string, unknown> {
    const out = new Map<string, unknown>();
    for (const key of this) out.set(key, this.getItem(key));
    return out;
  }

  private extraProperties(): unknown {
    const extra = getattrOr(this.target, 'extra_properties');
    return extra === SENTINEL || extra === undefined ? null : extra;
  }
}

function mappingKeys(mapping: unknown): string[] {
  if (mapping instanceof Map) return [...mapping.keys()].map(String);
  if (mapping !== null && typeof mapping === 'object') {
    if (Symbol.iterator in mapping) return [...(mapping as Iterable<unknown>)].map(String);
    return Object.keys(mapping);
  }
  return [];
}

// ---------------------------------------------------------------- images

/** Publicizing or communitizing needs its own rule; other visibilities need none. */
function enforceImageVisibility(
  policy: PolicyEnforcer,
  context: PolicyContext,
  visibility: unknown,
  target: PolicyMapping,
): void {
  if (visibility === 'public') policy.enforce(context, 'publicize_image', target);
  else if (visibility === 'community') policy.enforce(context, 'communitize_image', target);
}

/**
 * Guards the image repo: get_image (after the lookup, on a dict of the
 * image), get_images, modify_image and add_image.
 *
 * @see glance/api/policy.py ImageRepoProxy
 */
export class ImageRepoProxy extends proxy.Repo<ImageLike, ImageProxy> {
  readonly context: PolicyContext;
  readonly policy: PolicyEnforcer;
  readonly image_repo: proxy.RepoBase;

  constructor(image_repo: proxy.RepoBase, context: PolicyContext, policy: PolicyEnforcer) {
    super(image_repo, (image) => new ImageProxy(image, context, policy));
    this.context = context;
    this.policy = policy;
    this.image_repo = image_repo;
  }

  /** @see glance/api/policy.py ImageRepoProxy.get */
  override get(image_id: string): ImageProxy {
    let image: ImageProxy;
    try {
      image = super.get(image_id);
    } catch (e) {
      // NOTE(quirk): a missing image is still checked, so a denial answers 403 before 404.
      if (e instanceof NotFound) this.policy.enforce(this.context, 'get_image', {});
      throw e;
    }
    this.policy.enforce(this.context, 'get_image', new ImageTarget(image).toDict());
    return image;
  }

  override list(kwargs?: ListKwargs): ImageProxy[] {
    this.policy.enforce(this.context, 'get_images', {});
    return super.list(kwargs);
  }

  override save(image: ImageProxy, from_state: string | null = null): ImageProxy | null {
    this.policy.enforce(this.context, 'modify_image', image.target.toDict());
    return super.save(image, from_state);
  }

  override add(image: ImageProxy): ImageProxy | null {
    this.policy.enforce(this.context, 'add_image', image.target.toDict());
    return super.add(image);
  }
}

/**
 * Guards the image: visibility changes, location changes, delete,
 * deactivate, reactivate and download.
 *
 * @see glance/api/policy.py ImageProxy
 */
export class ImageProxy extends proxy.Image {
  readonly image: ImageLike;
  readonly target: ImageTarget;
  readonly context: PolicyContext;
  readonly policy: PolicyEnforcer;

  constructor(image: ImageLike, context: PolicyContext, policy: PolicyEnforcer) {
    super(image);
    this.image = image;
    this.target = new ImageTarget(image);
    this.context = context;
    this.policy = policy;
  }

  override get visibility(): string {
    return this.image.visibility;
  }
  override set visibility(value: string) {
    enforceImageVisibility(this.policy, this.context, value, this.target);
    this.image.visibility = value;
  }

  override get locations(): PySequenceLike<Location> {
    return new ImageLocationsProxy(this.image.locations, this.context, this.policy);
  }
  /** @see glance/api/policy.py ImageProxy.locations (setter) */
  override set locations(value: unknown) {
    if (!(Array.isArray(value) || value instanceof PyList || value instanceof ImageLocationsProxy)) {
      throw new Invalid(`Invalid locations: ${pyStr(value)}`);
    }
    this.policy.enforce(this.context, 'set_image_location', this.target);
    // list(value): a locations proxy enforces get_image_location (twice: len, then iter).
    const new_locations = value instanceof ImageLocationsProxy ? value.toArray() : [...(value as Iterable<Location>)];
    const old_urls = [...this.image.locations].map(urlOf);
    const kept = new Set(new_locations.map(urlOf));
    if (old_urls.some((url) => !kept.has(url))) {
      this.policy.enforce(this.context, 'delete_image_location', this.target);
    }
    this.image.locations = new_locations;
  }

  override delete(): void {
    this.policy.enforce(this.context, 'delete_image', this.target.toDict());
    this.image.delete();
  }

  override deactivate(): void {
    this.policy.enforce(this.context, 'deactivate', new ImageTarget(this.image));
    this.image.deactivate();
  }

  override reactivate(): void {
    this.policy.enforce(this.context, 'reactivate', new ImageTarget(this.image));
    this.image.reactivate();
  }

  override get_data(offset?: number, chunk_size?: number | null): Iterable<Buffer> {
    this.policy.enforce(this.context, 'download_image', this.target);
    return this.image.get_data(offset, chunk_size);
  }

  override set_data(data: proxy.ImageData, size: number | null = null): void {
    this.image.set_data(data, size);
  }
}

/** `loc['url']`, with Python's KeyError/TypeError for what is not a location dict. */
function urlOf(location: unknown): unknown {
  return pySubscript(location, 'url');
}

/**
 * Every read of the image's locations enforces get_image_location, every
 * addition set_image_location, every removal delete_image_location; the
 * rule is enforced with an empty target.
 *
 * @see glance/api/policy.py ImageLocationsProxy
 */
export class ImageLocationsProxy implements PySequenceLike<Location> {
  readonly locations: PySequenceLike<Location>;
  readonly context: PolicyContext;
  readonly policy: PolicyEnforcer;

  constructor(locations: PySequenceLike<Location>, context: PolicyContext, policy: PolicyEnforcer) {
    this.locations = locations;
    this.context = context;
    this.policy = policy;
  }

  private check(action: 'get_image_location' | 'set_image_location' | 'delete_image_location'): PySequenceLike<Location> {
    this.policy.enforce(this.context, action, {});
    return this.locations;
  }

  /** `copy.copy(proxy)`: a new proxy over the same locations. */
  copy(): ImageLocationsProxy {
    return new ImageLocationsProxy(this.locations, this.context, this.policy);
  }

  /** `copy.deepcopy(proxy)`: copies the location entries only, unchecked. */
  deepcopy(): ImageLocationsProxy {
    const inner = this.locations as PySequenceLike<Location> & { deepcopy?: () => PySequenceLike<Location> };
    const copied = typeof inner.deepcopy === 'function' ? inner.deepcopy() : new PyList(structuredClone(inner.toArray()));
    return new ImageLocationsProxy(copied, this.context, this.policy);
  }

  count(value: Location): number {
    return this.check('get_image_location').count(value);
  }
  index(value: Location): number {
    return this.check('get_image_location').index(value);
  }
  getItem(i: number): Location {
    return this.check('get_image_location').getItem(i);
  }
  contains(value: Location): boolean {
    return this.check('get_image_location').contains(value);
  }
  len(): number {
    return this.check('get_image_location').len();
  }
  [Symbol.iterator](): Iterator<Location> {
    return this.check('get_image_location')[Symbol.iterator]();
  }
  /** `list(proxy)`: Python asks `len()` for a size hint first, so the rule is enforced twice. */
  toArray(): Location[] {
    this.len();
    return [...this];
  }

  append(value: Location): void {
    this.check('set_image_location').append(value);
  }
  extend(values: Iterable<Location>): void {
    this.check('set_image_location').extend(values);
  }
  insert(i: number, value: Location): void {
    this.check('set_image_location').insert(i, value);
  }
  reverse(): void {
    this.check('set_image_location').reverse();
  }
  /** NOTE(quirk): returns what the wrapped sequence's `+=` returns, not this proxy. */
  iadd(values: Iterable<Location>): this {
    return this.check('set_image_location').iadd(values) as unknown as this;
  }
  setItem(i: number, value: Location): void {
    this.check('set_image_location').setItem(i, value);
  }

  pop(i?: number): Location {
    const locations = this.check('delete_image_location');
    return i === undefined ? locations.pop() : locations.pop(i);
  }
  remove(value: Location): void {
    this.check('delete_image_location').remove(value);
  }
  delItem(i: number): void {
    this.check('delete_image_location').delItem(i);
  }
}

/**
 * Guards new images: a public or community visibility needs its rule
 * (checked with an empty target, before the image exists).
 *
 * @see glance/api/policy.py ImageFactoryProxy
 */
export class ImageFactoryProxy extends proxy.ImageFactory<ImageLike, ImageProxy> {
  readonly image_factory: proxy.ImageFactoryBase;
  readonly context: PolicyContext;
  readonly policy: PolicyEnforcer;

  constructor(image_factory: proxy.ImageFactoryBase, context: PolicyContext, policy: PolicyEnforcer) {
    super(image_factory, (image) => new ImageProxy(image, context, policy));
    this.image_factory = image_factory;
    this.context = context;
    this.policy = policy;
  }

  override new_image(kwargs: NewImageKwargs = {}): ImageProxy {
    enforceImageVisibility(this.policy, this.context, kwargs.visibility ?? null, {});
    return super.new_image(kwargs);
  }
}

// ---------------------------------------------------------------- members

/**
 * A pass-through member proxy.
 * @see glance/api/policy.py ImageMemberProxy
 */
export class ImageMemberProxy extends proxy.ImageMember {
  readonly image_member: MemberLike;
  readonly context: PolicyContext;
  readonly policy: PolicyEnforcer;

  constructor(image_member: MemberLike, context: PolicyContext, policy: PolicyEnforcer) {
    super(image_member);
    this.image_member = image_member;
    this.context = context;
    this.policy = policy;
  }
}

/** @see glance/api/policy.py ImageMemberFactoryProxy */
export class ImageMemberFactoryProxy extends proxy.ImageMembershipFactory<MemberLike, ImageMemberProxy> {
  constructor(member_factory: proxy.ImageMembershipFactoryBase, context: PolicyContext, policy: PolicyEnforcer) {
    super(member_factory, (member) => new ImageMemberProxy(member, context, policy));
  }
}

/**
 * Guards the member repo of one image, each call with the image's
 * ImageTarget. Glance subclasses domain.proxy.Repo but never runs its
 * constructor, so nothing is wrapped or unwrapped here: members pass
 * through as the inner repo gives and takes them.
 *
 * @see glance/api/policy.py ImageMemberRepoProxy
 */
export class ImageMemberRepoProxy<M = MemberLike> implements proxy.MemberRepoLike<M> {
  readonly member_repo: proxy.MemberRepoLike<M>;
  readonly image: ImageLike;
  readonly target: ImageTarget;
  readonly context: PolicyContext;
  readonly policy: PolicyEnforcer;

  constructor(member_repo: proxy.MemberRepoLike<M>, image: ImageLike, context: PolicyContext, policy: PolicyEnforcer) {
    this.member_repo = member_repo;
    this.image = image;
    this.target = new ImageTarget(image);
    this.context = context;
    this.policy = policy;
  }

  add(member: M): void {
    this.policy.enforce(this.context, 'add_member', this.target);
    this.member_repo.add(member);
  }

  get(member_id: string): M {
    this.policy.enforce(this.context, 'get_member', this.target);
    return this.member_repo.get(member_id);
  }

  save(member: M, from_state: string | null = null): void {
    this.policy.enforce(this.context, 'modify_member', this.target);
    this.member_repo.save(member, from_state);
  }

  list(): M[] {
    this.policy.enforce(this.context, 'get_members', this.target);
    return this.member_repo.list();
  }

  remove(member: M): void {
    this.policy.enforce(this.context, 'delete_member', this.target);
    this.member_repo.remove(member);
  }
}

// ---------------------------------------------------------------- tasks

/** @see glance/api/policy.py TaskProxy */
export class TaskProxy extends proxy.Task {
  readonly task: TaskLike;
  readonly context: PolicyContext;
  readonly policy: PolicyEnforcer;

  constructor(task: TaskLike, context: PolicyContext, policy: PolicyEnforcer) {
    super(task);
    this.task = task;
    this.context = context;
    this.policy = policy;
  }
}

/** @see glance/api/policy.py TaskStubProxy */
export class TaskStubProxy extends proxy.TaskStub {
  readonly task_stub: TaskStubLike;
  readonly context: PolicyContext;
  readonly policy: PolicyEnforcer;

  constructor(task_stub: TaskStubLike, context: PolicyContext, policy: PolicyEnforcer) {
    super(task_stub);
    this.task_stub = task_stub;
    this.context = context;
    this.policy = policy;
  }
}

/**
 * get_task, add_task and modify_task, each with an empty target;
 * `remove` is not guarded.
 *
 * @see glance/api/policy.py TaskRepoProxy
 */
export class TaskRepoProxy extends proxy.TaskRepo<TaskLike, TaskProxy> {
  readonly context: PolicyContext;
  readonly policy: PolicyEnforcer;
  readonly task_repo: proxy.TaskRepoBase;

  constructor(task_repo: proxy.TaskRepoBase, context: PolicyContext, task_policy: PolicyEnforcer) {
    super(task_repo, (task) => new TaskProxy(task, context, task_policy));
    this.context = context;
    this.policy = task_policy;
    this.task_repo = task_repo;
  }

  override get(task_id: string): TaskProxy {
    this.policy.enforce(this.context, 'get_task', {});
    return super.get(task_id);
  }

  override add(task: TaskProxy): void {
    this.policy.enforce(this.context, 'add_task', {});
    super.add(task);
  }

  override save(task: TaskProxy): void {
    this.policy.enforce(this.context, 'modify_task', {});
    super.save(task);
  }
}

/** @see glance/api/policy.py TaskStubRepoProxy */
export class TaskStubRepoProxy extends proxy.TaskStubRepo<TaskStubLike, TaskStubProxy> {
  readonly context: PolicyContext;
  readonly policy: PolicyEnforcer;
  readonly task_stub_repo: proxy.TaskStubRepoBase;

  constructor(task_stub_repo: proxy.TaskStubRepoBase, context: PolicyContext, task_policy: PolicyEnforcer) {
    super(task_stub_repo, (stub) => new TaskStubProxy(stub, context, task_policy));
    this.context = context;
    this.policy = task_policy;
    this.task_stub_repo = task_stub_repo;
  }

  override list(kwargs?: ListKwargs): TaskStubProxy[] {
    this.policy.enforce(this.context, 'get_tasks', {});
    return super.list(kwargs);
  }
}

/** @see glance/api/policy.py TaskFactoryProxy */
export class TaskFactoryProxy extends proxy.TaskFactory<TaskLike, TaskProxy> {
  readonly task_factory: proxy.TaskFactoryBase;
  readonly context: PolicyContext;
  readonly policy: PolicyEnforcer;

  constructor(task_factory: proxy.TaskFactoryBase, context: PolicyContext, policy: PolicyEnforcer) {
    super(task_factory, (task) => new TaskProxy(task, context, policy));
    this.task_factory = task_factory;
    this.context = context;
    this.policy = policy;
  }
}

// ================================================================ metadefs

interface PolicyKwargs {
  readonly context: PolicyContext;
  readonly policy: PolicyEnforcer;
}

/** @see glance/api/policy.py MetadefNamespaceProxy */
export class MetadefNamespaceProxy extends proxy.MetadefNamespace {
  readonly namespace_input: proxy.MetadefNamespaceLike;
  constructor(namespace: proxy.MetadefNamespaceLike, readonly context: PolicyContext, readonly policy: PolicyEnforcer) {
    super(namespace);
    this.namespace_input = namespace;
  }
}

/** @see glance/api/policy.py MetadefNamespaceRepoProxy */
export class MetadefNamespaceRepoProxy extends proxy.MetadefNamespaceRepo<proxy.MetadefNamespaceLike, MetadefNamespaceProxy, PolicyKwargs> {
  constructor(readonly namespace_repo: proxy.MetadefNamespaceRepoLike, readonly context: PolicyContext, readonly policy: PolicyEnforcer) {
    super(namespace_repo, (ns, k) => new MetadefNamespaceProxy(ns, k.context, k.policy), { context, policy });
  }
  override get(namespace: unknown): MetadefNamespaceProxy {
    this.policy.enforce(this.context, 'get_metadef_namespace', {});
    return super.get(namespace);
  }
  override list(kwargs?: proxy.MetadefListKwargs): MetadefNamespaceProxy[] {
    this.policy.enforce(this.context, 'get_metadef_namespaces', {});
    return super.list(kwargs);
  }
  override save(namespace: MetadefNamespaceProxy): unknown {
    this.policy.enforce(this.context, 'modify_metadef_namespace', {});
    return super.save(namespace);
  }
  override add(namespace: MetadefNamespaceProxy): unknown {
    this.policy.enforce(this.context, 'add_metadef_namespace', {});
    return super.add(namespace);
  }
}

/** @see glance/api/policy.py MetadefNamespaceFactoryProxy */
export class MetadefNamespaceFactoryProxy extends proxy.MetadefNamespaceFactory<proxy.MetadefNamespaceLike, MetadefNamespaceProxy, PolicyKwargs> {
  constructor(readonly meta_namespace_factory: proxy.MetadefNamespaceFactoryLike, readonly context: PolicyContext, readonly policy: PolicyEnforcer) {
    super(meta_namespace_factory, (ns, k) => new MetadefNamespaceProxy(ns, k.context, k.policy), { context, policy });
  }
}

/** @see glance/api/policy.py MetadefObjectProxy */
export class MetadefObjectProxy extends proxy.MetadefObject {
  readonly meta_object: proxy.MetadefObjectLike;
  constructor(meta_object: proxy.MetadefObjectLike, readonly context: PolicyContext, readonly policy: PolicyEnforcer) {
    super(meta_object);
    this.meta_object = meta_object;
  }
}

/** @see glance/api/policy.py MetadefObjectRepoProxy */
export class MetadefObjectRepoProxy extends proxy.MetadefObjectRepo<proxy.MetadefObjectLike, MetadefObjectProxy, PolicyKwargs> {
  constructor(readonly object_repo: proxy.MetadefObjectRepoLike, readonly context: PolicyContext, readonly policy: PolicyEnforcer) {
    super(object_repo, (o, k) => new MetadefObjectProxy(o, k.context, k.policy), { context, policy });
  }
  override get(namespace: unknown, object_name: unknown): MetadefObjectProxy {
    this.policy.enforce(this.context, 'get_metadef_object', {});
    return super.get(namespace, object_name);
  }
  override list(kwargs?: proxy.MetadefListKwargs): MetadefObjectProxy[] {
    this.policy.enforce(this.context, 'get_metadef_objects', {});
    return super.list(kwargs);
  }
  override save(meta_object: MetadefObjectProxy): unknown {
    this.policy.enforce(this.context, 'modify_metadef_object', {});
    return super.save(meta_object);
  }
  override add(meta_object: MetadefObjectProxy): unknown {
    this.policy.enforce(this.context, 'add_metadef_object', {});
    return super.add(meta_object);
  }
}

/** @see glance/api/policy.py MetadefObjectFactoryProxy */
export class MetadefObjectFactoryProxy extends proxy.MetadefObjectFactory<proxy.MetadefObjectLike, MetadefObjectProxy, PolicyKwargs> {
  constructor(readonly meta_object_factory: proxy.MetadefObjectFactoryLike, readonly context: PolicyContext, readonly policy: PolicyEnforcer) {
    super(meta_object_factory, (o, k) => new MetadefObjectProxy(o, k.context, k.policy), { context, policy });
  }
}

/** @see glance/api/policy.py MetadefResourceTypeProxy */
export class MetadefResourceTypeProxy extends proxy.MetadefResourceType {
  readonly meta_resource_type: proxy.MetadefResourceTypeLike;
  constructor(meta_resource_type: proxy.MetadefResourceTypeLike, readonly context: PolicyContext, readonly policy: PolicyEnforcer) {
    super(meta_resource_type);
    this.meta_resource_type = meta_resource_type;
  }
}

/**
 * NOTE(quirk): `remove` (deleting an association) is checked by no rule.
 *
 * @see glance/api/policy.py MetadefResourceTypeRepoProxy
 */
export class MetadefResourceTypeRepoProxy extends proxy.MetadefResourceTypeRepo<proxy.MetadefResourceTypeLike, MetadefResourceTypeProxy, PolicyKwargs> {
  constructor(readonly resource_type_repo: proxy.MetadefResourceTypeRepoLike, readonly context: PolicyContext, readonly policy: PolicyEnforcer) {
    super(resource_type_repo, (r, k) => new MetadefResourceTypeProxy(r, k.context, k.policy), { context, policy });
  }
  override list(kwargs?: proxy.MetadefListKwargs): MetadefResourceTypeProxy[] {
    this.policy.enforce(this.context, 'list_metadef_resource_types', {});
    return super.list(kwargs);
  }
  override get(resource_type: unknown, namespace: unknown): MetadefResourceTypeProxy {
    this.policy.enforce(this.context, 'get_metadef_resource_type', {});
    return super.get(resource_type, namespace);
  }
  override add(resource_type: MetadefResourceTypeProxy): unknown {
    this.policy.enforce(this.context, 'add_metadef_resource_type_association', {});
    return super.add(resource_type);
  }
}

/** @see glance/api/policy.py MetadefResourceTypeFactoryProxy */
export class MetadefResourceTypeFactoryProxy extends proxy.MetadefResourceTypeFactory<proxy.MetadefResourceTypeLike, MetadefResourceTypeProxy, PolicyKwargs> {
  constructor(readonly resource_type_factory: proxy.MetadefResourceTypeFactoryLike, readonly context: PolicyContext, readonly policy: PolicyEnforcer) {
    super(resource_type_factory, (r, k) => new MetadefResourceTypeProxy(r, k.context, k.policy), { context, policy });
  }
}

/** @see glance/api/policy.py MetadefPropertyProxy */
export class MetadefPropertyProxy extends proxy.MetadefProperty {
  readonly namespace_property: proxy.MetadefPropertyLike;
  constructor(namespace_property: proxy.MetadefPropertyLike, readonly context: PolicyContext, readonly policy: PolicyEnforcer) {
    super(namespace_property);
    this.namespace_property = namespace_property;
  }
}

/** @see glance/api/policy.py MetadefPropertyRepoProxy */
export class MetadefPropertyRepoProxy extends proxy.MetadefPropertyRepo<proxy.MetadefPropertyLike, MetadefPropertyProxy, PolicyKwargs> {
  constructor(readonly property_repo: proxy.MetadefPropertyRepoLike, readonly context: PolicyContext, readonly policy: PolicyEnforcer) {
    super(property_repo, (p, k) => new MetadefPropertyProxy(p, k.context, k.policy), { context, policy });
  }
  override get(namespace: unknown, property_name: unknown): MetadefPropertyProxy {
    this.policy.enforce(this.context, 'get_metadef_property', {});
    return super.get(namespace, property_name);
  }
  override list(kwargs?: proxy.MetadefListKwargs): MetadefPropertyProxy[] {
    this.policy.enforce(this.context, 'get_metadef_properties', {});
    return super.list(kwargs);
  }
  override save(namespace_property: MetadefPropertyProxy): unknown {
    this.policy.enforce(this.context, 'modify_metadef_property', {});
    return super.save(namespace_property);
  }
  override add(namespace_property: MetadefPropertyProxy): unknown {
    this.policy.enforce(this.context, 'add_metadef_property', {});
    return super.add(namespace_property);
  }
}

/** @see glance/api/policy.py MetadefPropertyFactoryProxy */
export class MetadefPropertyFactoryProxy extends proxy.MetadefPropertyFactory<proxy.MetadefPropertyLike, MetadefPropertyProxy, PolicyKwargs> {
  constructor(readonly namespace_property_factory: proxy.MetadefPropertyFactoryLike, readonly context: PolicyContext, readonly policy: PolicyEnforcer) {
    super(namespace_property_factory, (p, k) => new MetadefPropertyProxy(p, k.context, k.policy), { context, policy });
  }
}

/** @see glance/api/policy.py MetadefTagProxy */
export class MetadefTagProxy extends proxy.MetadefTag {
  constructor(meta_tag: proxy.MetadefTagLike, readonly context: PolicyContext, readonly policy: PolicyEnforcer) {
    super(meta_tag);
  }
}

/** @see glance/api/policy.py MetadefTagRepoProxy */
export class MetadefTagRepoProxy extends proxy.MetadefTagRepo<proxy.MetadefTagLike, MetadefTagProxy, PolicyKwargs> {
  constructor(readonly tag_repo: proxy.MetadefTagRepoLike, readonly context: PolicyContext, readonly policy: PolicyEnforcer) {
    super(tag_repo, (t, k) => new MetadefTagProxy(t, k.context, k.policy), { context, policy });
  }
  override get(namespace: unknown, tag_name: unknown): MetadefTagProxy {
    this.policy.enforce(this.context, 'get_metadef_tag', {});
    return super.get(namespace, tag_name);
  }
  override list(kwargs?: proxy.MetadefListKwargs): MetadefTagProxy[] {
    this.policy.enforce(this.context, 'get_metadef_tags', {});
    return super.list(kwargs);
  }
  override save(meta_tag: MetadefTagProxy): unknown {
    this.policy.enforce(this.context, 'modify_metadef_tag', {});
    return super.save(meta_tag);
  }
  override add(meta_tag: MetadefTagProxy): unknown {
    this.policy.enforce(this.context, 'add_metadef_tag', {});
    return super.add(meta_tag);
  }
  override add_tags(meta_tags: MetadefTagProxy[]): unknown {
    this.policy.enforce(this.context, 'add_metadef_tags', {});
    return super.add_tags(meta_tags);
  }
}

/** @see glance/api/policy.py MetadefTagFactoryProxy */
export class MetadefTagFactoryProxy extends proxy.MetadefTagFactory<proxy.MetadefTagLike, MetadefTagProxy, PolicyKwargs> {
  constructor(readonly meta_tag_factory: proxy.MetadefTagFactoryLike, readonly context: PolicyContext, readonly policy: PolicyEnforcer) {
    super(meta_tag_factory, (t, k) => new MetadefTagProxy(t, k.context, k.policy), { context, policy });
  }
}
