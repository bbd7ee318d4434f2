// Port of glance/tests/unit/test_domain.py (all 52 cases ported; mock.patch of
// timeutils/importutils becomes the injected clock and executor loader).
import { describe, expect, it } from 'vitest';
import * as domain from '../../src/legacy/domain.js';
import {
  Forbidden,
  Invalid,
  InvalidImageStatusTransition,
  InvalidParameterValue,
  InvalidTaskStatus,
  InvalidTaskStatusTransition,
  InvalidTaskType,
  ProtectedImageDelete,
  ReadonlyProperty,
  ReservedProperty,
  TaskException,
} from '../../src/legacy/exception.js';
import { KeyError, PyException, TypeError_, ValueError } from '../../src/lib/python.js';
import { PyDict, pyEquals } from '../../src/lib/pycollections.js';
import { config } from './__test-helpers__/mutable-settings.js';
import { domainDeps } from './__test-helpers__/domain-deps.js';

const UUID1 = 'c80a1a6c-bd1f-41c5-90ee-81afedb1d58d';
const TENANT1 = '6838eb7b-6ded-434a-882c-b344c77fe8df';
const HOUR_MS = 3600 * 1000;

function imageFactory() {
  const deps = domainDeps();
  return { ...deps, image_factory: new domain.ImageFactory(deps.clock, deps.ids, deps.settings) };
}

function taskFactory() {
  const deps = domainDeps();
  return { ...deps, task_factory: new domain.TaskFactory(deps.clock, deps.ids, deps.settings) };
}

describe('TestImageFactory', () => {
  it('test_minimal_new_image: a new image is queued, shared, unowned and empty', () => {
    const { image_factory } = imageFactory();
    const image = image_factory.new_image();
    expect(image.image_id).not.toBeNull();
    expect(image.created_at).not.toBeNull();
    expect(image.created_at).toEqual(image.updated_at);
    expect(image.status).toBe('queued');
    expect(image.visibility).toBe('shared');
    expect(image.owner).toBeNull();
    expect(image.name).toBeNull();
    expect(image.size).toBeNull();
    expect(image.min_disk).toBe(0);
    expect(image.min_ram).toBe(0);
    expect(image.protected).toBe(false);
    expect(image.disk_format).toBeNull();
    expect(image.container_format).toBeNull();
    expect(pyEquals(image.extra_properties, {})).toBe(true);
    expect(image.tags.toSet()).toEqual(new Set());
  });

  it('test_new_image: the given id, name, min_disk and owner are kept', () => {
    const { image_factory } = imageFactory();
    const image = image_factory.new_image({ image_id: UUID1, name: 'image-1', min_disk: 256, owner: TENANT1 });
    expect(image.image_id).toBe(UUID1);
    expect(image.created_at).not.toBeNull();
    expect(image.created_at).toEqual(image.updated_at);
    expect(image.status).toBe('queued');
    expect(image.visibility).toBe('shared');
    expect(image.owner).toBe(TENANT1);
    expect(image.name).toBe('image-1');
    expect(image.size).toBeNull();
    expect(image.min_disk).toBe(256);
    expect(image.min_ram).toBe(0);
    expect(image.protected).toBe(false);
    expect(image.disk_format).toBeNull();
    expect(image.container_format).toBeNull();
    expect(pyEquals(image.extra_properties, {})).toBe(true);
    expect(image.tags.toSet()).toEqual(new Set());
  });

  it('test_new_image_with_extra_properties_and_tags: extra properties and tags are kept', () => {
    const { image_factory } = imageFactory();
    const image = image_factory.new_image({
      image_id: UUID1, name: 'image-1', extra_properties: { foo: 'bar' }, tags: ['one', 'two'],
    });
    expect(image.image_id).toBe(UUID1);
    expect(image.created_at).not.toBeNull();
    expect(image.created_at).toEqual(image.updated_at);
    expect(image.status).toBe('queued');
    expect(image.visibility).toBe('shared');
    expect(image.owner).toBeNull();
    expect(image.name).toBe('image-1');
    expect(image.size).toBeNull();
    expect(image.min_disk).toBe(0);
    expect(image.min_ram).toBe(0);
    expect(image.protected).toBe(false);
    expect(image.disk_format).toBeNull();
    expect(image.container_format).toBeNull();
    expect(pyEquals(image.extra_properties, { foo: 'bar' })).toBe(true);
    expect(image.tags.toSet()).toEqual(new Set(['one', 'two']));
  });

  it('test_new_image_read_only_property: size is refused as read-only', () => {
    const { image_factory } = imageFactory();
    expect(() => image_factory.new_image({ image_id: UUID1, name: 'image-1', size: 256 })).toThrow(ReadonlyProperty);
  });

  it('test_new_image_unexpected_property: an unknown keyword is a TypeError', () => {
    const { image_factory } = imageFactory();
    expect(() => image_factory.new_image({ image_id: UUID1, image_name: 'name-1' })).toThrow(TypeError_);
  });

  it('test_new_image_reserved_property: a reserved extra property is refused', () => {
    const { image_factory } = imageFactory();
    expect(() => image_factory.new_image({ image_id: UUID1, extra_properties: { deleted: true } }))
      .toThrow(ReservedProperty);
  });

  it('test_new_image_for_is_public: is_public is an ordinary extra property', () => {
    const { image_factory } = imageFactory();
    const new_image = image_factory.new_image({ image_id: UUID1, extra_properties: { is_public: true } });
    expect(new_image.extra_properties.getItem('is_public')).toBe(true);
  });
});

