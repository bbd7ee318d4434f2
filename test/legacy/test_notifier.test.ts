// not ported: TestNotifier.test_notifier_load - loads an oslo.messaging transport; the port emits into the World's NotificationSink (see 'Notifier (port)' below)
// not ported: TestNotifier.test_set_defaults - sets oslo.messaging transport defaults; the port has no transport
import { beforeEach, describe, expect, it } from 'vitest';
import { Duplicate, Forbidden, GlanceException, NotFound, StorageQuotaFull } from '../../src/legacy/exception.js';
import * as notifier from '../../src/legacy/notifier.js';
import {
  HTTPBadRequest,
  HTTPConflict,
  HTTPError,
  HTTPForbidden,
  HTTPNotFound,
  HTTPRequestEntityTooLarge,
  HTTPServiceUnavailable,
} from '../../src/legacy/webob.js';
import { StorageFull, StorageWriteDenied } from '../../src/shared/store/exceptions.js';
import { ValueError } from '../../src/lib/python.js';
import { NotificationSink } from '../../src/shared/world.js';
import { FakeNotifier, fixedClock } from './__test-helpers__/fake-notifier.js';
import { ImageMembership } from '../../src/legacy/domain.js';
import { ImageMemberRepoStub, ImageRepoStub, ImageStub, Task, TaskRepoStub, TaskStub } from './__test-helpers__/notifier-stubs.js';
import { config, mutableSettings, type MutableSettings } from './__test-helpers__/mutable-settings.js';
import { FakeDB, FakeSizeStore, FakeStoreUtils } from './__test-helpers__/quota-fakes.js';
import { ImageProxy } from '../../src/legacy/quota.js';

const DATETIME = new Date(Date.UTC(2012, 4, 16, 15, 27, 36, 325));
const UUID1 = 'c80a1a6c-bd1f-41c5-90ee-81afedb1d58d';
const USER1 = '54492ba0-f4df-4e4e-be62-27f4d76b29cf';
const TENANT1 = '6838eb7b-6ded-434a-882c-b344c77fe8df';
const TENANT2 = '2c014f32-55eb-467d-8fcb-4bd706012f81';
const NOW = new Date(Date.UTC(2018, 1, 28, 0, 0, 3));

const context = { tenant: TENANT2, user: USER1 };

function newImage(): ImageStub {
  return new ImageStub({
    image_id: UUID1,
    name: 'image-1',
    status: 'active',
    size: 1024,
    created_at: DATETIME,
    updated_at: DATETIME,
    owner: TENANT1,
    visibility: 'public',
    container_format: 'ami',
    virtual_size: 2048,
    tags: ['one', 'two'],
    disk_format: 'ami',
    min_ram: 128,
    min_disk: 10,
    checksum: 'ca425b88f047ce8ec45ee90e813ada91',
    locations: ['http://127.0.0.1'],
  });
}

/** Runs `fn`, requires it to throw an instance of `cls`, and returns the error. */
function raises<E>(cls: abstract new (...args: never[]) => E, fn: () => unknown): E {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(cls);
    return e as E;
  }
  throw new Error(`expected ${cls.name} to be raised`);
}

