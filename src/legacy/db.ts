/**
 * Port of glance/db/__init__.py (Glance 16.0.0): the repositories at the
 * bottom of the onion, turning db api dicts into domain objects and back.
 *
 * @see glance/db/__init__.py
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyError, TypeError_, ValueError, pyCompare, pyStr, pyTruthy, pyTypeName } from '../lib/python.js';
import { fromjson, tojson } from '../lib/wsme.js';
import type { PySequenceLike } from '../lib/pycollections.js';
import type { Settings } from '../shared/settings.js';
import * as domain from './domain.js';
import { Duplicate, Forbidden, ImageNotFound, ImageSizeLimitExceeded, NotFound } from './exception.js';
import * as proxy from './proxy.js';
import type { ImageLike, ListKwargs, Location, MemberLike, TaskLike } from './proxy.js';
import type {
  AssociationModel,
  DbApi,
  DbContext,
  ImageRecord,
  MemberRecord,
  NamespaceRecord,
  ObjectRecord,
  PropertyRecord,
  TagRecord,
  TaskRecord,
} from './db/sqlalchemy-api.js';
import { filterGet, type Filters } from './db/metadef-api/utils.js';
import { PropertyType } from './api/v2/model/metadef-property-type.js';

// ------------------------------------------------------------------- crypt

const AES_KEY_BITS: Readonly<Record<number, string>> = { 16: 'aes-128-cbc', 24: 'aes-192-cbc', 32: 'aes-256-cbc' };

function aesCipherName(key: Buffer): string {
  const name = AES_KEY_BITS[key.length];
  if (name === undefined) throw new ValueError(`Invalid key size (${key.length * 8}) for AES.`);
  return name;
}

function urlsafeB64(buf: Buffer): string {
  return buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * glance/common/crypt.py urlsafe_encrypt: AES-CBC with a random IV; the
 * text is ended by a NUL then padded with random non-NUL bytes.
 */
export function urlsafeEncrypt(key: string, plaintext: string, blocksize = 16): string {
  const keyBytes = Buffer.from(key, 'utf8');
  const text = Buffer.from(plaintext, 'utf8');
  const padLength = blocksize - (text.length % blocksize);
  const pad = Buffer.from([...randomBytes(padLength - 1)].map((b) => (b === 0 ? 1 : b)));
  const iv = randomBytes(16);
  const cipher = createCipheriv(aesCipherName(keyBytes), keyBytes, iv).setAutoPadding(false);
  const body = Buffer.concat([cipher.update(Buffer.concat([text, Buffer.from([0]), pad])), cipher.final()]);
  return urlsafeB64(Buffer.concat([iv, body]));
}

/** glance/common/crypt.py urlsafe_decrypt */
export function urlsafeDecrypt(key: string, ciphertext: string): string {
  const keyBytes = Buffer.from(key, 'utf8');
  const raw = Buffer.from(ciphertext.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  const decipher = createDecipheriv(aesCipherName(keyBytes), keyBytes, raw.subarray(0, 16)).setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]);
  return padded.subarray(0, padded.lastIndexOf(0)).toString('utf8');
}

// -------------------------------------------------------- location strategy

/**
 * glance/common/location_strategy get_ordered_locations: location_order
 * keeps the list; store_type (with Glance's empty preference list) keeps
 * it too but drops entries without a URL.
 */
function getOrderedLocations(locations: Location[], strategy: Settings['location_strategy']): Location[] {
  if (locations.length === 0) return [];
  if (strategy === 'store_type') return locations.filter((l) => Boolean(l.url));
  return locations;
}

function listOf<T>(items: PySequenceLike<T> | Iterable<T>): T[] {
  const seq = items as Partial<PySequenceLike<T>>;
  return typeof seq.toArray === 'function' ? seq.toArray() : [...(items as Iterable<T>)];
}

// -------------------------------------------------------------- ImageRepo

/**
 * The image repository: `get` wraps the domain image in {@link ImageProxy},
 * `list` returns bare domain images, writes go through the db api.
 *
 * @see glance/db/__init__.py ImageRepo
 */
export class ImageRepo {
  constructor(
    readonly context: DbContext,
    readonly db_api: DbApi,
  ) {}

  private get settings(): Settings {
    return this.db_api.session.settings;
  }

  /** @see glance/db/__init__.py ImageRepo.get */
  get(image_id: string): ImageProxy {
    let db_api_image: ImageRecord;
    try {
      db_api_image = this.db_api.imageGet(this.context, image_id);
      if (db_api_image.deleted) throw new ImageNotFound();
    } catch (e) {
      if (e instanceof ImageNotFound || e instanceof Forbidden) throw new ImageNotFound(`No image found with ID ${image_id}`);
      throw e;
    }
    const tags = this.db_api.imageTagGetAll(this.context, image_id);
    const image = this._format_image_from_db(db_api_image, tags);
    return new ImageProxy(image, this.context, this.db_api);
  }

