// not ported: TestKeystoneAuthPlugin.test_get_plugin_from_strategy_keystone - glance/common/auth.py (keystone client plugin), not part of the domain onion
// not ported: TestKeystoneAuthPlugin.test_get_plugin_from_strategy_keystone_configure_via_auth_false - keystone client plugin, not the domain
// not ported: TestKeystoneAuthPlugin.test_required_creds - keystone client credential checks, not the domain
// not ported: TestKeystoneAuthPlugin.test_invalid_auth_url_v1 - keystone v1 HTTP auth against a stubbed server, not the domain
// not ported: TestKeystoneAuthPlugin.test_invalid_auth_url_v2 - keystone v2 HTTP auth against a stubbed server, not the domain
// not ported: TestKeystoneAuthPlugin.test_v1_auth - keystone v1 token exchange, not the domain
// not ported: TestKeystoneAuthPlugin.test_v2_auth - keystone v2 token exchange, not the domain
// not ported: TestEndpoints.test_get_endpoint_with_custom_server_type - keystone service-catalog lookup (glance/common/auth.py), not the domain
// not ported: TestEndpoints.test_get_endpoint_with_custom_endpoint_type - keystone service-catalog lookup, not the domain
// not ported: TestEndpoints.test_get_endpoint_raises_with_invalid_service_type - keystone service-catalog lookup, not the domain
// not ported: TestEndpoints.test_get_endpoint_raises_with_invalid_endpoint_type - keystone service-catalog lookup, not the domain
// not ported: TestEndpoints.test_get_endpoint_raises_with_invalid_endpoint_region - keystone service-catalog lookup, not the domain
import { beforeEach, describe, expect, it } from 'vitest';
import { AttributeError } from '../../src/lib/python.js';
import {
  ImageFactoryProxy,
  ImageMemberFactoryProxy,
  ImageMemberRepoProxy,
  ImageProxy,
  ImageRepoProxy,
  ImmutableImageProxy,
  ImmutableLocations,
  ImmutableMemberProxy,
  ImmutableProperties,
  ImmutableTags,
  ImmutableTaskProxy,
  ImmutableTaskStubProxy,
  TaskFactoryProxy,
  TaskRepoProxy,
  TaskStubRepoProxy,
  is_image_mutable,
} from '../../src/legacy/authorization.js';
import { RequestContext } from '../../src/legacy/context.js';
import { ImageFactory, ImageMemberFactory, TaskFactory, type Image, type Task } from '../../src/legacy/domain.js';
import { Forbidden } from '../../src/legacy/exception.js';
import type { ImageLike, Location, MemberLike, MemberRepoLike, RepoLike, TaskLike, TaskRepoLike, TaskStubLike } from '../../src/legacy/proxy.js';
import { domainDeps } from './__test-helpers__/domain-deps.js';

const TENANT1 = '6838eb7b-6ded-434a-882c-b344c77fe8df';
const TENANT2 = '2c014f32-55eb-467d-8fcb-4bd706012f81';
const UUID1 = 'c80a1a6c-bd1f-41c5-90ee-81afedb1d58d';
const UUID2 = 'a85abd86-55b3-4d5b-b0b4-5d0a6e6042fc';

function imageFactory(): ImageFactory {
  const deps = domainDeps();
  return new ImageFactory(deps.clock, deps.ids, deps.settings);
}
function taskFactory(): TaskFactory {
  const deps = domainDeps();
  return new TaskFactory(deps.clock, deps.ids, deps.settings);
}
function ctx(tenant: string | null = null, is_admin = false): RequestContext {
  return new RequestContext({ tenant, is_admin });
}

/** Python's `setattr(obj, attr, value)`. */
function setattr(obj: object, attr: string, value: unknown): void {
  (obj as Record<string, unknown>)[attr] = value;
}

/** `assertRaises(Forbidden, setattr, ...)` and `assertRaises(Forbidden, delattr, ...)`. */
function expectImmutable(obj: { delattr(attr: string): never }, attr: string, value: unknown): void {
  expect(() => setattr(obj, attr, value)).toThrow(Forbidden);
  expect(() => obj.delattr(attr)).toThrow(Forbidden);
}