describe('TestImage', () => {
  const setUp = () => {
    const deps = imageFactory();
    const image = deps.image_factory.new_image({ container_format: 'bear', disk_format: 'rawr' });
    return { ...deps, image };
  };

  it('test_extra_properties: assigning a dict replaces the extra properties', () => {
    const { image } = setUp();
    image.extra_properties = { foo: 'bar' };
    expect(pyEquals(image.extra_properties, { foo: 'bar' })).toBe(true);
  });

  it('test_extra_properties_assign: an item can be set on the extra properties', () => {
    const { image } = setUp();
    image.extra_properties.setItem('foo', 'bar');
    expect(pyEquals(image.extra_properties, { foo: 'bar' })).toBe(true);
  });

  it('test_delete_extra_properties: an item can be deleted from the extra properties', () => {
    const { image } = setUp();
    image.extra_properties = { foo: 'bar' };
    expect(pyEquals(image.extra_properties, { foo: 'bar' })).toBe(true);
    image.extra_properties.delItem('foo');
    expect(pyEquals(image.extra_properties, {})).toBe(true);
  });

  it('test_visibility_enumerated: the four visibilities are accepted, anything else is a ValueError', () => {
    const { image } = setUp();
    image.visibility = 'public';
    image.visibility = 'private';
    image.visibility = 'shared';
    image.visibility = 'community';
    expect(image.visibility).toBe('community');
    expect(() => {
      image.visibility = 'ellison';
    }).toThrow(ValueError);
  });

  it('test_tags_always_a_set: a list of tags becomes a set', () => {
    const { image } = setUp();
    image.tags = ['a', 'b', 'c'];
    expect(image.tags.toSet()).toEqual(new Set(['a', 'b', 'c']));
  });

  it('test_delete_protected_image: deleting a protected image raises ProtectedImageDelete', () => {
    const { image } = setUp();
    image.protected = true;
    expect(() => image.delete()).toThrow(ProtectedImageDelete);
  });

  it('test_status_saving: queued may move to saving', () => {
    const { image } = setUp();
    image.status = 'saving';
    expect(image.status).toBe('saving');
  });

  it('test_set_incorrect_status: an unknown target status is an invalid transition', () => {
    const { image } = setUp();
    image.status = 'saving';
    image.status = 'killed';
    expect(() => {
      image.status = 'delet';
    }).toThrow(InvalidImageStatusTransition);
  });

  it('test_status_saving_without_disk_format: saving needs a disk format', () => {
    const { image } = setUp();
    image.disk_format = null;
    expect(() => {
      image.status = 'saving';
    }).toThrow(ValueError);
  });

  it('test_status_saving_without_container_format: saving needs a container format', () => {
    const { image } = setUp();
    image.container_format = null;
    expect(() => {
      image.status = 'saving';
    }).toThrow(ValueError);
  });

  it('test_status_active_without_disk_format: active needs a disk format', () => {
    const { image } = setUp();
    image.disk_format = null;
    expect(() => {
      image.status = 'active';
    }).toThrow(ValueError);
  });

  it('test_status_active_without_container_format: active needs a container format', () => {
    const { image } = setUp();
    image.container_format = null;
    expect(() => {
      image.status = 'active';
    }).toThrow(ValueError);
  });

  it('test_delayed_delete: with delayed_delete an image with locations becomes pending_delete', () => {
    const { image, settings } = setUp();
    config(settings, { delayed_delete: true });
    image.status = 'active';
    image.locations = [{ url: 'http://foo.bar/not.exists', metadata: {} }];
    expect(image.status).toBe('active');
    image.delete();
    expect(image.status).toBe('pending_delete');
  });
});