describe('Notifier (port)', () => {
  it('sends each priority into the World sink, unfiltered', () => {
    const sink = new NotificationSink();
    const n = new notifier.Notifier(sink);
    n.info('image.create', { id: 'a' });
    n.warn('image.update', 'w');
    n.error('image.upload', 'e');
    expect(sink.since(0)).toEqual([
      { event_type: 'image.create', payload: { id: 'a' }, priority: 'INFO' },
      { event_type: 'image.update', payload: 'w', priority: 'WARN' },
      { event_type: 'image.upload', payload: 'e', priority: 'ERROR' },
    ]);
  });

  it('disables a type by name or by the group before its first dot', () => {
    const settings = mutableSettings({ disabled_notifications: ['image.create', 'task'] });
    expect(notifier.isNotificationEnabled('image.create', settings)).toBe(false);
    expect(notifier.isNotificationEnabled('image.update', settings)).toBe(true);
    expect(notifier.isNotificationEnabled('task.run', settings)).toBe(false);
    expect(notifier.isNotificationEnabled('image.member.create', mutableSettings({ disabled_notifications: ['image'] }))).toBe(false);
  });

  it('quirk: disabling "image.member" disables no member event (the group is "image")', () => {
    const settings = mutableSettings({ disabled_notifications: ['image.member'] });
    expect(notifier.isNotificationEnabled('image.member.create', settings)).toBe(true);
    expect(notifier.isNotificationEnabled('image.member', settings)).toBe(false);
  });

  it('isotime renders seconds with Z, and None as now', () => {
    const clock = fixedClock(NOW);
    expect(notifier.isotime(DATETIME, clock)).toBe('2012-05-16T15:27:36Z');
    expect(notifier.isotime(null, clock)).toBe('2018-02-28T00:00:03Z');
  });

  it('formats the full image payload: properties dict, tags list, is_public, no locations', () => {
    const image = newImage();
    image.extra_properties.setItem('os_distro', 'cirros');
    const payload = notifier.formatImageNotification(image, fixedClock(NOW));
    expect(payload).toEqual({
      id: UUID1,
      name: 'image-1',
      status: 'active',
      created_at: '2012-05-16T15:27:36Z',
      updated_at: '2012-05-16T15:27:36Z',
      min_disk: 10,
      min_ram: 128,
      protected: false,
      checksum: 'ca425b88f047ce8ec45ee90e813ada91',
      owner: TENANT1,
      disk_format: 'ami',
      container_format: 'ami',
      size: 1024,
      virtual_size: 2048,
      is_public: true,
      visibility: 'public',
      properties: { os_distro: 'cirros' },
      tags: ['one', 'two'],
      deleted: false,
      deleted_at: null,
    });
  });

  it('quirk: a task without expires_at reports now as its expiry', () => {
    const task = new TaskStub({ task_id: 'aaa', task_type: 'import', status: 'pending', owner: TENANT2, expires_at: null, created_at: DATETIME, updated_at: DATETIME });
    const payload = notifier.formatTaskNotification(task, fixedClock(NOW));
    expect(payload['expires_at']).toBe('2018-02-28T00:00:03Z');
    expect(payload['result']).toBeNull();
    expect(payload['message']).toBeNull();
  });
});

