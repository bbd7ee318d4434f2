/**
 * Tasks, kept as Glance 16.0.0 reports them.
 * @see glance/notifier.py TaskProxy, glance/api/v2/tasks.py TasksController.create
 * @see glance/db/sqlalchemy/api.py task_get_all, _task_soft_delete
 */
import type { Actor } from '../actor.js';
import { isotime } from '../images/view.js';
import type { Task } from '../tasks/task.js';

/**
 * docs/divergence-candidates.md #28: the task.create notification is built
 * from the proxy before the row is read back: expires_at reads as now, and
 * result and message as None while the answer's message is "".
 */
export function taskCreatedPayload(task: Task, now: Date): Record<string, unknown> {
  return {
    id: task.id, type: task.type, status: task.status, result: null, owner: task.owner, message: null,
    expires_at: isotime(task.expires_at ?? now), created_at: isotime(task.created_at), updated_at: isotime(task.updated_at),
    deleted: false, deleted_at: null,
  };
}

/**
 * docs/divergence-candidates.md #65: a task listing first soft-deletes
 * the expired tasks owned by the caller's project (`owner ==
 * context.owner`, so for an anonymous caller the ownerless ones, and for an
 * admin only its own project's), so a read writes.
 * @returns the owner whose expired tasks the listing deletes.
 */
export function expiredTasksDeletedOnList(actor: Actor): { readonly owner: string | null } {
  return { owner: actor.owner };
}