describe('TestImageMutability', () => {
  const isMutable = (tenant: string | null, owner: string | null, is_admin = false): boolean =>
    is_image_mutable(ctx(tenant, is_admin), imageFactory().new_image({ owner }));

  it('test_admin_everything_mutable: an admin may change any image', () => {
    expect(isMutable(null, null, true)).toBe(true);
    expect(isMutable(null, TENANT1, true)).toBe(true);
    expect(isMutable(TENANT1, null, true)).toBe(true);
    expect(isMutable(TENANT1, TENANT1, true)).toBe(true);
    expect(isMutable(TENANT1, TENANT2, true)).toBe(true);
  });

  it('test_no_tenant_nothing_mutable: without a tenant nothing is mutable', () => {
    expect(isMutable(null, null)).toBe(false);
    expect(isMutable(null, TENANT1)).toBe(false);
  });

  it('test_regular_user: a user may change only its own images', () => {
    expect(isMutable(TENANT1, null)).toBe(false);
    expect(isMutable(TENANT1, TENANT2)).toBe(false);
    expect(isMutable(TENANT1, TENANT1)).toBe(true);
  });
});

describe('TestImmutableImage', () => {
  let image: ImmutableImageProxy;
  let context: RequestContext;

  beforeEach(() => {
    context = ctx(TENANT1);
    const inner = imageFactory().new_image({
      image_id: UUID1,
      name: 'Marvin',
      owner: TENANT1,
      disk_format: 'raw',
      container_format: 'bare',
      extra_properties: { foo: 'bar' },
      tags: ['ping', 'pong'],
    });
    image = new ImmutableImageProxy(inner, context);
  });

  it('test_change_id: image_id is read-only', () => expectImmutable(image, 'image_id', UUID2));
  it('test_change_name: name is read-only', () => expectImmutable(image, 'name', 'Freddie'));
  it('test_change_owner: owner is read-only', () => expectImmutable(image, 'owner', TENANT2));
  it('test_change_min_disk: min_disk is read-only', () => expectImmutable(image, 'min_disk', 100));
  it('test_change_min_ram: min_ram is read-only', () => expectImmutable(image, 'min_ram', 1024));
  it('test_change_disk_format: disk_format is read-only', () => expectImmutable(image, 'disk_format', 'vhd'));
  it('test_change_container_format: container_format is read-only', () => expectImmutable(image, 'container_format', 'ova'));
  it('test_change_visibility: visibility is read-only', () => expectImmutable(image, 'visibility', 'public'));
  it('test_change_status: status is read-only', () => expectImmutable(image, 'status', 'active'));
  it('test_change_created_at: created_at is read-only', () => expectImmutable(image, 'created_at', new Date()));
  it('test_change_updated_at: updated_at is read-only', () => expectImmutable(image, 'updated_at', new Date()));

  it('test_change_locations: the attribute and every list mutator of the copy are forbidden', () => {
    expectImmutable(image, 'locations', ['http://a/b/c']);
    const locations = image.locations as ImmutableLocations;
    const loc = 'http://a/b/c' as unknown as Location;
    expect(() => locations.append(loc)).toThrow(Forbidden);
    expect(() => locations.extend([loc])).toThrow(Forbidden);
    expect(() => (locations.insert as (v: unknown) => void)('foo')).toThrow(Forbidden);
    expect(() => locations.pop()).toThrow(Forbidden);
    expect(() => locations.remove(loc)).toThrow(Forbidden);
    expect(() => locations.reverse()).toThrow(Forbidden);
    expect(() => locations.sort()).toThrow(Forbidden);
    expect(() => locations.delItem(0)).toThrow(Forbidden);
    expect(() => locations.delslice()).toThrow(Forbidden);
    expect(() => locations.setItem(0, loc)).toThrow(Forbidden);
    expect(() => locations.setslice()).toThrow(Forbidden);
    expect(() => locations.iadd([loc])).toThrow(Forbidden);
    expect(() => locations.imul()).toThrow(Forbidden);
    expect(() => locations.append(loc)).toThrow('You are not permitted to modify locations for this image.');
  });

  it('test_change_size: size is read-only', () => expectImmutable(image, 'size', 32));

  it('test_change_tags: the attribute and every set mutator of the copy are forbidden', () => {
    expect(() => image.delattr('tags')).toThrow(Forbidden);
    expect(() => setattr(image, 'tags', ['king', 'kong'])).toThrow(Forbidden);
    const tags = image.tags as ImmutableTags;
    expect(() => tags.pop()).toThrow(Forbidden);
    expect(() => tags.clear()).toThrow(Forbidden);
    expect(() => tags.add('king')).toThrow(Forbidden);
    expect(() => tags.remove('ping')).toThrow(Forbidden);
    expect(() => tags.update(new Set(['king', 'kong']))).toThrow(Forbidden);
    expect(() => tags.intersection_update()).toThrow(Forbidden);
    expect(() => tags.difference_update()).toThrow(Forbidden);
    expect(() => tags.symmetric_difference_update()).toThrow(Forbidden);
    expect(() => tags.add('king')).toThrow('You are not permitted to modify tags on this image.');
  });

  it('test_change_properties: the attribute and every dict mutator of the copy are forbidden', () => {
    expect(() => image.delattr('extra_properties')).toThrow(Forbidden);
    expect(() => setattr(image, 'extra_properties', {})).toThrow(Forbidden);
    const props = image.extra_properties as ImmutableProperties;
    expect(() => props.delItem('foo')).toThrow(Forbidden);
    expect(() => props.setItem('foo', 'b')).toThrow(Forbidden);
    expect(() => props.setItem('z', 'j')).toThrow(Forbidden);
    expect(() => props.pop('foo')).toThrow(Forbidden);
    expect(() => props.popitem()).toThrow(Forbidden);
    expect(() => props.setdefault('p', 'j')).toThrow(Forbidden);
    expect(() => props.update({})).toThrow(Forbidden);
    expect(() => props.setItem('z', 'j')).toThrow("You are not permitted to modify 'z' on this image.");
    expect(() => props.pop('foo')).toThrow('You are not permitted to modify this image.');
  });

  it('test_delete: deleting is forbidden', () => {
    expect(() => image.delete()).toThrow(Forbidden);
    expect(() => image.delete()).toThrow('You are not permitted to delete this image.');
  });

  it('test_set_data: uploading is forbidden', () => {
    expect(() => image.set_data([Buffer.from('blah')], 4)).toThrow(Forbidden);
    expect(() => image.set_data([Buffer.from('blah')], 4)).toThrow('You are not permitted to upload data for this image.');
  });

  it('test_deactivate_image: deactivating is forbidden', () => {
    expect(() => image.deactivate()).toThrow('You are not permitted to deactivate this image.');
  });

  it('test_reactivate_image: reactivating is forbidden', () => {
    expect(() => image.reactivate()).toThrow('You are not permitted to reactivate this image.');
  });

  it('test_get_data: downloading passes through to the wrapped image', () => {
    const fake = { get_data: () => 'tiddlywinks' } as unknown as ImageLike;
    expect(new ImmutableImageProxy(fake, context).get_data()).toBe('tiddlywinks');
  });
});