describe('TestImageNotifications', () => {
  let settings: MutableSettings;
  let env: notifier.NotifierEnv;
  let image: ImageStub;
  let fake: FakeNotifier;
  let imageRepoProxy: notifier.ImageRepoProxy;
  let imageProxy: notifier.ImageProxy;

  beforeEach(() => {
    settings = mutableSettings();
    env = { settings, clock: fixedClock(NOW) };
    image = newImage();
    fake = new FakeNotifier();
    imageRepoProxy = new notifier.ImageRepoProxy(new ImageRepoStub(), context, fake, env);
    imageProxy = new notifier.ImageProxy(image, context, fake, env);
  });

  it('test_image_save_notification: image.update at info with the image payload, no location', () => {
    imageRepoProxy.save(imageProxy);
    const logs = fake.get_logs();
    expect(logs).toHaveLength(1);
    const [log] = logs;
    expect(log?.notification_type).toBe('INFO');
    expect(log?.event_type).toBe('image.update');
    expect(log?.payload['id']).toBe(image.image_id);
    expect('location' in log?.payload).toBe(false);
  });

  it('test_image_save_notification_disabled: nothing is sent when image.update is disabled', () => {
    config(settings, { disabled_notifications: ['image.update'] });
    imageRepoProxy.save(imageProxy);
    expect(fake.get_logs()).toHaveLength(0);
  });

  it('test_image_add_notification: image.create at info with the image payload, no location', () => {
    imageRepoProxy.add(imageProxy);
    const logs = fake.get_logs();
    expect(logs).toHaveLength(1);
    expect(logs[0]?.notification_type).toBe('INFO');
    expect(logs[0]?.event_type).toBe('image.create');
    expect(logs[0]?.payload['id']).toBe(image.image_id);
    expect('location' in logs[0]?.payload).toBe(false);
  });

  it('test_image_add_notification_disabled: nothing is sent when image.create is disabled', () => {
    config(settings, { disabled_notifications: ['image.create'] });
    imageRepoProxy.add(imageProxy);
    expect(fake.get_logs()).toHaveLength(0);
  });

  it('test_image_delete_notification: image.delete with deleted true and deleted_at now', () => {
    imageRepoProxy.remove(imageProxy);
    const logs = fake.get_logs();
    expect(logs).toHaveLength(1);
    expect(logs[0]?.notification_type).toBe('INFO');
    expect(logs[0]?.event_type).toBe('image.delete');
    expect(logs[0]?.payload['id']).toBe(image.image_id);
    expect(logs[0]?.payload['deleted']).toBe(true);
    expect(logs[0]?.payload['deleted_at']).toBe('2018-02-28T00:00:03Z');
    expect('location' in logs[0]?.payload).toBe(false);
  });

  it('test_image_delete_notification_disabled: nothing is sent when image.delete is disabled', () => {
    config(settings, { disabled_notifications: ['image.delete'] });
    imageRepoProxy.remove(imageProxy);
    expect(fake.get_logs()).toHaveLength(0);
  });

  it('test_image_get: get wraps the inner result in a notifier ImageProxy', () => {
    const got = imageRepoProxy.get(UUID1);
    expect(got).toBeInstanceOf(notifier.ImageProxy);
    expect((got as notifier.ImageProxy).repo).toBe(ImageRepoStub.fromGet);
  });

  it('test_image_list: list wraps every inner result in a notifier ImageProxy', () => {
    const images = imageRepoProxy.list({});
    expect(images[0]).toBeInstanceOf(notifier.ImageProxy);
    expect((images[0] as notifier.ImageProxy).repo).toBe(ImageRepoStub.fromList);
  });

  it('test_image_get_data_should_call_next_image_get_data: the inner get_data runs before any chunk is read', () => {
    imageProxy.get_data();
    expect(image.getDataCalls).toBe(1);
  });

  it('test_image_get_data_notification: image.send at info once the data is drained', () => {
    imageProxy.size = 10;
    const data = [...imageProxy.get_data()].map((c) => c.toString()).join('');
    expect(data).toBe('0123456789');
    const logs = fake.get_logs();
    expect(logs).toHaveLength(1);
    const log = logs[0];
    expect(log?.notification_type).toBe('INFO');
    expect(log?.event_type).toBe('image.send');
    expect(log?.payload['image_id']).toBe(image.image_id);
    expect(log?.payload['receiver_tenant_id']).toBe(TENANT2);
    expect(log?.payload['receiver_user_id']).toBe(USER1);
    expect(log?.payload['bytes_sent']).toBe(10);
    expect(log?.payload['owner_id']).toBe(TENANT1);
  });

  it('test_image_get_data_notification_disabled: the data flows and nothing is sent', () => {
    config(settings, { disabled_notifications: ['image.send'] });
    imageProxy.size = 10;
    const data = [...imageProxy.get_data()].map((c) => c.toString()).join('');
    expect(data).toBe('0123456789');
    expect(fake.get_logs()).toHaveLength(0);
  });

  it('test_image_get_data_size_mismatch: image.send at error when bytes sent differ from size', () => {
    imageProxy.size = 11;
    [...imageProxy.get_data()];
    const logs = fake.get_logs();
    expect(logs).toHaveLength(1);
    expect(logs[0]?.notification_type).toBe('ERROR');
    expect(logs[0]?.event_type).toBe('image.send');
    expect(logs[0]?.payload['image_id']).toBe(image.image_id);
  });

  it('test_image_set_data_prepare_notification: image.prepare is sent before the data is read', () => {
    const insurance = { called: false };
    function* dataIterator(): Generator<Buffer> {
      const logs = fake.get_logs();
      expect(logs).toHaveLength(1);
      expect(logs[0]?.notification_type).toBe('INFO');
      expect(logs[0]?.event_type).toBe('image.prepare');
      expect(logs[0]?.payload['id']).toBe(image.image_id);
      yield Buffer.from('abcd');
      yield Buffer.from('efgh');
      insurance.called = true;
    }
    imageProxy.set_data(dataIterator(), 8);
    expect(insurance.called).toBe(true);
  });

  it('test_image_set_data_prepare_notification_disabled: no image.prepare when disabled', () => {
    const insurance = { called: false };
    function* dataIterator(): Generator<Buffer> {
      expect(fake.get_logs()).toHaveLength(0);
      yield Buffer.from('abcd');
      yield Buffer.from('efgh');
      insurance.called = true;
    }
    config(settings, { disabled_notifications: ['image.prepare'] });
    imageProxy.set_data(dataIterator(), 8);
    expect(insurance.called).toBe(true);
  });

  it('test_image_set_data_upload_and_activate_notification: image.upload then image.activate at info', () => {
    function* dataIterator(): Generator<Buffer> {
      fake.log = [];
      yield Buffer.from('abcde');
      yield Buffer.from('fghij');
    }
    imageProxy.set_data(dataIterator(), 10);
    const logs = fake.get_logs();
    expect(logs).toHaveLength(2);
    expect(logs[0]?.notification_type).toBe('INFO');
    expect(logs[0]?.event_type).toBe('image.upload');
    expect(logs[0]?.payload['id']).toBe(image.image_id);
    expect(logs[1]?.notification_type).toBe('INFO');
    expect(logs[1]?.event_type).toBe('image.activate');
    expect(logs[1]?.payload['id']).toBe(image.image_id);
  });

  it('test_image_set_data_upload_and_activate_notification_disabled: neither is sent when both are disabled', () => {
    const insurance = { called: false };
    function* dataIterator(): Generator<Buffer> {
      fake.log = [];
      yield Buffer.from('abcde');
      yield Buffer.from('fghij');
      insurance.called = true;
    }
    config(settings, { disabled_notifications: ['image.activate', 'image.upload'] });
    imageProxy.set_data(dataIterator(), 10);
    expect(insurance.called).toBe(true);
    expect(fake.get_logs()).toHaveLength(0);
  });

  /** Feeds set_data a first chunk, then `error`; returns what set_data raised. */
  function failUpload<E>(cls: abstract new (...args: never[]) => E, error: unknown): E {
    function* dataIterator(): Generator<Buffer> {
      fake.log = [];
      yield Buffer.from('abcde');
      throw error;
    }
    return raises(cls, () => imageProxy.set_data(dataIterator(), 10));
  }

  function expectOneUploadError(text: string): string {
    const logs = fake.get_logs();
    expect(logs).toHaveLength(1);
    expect(logs[0]?.notification_type).toBe('ERROR');
    expect(logs[0]?.event_type).toBe('image.upload');
    expect(typeof logs[0]?.payload).toBe('string');
    expect(logs[0]?.payload).toContain(text);
    return logs[0]?.payload as string;
  }

  it('test_image_set_data_storage_full: store StorageFull becomes 413 and an error image.upload', () => {
    const e = failUpload(HTTPRequestEntityTooLarge, new StorageFull('Modern Major General'));
    const payload = expectOneUploadError('Modern Major General');
    expect(payload).toBe('Image storage media is full: Modern Major General');
    expect(e.explanation).toBe(payload);
  });

  it('test_image_set_data_value_error: ValueError becomes 400 with the bare error text', () => {
    const e = failUpload(HTTPBadRequest, new ValueError('value wrong'));
    const payload = expectOneUploadError('value wrong');
    expect(payload).toBe(`Cannot save data for image ${UUID1}: value wrong`);
    expect(e.explanation).toBe('value wrong');
  });

  it('test_image_set_data_duplicate: Duplicate becomes 409 (quirk: no space before the id)', () => {
    const e = failUpload(HTTPConflict, new Duplicate('Cant have duplicates'));
    const payload = expectOneUploadError('Cant have duplicates');
    expect(payload).toBe(`Unable to upload duplicate image data for image${UUID1}: Cant have duplicates`);
    expect(e.explanation).toBe(payload);
  });

  it('test_image_set_data_storage_write_denied: store StorageWriteDenied becomes 503', () => {
    const e = failUpload(HTTPServiceUnavailable, new StorageWriteDenied('The Very Model'));
    const payload = expectOneUploadError('The Very Model');
    expect(e.explanation).toBe(payload);
  });

  it('test_image_set_data_forbidden: Forbidden becomes 403 naming the image', () => {
    const e = failUpload(HTTPForbidden, new Forbidden('Not allowed'));
    const payload = expectOneUploadError('Not allowed');
    expect(payload).toBe(`Not allowed to upload image data for image ${UUID1}: Not allowed`);
    expect(e.explanation).toBe(payload);
  });

  it('test_image_set_data_not_found: NotFound becomes 404 with the bare error text', () => {
    const e = failUpload(HTTPNotFound, new NotFound('Not found'));
    expectOneUploadError('Not found');
    expect(e.explanation).toBe('Not found');
  });

  it('test_image_set_data_HTTP_error: an HTTPError is re-raised unchanged after an error image.upload', () => {
    const original = new HTTPError('Http issue');
    const e = failUpload(HTTPError, original);
    expect(e).toBe(original);
    expectOneUploadError('Http issue');
  });

  it('test_image_set_data_error: any other exception is re-raised unchanged after an error image.upload', () => {
    const original = new GlanceException('Failed');
    const e = failUpload(GlanceException, original);
    expect(e).toBe(original);
    const payload = expectOneUploadError('Failed');
    expect(payload).toBe(`Failed to upload image data for image ${UUID1} due to internal error: Failed`);
  });

  it('quirk: StorageQuotaFull from the quota layer is not converted (the controller maps it to 413)', () => {
    const original = new StorageQuotaFull(null, { image_size: 5, remaining: 4 });
    const e = failUpload(StorageQuotaFull, original);
    expect(e).toBe(original);
    expectOneUploadError('The size of the data 5 will exceed the limit. 4 bytes remaining.');
  });
});

