/**
 * The composition root of the legacy port: Glance's Gateway stacks the
 * domain proxies (authorization, property protections, notifier, policy,
 * quota, location, db) around the domain objects, in exactly Glance's order.
 * Metadef factories/repos are out of scope (the scenario format has no
 * metadef ops); the task executor factory is built inert, since the format
 * stores tasks without running them.
 */
import type { Settings } from '../shared/settings.js';
import type { GlanceStore } from '../shared/store/api.js';
import type { Clock, IdGenerator } from '../shared/world.js';
import type { PyMappingLike, PySequenceLike, PySetLike } from '../lib/pycollections.js';

// ------------------------------------------------------------ shapes the controllers use

/**
 * What the controllers and the gateway read of glance.context.RequestContext.
 * SEAM(context): a local shape until src/legacy/context.ts lands.
 */
export interface RequestContext {
  readonly owner: string | null;
  readonly is_admin: boolean;
  readonly read_only: boolean;
  readonly user: string | null;
  readonly tenant: string | null;
  readonly roles: string[];
}

export interface LocationLike {
  url: string;
  metadata: Record<string, unknown>;
  status: string;
  id?: number;
}

/** An image as any layer of the onion presents it (docs/PORTING.md). */
export interface ImageLike {
  image_id: string;
  name: unknown;
  status: string;
  created_at: Date | null;
  updated_at: Date | null;
  visibility: unknown;
  min_disk: unknown;
  min_ram: unknown;
  protected: unknown;
  get locations(): PySequenceLike<LocationLike>;
  set locations(v: unknown);
  checksum: string | null;
  owner: string | null;
  disk_format: unknown;
  container_format: unknown;
  size: number | null;
  virtual_size: number | null;
  get extra_properties(): PyMappingLike<unknown>;
  set extra_properties(v: unknown);
  get tags(): PySetLike;
  set tags(v: unknown);
  delete(): void;
  deactivate(): void;
  reactivate(): void;
  set_data(data: Iterable<Buffer>, size?: number | null): void;
  get_data(offset?: number, chunk_size?: number | null): Iterable<Buffer>;
}

export interface MemberLike {
  image_id: string;
  member_id: string;
  status: string;
  created_at: Date | null;
  updated_at: Date | null;
  id?: number | null;
}

export interface TaskStubLike {
  task_id: string;
  type: string;
  status: string;
  owner: string | null;
  expires_at: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
}

export interface TaskLike extends TaskStubLike {
  task_input?: unknown;
  result: unknown;
  message: unknown;
}

export interface ImageListArgs {
  marker: string | null;
  limit: number;
  sort_key: string[];
  sort_dir: string[];
  filters: Record<string, unknown>;
  member_status: string;
}

export interface TaskListArgs {
  marker: string | null;
  limit: number;
  sort_key: string;
  sort_dir: string;
  filters: Record<string, unknown>;
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
export interface PolicyEnforcerLike {
  enforce(context: RequestContext, action: string, target: unknown): unknown;
}


/** A layer the Gateway can be asked to leave out (for tests that isolate one layer's effect). */
export type OmittableLayer = 'authorization' | 'property_protections' | 'notifier' | 'policy' | 'quota' | 'location';

/** Glance's `Gateway(db_api, store_api, notifier, policy_enforcer)`, plus what Glance read from CONF and globals. */
export interface GatewayDeps {
  readonly db_api: unknown;
  readonly store_api: GlanceStore;
  readonly notifier: unknown;
  readonly policy_enforcer: PolicyEnforcerLike;
  readonly settings: Settings;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly omit?: OmittableLayer;
}

/**
 * The proxy onion.
 * @see glance/gateway.py Gateway
 */
export class Gateway {
  readonly db_api: unknown;
  readonly store_api: GlanceStore;
  readonly notifier: unknown;
  readonly policy: PolicyEnforcerLike;
  readonly settings: Settings;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly omit: OmittableLayer | undefined;

  constructor(deps: GatewayDeps) {
    this.db_api = deps.db_api;
    this.store_api = deps.store_api;
    this.notifier = deps.notifier;
    this.policy = deps.policy_enforcer;
    this.settings = deps.settings;
    this.clock = deps.clock;
    this.ids = deps.ids;
    this.omit = deps.omit;
  }

  get_image_factory(_context: RequestContext): ImageFactoryLike {
    throw new Error('SEAM: layers not wired yet');
  }

  get_image_member_factory(_context: RequestContext): MemberFactoryLike {
    throw new Error('SEAM: layers not wired yet');
  }

  get_repo(_context: RequestContext): ImageRepoLike {
    throw new Error('SEAM: layers not wired yet');
  }

  get_member_repo(_image: ImageLike, _context: RequestContext): MemberRepoLike {
    throw new Error('SEAM: layers not wired yet');
  }

  get_task_factory(_context: RequestContext): TaskFactoryLike {
    throw new Error('SEAM: layers not wired yet');
  }

  get_task_repo(_context: RequestContext): TaskRepoLike {
    throw new Error('SEAM: layers not wired yet');
  }

  get_task_stub_repo(_context: RequestContext): TaskStubRepoLike {
    throw new Error('SEAM: layers not wired yet');
  }

  get_task_executor_factory(_context: RequestContext): TaskExecutorFactoryLike {
    throw new Error('SEAM: layers not wired yet');
  }
}