describe('TestImageFactoryProxy', () => {
  let context: RequestContext;
  let factory: ImageFactoryProxy;

  beforeEach(() => {
    context = ctx(TENANT1);
    factory = new ImageFactoryProxy(imageFactory(), context);
  });

  it('test_default_owner_is_set: the owner defaults to the caller', () => {
    expect(factory.new_image().owner).toBe(TENANT1);
  });

  it('test_wrong_owner_cannot_be_set: a non-admin cannot create for another tenant', () => {
    expect(() => factory.new_image({ owner: TENANT2 })).toThrow(Forbidden);
    expect(() => factory.new_image({ owner: TENANT2 })).toThrow(`You are not permitted to create images owned by '${TENANT2}'.`);
  });

  it('test_cannot_set_owner_to_none: a non-admin cannot create an ownerless image', () => {
    expect(() => factory.new_image({ owner: null })).toThrow("You are not permitted to create images owned by 'None'.");
  });

  it('test_admin_can_set_any_owner: an admin may create for anyone', () => {
    context.is_admin = true;
    expect(factory.new_image({ owner: TENANT2 }).owner).toBe(TENANT2);
  });

  it('test_admin_can_set_owner_to_none: an admin may create an ownerless image', () => {
    context.is_admin = true;
    expect(factory.new_image({ owner: null }).owner).toBeNull();
  });

  it('test_admin_still_gets_default_tenant: without owner an admin owns the image', () => {
    context.is_admin = true;
    expect(factory.new_image().owner).toBe(TENANT1);
  });
});

/** TestImageRepoProxy.ImageRepoStub */
class ImageRepoStub implements RepoLike<ImageLike> {
  constructor(readonly fixtures: ImageLike[]) {}
  get(image_id: string): ImageLike {
    const found = this.fixtures.find((f) => f.image_id === image_id);
    if (found === undefined) throw new Error(image_id);
    return found;
  }
  list(): ImageLike[] {
    return this.fixtures;
  }
  add(): void {}
  save(): void {}
  remove(): void {}
}