  /**
   * @see glance/db/__init__.py ImageRepo.list
   * NOTE(quirk): the images come back unwrapped (no db ImageProxy), unlike `get`.
   */
  list(kwargs: ListKwargs = {}): domain.Image[] {
    const sortKey = asList(kwargs.sort_key);
    const sortDir = asList(kwargs.sort_dir);
    const db_api_images = this.db_api.imageGetAll(this.context, {
      filters: kwargs.filters ?? null,
      marker: kwargs.marker ?? null,
      limit: kwargs.limit ?? null,
      sortKey: sortKey.length > 0 ? sortKey : ['created_at'],
      sortDir: sortDir.length > 0 ? sortDir : ['desc'],
      memberStatus: kwargs.member_status === undefined ? 'accepted' : kwargs.member_status,
      returnTag: true,
    });
    return db_api_images.map((db_image) => this._format_image_from_db(db_image, db_image.tags ?? []));
  }

  /** @see glance/db/__init__.py ImageRepo._format_image_from_db */
  _format_image_from_db(db_image: ImageRecord, db_tags: readonly string[]): domain.Image {
    const properties = new Map<string, unknown>();
    for (const prop of db_image.properties) {
      if (!prop.deleted) properties.set(prop.name, prop.value);
    }
    let locations = db_image.locations.filter((loc) => loc.status === 'active') as Location[];
    const key = this.settings.metadata_encryption_key;
    if (key) locations = locations.map((l) => ({ ...l, url: urlsafeDecrypt(key, l.url) }));
    return new domain.Image(
      {
        image_id: db_image.id,
        name: db_image.name,
        status: db_image.status,
        created_at: db_image.created_at as Date,
        updated_at: db_image.updated_at as Date,
        visibility: db_image.visibility,
        min_disk: db_image.min_disk,
        min_ram: db_image.min_ram,
        protected: db_image.protected,
        locations: getOrderedLocations(locations, this.settings.location_strategy),
        checksum: db_image.checksum,
        owner: db_image.owner,
        disk_format: db_image.disk_format,
        container_format: db_image.container_format,
        size: db_image.size,
        virtual_size: db_image.virtual_size,
        extra_properties: properties,
        tags: [...db_tags],
      },
      this.settings,
    );
  }

  /** @see glance/db/__init__.py ImageRepo._format_image_to_db */
  _format_image_to_db(image: ImageLike): Map<string, unknown> {
    let locations: unknown = image.locations;
    const key = this.settings.metadata_encryption_key;
    if (key) {
      locations = listOf(image.locations).map((loc) => ({
        url: urlsafeEncrypt(key, loc.url),
        metadata: loc.metadata,
        status: loc.status,
        // New locations have no id yet.
        id: loc.id ?? null,
      }));
    }
    return new Map<string, unknown>([
      ['id', image.image_id],
      ['name', image.name],
      ['status', image.status],
      ['created_at', image.created_at],
      ['min_disk', image.min_disk],
      ['min_ram', image.min_ram],
      ['protected', image.protected],
      ['locations', locations],
      ['checksum', image.checksum],
      ['owner', image.owner],
      ['disk_format', image.disk_format],
      ['container_format', image.container_format],
      ['size', image.size],
      ['virtual_size', image.virtual_size],
      ['visibility', image.visibility],
      ['properties', image.extra_properties.toMap()],
    ]);
  }

  /** NOTE(quirk): glance/db/__init__.py reads CONF.image_size_cap here. */
  private checkSizeCap(values: Map<string, unknown>): void {
    const size = values.get('size');
    if (size !== null && size !== undefined && pyCompare('>', size, this.settings.image_size_cap)) {
      throw new ImageSizeLimitExceeded();
    }
  }

  /** @see glance/db/__init__.py ImageRepo.add */
  add(image: ImageLike): void {
    const image_values = this._format_image_to_db(image);
    this.checkSizeCap(image_values);
    image_values.set('updated_at', image.updated_at);
    const new_values = this.db_api.imageCreate(this.context, image_values);
    this.db_api.imageTagSetAll(this.context, image.image_id, image.tags);
    image.created_at = new_values.created_at as Date;
    image.updated_at = new_values.updated_at as Date;
  }

  /** @see glance/db/__init__.py ImageRepo.save */
  save(image: ImageLike, from_state: string | null = null): void {
    const image_values = this._format_image_to_db(image);
    this.checkSizeCap(image_values);
    let new_values: ImageRecord;
    try {
      new_values = this.db_api.imageUpdate(this.context, image.image_id, image_values, true, from_state);
    } catch (e) {
      if (e instanceof ImageNotFound || e instanceof Forbidden) throw new ImageNotFound(`No image found with ID ${image.image_id}`);
      throw e;
    }
    this.db_api.imageTagSetAll(this.context, image.image_id, image.tags);
    image.updated_at = new_values.updated_at as Date;
  }

