import { describe, expect, it } from 'vitest';
import { expiredTasksDeletedOnList, taskCreatedPayload } from '../../../src/domain/compat/tasks.js';
import { admin, alice, anonymous } from '../__test-helpers__/actors.js';
import type { Task } from '../../../src/domain/tasks/task.js';

const at = (s: number): Date => new Date(Date.UTC(2018, 1, 28, 0, 0, s));

describe('the task.create notification (ledger #28)', () => {
  it('quirk #28: reports expires_at as now and result and message as None, whatever the task holds', () => {
    const task: Task = {
      id: 't-1', type: 'import', status: 'pending', owner: 'p-alice', expires_at: null,
      created_at: at(1), updated_at: at(2), input: {}, result: 'r', message: '',
    };
    expect(taskCreatedPayload(task, at(9))).toEqual({
      id: 't-1', type: 'import', status: 'pending', result: null, owner: 'p-alice', message: null,
      expires_at: '2018-02-28T00:00:09Z', created_at: '2018-02-28T00:00:01Z', updated_at: '2018-02-28T00:00:02Z',
      deleted: false, deleted_at: null,
    });
  });

  it('keeps an expiry the task already has', () => {
    const task: Task = {
      id: 't-2', type: 'import', status: 'success', owner: 'p-alice', expires_at: at(5),
      created_at: at(1), updated_at: at(2), input: {}, result: null, message: '',
    };
    expect(taskCreatedPayload(task, at(9))['expires_at']).toBe('2018-02-28T00:00:05Z');
  });
});

describe('a task listing (ledger #65)', () => {
  it("quirk #65: soft-deletes the expired tasks of the caller's own project first: an admin's too, an anonymous caller's ownerless ones", () => {
    // glance/db/sqlalchemy/api.py _task_soft_delete filters `Task.owner == context.owner`, whoever lists.
    expect(expiredTasksDeletedOnList(alice())).toEqual({ owner: 'p-alice' });
    expect(expiredTasksDeletedOnList(admin())).toEqual({ owner: 'p-admin' });
    expect(expiredTasksDeletedOnList(anonymous())).toEqual({ owner: null });
  });
});