describe('TestImageMemberNotifications', () => {
  let settings: MutableSettings;
  let env: notifier.NotifierEnv;
  let fake: FakeNotifier;
  let member: ImageMembership;
  let memberRepoProxy: notifier.ImageMemberRepoProxy;
  let memberProxy: notifier.ImageMemberProxy;

  beforeEach(() => {
    settings = mutableSettings();
    env = { settings, clock: fixedClock(NOW) };
    fake = new FakeNotifier();
    member = new ImageMembership({ id: 1, image_id: UUID1, member_id: TENANT1, created_at: DATETIME, updated_at: DATETIME, status: 'accepted' });
    memberRepoProxy = new notifier.ImageMemberRepoProxy(new ImageMemberRepoStub(), newImage(), context, fake, env);
    memberProxy = new notifier.ImageMemberProxy(member, context, fake, env);
  });

  function assertImageMemberWithNotifier(payload: Record<string, unknown>, deleted = false): void {
    const clock = fixedClock(NOW);
    expect(payload['member_id']).toBe(member.member_id);
    expect(payload['image_id']).toBe(member.image_id);
    expect(payload['status']).toBe(member.status);
    expect(payload['created_at']).toBe(notifier.isotime(member.created_at, clock));
    expect(payload['updated_at']).toBe(notifier.isotime(member.updated_at, clock));
    if (deleted) {
      expect(payload['deleted']).toBe(true);
      expect(payload['deleted_at']).not.toBeNull();
    } else {
      expect(payload['deleted']).toBe(false);
      expect(payload['deleted_at']).toBeNull();
    }
  }

  it('test_image_member_add_notification: image.member.create at info with the member payload', () => {
    memberRepoProxy.add(memberProxy);
    const logs = fake.get_logs();
    expect(logs).toHaveLength(1);
    expect(logs[0]?.notification_type).toBe('INFO');
    expect(logs[0]?.event_type).toBe('image.member.create');
    assertImageMemberWithNotifier(logs[0]?.payload);
  });

  it('test_image_member_add_notification_disabled: nothing is sent when image.member.create is disabled', () => {
    config(settings, { disabled_notifications: ['image.member.create'] });
    memberRepoProxy.add(memberProxy);
    expect(fake.get_logs()).toHaveLength(0);
  });

  it('test_image_member_save_notification: image.member.update at info with the member payload', () => {
    memberRepoProxy.save(memberProxy);
    const logs = fake.get_logs();
    expect(logs).toHaveLength(1);
    expect(logs[0]?.notification_type).toBe('INFO');
    expect(logs[0]?.event_type).toBe('image.member.update');
    assertImageMemberWithNotifier(logs[0]?.payload);
  });

  it('test_image_member_save_notification_disabled: nothing is sent when image.member.update is disabled', () => {
    config(settings, { disabled_notifications: ['image.member.update'] });
    memberRepoProxy.save(memberProxy);
    expect(fake.get_logs()).toHaveLength(0);
  });

  it('test_image_member_delete_notification: image.member.delete with deleted true and a deleted_at', () => {
    memberRepoProxy.remove(memberProxy);
    const logs = fake.get_logs();
    expect(logs).toHaveLength(1);
    expect(logs[0]?.notification_type).toBe('INFO');
    expect(logs[0]?.event_type).toBe('image.member.delete');
    assertImageMemberWithNotifier(logs[0]?.payload, true);
  });

  it('test_image_member_delete_notification_disabled: nothing is sent when image.member.delete is disabled', () => {
    config(settings, { disabled_notifications: ['image.member.delete'] });
    memberRepoProxy.remove(memberProxy);
    expect(fake.get_logs()).toHaveLength(0);
  });

  it('test_image_member_get: get wraps the inner result in a notifier ImageMemberProxy', () => {
    const got = memberRepoProxy.get(TENANT1);
    expect(got).toBeInstanceOf(notifier.ImageMemberProxy);
    expect((got as notifier.ImageMemberProxy).repo).toBe(ImageMemberRepoStub.fromGet);
  });

  it('test_image_member_list: list wraps every inner result in a notifier ImageMemberProxy', () => {
    const members = [...memberRepoProxy.list()];
    expect(members[0]).toBeInstanceOf(notifier.ImageMemberProxy);
    expect((members[0] as notifier.ImageMemberProxy).repo).toBe(ImageMemberRepoStub.fromList);
  });
});