  /** @see glance/db/__init__.py ImageRepo.remove */
  remove(image: ImageLike): void {
    try {
      this.db_api.imageUpdate(this.context, image.image_id, { status: image.status }, true);
    } catch (e) {
      if (e instanceof ImageNotFound || e instanceof Forbidden) throw new ImageNotFound(`No image found with ID ${image.image_id}`);
      throw e;
    }
    // NOTE(markwash) in Glance: tags are not updated here.
    const new_values = this.db_api.imageDestroy(this.context, image.image_id);
    image.updated_at = new_values.updated_at as Date;
  }
}

/** `sort_key` / `sort_dir` as a list; Glance's callers pass lists (kept as given, for in-place changes). */
function asList(value: string | readonly string[] | null | undefined): string[] {
  if (value === null || value === undefined || value === '') return [];
  return typeof value === 'string' ? [value] : (value as string[]);
}

/**
 * The db layer's image proxy: a pure pass-through that remembers the
 * context and db api it was read with.
 *
 * @see glance/db/__init__.py ImageProxy
 */
export class ImageProxy extends proxy.Image {
  readonly context: DbContext;
  readonly db_api: DbApi;
  readonly image: ImageLike;

  constructor(image: ImageLike, context: DbContext, db_api: DbApi) {
    super(image);
    this.context = context;
    this.db_api = db_api;
    this.image = image;
  }
}

// --------------------------------------------------------- ImageMemberRepo

/**
 * The members of one image. `add` refuses a live member and revives a
 * soft-deleted row for the same member instead of inserting a new one.
 *
 * @see glance/db/__init__.py ImageMemberRepo
 */
export class ImageMemberRepo {
  constructor(
    readonly context: DbContext,
    readonly db_api: DbApi,
    readonly image: Pick<ImageLike, 'image_id'>,
  ) {}

  /** @see glance/db/__init__.py ImageMemberRepo._format_image_member_from_db */
  _format_image_member_from_db(db_image_member: MemberRecord): domain.ImageMembership {
    return new domain.ImageMembership({
      id: db_image_member.id,
      image_id: db_image_member.image_id,
      member_id: db_image_member.member,
      status: db_image_member.status,
      created_at: db_image_member.created_at as Date,
      updated_at: db_image_member.updated_at as Date,
    });
  }

  /** @see glance/db/__init__.py ImageMemberRepo._format_image_member_to_db */
  _format_image_member_to_db(image_member: MemberLike): Map<string, unknown> {
    return new Map<string, unknown>([
      ['image_id', this.image.image_id],
      ['member', image_member.member_id],
      ['status', image_member.status],
      ['created_at', image_member.created_at],
    ]);
  }

  list(): domain.ImageMembership[] {
    const db_members = this.db_api.imageMemberFind(this.context, { imageId: this.image.image_id });
    return db_members.map((m) => this._format_image_member_from_db(m));
  }

  /** @see glance/db/__init__.py ImageMemberRepo.add */
  add(image_member: MemberLike): void {
    this.refuseExisting(image_member);
    const values = this._format_image_member_to_db(image_member);
    const members = this.db_api.imageMemberFind(this.context, {
      imageId: this.image.image_id,
      member: image_member.member_id,
      includeDeleted: true,
    });
    const first = members[0];
    const new_values = first !== undefined
      ? this.db_api.imageMemberUpdate(this.context, first.id, values)
      : this.db_api.imageMemberCreate(this.context, values);
    image_member.created_at = new_values.created_at as Date;
    image_member.updated_at = new_values.updated_at as Date;
    image_member.id = new_values.id;
  }

  private refuseExisting(image_member: MemberLike): void {
    try {
      this.get(image_member.member_id);
    } catch (e) {
      if (e instanceof NotFound) return;
      throw e;
    }
    throw new Duplicate(
      `The target member ${image_member.member_id} is already associated with image ${this.image.image_id}.`,
    );
  }

  /**
   * @see glance/db/__init__.py ImageMemberRepo.remove
   * NOTE(quirk): an unknown member id escapes as NoResultFound (500) on the
   * sqlalchemy driver; only NotFound/Forbidden are turned into NotFound.
   */
  remove(image_member: MemberLike): void {
    try {
      this.db_api.imageMemberDelete(this.context, image_member.id as number);
    } catch (e) {
      if (e instanceof NotFound || e instanceof Forbidden) {
        throw new NotFound(`The specified member ${pyStr(image_member.id)} could not be found`);
      }
      throw e;
    }
  }