describe('TestImageMember', () => {
  it('test_status_enumerated: pending, accepted and rejected are the only member statuses', () => {
    const { clock, image_factory } = imageFactory();
    const image = image_factory.new_image();
    const image_member = new domain.ImageMemberFactory(clock).new_image_member(image, TENANT1);
    image_member.status = 'pending';
    image_member.status = 'accepted';
    image_member.status = 'rejected';
    expect(image_member.status).toBe('rejected');
    expect(() => {
      image_member.status = 'ellison';
    }).toThrow(ValueError);
  });
});

describe('TestImageMemberFactory', () => {
  it('test_minimal_new_image_member: a new member is pending on the given image', () => {
    const { clock, image_factory } = imageFactory();
    const image = image_factory.new_image({ image_id: UUID1, name: 'image-1', min_disk: 256, owner: TENANT1 });
    const image_member = new domain.ImageMemberFactory(clock).new_image_member(image, 'fake-member-id');
    expect(image_member.image_id).toBe(image.image_id);
    expect(image_member.created_at).not.toBeNull();
    expect(image_member.created_at).toEqual(image_member.updated_at);
    expect(image_member.status).toBe('pending');
    expect(image_member.member_id).not.toBeNull();
  });
});

describe('TestExtraProperties', () => {
  const a_dict = () => ({ foo: 'bar', snitch: 'golden' });

  it('test_getitem: items are read by key', () => {
    const extra_properties = new domain.ExtraProperties(a_dict());
    expect(extra_properties.getItem('foo')).toBe('bar');
    expect(extra_properties.getItem('snitch')).toBe('golden');
  });

  it('test_getitem_with_no_items: a missing key is a KeyError', () => {
    const extra_properties = new domain.ExtraProperties();
    expect(() => extra_properties.getItem('foo')).toThrow(KeyError);
  });

  it('test_setitem: an item can be replaced', () => {
    const extra_properties = new domain.ExtraProperties(a_dict());
    extra_properties.setItem('foo', 'baz');
    expect(extra_properties.getItem('foo')).toBe('baz');
  });

  it('test_delitem: a deleted key is gone, the others stay', () => {
    const extra_properties = new domain.ExtraProperties(a_dict());
    extra_properties.delItem('foo');
    expect(() => extra_properties.getItem('foo')).toThrow(KeyError);
    expect(extra_properties.getItem('snitch')).toBe('golden');
  });

  it('test_len_with_zero_items: an empty one has length 0', () => {
    expect(new domain.ExtraProperties().len()).toBe(0);
  });

  it('test_len_with_non_zero_items: the length counts the keys', () => {
    const extra_properties = new domain.ExtraProperties();
    extra_properties.setItem('foo', 'bar');
    extra_properties.setItem('snitch', 'golden');
    expect(extra_properties.len()).toBe(2);
  });

  it('test_eq_with_a_dict: equal to a plain dict with the same items', () => {
    const extra_properties = new domain.ExtraProperties(a_dict());
    expect(pyEquals({ foo: 'bar', snitch: 'golden' }, extra_properties)).toBe(true);
  });

  it('test_eq_with_an_object_of_ExtraProperties: equal to another one with the same items in another order', () => {
    const extra_properties = new domain.ExtraProperties(a_dict());
    const ref_extra_properties = new domain.ExtraProperties();
    ref_extra_properties.setItem('snitch', 'golden');
    ref_extra_properties.setItem('foo', 'bar');
    expect(pyEquals(ref_extra_properties, extra_properties)).toBe(true);
  });

  it('test_eq_with_uneqal_dict: not equal to a dict with other items', () => {
    const extra_properties = new domain.ExtraProperties(a_dict());
    expect(pyEquals({ boo: 'far', gnitch: 'solden' }, extra_properties)).toBe(false);
  });

  it('test_eq_with_unequal_ExtraProperties_object: not equal to another one with other items', () => {
    const extra_properties = new domain.ExtraProperties(a_dict());
    const ref_extra_properties = new domain.ExtraProperties();
    ref_extra_properties.setItem('gnitch', 'solden');
    ref_extra_properties.setItem('boo', 'far');
    expect(pyEquals(ref_extra_properties, extra_properties)).toBe(false);
  });

  it('test_eq_with_incompatible_object: not equal to a list', () => {
    const extra_properties = new domain.ExtraProperties(a_dict());
    expect(pyEquals(['foo', 'bar'], extra_properties)).toBe(false);
  });
});

