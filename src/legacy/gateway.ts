/**
 * The composition root of the legacy port: Glance's Gateway stacks the
 * domain proxies (authorization, property protections, notifier, policy,
 * quota, location, db) around the domain objects, in exactly Glance's order.
 * The metadata definitions catalog's factories and repos (the get_metadef_*
 * getters, last in the class) stack authorization, notifier and policy over
 * the domain factories and db repos; the task executor factory is built
 * inert, since the format stores tasks without running them.
 */
import type { Settings } from '../shared/settings.js';
import type { GlanceStore } from '../shared/store/api.js';
import type { Clock, IdGenerator } from '../shared/world.js';
import * as authorization from './authorization.js';
import * as db from './db.js';
import * as domain from './domain.js';
import * as location from './location.js';
import * as property_protections from './property-protections.js';
import * as property_utils from './property-utils.js';
import * as notifier from './notifier.js';
import * as policy from './policy.js';
import * as quota from './quota.js';
import type { PolicyContext } from './policy.js';
import type { NotifierContext, NotifierLike } from './notifier.js';
import type { QuotaContext } from './api-common.js';
import type { DbApi, DbContext } from './db/sqlalchemy-api.js';
import type { ListFilters } from './list-filters.js';
import type {
  ImageLike,
  MemberLike,
  MetadefNamespaceFactoryLike,
  MetadefNamespaceRepoLike,
  MetadefObjectFactoryLike,
  MetadefObjectRepoLike,
  MetadefPropertyFactoryLike,
  MetadefPropertyRepoLike,
  MetadefResourceTypeFactoryLike,
  MetadefResourceTypeRepoLike,
  MetadefTagFactoryLike,
  MetadefTagRepoLike,
  TaskLike,
  TaskStubLike,
} from './proxy.js';
import { StoreUtils, type StoreUtilsDbApi, type StoreUtilsLike } from './store-utils.js';
import { RequestContext as GlanceRequestContext } from './context.js';

// ------------------------------------------------------------ shapes the controllers use

/**
 * What the controllers and the layers read of glance.context.RequestContext
 * (src/legacy/context.ts's RequestContext satisfies it): the union of every
 * layer's context shape, so one context object feeds the whole onion.
 */
export interface RequestContext extends PolicyContext, NotifierContext, QuotaContext, DbContext {
  readonly owner: string | null;
  readonly is_admin: boolean;
  readonly read_only: boolean;
  readonly user: string | null;
  readonly tenant: string | null;
  readonly roles: string[];
}

/** The entity shapes every layer presents (docs/PORTING.md). */
export type { ImageLike, MemberLike, TaskLike, TaskStubLike, Location as LocationLike } from './proxy.js';

export interface ImageListArgs {
  marker: string | null;
  limit: number;
  sort_key: string[];
  sort_dir: string[];
  filters: ListFilters;
  member_status: string;
}

export interface TaskListArgs {
  marker: string | null;
  limit: number;
  sort_key: string;
  sort_dir: string;
  filters: ListFilters;
}

export interface ImageRepoLike {
  get(image_id: string): ImageLike;
  list(args: ImageListArgs): ImageLike[];
  add(image: ImageLike): void;
  save(image: ImageLike, from_state?: string | null): void;
  remove(image: ImageLike): void;
}

export interface ImageFactoryLike {
  new_image(kwargs: Record<string, unknown>): ImageLike;
}

export interface MemberRepoLike {
  get(member_id: string): MemberLike;
  list(): Iterable<MemberLike>;
  add(member: MemberLike): void;
  save(member: MemberLike, from_state?: string | null): void;
  remove(member: MemberLike): void;
}

export interface MemberFactoryLike {
  new_image_member(image: ImageLike, member_id: string): MemberLike;
}

export interface TaskFactoryLike {
  new_task(kwargs: { task_type: unknown; owner: string | null; task_input?: unknown }): TaskLike;
}

export interface TaskRepoLike {
  get(task_id: string): TaskLike;
  add(task: TaskLike): void;
  save(task: TaskLike): void;
  remove(task: TaskLike): void;
}

export interface TaskStubRepoLike {
  list(args: TaskListArgs): TaskStubLike[];
}

export interface TaskExecutorFactoryLike {
  new_task_executor(context: RequestContext): unknown;
}

/** oslo.policy's Enforcer as Glance calls it (the FakePolicyEnforcer of the tests fits too). */
export type PolicyEnforcerLike = policy.PolicyEnforcer;