describe('TestImageRepoProxy', () => {
  let fixtures: Image[];
  let repo: ImageRepoProxy;

  beforeEach(() => {
    const f = imageFactory();
    fixtures = [f.new_image({ owner: TENANT1 }), f.new_image({ owner: TENANT2, visibility: 'public' }), f.new_image({ owner: TENANT2 })];
    repo = new ImageRepoProxy(new ImageRepoStub(fixtures), ctx(TENANT1));
  });

  it('test_get_mutable_image: an own image comes back readable', () => {
    const image = repo.get(fixtures[0]?.image_id as string);
    expect(image.image_id).toBe(fixtures[0]?.image_id);
    expect(image).toBeInstanceOf(ImageProxy);
  });

  it('test_get_immutable_image: a foreign image refuses writes', () => {
    const image = repo.get(fixtures[1]?.image_id as string);
    expect(() => setattr(image, 'name', 'Vince')).toThrow(Forbidden);
  });

  it('test_list: listed foreign images refuse writes', () => {
    const images = repo.list();
    expect(images[0]?.image_id).toBe(fixtures[0]?.image_id);
    expect(() => setattr(images[1] as object, 'name', 'Wally')).toThrow(Forbidden);
    expect(() => setattr(images[2] as object, 'name', 'Calvin')).toThrow(Forbidden);
  });
});

describe('TestImmutableTask', () => {
  let task: ImmutableTaskProxy;
  beforeEach(() => {
    task = new ImmutableTaskProxy(taskFactory().new_task({ task_type: 'import', owner: TENANT2 }));
  });

  it('test_change_id: task_id is read-only', () => expectImmutable(task, 'task_id', UUID2));
  it('test_change_type: type is read-only', () => expectImmutable(task, 'type', 'fake'));
  it('test_change_status: status is read-only', () => expectImmutable(task, 'status', 'success'));
  it('test_change_owner: owner is read-only', () => expectImmutable(task, 'owner', 'fake'));
  it('test_change_expires_at: expires_at is read-only', () => expectImmutable(task, 'expires_at', 'fake'));
  it('test_change_created_at: created_at is read-only', () => expectImmutable(task, 'created_at', 'fake'));
  it('test_change_updated_at: updated_at is read-only', () => expectImmutable(task, 'updated_at', 'fake'));

  it('test_begin_processing: a status change is forbidden', () => {
    expect(() => task.begin_processing()).toThrow('You are not permitted to set status on this task.');
  });

  it('test_succeed: succeeding is forbidden', () => {
    expect(() => task.succeed('result')).toThrow(Forbidden);
  });

  it('test_fail: failing is forbidden', () => {
    expect(() => task.fail('message')).toThrow(Forbidden);
  });
});

describe('TestImmutableTaskStub', () => {
  let stub: ImmutableTaskStubProxy;
  beforeEach(() => {
    stub = new ImmutableTaskStubProxy(taskFactory().new_task({ task_type: 'import', owner: TENANT2 }));
  });

  it('test_change_id: task_id is read-only', () => expectImmutable(stub, 'task_id', UUID2));
  it('test_change_type: type is read-only', () => expectImmutable(stub, 'type', 'fake'));
  it('test_change_status: status is read-only', () => expectImmutable(stub, 'status', 'success'));
  it('test_change_owner: owner is read-only', () => expectImmutable(stub, 'owner', 'fake'));
  it('test_change_expires_at: expires_at is read-only', () => expectImmutable(stub, 'expires_at', 'fake'));
  it('test_change_created_at: created_at is read-only', () => expectImmutable(stub, 'created_at', 'fake'));
  it('test_change_updated_at: updated_at is read-only', () => {
    expectImmutable(stub, 'updated_at', 'fake');
    expect(() => setattr(stub, 'updated_at', 'fake')).toThrow("You are not permitted to modify 'updated_at' on this task stub.");
  });
});

