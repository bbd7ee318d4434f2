/**
 * Fakes of glance/tests/unit/test_domain_proxy.py: a proxy class that
 * remembers how it was built, and a repo that remembers how it was called
 * and answers a canned result.
 */
import type { ListKwargs, RepoLike } from '../../../src/legacy/proxy.js';

/** Glance's FakeProxy(base, *args, **kwargs). */
export class FakeProxy<B = unknown> {
  readonly base: B;
  readonly kwargs: Record<string, unknown>;
  readonly args: unknown[];
  constructor(base: B, kwargs: Record<string, unknown> = {}, ...args: unknown[]) {
    this.base = base;
    this.kwargs = kwargs;
    this.args = args;
  }
}

/** Glance's FakeRepo: every method records its arguments and returns `result`. */
export class FakeRepo<T = unknown> implements RepoLike<T> {
  args: unknown[] | null = null;
  result: unknown;
  constructor(result: unknown = null) {
    this.result = result;
  }
  private record(args: unknown[]): never {
    this.args = args;
    return this.result as never;
  }
  get(item_id: string): T {
    return this.record([item_id]);
  }
  list(kwargs?: ListKwargs): T[] {
    return this.record(kwargs === undefined ? [] : [kwargs]);
  }
  add(item: T): T | null {
    return this.record([item]);
  }
  save(item: T, from_state?: string | null): T | null {
    return this.record([item, from_state]);
  }
  remove(item: T): T | null {
    return this.record([item]);
  }
}

/** A factory base that records its keyword arguments (mock.Mock in Glance's tests). */
export class RecordingFactory<R = unknown> {
  calls: Array<{ method: string; args: unknown[] }> = [];
  result: R | null = null;
  private record(method: string, args: unknown[]): R {
    this.calls.push({ method, args });
    return this.result as R;
  }
  new_image(kwargs?: Readonly<Record<string, unknown>>): R {
    return this.record('new_image', [kwargs]);
  }
  new_task(kwargs: Readonly<Record<string, unknown>>): R {
    return this.record('new_task', [kwargs]);
  }
  new_image_member(image: unknown, member_id: string, ...rest: unknown[]): R {
    return this.record('new_image_member', [image, member_id, ...rest]);
  }
}