  /** @see glance/db/__init__.py ImageMemberRepo.save */
  save(image_member: MemberLike, from_state: string | null = null): void {
    void from_state;
    const values = this._format_image_member_to_db(image_member);
    let new_values: MemberRecord;
    try {
      new_values = this.db_api.imageMemberUpdate(this.context, image_member.id as number, values);
    } catch (e) {
      if (e instanceof NotFound || e instanceof Forbidden) throw new NotFound();
      throw e;
    }
    image_member.updated_at = new_values.updated_at as Date;
  }

  /** @see glance/db/__init__.py ImageMemberRepo.get */
  get(member_id: string): domain.ImageMembership {
    let found: MemberRecord[];
    try {
      found = this.db_api.imageMemberFind(this.context, { imageId: this.image.image_id, member: member_id });
      if (found.length === 0) throw new NotFound();
    } catch (e) {
      if (e instanceof NotFound || e instanceof Forbidden) throw new NotFound();
      throw e;
    }
    return this._format_image_member_from_db(found[0] as MemberRecord);
  }
}

// ---------------------------------------------------------------- TaskRepo

/**
 * Tasks: `get` gives full tasks, `list` task stubs; a missing or invisible
 * task is NotFound "Could not find task <id>".
 *
 * @see glance/db/__init__.py TaskRepo
 */
export class TaskRepo {
  constructor(
    readonly context: DbContext,
    readonly db_api: DbApi,
  ) {}

  /** @see glance/db/__init__.py TaskRepo._format_task_from_db */
  _format_task_from_db(db_task: TaskRecord): domain.Task {
    for (const key of ['input', 'result', 'message']) if (!(key in db_task)) throw new KeyError(key);
    const { settings, clock } = this.db_api.session;
    return new domain.Task(
      {
        task_id: db_task.id,
        task_type: db_task.type,
        status: db_task.status,
        owner: db_task.owner,
        expires_at: db_task.expires_at,
        created_at: db_task.created_at as Date,
        updated_at: db_task.updated_at as Date,
        task_input: db_task.input,
        result: db_task.result,
        message: db_task.message,
      },
      settings,
      clock,
    );
  }

  /** @see glance/db/__init__.py TaskRepo._format_task_stub_from_db */
  _format_task_stub_from_db(db_task: TaskRecord): domain.TaskStub {
    return new domain.TaskStub({
      task_id: db_task.id,
      task_type: db_task.type,
      status: db_task.status,
      owner: db_task.owner,
      expires_at: db_task.expires_at,
      created_at: db_task.created_at as Date,
      updated_at: db_task.updated_at as Date,
    });
  }

  /** @see glance/db/__init__.py TaskRepo._format_task_to_db */
  _format_task_to_db(task: TaskLike): Map<string, unknown> {
    return new Map<string, unknown>([
      ['id', task.task_id],
      ['type', task.type],
      ['status', task.status],
      ['input', task.task_input],
      ['result', task.result],
      ['owner', task.owner],
      ['message', task.message],
      ['expires_at', task.expires_at],
      ['created_at', task.created_at],
      ['updated_at', task.updated_at],
    ]);
  }

  private notFound(e: unknown, task_id: string): unknown {
    return e instanceof NotFound || e instanceof Forbidden ? new NotFound(`Could not find task ${task_id}`) : e;
  }

  get(task_id: string): domain.Task {
    let db_api_task: TaskRecord;
    try {
      db_api_task = this.db_api.taskGet(this.context, task_id);
    } catch (e) {
      throw this.notFound(e, task_id);
    }
    return this._format_task_from_db(db_api_task);
  }

  /** @see glance/db/__init__.py TaskRepo.list (single sort key and direction) */
  list(kwargs: ListKwargs = {}): domain.TaskStub[] {
    const db_api_tasks = this.db_api.taskGetAll(this.context, {
      filters: kwargs.filters ?? null,
      marker: kwargs.marker ?? null,
      limit: kwargs.limit ?? null,
      sortKey: (kwargs.sort_key ?? 'created_at') as string,
      sortDir: (kwargs.sort_dir ?? 'desc') as string,
    });
    return db_api_tasks.map((t) => this._format_task_stub_from_db(t));
  }

  save(task: TaskLike): void {
    const task_values = this._format_task_to_db(task);
    let updated: TaskRecord;
    try {
      updated = this.db_api.taskUpdate(this.context, task.task_id, task_values);
    } catch (e) {
      throw this.notFound(e, task.task_id);
    }
    task.updated_at = updated.updated_at as Date;
  }

  add(task: TaskLike): void {
    const task_values = this._format_task_to_db(task);
    const updated = this.db_api.taskCreate(this.context, task_values);
    task.created_at = updated.created_at as Date;
    task.updated_at = updated.updated_at as Date;
  }