describe('TestTaskFactoryProxy', () => {
  let context: RequestContext;
  let factory: TaskFactoryProxy;
  const task_type = 'import';
  const task_input = '{"loc": "fake"}';

  beforeEach(() => {
    context = ctx(TENANT1);
    factory = new TaskFactoryProxy(taskFactory(), context);
  });

  it('test_task_create_default_owner: the caller may create its own task', () => {
    const owner = ctx(TENANT1).owner;
    expect(factory.new_task({ task_type, owner }).owner).toBe(TENANT1);
  });

  it('test_task_create_wrong_owner: another owner is forbidden', () => {
    expect(() => factory.new_task({ task_type, task_input, owner: 'foo' })).toThrow(
      'You are not permitted to create this task with owner as: foo',
    );
  });

  it('test_task_create_owner_as_None: an ownerless task is forbidden', () => {
    expect(() => factory.new_task({ task_type, task_input, owner: null })).toThrow(Forbidden);
  });

  it('test_task_create_admin_context_owner_as_None: even an admin cannot create an ownerless task', () => {
    context.is_admin = true;
    expect(() => factory.new_task({ task_type, task_input, owner: null })).toThrow(
      'You are not permitted to create this task with owner as: None',
    );
  });
});

describe('TestTaskRepoProxy', () => {
  let fixtures: Task[];
  let taskRepo: TaskRepoProxy;
  let stubRepo: TaskStubRepoProxy;

  beforeEach(() => {
    const f = taskFactory();
    fixtures = [0, 1, 2].map(() => f.new_task({ task_type: 'import', owner: null }));
    const stub: TaskRepoLike<TaskLike> = {
      get: (id: string) => {
        const found = fixtures.find((t) => t.task_id === id);
        if (found === undefined) throw new Error(id);
        return found;
      },
      add: () => undefined,
      save: () => undefined,
      remove: () => undefined,
    };
    taskRepo = new TaskRepoProxy(stub, ctx(TENANT1));
    stubRepo = new TaskStubRepoProxy({ list: (): TaskStubLike[] => fixtures }, ctx(TENANT1));
  });

  it('test_get_mutable_task: the task comes back readable', () => {
    expect(taskRepo.get(fixtures[0]?.task_id as string).task_id).toBe(fixtures[0]?.task_id);
  });

  it('test_get_immutable_task: an ownerless task refuses writes, even to input', () => {
    const task = taskRepo.get(fixtures[1]?.task_id as string);
    expect(() => setattr(task, 'input', 'foo')).toThrow(Forbidden);
  });

  it('test_list: listed foreign task stubs refuse writes', () => {
    const tasks = stubRepo.list();
    expect(tasks[0]?.task_id).toBe(fixtures[0]?.task_id);
    expect(() => setattr(tasks[1] as object, 'owner', 'foo')).toThrow(Forbidden);
    expect(() => setattr(tasks[2] as object, 'owner', 'foo')).toThrow(Forbidden);
  });
});

// ---------------------------------------------------------------- members

function memberRepoStub(members: MemberLike[]): MemberRepoLike<MemberLike> & { added: MemberLike[] } {
  const added: MemberLike[] = [];
  return {
    added,
    get: (id: string) => members.find((m) => m.member_id === id) as MemberLike,
    list: () => members,
    add: (m: MemberLike) => added.push(m),
    save: () => undefined,
    remove: () => undefined,
  };
}

