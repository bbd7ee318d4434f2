// Port of glance/tests/unit/test_domain_proxy.py (all 21 cases ported).
import { describe, expect, it } from 'vitest';
import * as proxy from '../../src/legacy/proxy.js';
import type { NewTaskKwargs } from '../../src/legacy/proxy.js';
import { FakeProxy, FakeRepo, RecordingFactory } from './__test-helpers__/fake-proxy.js';

type Method = 'get' | 'list' | 'add' | 'save' | 'remove';

function call(repo: proxy.Repo<unknown, unknown>, name: Method, args: unknown[]): unknown {
  const method = repo[name] as (...a: unknown[]) => unknown;
  return method.apply(repo, args);
}

describe('TestProxyRepoPlain', () => {
  const setUp = () => {
    const fake_repo = new FakeRepo();
    return { fake_repo, proxy_repo: new proxy.Repo<unknown>(fake_repo) };
  };

  /** The base's result comes back as is, and the base got the same arguments. */
  function testMethod(name: Method, base_result: unknown, args: unknown[], expected_args = args): void {
    const { fake_repo, proxy_repo } = setUp();
    fake_repo.result = base_result;
    const proxy_result = call(proxy_repo, name, args);
    expect(proxy_result).toEqual(base_result);
    expect(fake_repo.args).toEqual(expected_args);
  }

  it('test_get: get passes the id through and returns the base result', () => {
    testMethod('get', 'snarf', ['abcd']);
  });

  it('test_list: list passes its keyword arguments through unchanged', () => {
    testMethod('list', ['sniff', 'snarf'], [{ limit: 2, filters: { name: '^sn' } }]);
  });

  it('test_add: add hands the item to the base and returns its result', () => {
    testMethod('add', 'snuff', ['enough']);
  });

  it('test_save: save passes from_state (None by default) to the base', () => {
    testMethod('save', 'snuff', ['enough'], ['enough', null]);
  });

  // Glance's test_remove exercises `add` with a None result (a copy-paste in the original).
  it('test_remove: add with a None base result returns None', () => {
    testMethod('add', null, ['flying']);
  });
});

describe('TestProxyRepoWrapping', () => {
  const setUp = () => {
    const fake_repo = new FakeRepo();
    const proxy_repo = new proxy.Repo<unknown, FakeProxy>(fake_repo, FakeProxy, { a: 1 });
    return { fake_repo, proxy_repo };
  };

  it('test_get: get wraps the base result in the proxy class with its kwargs', () => {
    const { fake_repo, proxy_repo } = setUp();
    fake_repo.result = 'snarf';
    const result = proxy_repo.get('some-id');
    expect(result).toBeInstanceOf(FakeProxy);
    expect(fake_repo.args).toEqual(['some-id']);
    expect(result.base).toBe('snarf');
    expect(result.args).toEqual([]);
    expect(result.kwargs).toEqual({ a: 1 });
  });

  it('test_list: list wraps every item', () => {
    const { fake_repo, proxy_repo } = setUp();
    fake_repo.result = ['scratch', 'sniff'];
    const results = proxy_repo.list({ limit: 2, marker: 's' });
    expect(fake_repo.args).toEqual([{ limit: 2, marker: 's' }]);
    expect(results).toHaveLength(2);
    results.forEach((r, i) => {
      expect(r).toBeInstanceOf(FakeProxy);
      expect(r.base).toBe((fake_repo.result as string[])[i]);
      expect(r.args).toEqual([]);
      expect(r.kwargs).toEqual({ a: 1 });
    });
  });

  /** The base gets the unwrapped item; a result is wrapped, None stays None. */
  function testWithProxiedArgument(name: 'add' | 'save' | 'remove', result: unknown, extra_args: unknown[] = []): void {
    const { fake_repo, proxy_repo } = setUp();
    fake_repo.result = result;
    const item = new FakeProxy('snoop');
    const proxy_result = call(proxy_repo as proxy.Repo<unknown, unknown>, name, [item]) as FakeProxy | null;
    expect(fake_repo.args).toEqual(['snoop', ...extra_args]);
    if (result === null) {
      expect(proxy_result).toBeNull();
    } else {
      expect(proxy_result).toBeInstanceOf(FakeProxy);
      expect(proxy_result?.base).toBe(result);
      expect(proxy_result?.args).toEqual([]);
      expect(proxy_result?.kwargs).toEqual({ a: 1 });
    }
  }

  it('test_add: add unwraps the item and wraps the result', () => {
    testWithProxiedArgument('add', 'dog');
  });
  it('test_add_with_no_result: add returns None when the base does', () => {
    testWithProxiedArgument('add', null);
  });
  it('test_save: save unwraps the item, passes from_state and wraps the result', () => {
    testWithProxiedArgument('save', 'dog', [null]);
  });
  it('test_save_with_no_result: save returns None when the base does', () => {
    testWithProxiedArgument('save', null, [null]);
  });
  it('test_remove: remove unwraps the item and wraps the result', () => {
    testWithProxiedArgument('remove', 'dog');
  });
  it('test_remove_with_no_result: remove returns None when the base does', () => {
    testWithProxiedArgument('remove', null);
  });
});

