/**
 * The notifier layer (glance/notifier.py): sends image, member and task
 * events after the inner layers succeed, and turns upload failures into
 * HTTP errors. It sits between the policy layer (inside) and property
 * protections or authorization (outside). The metadata definitions
 * catalog's repos send metadef_namespace.*, metadef_object.*,
 * metadef_property.*, metadef_resource_type.* and metadef_tag.* events
 * (the last section of this file).
 */
import {
  HTTPBadRequest,
  HTTPConflict,
  HTTPError,
  HTTPForbidden,
  HTTPNotFound,
  HTTPRequestEntityTooLarge,
  HTTPServiceUnavailable,
} from './webob.js';
import { Duplicate, Forbidden, NotFound } from './exception.js';
import { StorageFull, StorageWriteDenied } from '../shared/store/exceptions.js';
import * as domainProxy from './proxy.js';
import type { ImageData, ImageLike, ImageMemberLike, TaskLike, TaskStubLike } from './proxy.js';
import { AttributeError, PyException, ValueError, pyFormat, pyTruthy, pyTypeName } from '../lib/python.js';
import type { Settings } from '../shared/settings.js';
import type { Clock, NotificationSink, Priority } from '../shared/world.js';

// ------------------------------------------------------------ the notifier

/** What the proxies need of a notifier: one method per priority. */
export interface NotifierLike {
  warn(eventType: string, payload: unknown): void;
  info(eventType: string, payload: unknown): void;
  error(eventType: string, payload: unknown): void;
}

/**
 * Sends every event it is given into the world's sink; filtering happens
 * before, in sendNotification.
 * @see glance/notifier.py Notifier
 */
export class Notifier implements NotifierLike {
  constructor(private readonly sink: NotificationSink) {}
  warn(eventType: string, payload: unknown): void {
    this.emit('WARN', eventType, payload);
  }
  info(eventType: string, payload: unknown): void {
    this.emit('INFO', eventType, payload);
  }
  error(eventType: string, payload: unknown): void {
    this.emit('ERROR', eventType, payload);
  }
  private emit(priority: Priority, event_type: string, payload: unknown): void {
    this.sink.emit({ event_type, payload, priority });
  }
}

/** Glance's CONF and utcnow, passed in: what the notifier proxies read besides the notifier. */
export interface NotifierEnv {
  readonly settings: Settings;
  readonly clock: Clock;
}

/** What the payloads read from the request context. */
export interface NotifierContext {
  readonly tenant: string | null;
  readonly user: string | null;
}

type Notify = (eventType: string, payload: unknown) => void;

/** The group is the part before the first '.': "image.member.create" is in group "image". */
function notificationGroup(notification: string): string {
  const dot = notification.indexOf('.');
  return dot < 0 ? notification : notification.slice(0, dot);
}

/**
 * @see glance/notifier.py _is_notification_enabled
 */
export function isNotificationEnabled(notification: string, settings: Settings): boolean {
  // NOTE(quirk): glance/notifier.py reads CONF.disabled_notifications at every send.
  // NOTE(quirk): the group of "image.member.create" is "image", so disabling
  // "image.member" disables nothing.
  const group = notificationGroup(notification);
  return !settings.disabled_notifications.some((d) => d === notification || d === group);
}

/**
 * @see glance/notifier.py _send_notification
 */
export function sendNotification(notify: Notify, notificationType: string, payload: unknown, settings: Settings): void {
  if (isNotificationEnabled(notificationType, settings)) notify(notificationType, payload);
}

// ------------------------------------------------------------ payloads

/**
 * Python's `timeutils.isotime(at)`: "YYYY-MM-DDThh:mm:ssZ"; a missing time
 * is now.
 * @see glance/common/timeutils.py isotime
 */
export function isotime(at: unknown, clock: Clock): string {
  // `if not at: at = utcnow()`, then `at.strftime(...)`: a PATCHed text
  // created_at fails there as AttributeError (example 096).
  const when = at instanceof Date || pyTruthy(at) ? at : clock.now();
  if (!(when instanceof Date)) throw new AttributeError(`'${pyTypeName(when)}' object has no attribute 'strftime'`);
  return when.toISOString().slice(0, 19) + 'Z';
}