describe('TestTaskFactory', () => {
  it('test_new_task: a new task is pending, unexpired, with the given input, result and message', () => {
    const { task_factory } = taskFactory();
    const task = task_factory.new_task({
      task_type: 'import', owner: TENANT1, task_input: 'input', result: 'test_result', message: 'test_message',
    });
    expect(task.task_id).not.toBeNull();
    expect(task.created_at).not.toBeNull();
    expect(task.type).toBe('import');
    expect(task.created_at).toEqual(task.updated_at);
    expect(task.status).toBe('pending');
    expect(task.expires_at).toBeNull();
    expect(task.owner).toBe(TENANT1);
    expect(task.task_input).toBe('input');
    expect(task.message).toBe('test_message');
    expect(task.result).toBe('test_result');
  });

  it('test_new_task_invalid_type: an unsupported type raises InvalidTaskType', () => {
    const { task_factory } = taskFactory();
    expect(() => task_factory.new_task({ task_type: 'blah', owner: TENANT1 })).toThrow(InvalidTaskType);
  });
});

describe('TestTask', () => {
  const setUp = () => {
    const deps = taskFactory();
    const task = deps.task_factory.new_task({
      task_type: 'import', owner: TENANT1, task_time_to_live: deps.settings.task_time_to_live,
    });
    return { ...deps, task };
  };

  it('test_task_invalid_status: an unsupported status raises InvalidTaskStatus', () => {
    const { clock, settings } = setUp();
    expect(() => new domain.Task({
      task_id: 'c3a9b1e0-0000-4000-8000-000000000000',
      task_type: 'import',
      status: 'blah',
      owner: null,
      expires_at: null,
      created_at: clock.now(),
      updated_at: clock.now(),
      task_input: null,
      message: null,
      result: null,
    }, settings, clock)).toThrow(InvalidTaskStatus);
  });

  it('test_validate_status_transition_from_pending: pending moves to processing', () => {
    const { task } = setUp();
    task.begin_processing();
    expect(task.status).toBe('processing');
  });

  it('test_validate_status_transition_from_processing_to_success: processing moves to success', () => {
    const { task } = setUp();
    task.begin_processing();
    task.succeed('');
    expect(task.status).toBe('success');
  });

  it('test_validate_status_transition_from_processing_to_failure: processing moves to failure', () => {
    const { task } = setUp();
    task.begin_processing();
    task.fail('');
    expect(task.status).toBe('failure');
  });

  it('test_invalid_status_transitions_from_pending: pending cannot succeed', () => {
    const { task } = setUp();
    expect(() => task.succeed('')).toThrow(InvalidTaskStatusTransition);
  });

  it('test_invalid_status_transitions_from_success: success is final', () => {
    const { task } = setUp();
    task.begin_processing();
    task.succeed('');
    expect(() => task.begin_processing()).toThrow(InvalidTaskStatusTransition);
    expect(() => task.fail('')).toThrow(InvalidTaskStatusTransition);
  });

  it('test_invalid_status_transitions_from_failure: failure is final', () => {
    const { task } = setUp();
    task.begin_processing();
    task.fail('');
    expect(() => task.begin_processing()).toThrow(InvalidTaskStatusTransition);
    expect(() => task.succeed('')).toThrow(InvalidTaskStatusTransition);
  });

  it('test_begin_processing: begin_processing sets processing', () => {
    const { task } = setUp();
    task.begin_processing();
    expect(task.status).toBe('processing');
  });

  it('test_succeed: success keeps the result and expires task_time_to_live hours from now', () => {
    const { task, clock, settings } = setUp();
    task.begin_processing();
    task.succeed('{"location": "file://home"}');
    expect(task.status).toBe('success');
    expect(task.result).toBe('{"location": "file://home"}');
    expect(task.message).toBe('');
    const expected = new Date(clock.now().getTime() + settings.task_time_to_live * HOUR_MS);
    expect(task.expires_at).toEqual(expected);
  });

  it('test_fail: failure keeps the message and expires task_time_to_live hours from now', () => {
    const { task, clock, settings } = setUp();
    task.begin_processing();
    task.fail('{"message": "connection failed"}');
    expect(task.status).toBe('failure');
    expect(task.message).toBe('{"message": "connection failed"}');
    expect(task.result).toBeNull();
    const expected = new Date(clock.now().getTime() + settings.task_time_to_live * HOUR_MS);
    expect(task.expires_at).toEqual(expected);
  });

  it('test_run: run asks the executor to begin processing this task', () => {
    const { task } = setUp();
    const calls: string[] = [];
    const executor = { begin_processing: (task_id: string) => calls.push(task_id) };
    task.run(executor);
    expect(calls).toEqual([task.task_id]);
  });
});