  /** Glance also sets `deleted_at` on the task object, an attribute domain tasks otherwise lack. */
  remove(task: TaskLike): void {
    const task_values = this._format_task_to_db(task);
    let updated: TaskRecord;
    try {
      this.db_api.taskUpdate(this.context, task.task_id, task_values);
      updated = this.db_api.taskDelete(this.context, task.task_id);
    } catch (e) {
      throw this.notFound(e, task.task_id);
    }
    task.updated_at = updated.updated_at as Date;
    (task as TaskLike & { deleted_at?: Date | null }).deleted_at = updated.deleted_at;
  }
}

// ================================================================ metadefs
//
// The metadef repositories: db api dicts to domain.Metadef* objects and
// back. A property definition travels through the object repo as WSME
// PropertyType objects (`json.fromjson` reading, `json.tojson` writing),
// as in Glance, where glance/db imports the API's models.

/** `filters[key]` on a filters dict or query MultiDict (KeyError when absent). */
function filterItem(filters: unknown, key: string): unknown {
  if (filters === null || filters === undefined) throw new TypeError_("'NoneType' object is not subscriptable");
  return filterGet(filters as Filters, key);
}

/** The repos' `list(marker=None, limit=None, sort_key='created_at', sort_dir='desc', filters=None)`. */
function listDefaults(kwargs: proxy.MetadefListKwargs): Required<proxy.MetadefListKwargs> {
  return {
    marker: kwargs.marker ?? null,
    limit: kwargs.limit ?? null,
    sort_key: kwargs.sort_key === undefined ? 'created_at' : kwargs.sort_key,
    sort_dir: kwargs.sort_dir === undefined ? 'desc' : kwargs.sort_dir,
    filters: kwargs.filters ?? null,
  };
}

/** `except (exception.NotFound, exception.Forbidden): raise exception.NotFound(msg)` */
function notFoundAs<T>(message: () => string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof NotFound || e instanceof Forbidden) throw new NotFound(message());
    throw e;
  }
}

/** `except exception.NotFound as e: raise exception.NotFound(explanation=e.msg)` (NOTE(quirk): the explanation is dropped). */
function notFoundOnSave<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof NotFound) throw new NotFound(null, { explanation: e.msg });
    throw e;
  }
}

/** @see glance/db/__init__.py MetadefNamespaceRepo */
export class MetadefNamespaceRepo implements proxy.MetadefNamespaceRepoLike<domain.MetadefNamespace> {
  constructor(readonly context: DbContext, readonly db_api: DbApi) {}

  _format_namespace_from_db(namespace_obj: NamespaceRecord): domain.MetadefNamespace {
    return new domain.MetadefNamespace(
      namespace_obj.id, namespace_obj.namespace, namespace_obj.display_name, namespace_obj.description,
      namespace_obj.owner, namespace_obj.visibility, namespace_obj.protected, namespace_obj.created_at, namespace_obj.updated_at,
    );
  }

  _format_namespace_to_db(namespace_obj: proxy.MetadefNamespaceLike): Map<string, unknown> {
    return new Map<string, unknown>([
      ['namespace', namespace_obj.namespace],
      ['display_name', namespace_obj.display_name],
      ['description', namespace_obj.description],
      ['visibility', namespace_obj.visibility],
      ['protected', namespace_obj.protected],
      ['owner', namespace_obj.owner],
    ]);
  }

  add(namespace: proxy.MetadefNamespaceLike): void {
    this.db_api.metadefNamespaceCreate(this.context, this._format_namespace_to_db(namespace));
  }

  get(namespace: unknown): domain.MetadefNamespace {
    const db_api_namespace = notFoundAs(
      () => `Could not find namespace ${pyStr(namespace)}`,
      () => this.db_api.metadefNamespaceGet(this.context, namespace),
    );
    return this._format_namespace_from_db(db_api_namespace);
  }

  list(kwargs: proxy.MetadefListKwargs = {}): domain.MetadefNamespace[] {
    const a = listDefaults(kwargs);
    const db_namespaces = this.db_api.metadefNamespaceGetAll(this.context, {
      marker: a.marker, limit: a.limit, sort_key: a.sort_key, sort_dir: a.sort_dir, filters: a.filters as Filters | null,
    });
    return db_namespaces.map((n) => this._format_namespace_from_db(n));
  }

  private notFoundNamespace(namespace: proxy.MetadefNamespaceLike): () => string {
    return () => `The specified namespace ${pyStr(namespace.namespace)} could not be found`;
  }

  remove(namespace: proxy.MetadefNamespaceLike): void {
    notFoundAs(this.notFoundNamespace(namespace), () => this.db_api.metadefNamespaceDelete(this.context, namespace.namespace));
  }

