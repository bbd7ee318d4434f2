/**
 * The notifier layer (glance/notifier.py): sends image, member and task
 * events after the inner layers succeed, and turns upload failures into
 * HTTP errors. It sits between the policy layer (inside) and property
 * protections or authorization (outside). The metadef proxies of
 * glance/notifier.py are out of scope: the port has no metadef API.
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