describe('TestTaskStub', () => {
  const task_id = 'b0d8f2f4-0000-4000-8000-000000000000';
  const stub = (status: string) => new domain.TaskStub({
    task_id,
    task_type: 'import',
    status,
    owner: TENANT1,
    expires_at: 'expires_at' as unknown as Date,
    created_at: 'created_at' as unknown as Date,
    updated_at: 'updated_at' as unknown as Date,
  });

  it('test_task_stub_init: the stub keeps every field as given', () => {
    const task = stub('status');
    expect(task.task_id).toBe(task_id);
    expect(task.type).toBe('import');
    expect(task.owner).toBe(TENANT1);
    expect(task.status).toBe('status');
    expect(task.expires_at).toBe('expires_at');
    expect(task.created_at).toBe('created_at');
    expect(task.updated_at).toBe('updated_at');
  });

  it('test_task_stub_get_status: status reads back', () => {
    expect(stub('pending').status).toBe('pending');
  });
});

class ImportError extends PyException {}

describe('TestTaskExecutorFactory', () => {
  const repos = () => ({ task_repo: { name: 'task_repo' }, image_repo: { name: 'image_repo' }, image_factory: {} });

  it('test_init: the factory keeps the task repo', () => {
    const { task_repo, image_repo, image_factory } = repos();
    const task_executor_factory = new domain.TaskExecutorFactory(task_repo, image_repo, image_factory);
    expect(task_executor_factory.task_repo).toBe(task_repo);
  });

  it('test_new_task_executor: the loaded class is built with context and the three collaborators', () => {
    const { task_repo, image_repo, image_factory } = repos();
    const built: unknown[][] = [];
    class MockExecutor {
      constructor(...args: unknown[]) {
        built.push(args);
      }
    }
    const factory = new domain.TaskExecutorFactory(task_repo, image_repo, image_factory, {
      import_class: () => MockExecutor,
    });
    const context = { name: 'context' };
    factory.new_task_executor(context);
    expect(built).toEqual([[context, task_repo, image_repo, image_factory]]);
  });

  it('test_new_task_executor_error: an import failure propagates', () => {
    const { task_repo, image_repo, image_factory } = repos();
    const factory = new domain.TaskExecutorFactory(task_repo, image_repo, image_factory, {
      import_class: () => {
        throw new ImportError('no module');
      },
    });
    expect(() => factory.new_task_executor({})).toThrow(ImportError);
  });

  it('test_new_task_eventlet_backwards_compatibility: the eventlet executor loads the taskflow one', () => {
    const { task_repo, image_repo, image_factory } = repos();
    class TaskflowExecutor {}
    const asked: string[] = [];
    const factory = new domain.TaskExecutorFactory(task_repo, image_repo, image_factory, {
      task_executor: 'eventlet',
      import_class: (path) => {
        asked.push(path);
        return TaskflowExecutor;
      },
    });
    const te_evnt = factory.new_task_executor({});
    expect(te_evnt).toBeInstanceOf(TaskflowExecutor);
    expect(asked).toEqual(['glance.async.taskflow_executor.TaskExecutor']);
  });
});