/** A layer the Gateway can be asked to leave out (for tests that isolate one layer's effect). */
export type OmittableLayer = 'authorization' | 'property_protections' | 'notifier' | 'policy' | 'quota' | 'location';

/** Glance's `Gateway(db_api, store_api, notifier, policy_enforcer)`, plus what Glance read from CONF and globals. */
export interface GatewayDeps {
  readonly db_api: DbApi;
  readonly store_api: GlanceStore;
  readonly notifier: NotifierLike;
  readonly policy_enforcer: PolicyEnforcerLike;
  readonly settings: Settings;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly omit?: OmittableLayer;
}

/** `glance.context.get_admin_context(show_deleted=True)`, the scrub queue's context. */
function adminContext(): GlanceRequestContext {
  return new GlanceRequestContext({ is_admin: true, show_deleted: true });
}

/** The two location-row calls of the db api, as store_utils (typed loosely) makes them. */
function storeUtilsDbApi(api: DbApi): StoreUtilsDbApi {
  return {
    imageLocationDelete: (context, imageId, locationId, status) =>
      api.imageLocationDelete(context as DbContext, imageId, locationId as number, status),
    imageLocationAdd: (context, imageId, location) =>
      api.imageLocationAdd(context as DbContext, imageId, location as unknown as Readonly<Record<string, unknown>>),
  };
}

/**
 * The proxy onion, outermost first: authorization, [property protections],
 * notifier, policy, quota, location, then the db repo or domain factory
 * (shared/legacy-map.md section 1). Each getter builds a fresh stack, as
 * Glance's does per request.
 * @see glance/gateway.py Gateway
 */
export class Gateway {
  readonly db_api: DbApi;
  readonly store_api: GlanceStore;
  readonly store_utils: StoreUtilsLike;
  readonly notifier: NotifierLike;
  readonly policy: PolicyEnforcerLike;
  readonly settings: Settings;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly omit: OmittableLayer | undefined;

  constructor(deps: GatewayDeps) {
    this.db_api = deps.db_api;
    this.store_api = deps.store_api;
    this.store_utils = new StoreUtils({ store: deps.store_api, db_api: storeUtilsDbApi(deps.db_api), settings: deps.settings, adminContext });
    this.notifier = deps.notifier;
    this.policy = deps.policy_enforcer;
    this.settings = deps.settings;
    this.clock = deps.clock;
    this.ids = deps.ids;
    this.omit = deps.omit;
  }

  /** Wraps `inner` with one layer, unless that layer was asked to be left out. */
  private layer<I, O>(name: OmittableLayer, inner: I, wrap: (inner: I) => O): I | O {
    return this.omit === name ? inner : wrap(inner);
  }

  private get notifierEnv(): notifier.NotifierEnv {
    return { settings: this.settings, clock: this.clock };
  }

  private quotaDeps(): quota.QuotaDeps {
    return { db_api: this.db_api, store_utils: this.store_utils, store: this.store_api, settings: this.settings };
  }

  private locationKwargs(context: RequestContext): location.LocationProxyKwargs {
    return { context, store_api: this.store_api, store_utils: this.store_utils, settings: this.settings };
  }

  /** Property protections wrap only when a rules file is configured. */
  private protectionsEnabled(): boolean {
    return property_utils.is_property_protection_enabled(this.settings) && this.omit !== 'property_protections';
  }

  /** A new PropertyRules per getter call, re-reading the rules, as Glance's gateway does. */
  private propertyRules(): property_utils.PropertyRules {
    // Glance hands its enforcer over as is; one without add_rules fails only with the policies format.
    // Python 3's ConfigParser reads a section header up to its last ']' (the
    // reference runner's behaviour, which the recorded traces pin); Glance's
    // own unit tests assumed Python 2.7's, which stops at the first.
    return new property_utils.PropertyRules(this.settings, this.policy as unknown as property_utils.PropertyRulesEnforcer, property_utils.REFERENCE_RUNNER_PARSER);
  }

  /** @see glance/gateway.py Gateway.get_image_factory */
  get_image_factory(context: RequestContext): ImageFactoryLike {
    const image_factory = new domain.ImageFactory(this.clock, this.ids, this.settings);
    const store_image_factory = this.layer('location', image_factory, (f) => new location.ImageFactoryProxy(f, this.locationKwargs(context)));
    const quota_image_factory = this.layer('quota', store_image_factory, (f) => new quota.ImageFactoryProxy(f, context, this.quotaDeps()));
    const policy_image_factory = this.layer('policy', quota_image_factory, (f) => new policy.ImageFactoryProxy(f, context, this.policy));
    const notifier_image_factory = this.layer('notifier', policy_image_factory, (f) => new notifier.ImageFactoryProxy(f, context, this.notifier, this.notifierEnv));
    const protected_factory = this.protectionsEnabled()
      ? new property_protections.ProtectedImageFactoryProxy(notifier_image_factory, context, this.propertyRules())
      : notifier_image_factory;
    return this.layer('authorization', protected_factory, (f) => new authorization.ImageFactoryProxy(f, context)) as unknown as ImageFactoryLike;
  }