  remove_objects(namespace: proxy.MetadefNamespaceLike): void {
    notFoundAs(this.notFoundNamespace(namespace), () => this.db_api.metadefObjectDeleteNamespaceContent(this.context, namespace.namespace));
  }

  remove_properties(namespace: proxy.MetadefNamespaceLike): void {
    notFoundAs(this.notFoundNamespace(namespace), () => this.db_api.metadefPropertyDeleteNamespaceContent(this.context, namespace.namespace));
  }

  remove_tags(namespace: proxy.MetadefNamespaceLike): void {
    notFoundAs(this.notFoundNamespace(namespace), () => this.db_api.metadefTagDeleteNamespaceContent(this.context, namespace.namespace));
  }

  object_count(namespace_name: unknown): number {
    return this.db_api.metadefObjectCount(this.context, namespace_name);
  }

  property_count(namespace_name: unknown): number {
    return this.db_api.metadefPropertyCount(this.context, namespace_name);
  }

  save(namespace: proxy.MetadefNamespaceLike): proxy.MetadefNamespaceLike {
    notFoundOnSave(() => this.db_api.metadefNamespaceUpdate(this.context, namespace.namespace_id, this._format_namespace_to_db(namespace)));
    return namespace;
  }
}

/** `iter(d)` over a stored json_schema: a dict's keys (TypeError for what Python cannot iterate). */
function jsonKeys(value: unknown): Array<[string, unknown]> {
  if (value instanceof Map) return [...(value as Map<string, unknown>)];
  if (typeof value === 'string') throw new TypeError_('string indices must be integers, not \'str\'');
  if (Array.isArray(value)) throw new TypeError_('list indices must be integers or slices, not str');
  throw new TypeError_(`'${value === null ? 'NoneType' : pyTypeName(value)}' object is not iterable`);
}

/** @see glance/db/__init__.py MetadefObjectRepo */
export class MetadefObjectRepo implements proxy.MetadefObjectRepoLike<domain.MetadefObject> {
  readonly meta_namespace_repo: MetadefNamespaceRepo;

  constructor(readonly context: DbContext, readonly db_api: DbApi) {
    this.meta_namespace_repo = new MetadefNamespaceRepo(context, db_api);
  }

  _format_metadef_object_from_db(metadata_object: ObjectRecord, namespace_entity: domain.MetadefNamespace): domain.MetadefObject {
    const required_str = metadata_object.required;
    const required_list = pyTruthy(required_str) ? String(required_str).split(',') : [];
    // Convert the persisted json schema to a dict of PropertyTypes
    const property_types = new Map<string, PropertyType>();
    for (const [id, schema] of jsonKeys(metadata_object.json_schema)) property_types.set(id, fromjson(PropertyType, schema) as PropertyType);
    return new domain.MetadefObject(
      namespace_entity, metadata_object.id, metadata_object.name, metadata_object.created_at, metadata_object.updated_at,
      required_list, metadata_object.description, property_types,
    );
  }

  _format_metadef_object_to_db(metadata_object: proxy.MetadefObjectLike): Map<string, unknown> {
    const required = metadata_object.required;
    const required_str = pyTruthy(required) ? [...(required as Iterable<unknown>)].map((r) => joinItem(r)).join(',') : null;
    const properties = metadata_object.properties;
    const db_schema = new Map<string, unknown>();
    if (pyTruthy(properties)) {
      for (const [k, v] of properties as Map<string, unknown>) db_schema.set(k, tojson(PropertyType, v));
    }
    return new Map<string, unknown>([
      ['name', metadata_object.name],
      ['required', required_str],
      ['description', metadata_object.description],
      ['json_schema', db_schema],
    ]);
  }

  add(metadata_object: proxy.MetadefObjectLike): void {
    this.db_api.metadefObjectCreate(this.context, metadata_object.namespace, this._format_metadef_object_to_db(metadata_object));
  }

  get(namespace: unknown, object_name: unknown): domain.MetadefObject {
    const [namespace_entity, db_metadata_object] = notFoundAs(
      () => `Could not find metadata object ${pyStr(object_name)}`,
      () => [this.meta_namespace_repo.get(namespace), this.db_api.metadefObjectGet(this.context, namespace, object_name)] as const,
    );
    return this._format_metadef_object_from_db(db_metadata_object, namespace_entity);
  }

  list(kwargs: proxy.MetadefListKwargs = {}): domain.MetadefObject[] {
    const namespace = filterItem(listDefaults(kwargs).filters, 'namespace');
    const namespace_entity = this.meta_namespace_repo.get(namespace);
    return this.db_api.metadefObjectGetAll(this.context, namespace).map((o) => this._format_metadef_object_from_db(o, namespace_entity));
  }