describe('domain behaviour kept from Glance beyond its tests', () => {
  it('status messages and the size reset on queued (quirk)', () => {
    const { image_factory } = imageFactory();
    const image = image_factory.new_image({ disk_format: 'raw', container_format: 'bare' });
    image.status = 'saving';
    image.size = 12;
    image.virtual_size = 24;
    image.status = 'queued';
    expect(image.size).toBeNull();
    expect(image.virtual_size).toBeNull();
    expect(() => {
      image.status = 'pending_delete';
    }).toThrowError('Image status transition from queued to pending_delete is not allowed');
  });

  it('names the missing formats when leaving queued for data', () => {
    const { image_factory } = imageFactory();
    const one = image_factory.new_image({ container_format: 'bare' });
    expect(() => {
      one.status = 'active';
    }).toThrowError('Property disk_format must be set prior to saving data.');
    const both = image_factory.new_image();
    expect(() => {
      both.status = 'importing';
    }).toThrowError('Properties disk_format, container_format must be set prior to saving data.');
  });

  it('refuses format changes after queued, and negative minimums', () => {
    const { image_factory } = imageFactory();
    const image = image_factory.new_image({ disk_format: 'raw', container_format: 'bare' });
    image.status = 'active';
    expect(() => {
      image.disk_format = 'qcow2';
    }).toThrowError(new Forbidden('Attribute disk_format can be only replaced for a queued image.'));
    expect(() => {
      image.container_format = 'ovf';
    }).toThrowError('Attribute container_format can be only replaced for a queued image.');
    expect(() => {
      image.min_ram = -1;
    }).toThrow(InvalidParameterValue);
    expect(() => {
      image.min_disk = -5;
    }).toThrowError("Invalid value '-5' for parameter 'min_disk': Cannot be a negative value");
  });

  it('a string min_disk fails the Python 3 comparison with a TypeError', () => {
    const { image_factory } = imageFactory();
    const image = image_factory.new_image();
    expect(() => {
      (image as { min_disk: unknown }).min_disk = 'abc';
    }).toThrowError("'<' not supported between instances of 'str' and 'int'");
  });

  it('deactivate and reactivate are no-ops on their own target and refuse other statuses', () => {
    const { image_factory } = imageFactory();
    const image = image_factory.new_image({ disk_format: 'raw', container_format: 'bare' });
    expect(() => image.deactivate()).toThrowError("Not allowed to deactivate image in status 'queued'");
    expect(() => image.reactivate()).toThrowError("Not allowed to reactivate image in status 'queued'");
    image.status = 'active';
    image.reactivate();
    expect(image.status).toBe('active');
    image.deactivate();
    image.deactivate();
    expect(image.status).toBe('deactivated');
    image.reactivate();
    expect(image.status).toBe('active');
  });

  it('without delayed_delete, or without locations, delete goes straight to deleted', () => {
    const { image_factory, settings } = imageFactory();
    const image = image_factory.new_image();
    image.delete();
    expect(image.status).toBe('deleted');
    config(settings, { delayed_delete: true });
    const bare = image_factory.new_image();
    bare.delete();
    expect(bare.status).toBe('deleted');
  });

  it('the protected message names the image', () => {
    const { image_factory } = imageFactory();
    const image = image_factory.new_image({ image_id: UUID1, protected: true });
    expect(() => image.delete()).toThrowError(`Image ${UUID1} is protected and cannot be deleted.`);
  });

  it('factory messages: read-only, reserved and unexpected keywords', () => {
    const { image_factory } = imageFactory();
    expect(() => image_factory.new_image({ status: 'active', checksum: 'x' })).toThrowError(
      "Attribute 'status' is read-only.");
    expect(() => image_factory.new_image({ extra_properties: { direct_url: 'x', owner: 'o' } })).toThrowError(
      "Attribute 'owner' is reserved.");
    expect(() => image_factory.new_image({ image_name: 'n' })).toThrowError(
      "new_image() got unexpected keywords dict_keys(['image_name'])");
  });

  it('an explicit None visibility is refused, unlike an absent one', () => {
    const { image_factory } = imageFactory();
    expect(() => image_factory.new_image({ visibility: null })).toThrow(ValueError);
    expect(image_factory.new_image({ visibility: undefined }).visibility).toBe('shared');
  });

  it('a member built without a status is refused (quirk: the default None is invalid)', () => {
    const now = new Date(0);
    expect(() => new domain.ImageMembership({ image_id: UUID1, member_id: 'm', created_at: now, updated_at: now }))
      .toThrowError('Status must be "pending", "accepted" or "rejected".');
  });

  it('task type and status errors carry the bad value as their message and are Invalid too', () => {
    const { task_factory } = taskFactory();
    let error: unknown;
    try {
      task_factory.new_task({ task_type: 'blah', owner: null });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidTaskType);
    expect(error).toBeInstanceOf(TaskException);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Error).message).toBe('blah');
  });

  it('an invalid task transition names both statuses', () => {
    const { task_factory } = taskFactory();
    const task = task_factory.new_task({ task_type: 'api_image_import', owner: null });
    expect(() => task.succeed('r')).toThrowError('Status transition from pending to success is not allowed');
    expect(task.result).toBe('r');
  });

  it('ExtraProperties iterates its keys (oracle shim S6) and popitem takes the first key (quirk)', () => {
    const extra = new domain.ExtraProperties(new Map([['b', 1], ['a', 2]]));
    expect([...extra]).toEqual(['b', 'a']);
    expect(extra.popitem()).toEqual(['b', 1]);
    expect(extra.keys()).toEqual(['a']);
    expect(extra).toBeInstanceOf(PyDict);
    expect(() => new domain.ExtraProperties(null)).toThrowError("'NoneType' object is not iterable");
  });

  it('ExtraProperties routes in/get/update/pop through the item methods a subclass overrides (MRO)', () => {
    class Hiding extends domain.ExtraProperties {
      override getItem(key: string): unknown {
        if (key === 'secret') throw new KeyError(key);
        return super.getItem(key);
      }
      override setItem(key: string, value: unknown): void {
        super.setItem(key, typeof value === 'string' ? value.toUpperCase() : value);
      }
    }
    const extra = new Hiding({ secret: 's', open: 'o' });
    expect(extra.contains('secret')).toBe(false);
    expect(extra.get('secret', 'none')).toBe('none');
    expect(extra.keys()).toEqual(['secret', 'open']);
    extra.update({ x: 'y' });
    expect(extra.getItem('x')).toBe('Y');
    expect(extra.setdefault('z', 'w')).toBe('w');
    expect(extra.getItem('z')).toBe('W');
    expect(() => extra.pop('secret')).toThrow(KeyError);
  });

  it('the image keeps assigned locations as one list with the array given', () => {
    const { image_factory } = imageFactory();
    const image = image_factory.new_image();
    const locations = [{ url: 'http://a/b', metadata: {}, status: 'active' }];
    image.locations = locations;
    image.locations.append({ url: 'http://a/c', metadata: {}, status: 'active' });
    expect(locations).toHaveLength(2);
    expect(image.locations.len()).toBe(2);
  });

  it('tags assignment is set(value): strings split into characters, unhashable items fail', () => {
    const { image_factory } = imageFactory();
    const image = image_factory.new_image();
    image.tags = 'ab';
    expect(image.tags.toSet()).toEqual(new Set(['a', 'b']));
    expect(() => {
      image.tags = [['x']];
    }).toThrowError("unhashable type: 'list'");
    expect(() => {
      image.tags = 5;
    }).toThrowError("'int' object is not iterable");
  });

  it('the default task executor is inert, as in the reference runner', () => {
    const factory = new domain.TaskExecutorFactory(null, null, null);
    expect(factory.new_task_executor({})).toBeInstanceOf(domain.InertTaskExecutor);
  });
});