  /** @see glance/gateway.py Gateway.get_image_member_factory */
  get_image_member_factory(context: RequestContext): MemberFactoryLike {
    const member_factory = new domain.ImageMemberFactory(this.clock);
    const quota_member_factory = this.layer('quota', member_factory, (f) => new quota.ImageMemberFactoryProxy(f, context, this.quotaDeps()));
    const policy_member_factory = this.layer('policy', quota_member_factory, (f) => new policy.ImageMemberFactoryProxy(f, context, this.policy));
    return this.layer('authorization', policy_member_factory, (f) => new authorization.ImageMemberFactoryProxy(f, context)) as unknown as MemberFactoryLike;
  }

  /** @see glance/gateway.py Gateway.get_repo */
  get_repo(context: RequestContext): ImageRepoLike {
    const image_repo = new db.ImageRepo(context, this.db_api);
    const store_image_repo = this.layer('location', image_repo, (r) => new location.ImageRepoProxy(r, {
      ...this.locationKwargs(context),
      db_member_repo: (ctx, image) => new db.ImageMemberRepo(ctx as RequestContext, this.db_api, image),
    }));
    const quota_image_repo = this.layer('quota', store_image_repo, (r) => new quota.ImageRepoProxy(r, context, this.quotaDeps()));
    const policy_image_repo = this.layer('policy', quota_image_repo, (r) => new policy.ImageRepoProxy(r, context, this.policy));
    const notifier_image_repo = this.layer('notifier', policy_image_repo, (r) => new notifier.ImageRepoProxy(r, context, this.notifier, this.notifierEnv));
    const protected_repo = this.protectionsEnabled()
      ? new property_protections.ProtectedImageRepoProxy(notifier_image_repo, context, this.propertyRules())
      : notifier_image_repo;
    return this.layer('authorization', protected_repo, (r) => new authorization.ImageRepoProxy(r, context)) as unknown as ImageRepoLike;
  }

  /** @see glance/gateway.py Gateway.get_member_repo */
  get_member_repo(image: ImageLike, context: RequestContext): MemberRepoLike {
    const image_member_repo = new db.ImageMemberRepo(context, this.db_api, image);
    const store_member_repo = this.layer('location', image_member_repo, (r) => new location.ImageMemberRepoProxy(r, image, context, this.store_api));
    const policy_member_repo = this.layer('policy', store_member_repo, (r) => new policy.ImageMemberRepoProxy(r, image, context, this.policy));
    const notifier_member_repo = this.layer('notifier', policy_member_repo, (r) => new notifier.ImageMemberRepoProxy(r, image, context, this.notifier, this.notifierEnv));
    return this.layer('authorization', notifier_member_repo, (r) => new authorization.ImageMemberRepoProxy(r, image, context)) as unknown as MemberRepoLike;
  }

  /** @see glance/gateway.py Gateway.get_task_factory */
  get_task_factory(context: RequestContext): TaskFactoryLike {
    const task_factory = new domain.TaskFactory(this.clock, this.ids, this.settings);
    const policy_task_factory = this.layer('policy', task_factory, (f) => new policy.TaskFactoryProxy(f, context, this.policy));
    const notifier_task_factory = this.layer('notifier', policy_task_factory, (f) => new notifier.TaskFactoryProxy(f, context, this.notifier, this.notifierEnv));
    return this.layer('authorization', notifier_task_factory, (f) => new authorization.TaskFactoryProxy(f, context)) as unknown as TaskFactoryLike;
  }

  /** @see glance/gateway.py Gateway.get_task_repo */
  get_task_repo(context: RequestContext): TaskRepoLike {
    const task_repo = new db.TaskRepo(context, this.db_api);
    const policy_task_repo = this.layer('policy', task_repo, (r) => new policy.TaskRepoProxy(r, context, this.policy));
    const notifier_task_repo = this.layer('notifier', policy_task_repo, (r) => new notifier.TaskRepoProxy(r, context, this.notifier, this.notifierEnv));
    return this.layer('authorization', notifier_task_repo, (r) => new authorization.TaskRepoProxy(r, context)) as unknown as TaskRepoLike;
  }