describe('TestTaskNotifications', () => {
  let settings: MutableSettings;
  let env: notifier.NotifierEnv;
  let fake: FakeNotifier;
  let task: Task;
  let taskRepoProxy: notifier.TaskRepoProxy;
  let taskProxy: notifier.TaskProxy;
  let taskStubProxy: notifier.TaskStubProxy;
  const clock = fixedClock(NOW);

  beforeEach(() => {
    settings = mutableSettings();
    env = { settings, clock };
    fake = new FakeNotifier();
    const taskStub = new TaskStub({ task_id: 'aaa', task_type: 'import', status: 'pending', owner: TENANT2, expires_at: null, created_at: DATETIME, updated_at: DATETIME });
    task = new Task({
      task_id: 'aaa',
      task_type: 'import',
      status: 'pending',
      owner: TENANT2,
      expires_at: null,
      created_at: DATETIME,
      updated_at: DATETIME,
      task_input: { loc: 'fake' },
      result: 'res',
      message: 'blah',
    });
    taskRepoProxy = new notifier.TaskRepoProxy(new TaskRepoStub(), context, fake, env);
    taskProxy = new notifier.TaskProxy(task, context, fake, env);
    taskStubProxy = new notifier.TaskStubProxy(taskStub, context, fake, env);
  });

  it('test_task_create_notification: task.create at info with the task times', () => {
    taskRepoProxy.add(taskStubProxy as unknown as notifier.TaskProxy);
    const logs = fake.get_logs();
    expect(logs).toHaveLength(1);
    expect(logs[0]?.notification_type).toBe('INFO');
    expect(logs[0]?.event_type).toBe('task.create');
    expect(logs[0]?.payload['id']).toBe(task.task_id);
    expect(logs[0]?.payload['updated_at']).toBe(notifier.isotime(task.updated_at, clock));
    expect(logs[0]?.payload['created_at']).toBe(notifier.isotime(task.created_at, clock));
    expect('location' in logs[0]?.payload).toBe(false);
  });

  it('test_task_create_notification_disabled: nothing is sent when task.create is disabled', () => {
    config(settings, { disabled_notifications: ['task.create'] });
    taskRepoProxy.add(taskStubProxy as unknown as notifier.TaskProxy);
    expect(fake.get_logs()).toHaveLength(0);
  });

  it('test_task_delete_notification: task.delete with deleted_at now', () => {
    const now = notifier.isotime(null, clock);
    taskRepoProxy.remove(taskStubProxy as unknown as notifier.TaskProxy);
    const logs = fake.get_logs();
    expect(logs).toHaveLength(1);
    expect(logs[0]?.notification_type).toBe('INFO');
    expect(logs[0]?.event_type).toBe('task.delete');
    expect(logs[0]?.payload['id']).toBe(task.task_id);
    expect(logs[0]?.payload['updated_at']).toBe(notifier.isotime(task.updated_at, clock));
    expect(logs[0]?.payload['created_at']).toBe(notifier.isotime(task.created_at, clock));
    expect(logs[0]?.payload['deleted_at']).toBe(now);
    expect('location' in logs[0]?.payload).toBe(false);
  });

  it('test_task_delete_notification_disabled: nothing is sent when task.delete is disabled', () => {
    config(settings, { disabled_notifications: ['task.delete'] });
    taskRepoProxy.remove(taskStubProxy as unknown as notifier.TaskProxy);
    expect(fake.get_logs()).toHaveLength(0);
  });

  it('test_task_run_notification: task.run at info after the run', () => {
    const executor = { begin_processing: (_id: string) => undefined };
    taskProxy.run(executor);
    const logs = fake.get_logs();
    expect(logs).toHaveLength(1);
    expect(logs[0]?.notification_type).toBe('INFO');
    expect(logs[0]?.event_type).toBe('task.run');
    expect(logs[0]?.payload['id']).toBe(task.task_id);
  });

  it('test_task_run_notification_disabled: nothing is sent when task.run is disabled', () => {
    config(settings, { disabled_notifications: ['task.run'] });
    taskProxy.run({ begin_processing: (_id: string) => undefined });
    expect(fake.get_logs()).toHaveLength(0);
  });

  it('test_task_processing_notification: task.processing at info', () => {
    taskProxy.begin_processing();
    const logs = fake.get_logs();
    expect(logs).toHaveLength(1);
    expect(logs[0]?.notification_type).toBe('INFO');
    expect(logs[0]?.event_type).toBe('task.processing');
    expect(logs[0]?.payload['id']).toBe(task.task_id);
  });

  it('test_task_processing_notification_disabled: nothing is sent when task.processing is disabled', () => {
    config(settings, { disabled_notifications: ['task.processing'] });
    taskProxy.begin_processing();
    expect(fake.get_logs()).toHaveLength(0);
  });

  it('test_task_success_notification: task.success at info after task.processing', () => {
    taskProxy.begin_processing();
    taskProxy.succeed(null);
    const logs = fake.get_logs();
    expect(logs).toHaveLength(2);
    expect(logs[1]?.notification_type).toBe('INFO');
    expect(logs[1]?.event_type).toBe('task.success');
    expect(logs[1]?.payload['id']).toBe(task.task_id);
  });

  it('test_task_success_notification_disabled: nothing is sent when both are disabled', () => {
    config(settings, { disabled_notifications: ['task.processing', 'task.success'] });
    taskProxy.begin_processing();
    taskProxy.succeed(null);
    expect(fake.get_logs()).toHaveLength(0);
  });

  it('test_task_failure_notification: task.failure at info', () => {
    taskProxy.fail(null);
    const logs = fake.get_logs();
    expect(logs).toHaveLength(1);
    expect(logs[0]?.notification_type).toBe('INFO');
    expect(logs[0]?.event_type).toBe('task.failure');
    expect(logs[0]?.payload['id']).toBe(task.task_id);
  });

  it('test_task_failure_notification_disabled: nothing is sent when task.failure is disabled', () => {
    config(settings, { disabled_notifications: ['task.failure'] });
    taskProxy.fail(null);
    expect(fake.get_logs()).toHaveLength(0);
  });
});

