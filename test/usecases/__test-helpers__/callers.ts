/**
 * Callers as glance/tests/unit/utils.py get_fake_request builds them
 * (user USER1, tenant TENANT1, roles ['member']), spelled as a scenario's
 * `as`. Glance's `is_admin=True` becomes the `admin` role, since the
 * format derives is_admin from roles as the context middleware does.
 */
import { relative } from 'node:path';
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

/** What to run to see one failing case again. */
function reproduce(): string {
  const { testPath, currentTestName } = expect.getState();
  const file = testPath === undefined ? 'test/usecases' : relative(process.cwd(), testPath);
  // -t takes a pattern over the space-joined describe/it titles.
  const pattern = (currentTestName ?? '').split(' > ').join(' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `reproduce: npx vitest run ${file} -t '${pattern.replace(/'/g, "'\\''")}'`;
}

/** Asserts a failure: the status, and the message when given (exact string or pattern). */
export function expectError(a: Answer, status: number, message?: string | RegExp): void {
  const why = `answer: ${JSON.stringify(a)}\n${reproduce()}`;
  expect({ status: a.status, error: a.error }, why).toMatchObject({ status });
  if (typeof message === 'string') expect(a.error, why).toBe(message);
  else if (message !== undefined) expect(a.error, why).toMatch(message);
  expect(a.body, why).toBeUndefined();
}

/** Asserts success with the given status (and no error text). */
export function expectOk(a: Answer, status = 200): void {
  expect({ status: a.status, error: a.error }, `answer: ${JSON.stringify(a)}\n${reproduce()}`).toEqual({ status, error: undefined });
}