  /** @see glance/gateway.py Gateway.get_task_stub_repo */
  get_task_stub_repo(context: RequestContext): TaskStubRepoLike {
    const task_stub_repo = new db.TaskRepo(context, this.db_api);
    const policy_stub_repo = this.layer('policy', task_stub_repo, (r) => new policy.TaskStubRepoProxy(r, context, this.policy));
    const notifier_stub_repo = this.layer('notifier', policy_stub_repo, (r) => new notifier.TaskStubRepoProxy(r, context, this.notifier, this.notifierEnv));
    return this.layer('authorization', notifier_stub_repo, (r) => new authorization.TaskStubRepoProxy(r, context)) as unknown as TaskStubRepoLike;
  }

  /**
   * Builds the task, image repo and image factory stacks, as Glance does,
   * for an executor that never runs (see domain.InertTaskExecutor).
   * @see glance/gateway.py Gateway.get_task_executor_factory
   */
  get_task_executor_factory(context: RequestContext): TaskExecutorFactoryLike {
    const task_repo = this.get_task_repo(context);
    const image_repo = this.get_repo(context);
    const image_factory = this.get_image_factory(context);
    return new domain.TaskExecutorFactory(task_repo, image_repo, image_factory) as TaskExecutorFactoryLike;
  }

  // ============================================================== metadefs
  // Each stack: authorization (outermost), notifier, policy, then the domain
  // factory or db repo; no property protections, quota or location layer.

  /** @see glance/gateway.py Gateway.get_metadef_namespace_factory */
  get_metadef_namespace_factory(context: RequestContext): MetadefNamespaceFactoryLike {
    const ns_factory = new domain.MetadefNamespaceFactory(this.clock, this.ids);
    const policy_ns_factory = this.layer('policy', ns_factory, (f) => new policy.MetadefNamespaceFactoryProxy(f, context, this.policy));
    const notifier_ns_factory = this.layer('notifier', policy_ns_factory, (f) => new notifier.MetadefNamespaceFactoryProxy(f, context, this.notifier, this.notifierEnv));
    return this.layer('authorization', notifier_ns_factory, (f) => new authorization.MetadefNamespaceFactoryProxy(f, context));
  }

  /** @see glance/gateway.py Gateway.get_metadef_namespace_repo */
  get_metadef_namespace_repo(context: RequestContext): MetadefNamespaceRepoLike {
    const ns_repo = new db.MetadefNamespaceRepo(context, this.db_api);
    const policy_ns_repo = this.layer('policy', ns_repo, (r) => new policy.MetadefNamespaceRepoProxy(r, context, this.policy));
    const notifier_ns_repo = this.layer('notifier', policy_ns_repo, (r) => new notifier.MetadefNamespaceRepoProxy(r, context, this.notifier, this.notifierEnv));
    return this.layer('authorization', notifier_ns_repo, (r) => new authorization.MetadefNamespaceRepoProxy(r, context)) as MetadefNamespaceRepoLike;
  }

  /** @see glance/gateway.py Gateway.get_metadef_object_factory */
  get_metadef_object_factory(context: RequestContext): MetadefObjectFactoryLike {
    const object_factory = new domain.MetadefObjectFactory(this.clock, this.ids);
    const policy_object_factory = this.layer('policy', object_factory, (f) => new policy.MetadefObjectFactoryProxy(f, context, this.policy));
    const notifier_object_factory = this.layer('notifier', policy_object_factory, (f) => new notifier.MetadefObjectFactoryProxy(f, context, this.notifier, this.notifierEnv));
    return this.layer('authorization', notifier_object_factory, (f) => new authorization.MetadefObjectFactoryProxy(f, context));
  }

  /** @see glance/gateway.py Gateway.get_metadef_object_repo */
  get_metadef_object_repo(context: RequestContext): MetadefObjectRepoLike {
    const object_repo = new db.MetadefObjectRepo(context, this.db_api);
    const policy_object_repo = this.layer('policy', object_repo, (r) => new policy.MetadefObjectRepoProxy(r, context, this.policy));
    const notifier_object_repo = this.layer('notifier', policy_object_repo, (r) => new notifier.MetadefObjectRepoProxy(r, context, this.notifier, this.notifierEnv));
    return this.layer('authorization', notifier_object_repo, (r) => new authorization.MetadefObjectRepoProxy(r, context)) as MetadefObjectRepoLike;
  }