  remove(metadata_object: proxy.MetadefObjectLike): void {
    notFoundAs(
      () => `The specified metadata object ${pyStr(metadata_object.name)} could not be found`,
      () => this.db_api.metadefObjectDelete(this.context, namespaceNameOf(metadata_object.namespace), metadata_object.name),
    );
  }

  save(metadata_object: proxy.MetadefObjectLike): proxy.MetadefObjectLike {
    notFoundOnSave(() =>
      this.db_api.metadefObjectUpdate(
        this.context, namespaceNameOf(metadata_object.namespace), metadata_object.object_id,
        this._format_metadef_object_to_db(metadata_object),
      ),
    );
    return metadata_object;
  }
}

/** An item of `",".join(list)`: only str items join (TypeError otherwise, as Python). */
function joinItem(item: unknown): string {
  if (typeof item !== 'string') throw new TypeError_(`sequence item 0: expected str instance, ${pyTypeName(item)} found`);
  return item;
}

/** `entity.namespace.namespace`: the name of an entity's namespace. */
function namespaceNameOf(namespace: unknown): unknown {
  return proxy.getattrStrict(namespace, 'namespace');
}

/** @see glance/db/__init__.py MetadefResourceTypeRepo */
export class MetadefResourceTypeRepo implements proxy.MetadefResourceTypeRepoLike<domain.MetadefResourceType> {
  readonly meta_namespace_repo: MetadefNamespaceRepo;

  constructor(readonly context: DbContext, readonly db_api: DbApi) {
    this.meta_namespace_repo = new MetadefNamespaceRepo(context, db_api);
  }

  _format_resource_type_from_db(resource_type: AssociationModel, namespace: domain.MetadefNamespace): domain.MetadefResourceType {
    return new domain.MetadefResourceType(
      namespace, resource_type.name, resource_type.prefix, resource_type.properties_target, resource_type.created_at, resource_type.updated_at,
    );
  }

  _format_resource_type_to_db(resource_type: proxy.MetadefResourceTypeLike): Map<string, unknown> {
    return new Map<string, unknown>([
      ['name', resource_type.name],
      ['prefix', resource_type.prefix],
      ['properties_target', resource_type.properties_target],
    ]);
  }

  add(resource_type: proxy.MetadefResourceTypeLike): void {
    this.db_api.metadefResourceTypeAssociationCreate(this.context, resource_type.namespace, this._format_resource_type_to_db(resource_type));
  }

  get(resource_type: unknown, namespace: unknown): domain.MetadefResourceType {
    const namespace_entity = this.meta_namespace_repo.get(namespace);
    const db_resource_type = this.db_api.metadefResourceTypeAssociationGet(this.context, namespace, resource_type);
    return this._format_resource_type_from_db(db_resource_type, namespace_entity);
  }

  list(kwargs: proxy.MetadefListKwargs = {}): domain.MetadefResourceType[] {
    const namespace = filterItem(kwargs.filters ?? null, 'namespace');
    if (pyTruthy(namespace)) {
      const namespace_entity = this.meta_namespace_repo.get(namespace);
      return this.db_api
        .metadefResourceTypeAssociationGetAllByNamespace(this.context, namespace)
        .map((rt) => this._format_resource_type_from_db(rt, namespace_entity));
    }
    return this.db_api
      .metadefResourceTypeGetAll(this.context)
      .map((rt) => new domain.MetadefResourceType(null, rt.name, null, null, rt.created_at, rt.updated_at));
  }

  remove(resource_type: proxy.MetadefResourceTypeLike): void {
    notFoundAs(
      () => `The specified resource type ${pyStr(resource_type.name)} could not be found `,
      () => this.db_api.metadefResourceTypeAssociationDelete(this.context, namespaceNameOf(resource_type.namespace), resource_type.name),
    );
  }
}

/** @see glance/db/__init__.py MetadefPropertyRepo */
export class MetadefPropertyRepo implements proxy.MetadefPropertyRepoLike<domain.MetadefProperty> {
  readonly meta_namespace_repo: MetadefNamespaceRepo;

  constructor(readonly context: DbContext, readonly db_api: DbApi) {
    this.meta_namespace_repo = new MetadefNamespaceRepo(context, db_api);
  }

  _format_metadef_property_from_db(property: PropertyRecord, namespace_entity: domain.MetadefNamespace): domain.MetadefProperty {
    return new domain.MetadefProperty(namespace_entity, property.id, property.name, property.json_schema);
  }

  _format_metadef_property_to_db(property: proxy.MetadefPropertyLike): Map<string, unknown> {
    return new Map<string, unknown>([
      ['name', property.name],
      ['json_schema', property.schema],
    ]);
  }

  add(property: proxy.MetadefPropertyLike): void {
    this.db_api.metadefPropertyCreate(this.context, property.namespace, this._format_metadef_property_to_db(property));
  }