/** A plain object from ordered pairs, safe for keys such as "__proto__". */
function plainDict(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * The image payload; locations are left out because they may hold credentials.
 * @see glance/notifier.py format_image_notification
 */
export function formatImageNotification(image: ImageLike, clock: Clock): Record<string, unknown> {
  return {
    id: image.image_id,
    name: image.name,
    status: image.status,
    created_at: isotime(image.created_at, clock),
    updated_at: isotime(image.updated_at, clock),
    min_disk: image.min_disk,
    min_ram: image.min_ram,
    protected: image.protected,
    checksum: image.checksum,
    owner: image.owner,
    disk_format: image.disk_format,
    container_format: image.container_format,
    size: image.size,
    virtual_size: image.virtual_size,
    is_public: image.visibility === 'public',
    visibility: image.visibility,
    properties: plainDict(image.extra_properties.toMap()),
    // NOTE(quirk): a list made from a set, so the order is the set's.
    tags: [...image.tags],
    deleted: false,
    deleted_at: null,
  };
}

/**
 * @see glance/notifier.py format_image_member_notification
 */
export function formatImageMemberNotification(member: ImageMemberLike, clock: Clock): Record<string, unknown> {
  return {
    image_id: member.image_id,
    member_id: member.member_id,
    status: member.status,
    created_at: isotime(member.created_at, clock),
    updated_at: isotime(member.updated_at, clock),
    deleted: false,
    deleted_at: null,
  };
}

/**
 * The task input is left out because it may hold secrets.
 * @see glance/notifier.py format_task_notification
 */
export function formatTaskNotification(task: TaskStubLike, clock: Clock): Record<string, unknown> {
  return {
    id: task.task_id,
    type: task.type,
    status: task.status,
    result: null,
    owner: task.owner,
    message: null,
    // NOTE(quirk): isotime(None) is now, so a new task (expires_at None)
    // reports that it expires at once.
    expires_at: isotime(task.expires_at, clock),
    created_at: isotime(task.created_at, clock),
    updated_at: isotime(task.updated_at, clock),
    deleted: false,
    deleted_at: null,
  };
}

/** The extra payload of every delete event. */
function deletedNow(clock: Clock): Record<string, unknown> {
  return { deleted: true, deleted_at: isotime(null, clock) };
}

/** encodeutils.exception_to_unicode: Python's str(e). */
function exceptionToUnicode(e: unknown): string {
  if (e instanceof PyException) return e.toPyStr();
  if (e instanceof Error) return e.message;
  return String(e);
}

// ------------------------------------------------------------ NotificationBase

/** The state every notifier proxy shares (NotificationBase + NotificationProxy). */
interface Notifying<T> {
  readonly notifier: NotifierLike;
  readonly env: NotifierEnv;
  get_payload(obj: T): Record<string, unknown>;
}

/**
 * @see glance/notifier.py NotificationBase.send_notification
 */
function sendInfo<T>(self: Notifying<T>, notificationId: string, obj: T, extraPayload: Record<string, unknown> | null = null): void {
  const payload = self.get_payload(obj);
  if (extraPayload !== null) Object.assign(payload, extraPayload);
  sendNotification((t, p) => self.notifier.info(t, p), notificationId, payload, self.env.settings);
}

// ------------------------------------------------------------ images

/**
 * Sends image.prepare, image.upload and image.activate around set_data and
 * image.send after get_data is drained.
 * @see glance/notifier.py ImageProxy
 */
export class ImageProxy extends domainProxy.Image implements Notifying<ImageLike> {
  constructor(
    readonly repo: ImageLike,
    readonly context: NotifierContext,
    readonly notifier: NotifierLike,
    readonly env: NotifierEnv,
  ) {
    super(repo);
  }

  get_payload(obj: ImageLike): Record<string, unknown> {
    return formatImageNotification(obj, this.env.clock);
  }

  private formatImageSend(bytesSent: number): Record<string, unknown> {
    return {
      bytes_sent: bytesSent,
      image_id: this.repo.image_id,
      owner_id: this.repo.owner,
      receiver_tenant_id: this.context.tenant,
      receiver_user_id: this.context.user,
    };
  }

  private *chunkDataIterator(data: Iterable<Buffer>, chunkSize: number | null): Generator<Buffer, void, undefined> {
    let sent = 0;
    for (const chunk of data) {
      yield chunk;
      sent += chunk.length;
    }
    const expected = chunkSize || this.repo.size;
    const notify: Notify = sent !== expected ? (t, p) => this.notifier.error(t, p) : (t, p) => this.notifier.info(t, p);
    try {
      sendNotification(notify, 'image.send', this.formatImageSend(sent), this.env.settings);
    } catch {
      // Glance logs "An error occurred during image.send notification" and goes on.
    }
  }

  /** The inner call happens now, so inner layers' checks run before any byte is sent. */
  override get_data(offset = 0, chunk_size: number | null = null): Iterable<Buffer> {
    const data = this.repo.get_data(offset, chunk_size);
    return this.chunkDataIterator(data, chunk_size);
  }

  override set_data(data: ImageData, size: number | null = null): void {
    sendInfo(this, 'image.prepare', this.repo);
    try {
      this.repo.set_data(data, size);
    } catch (e) {
      throw this.uploadFailure(e);
    }
    sendInfo(this, 'image.upload', this.repo);
    sendInfo(this, 'image.activate', this.repo);
  }

  private notifyUploadError(msg: string): void {
    // NOTE(quirk): the image.upload error payload is a string, not an image.
    sendNotification((t, p) => this.notifier.error(t, p), 'image.upload', msg, this.env.settings);
  }

  /** Sends image.upload at error priority and returns what set_data raises instead. */
  private uploadFailure(e: unknown): unknown {
    const rule = UPLOAD_FAILURES.find((r) => r.matches(e)) ?? INTERNAL_ERROR;
    const error = exceptionToUnicode(e);
    const notice = pyFormat(rule.notice, { image_id: this.repo.image_id, error });
    this.notifyUploadError(notice);
    return rule.raise(notice, error, e);
  }
}

/** One `except` clause of ImageProxy.set_data: what it catches, says and raises. */
interface UploadFailureRule {
  readonly matches: (e: unknown) => boolean;
  /** %-template of the error notification, over image_id and error. */
  readonly notice: string;
  readonly raise: (notice: string, error: string, e: unknown) => unknown;
}

/**
 * The except clauses of glance/notifier.py ImageProxy.set_data, in order.
 * Glance converts store and domain failures to webob errors here, inside
 * a domain layer.
 */
const UPLOAD_FAILURES: readonly UploadFailureRule[] = [
  {
    matches: (e) => e instanceof StorageFull,
    notice: 'Image storage media is full: %(error)s',
    raise: (notice) => new HTTPRequestEntityTooLarge({ explanation: notice }),
  },
  {
    matches: (e) => e instanceof StorageWriteDenied,
    notice: 'Insufficient permissions on image storage media: %(error)s',
    raise: (notice) => new HTTPServiceUnavailable({ explanation: notice }),
  },
  {
    matches: (e) => e instanceof ValueError,
    notice: 'Cannot save data for image %(image_id)s: %(error)s',
    raise: (_notice, error) => new HTTPBadRequest({ explanation: error }),
  },
  {
    matches: (e) => e instanceof Duplicate,
    // NOTE(quirk): Glance's message has no space between "image" and the id.
    notice: 'Unable to upload duplicate image data for image%(image_id)s: %(error)s',
    raise: (notice) => new HTTPConflict({ explanation: notice }),
  },
  {
    matches: (e) => e instanceof Forbidden,
    notice: 'Not allowed to upload image data for image %(image_id)s: %(error)s',
    raise: (notice) => new HTTPForbidden({ explanation: notice }),
  },
  {
    matches: (e) => e instanceof NotFound,
    notice:
      'Image %(image_id)s could not be found after upload. The image may have been deleted during the upload: %(error)s',
    raise: (_notice, error) => new HTTPNotFound({ explanation: error }),
  },
  {
    matches: (e) => e instanceof HTTPError,
    notice: 'Failed to upload image data for image %(image_id)s due to HTTP error: %(error)s',
    raise: (_notice, _error, e) => e,
  },
];

/** `except Exception`: NOTE(quirk): StorageQuotaFull, store NotFound and the rest go up unchanged. */
const INTERNAL_ERROR: UploadFailureRule = {
  matches: () => true,
  notice: 'Failed to upload image data for image %(image_id)s due to internal error: %(error)s',
  raise: (_notice, _error, e) => e,
};

/**
 * A pass-through member proxy that remembers its base as `repo`.
 * @see glance/notifier.py ImageMemberProxy
 */
export class ImageMemberProxy extends domainProxy.ImageMember {
  constructor(
    readonly repo: ImageMemberLike,
    readonly context: NotifierContext,
    readonly notifier: NotifierLike,
    readonly env: NotifierEnv,
  ) {
    super(repo);
  }
}

/**
 * @see glance/notifier.py ImageFactoryProxy
 */
export class ImageFactoryProxy extends domainProxy.ImageFactory {
  constructor(factory: domainProxy.ImageFactoryBase, context: NotifierContext, notifier: NotifierLike, env: NotifierEnv) {
    super(factory, (image) => new ImageProxy(image, context, notifier, env));
  }
}

/**
 * Sends image.create, image.update and image.delete after the inner repo
 * succeeds, with the payload read through the image it was handed.
 * @see glance/notifier.py ImageRepoProxy
 */
export class ImageRepoProxy extends domainProxy.Repo<ImageLike> implements Notifying<ImageLike> {
  constructor(
    readonly repo: domainProxy.RepoBase<ImageLike>,
    readonly context: NotifierContext,
    readonly notifier: NotifierLike,
    readonly env: NotifierEnv,
  ) {
    super(repo, (image) => new ImageProxy(image, context, notifier, env));
  }

  get_payload(obj: ImageLike): Record<string, unknown> {
    return formatImageNotification(obj, this.env.clock);
  }

  override save(image: ImageLike, from_state: string | null = null): null {
    super.save(image, from_state);
    sendInfo(this, 'image.update', image);
    return null;
  }

  override add(image: ImageLike): null {
    super.add(image);
    sendInfo(this, 'image.create', image);
    return null;
  }

  override remove(image: ImageLike): null {
    super.remove(image);
    sendInfo(this, 'image.delete', image, deletedNow(this.env.clock));
    return null;
  }
}

/**
 * @see glance/notifier.py ImageMemberRepoProxy
 */
export class ImageMemberRepoProxy extends domainProxy.MemberRepo implements Notifying<ImageMemberLike> {
  constructor(
    readonly repo: domainProxy.MemberRepoBase,
    image: ImageLike,
    readonly context: NotifierContext,
    readonly notifier: NotifierLike,
    readonly env: NotifierEnv,
  ) {
    super(image, repo, (member) => new ImageMemberProxy(member, context, notifier, env));
  }

  get_payload(obj: ImageMemberLike): Record<string, unknown> {
    return formatImageMemberNotification(obj, this.env.clock);
  }

  override save(member: ImageMemberLike, from_state: string | null = null): null {
    super.save(member, from_state);
    sendInfo(this, 'image.member.update', member);
    return null;
  }

  override add(member: ImageMemberLike): null {
    super.add(member);
    sendInfo(this, 'image.member.create', member);
    return null;
  }

  override remove(member: ImageMemberLike): null {
    super.remove(member);
    sendInfo(this, 'image.member.delete', member, deletedNow(this.env.clock));
    return null;
  }
}

// ------------------------------------------------------------ tasks

/**
 * Sends task.processing, task.success, task.failure and task.run after each call.
 * @see glance/notifier.py TaskProxy
 */
export class TaskProxy extends domainProxy.Task implements Notifying<TaskStubLike> {
  constructor(
    readonly repo: TaskLike,
    readonly context: NotifierContext,
    readonly notifier: NotifierLike,
    readonly env: NotifierEnv,
  ) {
    super(repo);
  }

  get_payload(obj: TaskStubLike): Record<string, unknown> {
    return formatTaskNotification(obj, this.env.clock);
  }

  override begin_processing(): void {
    super.begin_processing();
    sendInfo(this, 'task.processing', this.repo);
  }

  override succeed(result: unknown): void {
    super.succeed(result);
    sendInfo(this, 'task.success', this.repo);
  }

  override fail(message: string | null): void {
    super.fail(message);
    sendInfo(this, 'task.failure', this.repo);
  }

  override run(executor: unknown): void {
    super.run(executor);
    sendInfo(this, 'task.run', this.repo);
  }
}

/**
 * A pass-through task stub proxy that remembers its base as `repo`.
 * @see glance/notifier.py TaskStubProxy
 */
export class TaskStubProxy extends domainProxy.TaskStub {
  constructor(
    readonly repo: TaskStubLike,
    readonly context: NotifierContext,
    readonly notifier: NotifierLike,
    readonly env: NotifierEnv,
  ) {
    super(repo);
  }
}

/**
 * @see glance/notifier.py TaskFactoryProxy
 */
export class TaskFactoryProxy extends domainProxy.TaskFactory {
  constructor(factory: domainProxy.TaskFactoryBase, context: NotifierContext, notifier: NotifierLike, env: NotifierEnv) {
    super(factory, (task) => new TaskProxy(task, context, notifier, env));
  }
}

/**
 * Sends task.create and task.delete; saving sends nothing.
 * @see glance/notifier.py TaskRepoProxy
 */
export class TaskRepoProxy extends domainProxy.TaskRepo implements Notifying<TaskStubLike> {
  constructor(
    readonly repo: domainProxy.TaskRepoBase,
    readonly context: NotifierContext,
    readonly notifier: NotifierLike,
    readonly env: NotifierEnv,
  ) {
    super(repo, (task) => new TaskProxy(task, context, notifier, env));
  }

  get_payload(obj: TaskStubLike): Record<string, unknown> {
    return formatTaskNotification(obj, this.env.clock);
  }

  override add(task: TaskLike): void {
    super.add(task);
    sendInfo(this, 'task.create', task);
  }

  override remove(task: TaskLike): void {
    super.remove(task);
    sendInfo(this, 'task.delete', task, deletedNow(this.env.clock));
  }
}

/**
 * @see glance/notifier.py TaskStubRepoProxy
 */
export class TaskStubRepoProxy extends domainProxy.TaskStubRepo {
  constructor(
    readonly repo: domainProxy.TaskStubRepoBase,
    readonly context: NotifierContext,
    readonly notifier: NotifierLike,
    readonly env: NotifierEnv,
  ) {
    super(repo, (stub) => new TaskStubProxy(stub, context, notifier, env));
  }
}

// ================================================================ metadefs

/** `x or None` */
function orNone(value: unknown): unknown {
  return pyTruthy(value) ? value : null;
}

/** `getattr(obj, name)` on a metadef property definition (a WSME PropertyType). */
function attrOf(obj: unknown, name: string): unknown {
  return domainProxy.getattrStrict(obj, name);
}

/** `dict.get(key)` on a property's schema (AttributeError when it is not a dict). */
function schemaGet(schema: unknown, key: string): unknown {
  if (schema instanceof Map) return schema.has(key) ? schema.get(key) : null;
  throw new AttributeError(`'${pyTypeName(schema)}' object has no attribute 'get'`);
}

/** @see glance/notifier.py format_metadef_namespace_notification */
export function format_metadef_namespace_notification(ns: domainProxy.MetadefNamespaceLike, clock: Clock): Record<string, unknown> {
  return {
    namespace: ns.namespace,
    namespace_old: ns.namespace,
    display_name: ns.display_name,
    protected: ns.protected,
    visibility: ns.visibility,
    owner: ns.owner,
    description: ns.description,
    created_at: isotime(ns.created_at, clock),
    updated_at: isotime(ns.updated_at, clock),
    deleted: false,
    deleted_at: null,
  };
}

/**
 * NOTE(quirk): each value is `x or None`, so a 0 minimum or an empty enum
 * is sent as None; `default` (WSME bytes) and `items` (an ItemType) go out
 * unserialised.
 *
 * @see glance/notifier.py _format_metadef_object_property
 */
function _format_metadef_object_property(name: unknown, metadef_property: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { name };
  for (const key of [
    'type', 'title', 'description', 'default', 'minimum', 'maximum', 'enum', 'pattern', 'minLength', 'maxLength',
    'confidential', 'items', 'uniqueItems', 'minItems', 'maxItems', 'additionalItems',
  ]) {
    out[key] = orNone(attrOf(metadef_property, key));
  }
  return out;
}

/** `six.iteritems(d)` of an object's properties. */
function itemsOf(value: unknown): Array<[unknown, unknown]> {
  if (value instanceof Map) return [...(value as Map<unknown, unknown>)];
  throw new AttributeError(`'${pyTypeName(value)}' object has no attribute 'items'`);
}

/** @see glance/notifier.py format_metadef_object_notification */
export function format_metadef_object_notification(obj: domainProxy.MetadefObjectLike, clock: Clock): Record<string, unknown> {
  const object_properties = pyTruthy(obj.properties) ? obj.properties : new Map();
  const properties = itemsOf(object_properties).map(([name, prop]) => _format_metadef_object_property(name, prop));
  return {
    namespace: obj.namespace,
    name: obj.name,
    name_old: obj.name,
    properties,
    required: obj.required,
    description: obj.description,
    created_at: isotime(obj.created_at, clock),
    updated_at: isotime(obj.updated_at, clock),
    deleted: false,
    deleted_at: null,
  };
}

/** @see glance/notifier.py format_metadef_property_notification */
export function format_metadef_property_notification(prop: domainProxy.MetadefPropertyLike): Record<string, unknown> {
  const schema = prop.schema;
  const out: Record<string, unknown> = { namespace: prop.namespace, name: prop.name, name_old: prop.name };
  for (const key of [
    'type', 'title', 'description', 'default', 'minimum', 'maximum', 'enum', 'pattern', 'minLength', 'maxLength',
    'confidential', 'items', 'uniqueItems', 'minItems', 'maxItems', 'additionalItems',
  ]) {
    out[key] = schemaGet(schema, key);
  }
  out['deleted'] = false;
  out['deleted_at'] = null;
  return out;
}

/** @see glance/notifier.py format_metadef_resource_type_notification */
export function format_metadef_resource_type_notification(rt: domainProxy.MetadefResourceTypeLike, clock: Clock): Record<string, unknown> {
  return {
    namespace: rt.namespace,
    name: rt.name,
    name_old: rt.name,
    prefix: rt.prefix,
    properties_target: rt.properties_target,
    created_at: isotime(rt.created_at, clock),
    updated_at: isotime(rt.updated_at, clock),
    deleted: false,
    deleted_at: null,
  };
}

/** @see glance/notifier.py format_metadef_tag_notification */
export function format_metadef_tag_notification(tag: domainProxy.MetadefTagLike, clock: Clock): Record<string, unknown> {
  return {
    namespace: tag.namespace,
    name: tag.name,
    name_old: tag.name,
    created_at: isotime(tag.created_at, clock),
    updated_at: isotime(tag.updated_at, clock),
    deleted: false,
    deleted_at: null,
  };
}

/** `{'deleted': True, 'deleted_at': isotime(), 'namespace': x.namespace.namespace}` */
function deletedIn(entity: { namespace: unknown }, clock: Clock): Record<string, unknown> {
  return { ...deletedNow(clock), namespace: domainProxy.getattrStrict(entity.namespace, 'namespace') };
}

/** `getattr(obj, '_old_name', obj.name)` */
function oldName(obj: { name: unknown }): unknown {
  return domainProxy.getattrDefault(obj, '_old_name', obj.name);
}

interface NotifierKwargs {
  readonly context: NotifierContext;
  readonly notifier: NotifierLike;
  readonly env: NotifierEnv;
}

/** @see glance/notifier.py MetadefNamespaceProxy */
export class MetadefNamespaceProxy extends domainProxy.MetadefNamespace {
  constructor(readonly repo: domainProxy.MetadefNamespaceLike, readonly context: NotifierContext, readonly notifier: NotifierLike) {
    super(repo);
  }
}

/** @see glance/notifier.py MetadefNamespaceFactoryProxy */
export class MetadefNamespaceFactoryProxy extends domainProxy.MetadefNamespaceFactory<domainProxy.MetadefNamespaceLike, MetadefNamespaceProxy, NotifierKwargs> {
  constructor(factory: domainProxy.MetadefNamespaceFactoryLike, context: NotifierContext, notifier: NotifierLike, env: NotifierEnv) {
    super(factory, (ns, k) => new MetadefNamespaceProxy(ns, k.context, k.notifier), { context, notifier, env });
  }
}

/** @see glance/notifier.py MetadefNamespaceRepoProxy */
export class MetadefNamespaceRepoProxy
  extends domainProxy.MetadefNamespaceRepo<domainProxy.MetadefNamespaceLike, MetadefNamespaceProxy, NotifierKwargs>
  implements Notifying<domainProxy.MetadefNamespaceLike> {
  constructor(readonly repo: domainProxy.MetadefNamespaceRepoLike, readonly context: NotifierContext, readonly notifier: NotifierLike, readonly env: NotifierEnv) {
    super(repo, (ns, k) => new MetadefNamespaceProxy(ns, k.context, k.notifier), { context, notifier, env });
  }

  get_payload(obj: domainProxy.MetadefNamespaceLike): Record<string, unknown> {
    return format_metadef_namespace_notification(obj, this.env.clock);
  }

  override save(metadef_namespace: MetadefNamespaceProxy): unknown {
    const name = domainProxy.getattrDefault(metadef_namespace, '_old_namespace', metadef_namespace.namespace);
    const result = super.save(metadef_namespace);
    sendInfo(this, 'metadef_namespace.update', metadef_namespace, { namespace_old: name });
    return result;
  }

  override add(metadef_namespace: MetadefNamespaceProxy): unknown {
    const result = super.add(metadef_namespace);
    sendInfo(this, 'metadef_namespace.create', metadef_namespace);
    return result;
  }

  override remove(metadef_namespace: MetadefNamespaceProxy): unknown {
    const result = super.remove(metadef_namespace);
    sendInfo(this, 'metadef_namespace.delete', metadef_namespace, deletedNow(this.env.clock));
    return result;
  }

  override remove_objects(metadef_namespace: MetadefNamespaceProxy): unknown {
    const result = super.remove_objects(metadef_namespace);
    sendInfo(this, 'metadef_namespace.delete_objects', metadef_namespace);
    return result;
  }

  override remove_properties(metadef_namespace: MetadefNamespaceProxy): unknown {
    const result = super.remove_properties(metadef_namespace);
    sendInfo(this, 'metadef_namespace.delete_properties', metadef_namespace);
    return result;
  }

  override remove_tags(metadef_namespace: MetadefNamespaceProxy): unknown {
    const result = super.remove_tags(metadef_namespace);
    sendInfo(this, 'metadef_namespace.delete_tags', metadef_namespace);
    return result;
  }
}

/** @see glance/notifier.py MetadefObjectProxy */
export class MetadefObjectProxy extends domainProxy.MetadefObject {
  constructor(readonly repo: domainProxy.MetadefObjectLike, readonly context: NotifierContext, readonly notifier: NotifierLike) {
    super(repo);
  }
}

/** @see glance/notifier.py MetadefObjectFactoryProxy */
export class MetadefObjectFactoryProxy extends domainProxy.MetadefObjectFactory<domainProxy.MetadefObjectLike, MetadefObjectProxy, NotifierKwargs> {
  constructor(factory: domainProxy.MetadefObjectFactoryLike, context: NotifierContext, notifier: NotifierLike, env: NotifierEnv) {
    super(factory, (o, k) => new MetadefObjectProxy(o, k.context, k.notifier), { context, notifier, env });
  }
}

/** @see glance/notifier.py MetadefObjectRepoProxy */
export class MetadefObjectRepoProxy
  extends domainProxy.MetadefObjectRepo<domainProxy.MetadefObjectLike, MetadefObjectProxy, NotifierKwargs>
  implements Notifying<domainProxy.MetadefObjectLike> {
  constructor(readonly repo: domainProxy.MetadefObjectRepoLike, readonly context: NotifierContext, readonly notifier: NotifierLike, readonly env: NotifierEnv) {
    super(repo, (o, k) => new MetadefObjectProxy(o, k.context, k.notifier), { context, notifier, env });
  }

  get_payload(obj: domainProxy.MetadefObjectLike): Record<string, unknown> {
    return format_metadef_object_notification(obj, this.env.clock);
  }

  override save(metadef_object: MetadefObjectProxy): unknown {
    const name = oldName(metadef_object);
    const result = super.save(metadef_object);
    sendInfo(this, 'metadef_object.update', metadef_object, {
      namespace: domainProxy.getattrStrict(metadef_object.namespace, 'namespace'),
      name_old: name,
    });
    return result;
  }

  override add(metadef_object: MetadefObjectProxy): unknown {
    const result = super.add(metadef_object);
    sendInfo(this, 'metadef_object.create', metadef_object);
    return result;
  }

  override remove(metadef_object: MetadefObjectProxy): unknown {
    const result = super.remove(metadef_object);
    sendInfo(this, 'metadef_object.delete', metadef_object, deletedIn(metadef_object, this.env.clock));
    return result;
  }
}

/** @see glance/notifier.py MetadefPropertyProxy */
export class MetadefPropertyProxy extends domainProxy.MetadefProperty {
  constructor(readonly repo: domainProxy.MetadefPropertyLike, readonly context: NotifierContext, readonly notifier: NotifierLike) {
    super(repo);
  }
}

/** @see glance/notifier.py MetadefPropertyFactoryProxy */
export class MetadefPropertyFactoryProxy extends domainProxy.MetadefPropertyFactory<domainProxy.MetadefPropertyLike, MetadefPropertyProxy, NotifierKwargs> {
  constructor(factory: domainProxy.MetadefPropertyFactoryLike, context: NotifierContext, notifier: NotifierLike, env: NotifierEnv) {
    super(factory, (p, k) => new MetadefPropertyProxy(p, k.context, k.notifier), { context, notifier, env });
  }
}

/** @see glance/notifier.py MetadefPropertyRepoProxy */
export class MetadefPropertyRepoProxy
  extends domainProxy.MetadefPropertyRepo<domainProxy.MetadefPropertyLike, MetadefPropertyProxy, NotifierKwargs>
  implements Notifying<domainProxy.MetadefPropertyLike> {
  constructor(readonly repo: domainProxy.MetadefPropertyRepoLike, readonly context: NotifierContext, readonly notifier: NotifierLike, readonly env: NotifierEnv) {
    super(repo, (p, k) => new MetadefPropertyProxy(p, k.context, k.notifier), { context, notifier, env });
  }

  get_payload(obj: domainProxy.MetadefPropertyLike): Record<string, unknown> {
    return format_metadef_property_notification(obj);
  }

  override save(metadef_property: MetadefPropertyProxy): unknown {
    const name = oldName(metadef_property);
    const result = super.save(metadef_property);
    sendInfo(this, 'metadef_property.update', metadef_property, {
      namespace: domainProxy.getattrStrict(metadef_property.namespace, 'namespace'),
      name_old: name,
    });
    return result;
  }

  override add(metadef_property: MetadefPropertyProxy): unknown {
    const result = super.add(metadef_property);
    sendInfo(this, 'metadef_property.create', metadef_property);
    return result;
  }

  override remove(metadef_property: MetadefPropertyProxy): unknown {
    const result = super.remove(metadef_property);
    sendInfo(this, 'metadef_property.delete', metadef_property, deletedIn(metadef_property, this.env.clock));
    return result;
  }
}

/** @see glance/notifier.py MetadefResourceTypeProxy */
export class MetadefResourceTypeProxy extends domainProxy.MetadefResourceType {
  constructor(readonly repo: domainProxy.MetadefResourceTypeLike, readonly context: NotifierContext, readonly notifier: NotifierLike) {
    super(repo);
  }
}

/** @see glance/notifier.py MetadefResourceTypeFactoryProxy */
export class MetadefResourceTypeFactoryProxy
  extends domainProxy.MetadefResourceTypeFactory<domainProxy.MetadefResourceTypeLike, MetadefResourceTypeProxy, NotifierKwargs> {
  constructor(factory: domainProxy.MetadefResourceTypeFactoryLike, context: NotifierContext, notifier: NotifierLike, env: NotifierEnv) {
    super(factory, (r, k) => new MetadefResourceTypeProxy(r, k.context, k.notifier), { context, notifier, env });
  }
}

/** @see glance/notifier.py MetadefResourceTypeRepoProxy */
export class MetadefResourceTypeRepoProxy
  extends domainProxy.MetadefResourceTypeRepo<domainProxy.MetadefResourceTypeLike, MetadefResourceTypeProxy, NotifierKwargs>
  implements Notifying<domainProxy.MetadefResourceTypeLike> {
  constructor(readonly repo: domainProxy.MetadefResourceTypeRepoLike, readonly context: NotifierContext, readonly notifier: NotifierLike, readonly env: NotifierEnv) {
    super(repo, (r, k) => new MetadefResourceTypeProxy(r, k.context, k.notifier), { context, notifier, env });
  }

  get_payload(obj: domainProxy.MetadefResourceTypeLike): Record<string, unknown> {
    return format_metadef_resource_type_notification(obj, this.env.clock);
  }

  override add(md_resource_type: MetadefResourceTypeProxy): unknown {
    const result = super.add(md_resource_type);
    sendInfo(this, 'metadef_resource_type.create', md_resource_type);
    return result;
  }

  override remove(md_resource_type: MetadefResourceTypeProxy): unknown {
    const result = super.remove(md_resource_type);
    sendInfo(this, 'metadef_resource_type.delete', md_resource_type, deletedIn(md_resource_type, this.env.clock));
    return result;
  }
}

/** @see glance/notifier.py MetadefTagProxy */
export class MetadefTagProxy extends domainProxy.MetadefTag {
  constructor(readonly repo: domainProxy.MetadefTagLike, readonly context: NotifierContext, readonly notifier: NotifierLike) {
    super(repo);
  }
}

/** @see glance/notifier.py MetadefTagFactoryProxy */
export class MetadefTagFactoryProxy extends domainProxy.MetadefTagFactory<domainProxy.MetadefTagLike, MetadefTagProxy, NotifierKwargs> {
  constructor(factory: domainProxy.MetadefTagFactoryLike, context: NotifierContext, notifier: NotifierLike, env: NotifierEnv) {
    super(factory, (t, k) => new MetadefTagProxy(t, k.context, k.notifier), { context, notifier, env });
  }
}

/** @see glance/notifier.py MetadefTagRepoProxy */
export class MetadefTagRepoProxy
  extends domainProxy.MetadefTagRepo<domainProxy.MetadefTagLike, MetadefTagProxy, NotifierKwargs>
  implements Notifying<domainProxy.MetadefTagLike> {
  constructor(readonly repo: domainProxy.MetadefTagRepoLike, readonly context: NotifierContext, readonly notifier: NotifierLike, readonly env: NotifierEnv) {
    super(repo, (t, k) => new MetadefTagProxy(t, k.context, k.notifier), { context, notifier, env });
  }

  get_payload(obj: domainProxy.MetadefTagLike): Record<string, unknown> {
    return format_metadef_tag_notification(obj, this.env.clock);
  }

  override save(metadef_tag: MetadefTagProxy): unknown {
    const name = oldName(metadef_tag);
    const result = super.save(metadef_tag);
    sendInfo(this, 'metadef_tag.update', metadef_tag, {
      namespace: domainProxy.getattrStrict(metadef_tag.namespace, 'namespace'),
      name_old: name,
    });
    return result;
  }

  override add(metadef_tag: MetadefTagProxy): unknown {
    const result = super.add(metadef_tag);
    sendInfo(this, 'metadef_tag.create', metadef_tag);
    return result;
  }

  override add_tags(metadef_tags: MetadefTagProxy[]): unknown {
    const result = super.add_tags(metadef_tags);
    for (const metadef_tag of metadef_tags) sendInfo(this, 'metadef_tag.create', metadef_tag);
    return result;
  }

  override remove(metadef_tag: MetadefTagProxy): unknown {
    const result = super.remove(metadef_tag);
    sendInfo(this, 'metadef_tag.delete', metadef_tag, deletedIn(metadef_tag, this.env.clock));
    return result;
  }
}
