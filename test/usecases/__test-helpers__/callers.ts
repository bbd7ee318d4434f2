/**
 * Callers as glance/tests/unit/utils.py get_fake_request builds them
 * (user USER1, tenant TENANT1, roles ['member']), spelled as a scenario's
 * `as`. Glance's `is_admin=True` becomes the `admin` role, since the
 * format derives is_admin from roles as the context middleware does.
 */
import { expect } from 'vitest';
import type { Caller } from '../../../src/shared/world.js';
import type { Answer } from './usecase.js';
import { TENANT1, USER1 } from './fixtures.js';

export interface CallerOptions {
  readonly tenant?: string | null;
  readonly user?: string | null;
  readonly roles?: readonly string[];
  readonly admin?: boolean;
}

/** @see glance/tests/unit/utils.py get_fake_request */
export function as(opts: CallerOptions = {}): Caller {
  const roles = [...(opts.roles ?? ['member']), ...(opts.admin === true ? ['admin'] : [])];
  return {
    user: opts.user === undefined ? USER1 : opts.user,
    project: opts.tenant === undefined ? TENANT1 : opts.tenant,
    roles,
  };
}

export const admin = (opts: CallerOptions = {}): Caller => as({ ...opts, admin: true });

/** Glance's anonymous, read-only context. */
export const anonymous: Caller | null = null;

/** Asserts a failure: the status, and the message when given (exact string or pattern). */
export function expectError(a: Answer, status: number, message?: string | RegExp): void {
  expect({ status: a.status, error: a.error }, `answer: ${JSON.stringify(a)}`).toMatchObject({ status });
  if (typeof message === 'string') expect(a.error).toBe(message);
  else if (message !== undefined) expect(a.error).toMatch(message);
  expect(a.body).toBeUndefined();
}

/** Asserts success with the given status (and no error text). */
export function expectOk(a: Answer, status = 200): void {
  expect({ status: a.status, error: a.error }, `answer: ${JSON.stringify(a)}`).toEqual({ status, error: undefined });
}