  get(namespace: unknown, property_name: unknown): domain.MetadefProperty {
    const [namespace_entity, db_property_type] = notFoundAs(
      () => `Could not find property ${pyStr(property_name)}`,
      () => [this.meta_namespace_repo.get(namespace), this.db_api.metadefPropertyGet(this.context, namespace, property_name)] as const,
    );
    return this._format_metadef_property_from_db(db_property_type, namespace_entity);
  }

  list(kwargs: proxy.MetadefListKwargs = {}): domain.MetadefProperty[] {
    const namespace = filterItem(listDefaults(kwargs).filters, 'namespace');
    const namespace_entity = this.meta_namespace_repo.get(namespace);
    return this.db_api.metadefPropertyGetAll(this.context, namespace).map((p) => this._format_metadef_property_from_db(p, namespace_entity));
  }

  remove(property: proxy.MetadefPropertyLike): void {
    notFoundAs(
      () => `The specified property ${pyStr(property.name)} could not be found`,
      () => this.db_api.metadefPropertyDelete(this.context, namespaceNameOf(property.namespace), property.name),
    );
  }

  save(property: proxy.MetadefPropertyLike): proxy.MetadefPropertyLike {
    notFoundOnSave(() =>
      this.db_api.metadefPropertyUpdate(
        this.context, namespaceNameOf(property.namespace), property.property_id, this._format_metadef_property_to_db(property),
      ),
    );
    return property;
  }
}

/** @see glance/db/__init__.py MetadefTagRepo */
export class MetadefTagRepo implements proxy.MetadefTagRepoLike<domain.MetadefTag> {
  readonly meta_namespace_repo: MetadefNamespaceRepo;

  constructor(readonly context: DbContext, readonly db_api: DbApi) {
    this.meta_namespace_repo = new MetadefNamespaceRepo(context, db_api);
  }

  _format_metadef_tag_from_db(metadata_tag: TagRecord, namespace_entity: domain.MetadefNamespace): domain.MetadefTag {
    return new domain.MetadefTag(namespace_entity, metadata_tag.id, metadata_tag.name, metadata_tag.created_at, metadata_tag.updated_at);
  }

  _format_metadef_tag_to_db(metadata_tag: proxy.MetadefTagLike): Map<string, unknown> {
    return new Map<string, unknown>([['name', metadata_tag.name]]);
  }

  add(metadata_tag: proxy.MetadefTagLike): void {
    this.db_api.metadefTagCreate(this.context, metadata_tag.namespace, this._format_metadef_tag_to_db(metadata_tag));
  }

  add_tags(metadata_tags: proxy.MetadefTagLike[]): void {
    const tag_list: Array<Map<string, unknown>> = [];
    let namespace: unknown = null;
    for (const metadata_tag of metadata_tags) {
      tag_list.push(this._format_metadef_tag_to_db(metadata_tag));
      if (namespace === null) namespace = metadata_tag.namespace;
    }
    this.db_api.metadefTagCreateTags(this.context, namespace, tag_list);
  }

  get(namespace: unknown, name: unknown): domain.MetadefTag {
    const [namespace_entity, db_metadata_tag] = notFoundAs(
      () => `Could not find metadata tag ${pyStr(name)}`,
      () => [this.meta_namespace_repo.get(namespace), this.db_api.metadefTagGet(this.context, namespace, name)] as const,
    );
    return this._format_metadef_tag_from_db(db_metadata_tag, namespace_entity);
  }

  list(kwargs: proxy.MetadefListKwargs = {}): domain.MetadefTag[] {
    const a = listDefaults(kwargs);
    const namespace = filterItem(a.filters, 'namespace');
    const namespace_entity = this.meta_namespace_repo.get(namespace);
    const db_metadata_tag = this.db_api.metadefTagGetAll(this.context, namespace, {
      filters: a.filters, marker: a.marker, limit: a.limit, sort_key: a.sort_key, sort_dir: a.sort_dir,
    });
    return db_metadata_tag.map((t) => this._format_metadef_tag_from_db(t, namespace_entity));
  }

  remove(metadata_tag: proxy.MetadefTagLike): void {
    notFoundAs(
      () => `The specified metadata tag ${pyStr(metadata_tag.name)} could not be found`,
      () => this.db_api.metadefTagDelete(this.context, namespaceNameOf(metadata_tag.namespace), metadata_tag.name),
    );
  }

  save(metadata_tag: proxy.MetadefTagLike): proxy.MetadefTagLike {
    notFoundOnSave(() =>
      this.db_api.metadefTagUpdate(
        this.context, namespaceNameOf(metadata_tag.namespace), metadata_tag.tag_id, this._format_metadef_tag_to_db(metadata_tag),
      ),
    );
    return metadata_tag;
  }
}