describe('notifier over quota (port)', () => {
  it('a declared upload over the storage quota: image.prepare, then an error image.upload with the quota text, re-raised', () => {
    const settings = mutableSettings({ user_storage_quota: '10' });
    const fake = new FakeNotifier();
    const db = new FakeDB();
    db.imageCreate({ owner: 'p-alice' }, { id: 'other', owner: 'p-alice', status: 'active', size: 6, locations: [{ url: 'u', metadata: {}, status: 'active' }] });
    const base = newImage();
    const deps = { db_api: db, store_utils: new FakeStoreUtils(), store: new FakeSizeStore(), settings };
    const ctx = { owner: 'p-alice', tenant: 'p-alice', user: 'u-alice' };
    const quotaImage = new ImageProxy(base, ctx, deps);
    const image = new notifier.ImageProxy(quotaImage, ctx, fake, { settings, clock: fixedClock(NOW) });
    raises(StorageQuotaFull, () => image.set_data([Buffer.from('12345')], 5));
    expect(fake.get_logs().map((l) => [l.notification_type, l.event_type])).toEqual([
      ['INFO', 'image.prepare'],
      ['ERROR', 'image.upload'],
    ]);
    expect(fake.get_logs()[1]?.payload).toBe(
      `Failed to upload image data for image ${UUID1} due to internal error: The size of the data 5 will exceed the limit. 4 bytes remaining.`,
    );
  });
});
