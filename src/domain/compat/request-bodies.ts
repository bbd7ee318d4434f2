/**
 * Request bodies as Glance 16.0.0's deserializers read them: with
 * Python's `in`, `[]` and methods on whatever JSON value came, so a body
 * of the wrong shape passes a check or fails as the Python operation that
 * met it (a bare 500).
 * @see glance/api/v2/images.py RequestDeserializer, glance/api/v2/tasks.py RequestDeserializer
 * @see glance/api/v2/image_members.py RequestDeserializer
 */
import { pyEquals } from '../../lib/pycollections.js';
import type { PyJson } from '../../lib/pyjson.js';
import { pyTruthy, pyTypeName } from '../../lib/python.js';
import { DomainError } from '../errors.js';

/**
 * docs/divergence-candidates.md #37: `key in body` on any JSON value, so
 * a list body holding the string is as good as a dict with the key (an
 * image create naming 'self' is refused as read-only; a task create
 * naming 'type' and 'input' passes its required-key check).
 */
export function keyIn(body: PyJson, key: string): boolean {
  return body instanceof Map ? body.has(key) : Array.isArray(body) && body.some((x) => pyEquals(x, key));
}

/**
 * docs/divergence-candidates.md #37: the image schema has no top-level
 * type, so a list create body passes it and fails on `list.pop('tags', [])`.
 */
export function createBodyNotADict(): DomainError {
  return new DomainError('TypeError', 'pop expected at most 1 argument, got 2');
}

/**
 * docs/divergence-candidates.md #37: a task create body that passed as a
 * list fails where the controller reads it as a dict.
 */
export function taskBodyNotADict(): DomainError {
  return new DomainError('TypeError', "'str' object cannot be interpreted as an integer");
}

/** docs/divergence-candidates.md #38: a JSON-patch pointer that is not a str fails on `.startswith` (500). */
export function pointerNotText(pointer: PyJson | undefined): DomainError {
  return new DomainError('AttributeError', `'${pyTypeName(pointer ?? null)}' object has no attribute 'startswith'`);
}

/**
 * docs/divergence-candidates.md #38: `container[key]` on a JSON value that
 * is not a dict (an import body, or its method given as a string): a list
 * or str wants an int index, anything else cannot be indexed (500).
 */
export function notSubscriptable(container: PyJson): DomainError {
  if (Array.isArray(container) || typeof container === 'string') {
    return new DomainError('TypeError', `${typeof container === 'string' ? 'string' : 'list'} indices must be integers or slices, not str`);
  }
  return new DomainError('TypeError', `'${pyTypeName(container)}' object is not subscriptable`);
}

/**
 * docs/divergence-candidates.md #39: a member id is any truthy JSON value
 * (a number is stored as the member; one the db cannot bind, a list,
 * fails at the write, 500).
 */
export function isMemberId(id: PyJson): boolean {
  return pyTruthy(id);
}