describe('TestImageFactory', () => {
  it('test_proxy_plain: without a proxy class the factory result comes back as is', () => {
    const factory = new RecordingFactory<string>();
    const proxy_factory = new proxy.ImageFactory<string>(factory);
    factory.result = 'eddard';
    const image = proxy_factory.new_image({ a: 1, b: 'two' });
    expect(image).toBe('eddard');
    expect(factory.calls).toEqual([{ method: 'new_image', args: [{ a: 1, b: 'two' }] }]);
  });

  it('test_proxy_wrapping: with a proxy class the new image is wrapped', () => {
    const factory = new RecordingFactory<string>();
    const proxy_factory = new proxy.ImageFactory<string, FakeProxy<string>>(factory, FakeProxy, { dog: 'bark' });
    factory.result = 'stark';
    const image = proxy_factory.new_image({ a: 1, b: 'two' });
    expect(image).toBeInstanceOf(FakeProxy);
    expect(image.base).toBe('stark');
    expect(factory.calls).toEqual([{ method: 'new_image', args: [{ a: 1, b: 'two' }] }]);
  });
});

describe('TestImageMembershipFactory', () => {
  it('test_proxy_plain: the membership comes back as is and the base sees image and member', () => {
    const factory = new RecordingFactory<string>();
    const proxy_factory = new proxy.ImageMembershipFactory<string, string, Record<string, unknown>, unknown>(factory);
    factory.result = 'tyrion';
    const membership = proxy_factory.new_image_member('jaime', 'cersei');
    expect(membership).toBe('tyrion');
    expect(factory.calls).toEqual([{ method: 'new_image_member', args: ['jaime', 'cersei'] }]);
  });

  it('test_proxy_wrapped_membership: the membership is wrapped with the kwargs', () => {
    const factory = new RecordingFactory<string>();
    const proxy_factory = new proxy.ImageMembershipFactory<string, FakeProxy<string>, Record<string, unknown>, unknown>(
      factory, FakeProxy, { a: 1 });
    factory.result = 'tyrion';
    const membership = proxy_factory.new_image_member('jaime', 'cersei');
    expect(membership).toBeInstanceOf(FakeProxy);
    expect(membership.base).toBe('tyrion');
    expect(membership.kwargs).toEqual({ a: 1 });
    expect(factory.calls[0]?.args).toEqual(['jaime', 'cersei']);
  });

  it('test_proxy_wrapped_image: a wrapped image reaches the base still wrapped', () => {
    const factory = new RecordingFactory<string>();
    const proxy_factory = new proxy.ImageMembershipFactory<string, FakeProxy<string>, Record<string, unknown>, unknown>(
      factory, FakeProxy);
    factory.result = 'tyrion';
    const image = new FakeProxy('jaime');
    const membership = proxy_factory.new_image_member(image, 'cersei');
    expect(membership).toBeInstanceOf(FakeProxy);
    expect(factory.calls[0]?.args[0]).toBe(image);
    expect(factory.calls[0]?.args[1]).toBe('cersei');
  });

  it('test_proxy_both_wrapped: the image keeps its own proxy, the membership gets the factory one', () => {
    class FakeProxy2 extends FakeProxy {}
    const factory = new RecordingFactory<string>();
    const proxy_factory = new proxy.ImageMembershipFactory<string, FakeProxy<string>, Record<string, unknown>, unknown>(
      factory, FakeProxy, { b: 2 });
    factory.result = 'tyrion';
    const image = new FakeProxy2('jaime');
    const membership = proxy_factory.new_image_member(image, 'cersei');
    expect(membership).toBeInstanceOf(FakeProxy);
    expect(membership.base).toBe('tyrion');
    expect(membership.kwargs).toEqual({ b: 2 });
    expect(factory.calls[0]?.args[0]).toBeInstanceOf(FakeProxy2);
    expect(factory.calls[0]?.args[1]).toBe('cersei');
  });
});

describe('TestTaskFactory', () => {
  const kwargs: NewTaskKwargs = { task_type: 'import', owner: 'owner' };

  it('test_proxy_plain: new_task passes its keyword arguments to the base once', () => {
    const factory = new RecordingFactory<string>();
    const proxy_factory = new proxy.TaskFactory<string>(factory);
    proxy_factory.new_task(kwargs);
    expect(factory.calls).toEqual([{ method: 'new_task', args: [kwargs] }]);
  });

  it('test_proxy_wrapping: with a proxy class the new task is wrapped', () => {
    const factory = new RecordingFactory<string>();
    const proxy_factory = new proxy.TaskFactory<string, FakeProxy<string>>(factory, FakeProxy, { dog: 'bark' });
    factory.result = 'fake_task';
    const task = proxy_factory.new_task(kwargs);
    expect(factory.calls).toEqual([{ method: 'new_task', args: [kwargs] }]);
    expect(task).toBeInstanceOf(FakeProxy);
    expect(task.base).toBe('fake_task');
  });
});

describe('proxy mechanics beyond the Glance tests', () => {
  it('Helper passes None through even with a proxy class', () => {
    const helper = new proxy.Helper<string, FakeProxy<string>>(FakeProxy);
    expect(helper.proxy(null)).toBeNull();
    expect(helper.unproxy(null)).toBeNull();
  });

  it('Helper accepts an arrow function as the proxy class', () => {
    const helper = new proxy.Helper<string, { wrapped: string; base: string }>((base) => ({ wrapped: base, base }));
    expect(helper.proxy('x')).toEqual({ wrapped: 'x', base: 'x' });
    expect(helper.unproxy({ wrapped: 'x', base: 'y' })).toBe('y');
  });

  it('the task proxy refuses a status write, as the domain task has no setter', () => {
    const base = { status: 'pending' } as unknown as proxy.TaskLike;
    Object.defineProperty(base, 'status', { get: () => 'pending' });
    const task = new proxy.Task(base);
    expect(() => {
      task.status = 'success';
    }).toThrowError("can't set attribute");
    expect(task.status).toBe('pending');
  });
});