describe('authorization members (glance/api/authorization.py, no Glance test case)', () => {
  let image: Image;
  let members: MemberLike[];

  beforeEach(() => {
    image = imageFactory().new_image({ owner: TENANT1, visibility: 'shared' });
    const mf = new ImageMemberFactory(domainDeps().clock);
    members = [mf.new_image_member(image, TENANT2), mf.new_image_member(image, 'other')];
  });

  it('a member repo for a non-shared image is refused at construction', () => {
    const priv = imageFactory().new_image({ owner: TENANT1, visibility: 'private' });
    expect(() => new ImageMemberRepoProxy(memberRepoStub(members), priv, ctx(TENANT1))).toThrow('Only shared images have members.');
  });

  it('the owner lists all members; a member sees only its own row, wrapped immutable for others', () => {
    expect(new ImageMemberRepoProxy(memberRepoStub(members), image, ctx(TENANT1)).list()).toHaveLength(2);
    const own = new ImageMemberRepoProxy(memberRepoStub(members), image, ctx(TENANT2)).list();
    expect(own.map((m) => m.member_id)).toEqual([TENANT2]);
    expect(() => new ImageMemberRepoProxy(memberRepoStub(members), image, ctx('stranger')).list()).toThrow(
      `You cannot get image member for ${image.image_id}`,
    );
    const seenByOwner = new ImageMemberRepoProxy(memberRepoStub(members), image, ctx(TENANT1)).get(TENANT2);
    expect(seenByOwner).toBeInstanceOf(ImmutableMemberProxy);
    expect(() => setattr(seenByOwner, 'status', 'accepted')).toThrow("You are not permitted to modify 'status' on this image member.");
  });

  it('NOTE(quirk): get compares owners with ==, so an ownerless caller may get members of an ownerless image', () => {
    const ownerless = imageFactory().new_image({ owner: null, visibility: 'shared' });
    const repo = new ImageMemberRepoProxy(memberRepoStub(members), ownerless, ctx(null));
    expect(repo.get(TENANT2).member_id).toBe(TENANT2);
  });

  it('the image owner may not save a member; the member itself may', () => {
    const m = members[0] as MemberLike;
    expect(() => new ImageMemberRepoProxy(memberRepoStub(members), image, ctx(TENANT1)).save(m)).toThrow(
      `You cannot update image member ${TENANT2}`,
    );
    expect(new ImageMemberRepoProxy(memberRepoStub(members), image, ctx(TENANT2)).save(m)).toBeNull();
  });

  it('add and remove are for the owner or an admin', () => {
    const m = members[0] as MemberLike;
    expect(() => new ImageMemberRepoProxy(memberRepoStub(members), image, ctx(TENANT2)).add(m)).toThrow(
      `You cannot add image member for ${image.image_id}`,
    );
    expect(() => new ImageMemberRepoProxy(memberRepoStub(members), image, ctx(TENANT2)).remove(m)).toThrow(
      `You cannot delete image member for ${image.image_id}`,
    );
    const stub = memberRepoStub(members);
    new ImageMemberRepoProxy(stub, image, ctx('x', true)).add(m);
    expect(stub.added).toEqual([m]);
  });

  it('NOTE(quirk): the member factory checks ownership and sharing but does not wrap the new member', () => {
    const factory = new ImageMemberFactoryProxy(new ImageMemberFactory(domainDeps().clock), ctx(TENANT1));
    const m = factory.new_image_member(image, TENANT2);
    expect(m.constructor.name).toBe('ImageMembership');
    expect(() => new ImageMemberFactoryProxy(new ImageMemberFactory(domainDeps().clock), ctx(TENANT2)).new_image_member(image, 'x')).toThrow(
      'You are not permitted to create image members for the image.',
    );
    const priv = imageFactory().new_image({ owner: TENANT1, visibility: 'private' });
    expect(() => factory.new_image_member(priv, TENANT2)).toThrow('Only shared images have members.');
  });
});

describe('authorization quirks kept from Glance 16', () => {
  it('NOTE(quirk): immutable copies leave dict clear and set discard unblocked (they change the copy only)', () => {
    const image = new ImmutableImageProxy(
      imageFactory().new_image({ owner: TENANT1, extra_properties: { foo: 'bar' }, tags: ['ping'] }),
      ctx(TENANT2),
    );
    const props = image.extra_properties;
    props.clear();
    expect(props.len()).toBe(0);
    expect(image.extra_properties.getItem('foo')).toBe('bar');
    const tags = image.tags;
    tags.discard('ping');
    expect(tags.len()).toBe(0);
    expect(image.tags.contains('ping')).toBe(true);
  });

  it('NOTE(quirk): ImmutableTaskProxy exposes input, which the wrapped task lacks, and no task_input', () => {
    const task = new ImmutableTaskProxy(taskFactory().new_task({ task_type: 'import', owner: TENANT2, task_input: { a: 1 } }));
    expect(() => task.input).toThrow(AttributeError);
    expect(() => task.task_input).toThrow("'ImmutableTaskProxy' object has no attribute 'task_input'");
  });

  it('each read of locations, extra_properties or tags is a fresh copy', () => {
    const image = new ImmutableImageProxy(imageFactory().new_image({ owner: TENANT1 }), ctx(TENANT2));
    expect(image.locations).not.toBe(image.locations);
    expect(image.tags).not.toBe(image.tags);
    expect(image.locations.len()).toBe(0);
  });

  it('writes through a mutable ImageProxy reach the domain image', () => {
    const inner = imageFactory().new_image({ owner: TENANT1 });
    const repo = new ImageRepoProxy(new ImageRepoStub([inner]), ctx(TENANT1));
    const image = repo.get(inner.image_id);
    image.name = 'renamed';
    expect(inner.name).toBe('renamed');
  });
});
