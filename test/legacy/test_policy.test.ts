/**
 * Port of glance/tests/unit/test_policy.py (Glance 16.0.0), plus the
 * policy-layer quirks the port keeps (describe 'policy layer quirks').
 *
 * Deviations: Glance's policy-file tests write a policy file into a temp
 * dir; here `Enforcer.fromPolicyFile(rules)` is given the file's rules
 * (null: no file found). Where Glance patches ImageTarget with a mock, the
 * real ImageTarget is used and the enforced target compared with its dict.
 * The proxies get a fake context with RequestContext's policy dictionaries
 * (Glance passes `{}`); the enforcer tests use the real RequestContext.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RequestContext } from '../../src/legacy/context.js';
import { Forbidden, ImageNotFound, Invalid } from '../../src/legacy/exception.js';
import {
  DEFAULT_RULES,
  Enforcer,
  ImageFactoryProxy,
  ImageLocationsProxy,
  ImageMemberRepoProxy,
  ImageProxy,
  ImageRepoProxy,
  ImageTarget,
  TaskProxy,
  TaskRepoProxy,
  TaskStubProxy,
  TaskStubRepoProxy,
} from '../../src/legacy/policy.js';
import { POLICY_JSON } from '../../src/legacy/policy-json.js';
import type * as proxy from '../../src/legacy/proxy.js';
import { PyDict, PyList } from '../../src/lib/pycollections.js';
import { GLANCE_DEFAULTS, settingsFrom } from '../../src/shared/settings.js';
import {
  FakePolicyEnforcer,
  RecordingEnforcer,
  fakePolicyContext,
} from './__test-helpers__/fake-policy.js';

const UUID1 = 'c80a1a6c-bd1f-41c5-90ee-81afedb1d58d';

// ------------------------------------------------------------------ stubs

class ImageRepoStub {
  get(): unknown {
    return 'image_from_get';
  }
  save(): unknown {
    return 'image_from_save';
  }
  add(): unknown {
    return 'image_from_add';
  }
  remove(): unknown {
    return null;
  }
  list(): unknown[] {
    return ['image_from_list_0', 'image_from_list_1'];
  }
}

class ImageStub {
  checksum = 'c2e5db72bd7fd153f53ede5da5a06de3';
  created_at = '2013-09-28T15:27:36Z';
  updated_at = '2013-09-28T15:27:37Z';
  locations: unknown = new PyList<proxy.Location>([]);
  min_disk = 0;
  min_ram = 0;
  name = 'image_name';
  owner = 'tenant1';
  protected = false;
  size = 0;
  virtual_size = 0;
  tags: unknown = [];
  extra_properties: PyDict<unknown>;

  constructor(
    public image_id: string | null = null,
    public visibility = 'private',
    public container_format = 'bear',
    public disk_format = 'raw',
    public status = 'active',
    extra_properties: Record<string, unknown> | null = null,
  ) {
    this.extra_properties = new PyDict(new Map(Object.entries(extra_properties ?? {})));
  }

  delete(): void {
    this.status = 'deleted';
  }
  deactivate(): void {
    this.status = 'deactivated';
  }
  reactivate(): void {
    this.status = 'active';
  }
  get_data(): Iterable<Buffer> {
    return [Buffer.from('data')];
  }
  set_data(): void {}
}

class ImageFactoryStub {
  visibility: unknown;
  new_image(kwargs: proxy.NewImageKwargs = {}): unknown {
    this.visibility = kwargs.visibility ?? 'private';
    return 'new_image';
  }
}

class MemberRepoStub {
  image = null;
  add(image_member: ImageMembershipStub): void {
    image_member.output = 'member_repo_add';
  }
  get(): unknown {
    return 'member_repo_get';
  }
  save(image_member: ImageMembershipStub): void {
    image_member.output = 'member_repo_save';
  }
  list(): unknown {
    return 'member_repo_list';
  }
  remove(image_member: ImageMembershipStub): void {
    image_member.output = 'member_repo_remove';
  }
}

class ImageMembershipStub {
  constructor(public output: string | null = null) {}
}

class TaskRepoStub {
  get(): unknown {
    return 'task_from_get';
  }
  add(): unknown {
    return 'task_from_add';
  }
  save(): unknown {
    return null;
  }
  remove(): unknown {
    return null;
  }
  list(): unknown[] {
    return ['task_from_list_0', 'task_from_list_1'];
  }
}

class TaskStub {
  status = 'pending';
  constructor(public task_id: string) {}
  run(): void {
    this.status = 'processing';
  }
}

// Python duck typing: the stubs stand in for the typed objects.
const asImage = (x: unknown): proxy.ImageLike => x as proxy.ImageLike;
const asRepo = (x: unknown): proxy.RepoBase => x as proxy.RepoBase;

describe('TestPolicyEnforcer', () => {
  it('test_policy_file_default_rules_default_location: the stock policy.json lets anyone get an image', () => {
    const enforcer = new Enforcer(GLANCE_DEFAULTS);
    const context = new RequestContext({ roles: [] });
    expect(enforcer.enforce(context, 'get_image', {})).toBe(true);
  });

  it('test_policy_file_custom_rules_default_location: a file rule of "!" denies', () => {
    const enforcer = Enforcer.fromPolicyFile({ get_image: '!' });
    const context = new RequestContext({ roles: [] });
    expect(() => enforcer.enforce(context, 'get_image', {})).toThrow(Forbidden);
  });

  it('test_policy_file_custom_location: a policy file elsewhere is read the same way', () => {
    // The file's location is Glance config; the port receives the file's rules.
    const enforcer = Enforcer.fromPolicyFile({ get_image: '!' });
    const context = new RequestContext({ roles: [] });
    expect(() => enforcer.enforce(context, 'get_image', {})).toThrow(Forbidden);
  });

  it('test_policy_file_check: check answers False instead of raising', () => {
    const enforcer = Enforcer.fromPolicyFile({ get_image: '!' });
    const context = new RequestContext({ roles: [] });
    expect(enforcer.check(context, 'get_image', {})).toBe(false);
  });

  it('test_policy_file_get_image_default_everybody: an undefined rule falls to an empty default rule', () => {
    const enforcer = Enforcer.fromPolicyFile({ default: '' });
    const context = new RequestContext({ roles: [] });
    expect(enforcer.check(context, 'get_image', {})).toBe(true);
  });

  it('test_policy_file_get_image_default_nobody: an undefined rule falls to a "!" default rule', () => {
    const enforcer = Enforcer.fromPolicyFile({ default: '!' });
    const context = new RequestContext({ roles: [] });
    expect(() => enforcer.enforce(context, 'get_image', {})).toThrow(Forbidden);
  });
});

describe('TestPolicyEnforcerNoFile', () => {
  it('test_policy_file_specified_but_not_found: without a file the default ruleset applies', () => {
    const enforcer = Enforcer.fromPolicyFile(null);
    const context = new RequestContext({ roles: [] });
    expect(() => enforcer.enforce(context, 'manage_image_cache', {})).toThrow(Forbidden);
    const admin_context = new RequestContext({ roles: ['admin'] });
    expect(enforcer.enforce(admin_context, 'manage_image_cache', {})).toBe(true);
  });

  it('test_policy_file_default_not_found: without the default file the default ruleset applies', () => {
    const enforcer = Enforcer.fromPolicyFile(null);
    expect(Object.keys(DEFAULT_RULES).sort()).toEqual(['context_is_admin', 'default', 'manage_image_cache']);
    const context = new RequestContext({ roles: [] });
    expect(() => enforcer.enforce(context, 'manage_image_cache', {})).toThrow(Forbidden);
    const admin_context = new RequestContext({ roles: ['admin'] });
    expect(enforcer.enforce(admin_context, 'manage_image_cache', {})).toBe(true);
  });
});

describe('TestImagePolicy', () => {
  const setUp = (): { image_stub: ImageStub; image_repo_stub: ImageRepoStub; image_factory_stub: ImageFactoryStub; policy: RecordingEnforcer; context: ReturnType<typeof fakePolicyContext> } => ({
    image_stub: new ImageStub(UUID1),
    image_repo_stub: new ImageRepoStub(),
    image_factory_stub: new ImageFactoryStub(),
    policy: new RecordingEnforcer(),
    context: fakePolicyContext(),
  });

  it('test_publicize_image_not_allowed: a denied publicize leaves the visibility alone', () => {
    const t = setUp();
    t.policy.deny();
    const image = new ImageProxy(asImage(t.image_stub), t.context, t.policy);
    expect(() => {
      image.visibility = 'public';
    }).toThrow(Forbidden);
    expect(image.visibility).toBe('private');
    expect(t.policy.calls).toEqual([{ context: t.context, action: 'publicize_image', target: image.target }]);
    expect(t.policy.calls[0]?.target).toBe(image.target);
  });

  it('test_publicize_image_allowed: an allowed publicize sets the visibility', () => {
    const t = setUp();
    const image = new ImageProxy(asImage(t.image_stub), t.context, t.policy);
    image.visibility = 'public';
    expect(image.visibility).toBe('public');
    expect(t.policy.calls).toHaveLength(1);
    expect(t.policy.calls[0]).toMatchObject({ action: 'publicize_image' });
    expect(t.policy.calls[0]?.target).toBe(image.target);
  });

  it('test_communitize_image_not_allowed: a denied communitize leaves the visibility alone', () => {
    const t = setUp();
    t.policy.deny();
    const image = new ImageProxy(asImage(t.image_stub), t.context, t.policy);
    expect(() => {
      image.visibility = 'community';
    }).toThrow(Forbidden);
    expect(image.visibility).toBe('private');
    expect(t.policy.calls).toHaveLength(1);
    expect(t.policy.calls[0]).toMatchObject({ action: 'communitize_image' });
    expect(t.policy.calls[0]?.target).toBe(image.target);
  });

  it('test_communitize_image_allowed: an allowed communitize sets the visibility', () => {
    const t = setUp();
    const image = new ImageProxy(asImage(t.image_stub), t.context, t.policy);
    image.visibility = 'community';
    expect(image.visibility).toBe('community');
    expect(t.policy.calls).toHaveLength(1);
    expect(t.policy.calls[0]).toMatchObject({ action: 'communitize_image' });
    expect(t.policy.calls[0]?.target).toBe(image.target);
  });

  it('test_delete_image_not_allowed: a denied delete leaves the image active', () => {
    const t = setUp();
    t.policy.deny();
    const image = new ImageProxy(asImage(t.image_stub), t.context, t.policy);
    expect(() => image.delete()).toThrow(Forbidden);
    expect(image.status).toBe('active');
    expect(t.policy.calls).toHaveLength(1);
    expect(t.policy.calls[0]).toMatchObject({ action: 'delete_image' });
    expect(t.policy.calls[0]?.target).toEqual(image.target.toDict());
  });

  it('test_delete_image_allowed: an allowed delete is enforced with dict(target)', () => {
    const t = setUp();
    const image = new ImageProxy(asImage(t.image_stub), t.context, t.policy);
    const args = image.target.toDict();
    image.delete();
    expect(image.status).toBe('deleted');
    expect(t.policy.calls).toHaveLength(1);
    expect(t.policy.calls[0]).toMatchObject({ action: 'delete_image' });
    expect(t.policy.calls[0]?.target).toEqual(args);
  });

  it('test_get_image_not_allowed: get enforces get_image on the found image, and raises', () => {
    const t = setUp();
    t.policy.deny();
    const image_repo = new ImageRepoProxy(asRepo(t.image_repo_stub), t.context, t.policy);
    expect(() => image_repo.get(UUID1)).toThrow(Forbidden);
    expect(t.policy.calls).toHaveLength(1);
    expect(t.policy.calls[0]).toMatchObject({ action: 'get_image' });
    // dict(ImageTarget(image)): the attribute keys, and no 'id'.
    expect([...(t.policy.calls[0]?.target as Map<string, unknown>).keys()]).toEqual([...new ImageTarget(null)]);
  });

  it('test_get_image_allowed: get returns the image wrapped in a policy ImageProxy', () => {
    const t = setUp();
    const image_repo = new ImageRepoProxy(asRepo(t.image_repo_stub), t.context, t.policy);
    const output = image_repo.get(UUID1);
    expect(output).toBeInstanceOf(ImageProxy);
    expect(output.image).toBe('image_from_get');
    expect(t.policy.calls).toHaveLength(1);
    expect(t.policy.calls[0]).toMatchObject({ action: 'get_image' });
    const target = t.policy.calls[0]?.target as Map<string, unknown>;
    expect([...target.keys()]).toEqual([...new ImageTarget(output)]);
    expect(target.get('name')).toBeNull();
  });

  it('test_get_images_not_allowed: list enforces get_images with an empty target', () => {
    const t = setUp();
    t.policy.deny();
    const image_repo = new ImageRepoProxy(asRepo(t.image_repo_stub), t.context, t.policy);
    expect(() => image_repo.list()).toThrow(Forbidden);
    expect(t.policy.calls).toEqual([{ context: t.context, action: 'get_images', target: {} }]);
  });

  it('test_get_images_allowed: list wraps every image in a policy ImageProxy', () => {
    const t = setUp();
    const image_repo = new ImageRepoProxy(asRepo(t.image_repo_stub), t.context, t.policy);
    const images = image_repo.list();
    expect(images).toHaveLength(2);
    images.forEach((image, i) => {
      expect(image).toBeInstanceOf(ImageProxy);
      expect(image.image).toBe(`image_from_list_${i}`);
    });
    expect(t.policy.calls).toEqual([{ context: t.context, action: 'get_images', target: {} }]);
  });

  it('test_modify_image_not_allowed: save enforces modify_image and raises', () => {
    const t = setUp();
    t.policy.deny();
    const image_repo = new ImageRepoProxy(asRepo(t.image_repo_stub), t.context, t.policy);
    const image = new ImageProxy(asImage(t.image_stub), t.context, t.policy);
    expect(() => image_repo.save(image)).toThrow(Forbidden);
    expect(t.policy.calls).toHaveLength(1);
    expect(t.policy.calls[0]).toMatchObject({ action: 'modify_image' });
    expect(t.policy.calls[0]?.target).toEqual(image.target.toDict());
  });

  it('test_modify_image_allowed: save enforces modify_image with dict(target)', () => {
    const t = setUp();
    const image_repo = new ImageRepoProxy(asRepo(t.image_repo_stub), t.context, t.policy);
    const image = new ImageProxy(asImage(t.image_stub), t.context, t.policy);
    image_repo.save(image);
    expect(t.policy.calls).toHaveLength(1);
    expect(t.policy.calls[0]).toMatchObject({ action: 'modify_image' });
    expect(t.policy.calls[0]?.target).toEqual(image.target.toDict());
  });

  it('test_add_image_not_allowed: add enforces add_image and raises', () => {
    const t = setUp();
    t.policy.deny();
    const image_repo = new ImageRepoProxy(asRepo(t.image_repo_stub), t.context, t.policy);
    const image = new ImageProxy(asImage(t.image_stub), t.context, t.policy);
    expect(() => image_repo.add(image)).toThrow(Forbidden);
    expect(t.policy.calls).toHaveLength(1);
    expect(t.policy.calls[0]).toMatchObject({ action: 'add_image' });
    expect(t.policy.calls[0]?.target).toEqual(image.target.toDict());
  });

  it('test_add_image_allowed: add enforces add_image with dict(target)', () => {
    const t = setUp();
    const image_repo = new ImageRepoProxy(asRepo(t.image_repo_stub), t.context, t.policy);
    const image = new ImageProxy(asImage(t.image_stub), t.context, t.policy);
    image_repo.add(image);
    expect(t.policy.calls).toHaveLength(1);
    expect(t.policy.calls[0]).toMatchObject({ action: 'add_image' });
    expect(t.policy.calls[0]?.target).toEqual(image.target.toDict());
  });

  it('test_new_image_visibility_public_not_allowed: a public new image needs publicize_image', () => {
    const t = setUp();
    t.policy.deny();
    const image_factory = new ImageFactoryProxy(t.image_factory_stub as unknown as proxy.ImageFactoryBase, t.context, t.policy);
    expect(() => image_factory.new_image({ visibility: 'public' })).toThrow(Forbidden);
    expect(t.policy.calls).toEqual([{ context: t.context, action: 'publicize_image', target: {} }]);
  });

  it('test_new_image_visibility_public_allowed: an allowed public new image is made', () => {
    const t = setUp();
    const image_factory = new ImageFactoryProxy(t.image_factory_stub as unknown as proxy.ImageFactoryBase, t.context, t.policy);
    const image = image_factory.new_image({ visibility: 'public' });
    expect(image.image).toBe('new_image');
    expect(t.policy.calls).toEqual([{ context: t.context, action: 'publicize_image', target: {} }]);
  });

  it('test_new_image_visibility_community_not_allowed: a community new image needs communitize_image', () => {
    const t = setUp();
    t.policy.deny();
    const image_factory = new ImageFactoryProxy(t.image_factory_stub as unknown as proxy.ImageFactoryBase, t.context, t.policy);
    expect(() => image_factory.new_image({ visibility: 'community' })).toThrow(Forbidden);
    expect(t.policy.calls).toEqual([{ context: t.context, action: 'communitize_image', target: {} }]);
  });

  it('test_new_image_visibility_community_allowed: an allowed community new image is made', () => {
    const t = setUp();
    const image_factory = new ImageFactoryProxy(t.image_factory_stub as unknown as proxy.ImageFactoryBase, t.context, t.policy);
    image_factory.new_image({ visibility: 'community' });
    expect(t.image_factory_stub.visibility).toBe('community');
    expect(t.policy.calls).toEqual([{ context: t.context, action: 'communitize_image', target: {} }]);
  });

  it('test_image_get_data_policy_enforced_with_target: download is enforced with the ImageTarget', () => {
    const t = setUp();
    const image_stub = new ImageStub(UUID1, 'private', 'bear', 'raw', 'active', { test_key: 'test_4321' });
    const image = new ImageProxy(asImage(image_stub), t.context, t.policy);
    const target = image.target;
    t.policy.deny();
    expect(() => image.get_data()).toThrow(Forbidden);
    expect(t.policy.calls).toHaveLength(1);
    expect(t.policy.calls[0]).toMatchObject({ action: 'download_image' });
    expect(t.policy.calls[0]?.target).toBe(target);
    expect(target.getItem('test_key')).toBe('test_4321');
  });
});

describe('TestMemberPolicy', () => {
  const setUp = (): { policy: RecordingEnforcer; context: ReturnType<typeof fakePolicyContext>; member_repo: ImageMemberRepoProxy<ImageMembershipStub>; target: ImageTarget } => {
    const policy = new RecordingEnforcer();
    const context = fakePolicyContext();
    const image = new ImageProxy(asImage(new ImageStub(UUID1)), context, policy);
    const member_repo = new ImageMemberRepoProxy(
      new MemberRepoStub() as unknown as proxy.MemberRepoLike<ImageMembershipStub>,
      image,
      context,
      policy,
    );
    return { policy, context, member_repo, target: member_repo.target };
  };
  const calledOnceWith = (t: ReturnType<typeof setUp>, action: string): void => {
    expect(t.policy.calls).toHaveLength(1);
    expect(t.policy.calls[0]?.action).toBe(action);
    expect(t.policy.calls[0]?.context).toBe(t.context);
    expect(t.policy.calls[0]?.target).toBe(t.target);
  };

  it('test_add_member_not_allowed: add enforces add_member with the image target', () => {
    const t = setUp();
    t.policy.deny();
    expect(() => t.member_repo.add(new ImageMembershipStub(''))).toThrow(Forbidden);
    calledOnceWith(t, 'add_member');
  });

  it('test_add_member_allowed: an allowed add reaches the inner repo', () => {
    const t = setUp();
    const image_member = new ImageMembershipStub();
    t.member_repo.add(image_member);
    expect(image_member.output).toBe('member_repo_add');
    calledOnceWith(t, 'add_member');
  });

  it('test_get_member_not_allowed: get enforces get_member', () => {
    const t = setUp();
    t.policy.deny();
    expect(() => t.member_repo.get('')).toThrow(Forbidden);
    calledOnceWith(t, 'get_member');
  });

  it('test_get_member_allowed: get returns the inner result unwrapped', () => {
    const t = setUp();
    expect(t.member_repo.get('')).toBe('member_repo_get');
    calledOnceWith(t, 'get_member');
  });

  it('test_modify_member_not_allowed: save enforces modify_member', () => {
    const t = setUp();
    t.policy.deny();
    expect(() => t.member_repo.save(new ImageMembershipStub(''))).toThrow(Forbidden);
    calledOnceWith(t, 'modify_member');
  });

  it('test_modify_member_allowed: an allowed save reaches the inner repo', () => {
    const t = setUp();
    const image_member = new ImageMembershipStub();
    t.member_repo.save(image_member);
    expect(image_member.output).toBe('member_repo_save');
    calledOnceWith(t, 'modify_member');
  });

  it('test_get_members_not_allowed: list enforces get_members', () => {
    const t = setUp();
    t.policy.deny();
    expect(() => t.member_repo.list()).toThrow(Forbidden);
    calledOnceWith(t, 'get_members');
  });

  it('test_get_members_allowed: list returns the inner result as is', () => {
    const t = setUp();
    expect(t.member_repo.list()).toBe('member_repo_list');
    calledOnceWith(t, 'get_members');
  });

  it('test_delete_member_not_allowed: remove enforces delete_member', () => {
    const t = setUp();
    t.policy.deny();
    expect(() => t.member_repo.remove(new ImageMembershipStub(''))).toThrow(Forbidden);
    calledOnceWith(t, 'delete_member');
  });

  it('test_delete_member_allowed: an allowed remove reaches the inner repo', () => {
    const t = setUp();
    const image_member = new ImageMembershipStub();
    t.member_repo.remove(image_member);
    expect(image_member.output).toBe('member_repo_remove');
    calledOnceWith(t, 'delete_member');
  });
});

describe('TestTaskPolicy', () => {
  const setUp = (): { task_stub: TaskStub; task_repo_stub: TaskRepoStub; policy: FakePolicyEnforcer; context: ReturnType<typeof fakePolicyContext> } => ({
    task_stub: new TaskStub(UUID1),
    task_repo_stub: new TaskRepoStub(),
    policy: new FakePolicyEnforcer(),
    context: fakePolicyContext(),
  });
  const taskRepo = (t: ReturnType<typeof setUp>): TaskRepoProxy =>
    new TaskRepoProxy(t.task_repo_stub as unknown as proxy.TaskRepoBase, t.context, t.policy);
  const stubRepo = (t: ReturnType<typeof setUp>): TaskStubRepoProxy =>
    new TaskStubRepoProxy(t.task_repo_stub as unknown as proxy.TaskStubRepoBase, t.context, t.policy);

  it('test_get_task_not_allowed: get enforces get_task', () => {
    const t = setUp();
    t.policy.set_rules({ get_task: false });
    expect(() => taskRepo(t).get(UUID1)).toThrow(Forbidden);
  });

  it('test_get_task_allowed: get wraps the task in a policy TaskProxy', () => {
    const t = setUp();
    t.policy.set_rules({ get_task: true });
    const task = taskRepo(t).get(UUID1);
    expect(task).toBeInstanceOf(TaskProxy);
    expect(task.task).toBe('task_from_get');
  });

  it('test_get_tasks_not_allowed: the stub repo list enforces get_tasks', () => {
    const t = setUp();
    t.policy.set_rules({ get_tasks: false });
    expect(() => stubRepo(t).list()).toThrow(Forbidden);
  });

  it('test_get_tasks_allowed: the stub repo list wraps stubs in TaskStubProxy', () => {
    const t = setUp();
    t.policy.set_rules({ get_task: true });
    const tasks = stubRepo(t).list();
    expect(tasks).toHaveLength(2);
    tasks.forEach((task, i) => {
      expect(task).toBeInstanceOf(TaskStubProxy);
      expect(task.task_stub).toBe(`task_from_list_${i}`);
    });
  });

  it('test_add_task_not_allowed: add enforces add_task', () => {
    const t = setUp();
    t.policy.set_rules({ add_task: false });
    const task = new TaskProxy(t.task_stub as unknown as proxy.TaskLike, t.context, t.policy);
    expect(() => taskRepo(t).add(task)).toThrow(Forbidden);
  });

  it('test_add_task_allowed: an allowed add returns nothing', () => {
    const t = setUp();
    t.policy.set_rules({ add_task: true });
    const task = new TaskProxy(t.task_stub as unknown as proxy.TaskLike, t.context, t.policy);
    expect(taskRepo(t).add(task)).toBeUndefined();
  });
});

describe('TestContextPolicyEnforcer', () => {
  const _do_test_policy_influence_context_admin = (
    policy_admin_role: string,
    context_role: string,
    context_is_admin: boolean,
    admin_expected: boolean,
  ): void => {
    const enforcer = Enforcer.fromPolicyFile({ context_is_admin: `role:${policy_admin_role}` });
    const context = new RequestContext({ roles: [context_role], is_admin: context_is_admin, policy_enforcer: enforcer });
    expect(context.is_admin).toBe(admin_expected);
  };

  it('test_context_admin_policy_admin: an admin context with the admin role stays admin', () => {
    _do_test_policy_influence_context_admin('test_admin', 'test_admin', true, true);
  });

  it('test_context_nonadmin_policy_admin: the context_is_admin rule makes a context admin', () => {
    _do_test_policy_influence_context_admin('test_admin', 'test_admin', false, true);
  });

  it('test_context_admin_policy_nonadmin: an admin context stays admin without the role', () => {
    _do_test_policy_influence_context_admin('test_admin', 'demo', true, true);
  });

  it('test_context_nonadmin_policy_nonadmin: no role, no admin', () => {
    _do_test_policy_influence_context_admin('test_admin', 'demo', false, false);
  });
});

describe('policy layer quirks (port-specific)', () => {
  const member = fakePolicyContext({ user: 'u1', tenant: 'p1', roles: ['member'] });

  it('denies with "You are not authorized to complete <rule> action."', () => {
    const enforcer = new Enforcer(settingsFrom({ policy: { get_images: '!' } }));
    expect(() => enforcer.enforce(member, 'get_images', {})).toThrow('You are not authorized to complete get_images action.');
  });

  it("lays the scenario's policy over Glance 16's policy.json", () => {
    expect(POLICY_JSON.publicize_image).toBe('role:admin');
    expect(new Enforcer(GLANCE_DEFAULTS).check(member, 'publicize_image', {})).toBe(false);
    expect(new Enforcer(settingsFrom({ policy: { publicize_image: '' } })).check(member, 'publicize_image', {})).toBe(true);
    expect(new Enforcer(GLANCE_DEFAULTS).check(member, 'add_image', {})).toBe(true);
    expect(new Enforcer(GLANCE_DEFAULTS).check(member, 'tasks_api_access', {})).toBe(false);
  });

  it('falls back to the default rule for rules policy.json does not name', () => {
    const enforcer = new Enforcer(GLANCE_DEFAULTS);
    expect(enforcer.check(member, 'no_such_rule', {})).toBe(false);
    expect(enforcer.check(fakePolicyContext({ roles: ['admin'] }), 'no_such_rule', {})).toBe(true);
  });

  it('add_rules lays rules over the loaded ones (property protections use it)', () => {
    const enforcer = new Enforcer(GLANCE_DEFAULTS);
    enforcer.add_rules({ 'x_.*:read': 'rule:glance_creator', glance_creator: 'role:member' });
    expect(enforcer.check(member, 'x_.*:read', {})).toBe(true);
    expect(enforcer.check(member, 'get_image', {})).toBe(true);
  });

  it('passes user/tenant and project_id in the creds, but not is_admin (is_admin:True never passes)', () => {
    const enforcer = new Enforcer(settingsFrom({ policy: { a: 'tenant:%(owner)s', b: 'project_id:%(owner)s', c: 'is_admin:True' } }));
    const admin = new RequestContext({ tenant: 'p1', roles: ['admin'], is_admin: true });
    expect(enforcer.check(member, 'a', { owner: 'p1' })).toBe(true);
    expect(enforcer.check(member, 'b', { owner: 'p1' })).toBe(true);
    expect(enforcer.check(member, 'b', { owner: 'p2' })).toBe(false);
    expect(enforcer.check(admin, 'c', {})).toBe(false);
  });

  it('check_is_admin formats the rule with to_dict() as the target', () => {
    const enforcer = Enforcer.fromPolicyFile({ context_is_admin: 'user_id:%(user)s' });
    expect(enforcer.check_is_admin(fakePolicyContext({ user: 'u1' }))).toBe(true);
  });

  it('get_image is enforced even when the image is missing: 403 before 404', () => {
    const policy = new RecordingEnforcer();
    const missing = { get: () => { throw new ImageNotFound(); }, list: () => [], add: () => null, save: () => null, remove: () => null };
    const repo = new ImageRepoProxy(asRepo(missing), member, policy);
    expect(() => repo.get(UUID1)).toThrow(ImageNotFound);
    expect(policy.calls).toEqual([{ context: member, action: 'get_image', target: {} }]);
    policy.deny();
    expect(() => repo.get(UUID1)).toThrow(Forbidden);
  });

  it("dict(ImageTarget) has no 'id', so a %(id)s rule fails on get_image yet passes on deactivate", () => {
    const enforcer = new Enforcer(settingsFrom({ policy: { get_image: `'${UUID1}':%(id)s`, deactivate: `'${UUID1}':%(id)s` } }));
    const stub = new ImageStub(UUID1);
    const repo = new ImageRepoProxy(asRepo({ get: () => stub, list: () => [], add: () => null, save: () => null, remove: () => null }), member, enforcer);
    expect(() => repo.get(UUID1)).toThrow('You are not authorized to complete get_image action.');
    const image = new ImageProxy(asImage(stub), member, enforcer);
    image.deactivate();
    expect(stub.status).toBe('deactivated');
    expect([...image.target]).not.toContain('id');
    expect(image.target.getItem('id')).toBe(UUID1);
  });

  it('ImageTarget reads attributes first, then extra properties; a missing key is a KeyError', () => {
    const target = new ImageTarget(new ImageStub(UUID1, 'shared', 'bare', 'raw', 'active', { os_distro: 'cirros' }));
    expect(target.getItem('visibility')).toBe('shared');
    expect(target.getItem('os_distro')).toBe('cirros');
    expect(() => target.getItem('nope')).toThrow("'nope'");
    expect(target.get('nope', 'dflt')).toBe('dflt');
    expect(target.len()).toBe(19);
    expect([...target].slice(-2)).toEqual(['visibility', 'os_distro']);
    const enforcer = new Enforcer(settingsFrom({ policy: { download_image: "'cirros':%(os_distro)s" } }));
    expect(enforcer.check(member, 'download_image', target)).toBe(true);
    expect(enforcer.check(member, 'download_image', new ImageTarget(new ImageStub(UUID1)))).toBe(false);
  });

  it('the locations setter refuses what is not a list and enforces set, then delete when a URL goes', () => {
    const policy = new RecordingEnforcer();
    const stub = new ImageStub(UUID1);
    stub.locations = new PyList([{ url: 'http://a', metadata: {}, status: 'active' }]);
    const image = new ImageProxy(asImage(stub), member, policy);
    expect(() => {
      image.locations = 'nope';
    }).toThrow(Invalid);
    expect(() => {
      image.locations = 'nope';
    }).toThrow('Invalid locations: nope');
    expect(policy.calls).toHaveLength(0);
    image.locations = [{ url: 'http://a', metadata: {}, status: 'active' }, { url: 'http://b', metadata: {}, status: 'active' }];
    expect(policy.calls.map((c) => c.action)).toEqual(['set_image_location']);
    image.locations = [{ url: 'http://b', metadata: {}, status: 'active' }];
    expect(policy.calls.map((c) => c.action)).toEqual(['set_image_location', 'set_image_location', 'delete_image_location']);
    expect(policy.calls[2]?.target).toBe(image.target);
    expect(stub.locations).toEqual([{ url: 'http://b', metadata: {}, status: 'active' }]);
  });

  it('assigning a locations proxy iterates it, which enforces get_image_location', () => {
    const policy = new RecordingEnforcer();
    const stub = new ImageStub(UUID1);
    const image = new ImageProxy(asImage(stub), member, policy);
    const other = new ImageLocationsProxy(new PyList([{ url: 'http://a', metadata: {}, status: 'active' }]), member, policy);
    image.locations = other;
    // list() asks len() for a size hint before iterating: two checks, as in Glance.
    expect(policy.calls.map((c) => c.action)).toEqual(['set_image_location', 'get_image_location', 'get_image_location']);
  });

  it('every ImageLocationsProxy method enforces its rule with an empty target', () => {
    const policy = new RecordingEnforcer();
    const loc = (url: string): proxy.Location => ({ url, metadata: {}, status: 'active' });
    const locations = new ImageLocationsProxy(new PyList([loc('a'), loc('b')]), member, policy);
    const expected: Array<[string, () => unknown]> = [
      ['get_image_location', () => locations.len()],
      ['get_image_location', () => locations.getItem(0)],
      ['get_image_location', () => locations.contains(loc('a'))],
      ['get_image_location', () => locations.count(loc('a'))],
      ['get_image_location', () => locations.index(loc('b'))],
      ['get_image_location', () => [...locations]],
      ['set_image_location', () => locations.append(loc('c'))],
      ['set_image_location', () => locations.insert(0, loc('d'))],
      ['set_image_location', () => locations.extend([loc('e')])],
      ['set_image_location', () => locations.setItem(0, loc('f'))],
      ['set_image_location', () => locations.reverse()],
      ['set_image_location', () => locations.iadd([loc('g')])],
      ['delete_image_location', () => locations.pop()],
      ['delete_image_location', () => locations.remove(loc('a'))],
      ['delete_image_location', () => locations.delItem(0)],
    ];
    for (const [action, call] of expected) {
      const before = policy.calls.length;
      call();
      expect(policy.calls.slice(before)).toEqual([{ context: member, action, target: {} }]);
    }
    const before = policy.calls.length;
    locations.toArray();
    expect(policy.calls.slice(before).map((c) => c.action)).toEqual(['get_image_location', 'get_image_location']);
    policy.deny();
    expect(() => locations.len()).toThrow(Forbidden);
    expect(() => [...locations]).toThrow(Forbidden);
  });

  it('copy and deepcopy of a locations proxy enforce nothing', () => {
    const policy = new RecordingEnforcer().deny();
    const inner = new PyList([{ url: 'a', metadata: { k: 1 }, status: 'active' }]);
    const locations = new ImageLocationsProxy(inner, member, policy);
    expect(locations.copy().locations).toBe(inner);
    const deep = locations.deepcopy();
    expect(deep.locations).not.toBe(inner);
    expect(deep.locations.toArray()).toEqual(inner.toArray());
    expect(policy.calls).toHaveLength(0);
  });

  it('the task repo does not guard remove; set_data is not guarded', () => {
    const policy = new RecordingEnforcer().deny();
    const repo = new TaskRepoProxy(new TaskRepoStub() as unknown as proxy.TaskRepoBase, member, policy);
    expect(() => repo.remove(new TaskProxy(new TaskStub(UUID1) as unknown as proxy.TaskLike, member, policy))).not.toThrow();
    const image = new ImageProxy(asImage(new ImageStub(UUID1)), member, policy);
    expect(() => image.set_data([Buffer.from('x')])).not.toThrow();
    expect(policy.calls).toHaveLength(0);
  });

  it('a new image of private or shared visibility needs no rule', () => {
    const policy = new RecordingEnforcer().deny();
    const factory = new ImageFactoryProxy(new ImageFactoryStub() as unknown as proxy.ImageFactoryBase, member, policy);
    expect(factory.new_image({ visibility: 'shared' }).image).toBe('new_image');
    expect(factory.new_image({}).image).toBe('new_image');
    expect(policy.calls).toHaveLength(0);
  });
});

describe('differential cases recorded from Glance 16 policy.py', () => {
  interface Differential {
    actions: string[];
    callers: Array<{ user: string; tenant: string; roles: string[] }>;
    ops: string[];
    cases: Array<[string, ...string[]]>;
  }
  const data = JSON.parse(
    readFileSync(new URL('./__test-helpers__/policy-differential.json', import.meta.url), 'utf8'),
  ) as Differential;

  /** The stub image of the recording: shared, owned by p1, two extra properties. */
  class RecordedImage {
    image_id = UUID1;
    name = 'img';
    status = 'active';
    visibility = 'shared';
    created_at = null;
    updated_at = null;
    min_disk = 0;
    min_ram = 1;
    protected = false;
    locations: unknown = new PyList([{ url: 'http://a', metadata: {}, status: 'active' }]);
    checksum = null;
    owner = 'p1';
    disk_format = 'raw';
    container_format = 'bare';
    size = 5;
    virtual_size = null;
    extra_properties = new PyDict<unknown>({ os_distro: 'cirros', k: 'v' });
    tags = new Set<string>();
    delete(): void {}
    deactivate(): void {}
    reactivate(): void {}
    get_data(): Buffer[] {
      return [];
    }
    set_data(): void {}
  }

  const outcome = (op: () => unknown): string => {
    try {
      op();
      return 'o';
    } catch (e) {
      if (e instanceof Forbidden) return 'F';
      if (e instanceof Invalid) return 'I';
      if (e instanceof ImageNotFound) return 'N';
      throw e;
    }
  };

  const runOps = (rule: string, caller: { user: string; tenant: string; roles: string[] }): string => {
    const policy = Object.fromEntries(data.actions.map((a) => [a, rule]));
    const enf = new Enforcer(settingsFrom({ policy }));
    const ctx = new RequestContext({ user_id: caller.user, project_id: caller.tenant, roles: caller.roles, policy_enforcer: enf });
    const image = (): proxy.ImageLike => asImage(new RecordedImage());
    const P = (): ImageProxy => new ImageProxy(image(), ctx, enf);
    const repo = (missing = false): ImageRepoProxy =>
      new ImageRepoProxy(asRepo({
        get: () => {
          if (missing) throw new ImageNotFound();
          return image();
        },
        list: () => [image()],
        add: () => null,
        save: () => null,
        remove: () => null,
      }), ctx, enf);
    const factory = new ImageFactoryProxy({ new_image: () => image() }, ctx, enf);
    const members = (): ImageMemberRepoProxy<ImageMembershipStub> =>
      new ImageMemberRepoProxy(new MemberRepoStub() as unknown as proxy.MemberRepoLike<ImageMembershipStub>, image(), ctx, enf);
    const tasks = new TaskRepoStub() as unknown as proxy.TaskRepoBase & proxy.TaskStubRepoBase;
    const task = (): TaskProxy => new TaskProxy(new TaskStub(UUID1) as unknown as proxy.TaskLike, ctx, enf);
    const loc = (url: string): proxy.Location => ({ url, metadata: {}, status: 'active' });
    const ops: Record<string, () => unknown> = {
      'repo.get': () => repo().get(UUID1),
      'repo.get_missing': () => repo(true).get(UUID1),
      'repo.list': () => repo().list(),
      'repo.add': () => repo().add(P()),
      'repo.save': () => repo().save(P()),
      'factory.public': () => factory.new_image({ visibility: 'public' }),
      'factory.community': () => factory.new_image({ visibility: 'community' }),
      'image.vis_public': () => (P().visibility = 'public'),
      'image.vis_community': () => (P().visibility = 'community'),
      'image.delete': () => P().delete(),
      'image.deactivate': () => P().deactivate(),
      'image.reactivate': () => P().reactivate(),
      'image.get_data': () => P().get_data(),
      'locations.len': () => P().locations.len(),
      'locations.append': () => P().locations.append(loc('http://b')),
      'locations.pop': () => P().locations.pop(),
      'locations.set_keep': () => (P().locations = [loc('http://a'), loc('http://b')]),
      'locations.set_drop': () => (P().locations = [loc('http://b')]),
      'locations.set_bad': () => (P().locations = 'x'),
      'members.add': () => members().add(new ImageMembershipStub()),
      'members.get': () => members().get('m'),
      'members.list': () => members().list(),
      'members.save': () => members().save(new ImageMembershipStub()),
      'members.remove': () => members().remove(new ImageMembershipStub()),
      'tasks.get': () => new TaskRepoProxy(tasks, ctx, enf).get(UUID1),
      'tasks.add': () => new TaskRepoProxy(tasks, ctx, enf).add(task()),
      'tasks.save': () => new TaskRepoProxy(tasks, ctx, enf).save(task()),
      'tasks.list': () => new TaskStubRepoProxy(tasks, ctx, enf).list(),
    };
    return data.ops.map((name) => outcome(ops[name] ?? (() => { throw new Error(`no op ${name}`); }))).join('');
  };

  it.each(data.cases)('every action ruled by %j answers as in Glance', (rule, ...expected) => {
    expect(data.callers.map((caller) => runOps(rule, caller))).toEqual(expected);
  });
});