  /** @see glance/gateway.py Gateway.get_metadef_resource_type_factory */
  get_metadef_resource_type_factory(context: RequestContext): MetadefResourceTypeFactoryLike {
    const resource_type_factory = new domain.MetadefResourceTypeFactory(this.clock);
    const policy_resource_type_factory = this.layer('policy', resource_type_factory, (f) => new policy.MetadefResourceTypeFactoryProxy(f, context, this.policy));
    const notifier_resource_type_factory = this.layer('notifier', policy_resource_type_factory, (f) => new notifier.MetadefResourceTypeFactoryProxy(f, context, this.notifier, this.notifierEnv));
    return this.layer('authorization', notifier_resource_type_factory, (f) => new authorization.MetadefResourceTypeFactoryProxy(f, context));
  }

  /** @see glance/gateway.py Gateway.get_metadef_resource_type_repo */
  get_metadef_resource_type_repo(context: RequestContext): MetadefResourceTypeRepoLike {
    const resource_type_repo = new db.MetadefResourceTypeRepo(context, this.db_api);
    const policy_object_repo = this.layer('policy', resource_type_repo, (r) => new policy.MetadefResourceTypeRepoProxy(r, context, this.policy));
    const notifier_object_repo = this.layer('notifier', policy_object_repo, (r) => new notifier.MetadefResourceTypeRepoProxy(r, context, this.notifier, this.notifierEnv));
    return this.layer('authorization', notifier_object_repo, (r) => new authorization.MetadefResourceTypeRepoProxy(r, context)) as MetadefResourceTypeRepoLike;
  }

  /** @see glance/gateway.py Gateway.get_metadef_property_factory */
  get_metadef_property_factory(context: RequestContext): MetadefPropertyFactoryLike {
    const prop_factory = new domain.MetadefPropertyFactory(this.ids);
    const policy_prop_factory = this.layer('policy', prop_factory, (f) => new policy.MetadefPropertyFactoryProxy(f, context, this.policy));
    const notifier_prop_factory = this.layer('notifier', policy_prop_factory, (f) => new notifier.MetadefPropertyFactoryProxy(f, context, this.notifier, this.notifierEnv));
    return this.layer('authorization', notifier_prop_factory, (f) => new authorization.MetadefPropertyFactoryProxy(f, context));
  }

  /** @see glance/gateway.py Gateway.get_metadef_property_repo */
  get_metadef_property_repo(context: RequestContext): MetadefPropertyRepoLike {
    const prop_repo = new db.MetadefPropertyRepo(context, this.db_api);
    const policy_prop_repo = this.layer('policy', prop_repo, (r) => new policy.MetadefPropertyRepoProxy(r, context, this.policy));
    const notifier_prop_repo = this.layer('notifier', policy_prop_repo, (r) => new notifier.MetadefPropertyRepoProxy(r, context, this.notifier, this.notifierEnv));
    return this.layer('authorization', notifier_prop_repo, (r) => new authorization.MetadefPropertyRepoProxy(r, context)) as MetadefPropertyRepoLike;
  }

  /** @see glance/gateway.py Gateway.get_metadef_tag_factory */
  get_metadef_tag_factory(context: RequestContext): MetadefTagFactoryLike {
    const tag_factory = new domain.MetadefTagFactory(this.clock, this.ids);
    const policy_tag_factory = this.layer('policy', tag_factory, (f) => new policy.MetadefTagFactoryProxy(f, context, this.policy));
    const notifier_tag_factory = this.layer('notifier', policy_tag_factory, (f) => new notifier.MetadefTagFactoryProxy(f, context, this.notifier, this.notifierEnv));
    return this.layer('authorization', notifier_tag_factory, (f) => new authorization.MetadefTagFactoryProxy(f, context));
  }

  /** @see glance/gateway.py Gateway.get_metadef_tag_repo */
  get_metadef_tag_repo(context: RequestContext): MetadefTagRepoLike {
    const tag_repo = new db.MetadefTagRepo(context, this.db_api);
    const policy_tag_repo = this.layer('policy', tag_repo, (r) => new policy.MetadefTagRepoProxy(r, context, this.policy));
    const notifier_tag_repo = this.layer('notifier', policy_tag_repo, (r) => new notifier.MetadefTagRepoProxy(r, context, this.notifier, this.notifierEnv));
    return this.layer('authorization', notifier_tag_repo, (r) => new authorization.MetadefTagRepoProxy(r, context)) as MetadefTagRepoLike;
  }
  // ========================================================== end metadefs
}
