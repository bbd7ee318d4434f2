/**
 * The image status machine of Glance 16.0.0 (domain.Image.status): which
 * moves are allowed, and which need both formats set first.
 */
import { pyStr } from '../../lib/python.js';
import { DomainError } from '../errors.js';
import { toggleRefused } from '../compat/image-status.js';

export type ImageStatus =
  | 'queued' | 'saving' | 'uploading' | 'importing' | 'active'
  | 'killed' | 'deleted' | 'pending_delete' | 'deactivated';

export const TRANSITIONS: Readonly<Record<string, readonly ImageStatus[]>> = {
  queued: ['saving', 'uploading', 'importing', 'active', 'deleted'],
  saving: ['active', 'killed', 'deleted', 'queued'],
  uploading: ['importing', 'queued', 'deleted'],
  importing: ['active', 'deleted', 'queued'],
  active: ['pending_delete', 'deleted', 'deactivated'],
  killed: ['deleted'],
  pending_delete: ['deleted'],
  deleted: [],
  deactivated: ['active', 'deleted'],
};

/** Statuses the db knows (glance/db/sqlalchemy STATUSES); listing hides killed. */
export const DB_STATUSES = ['active', 'saving', 'queued', 'killed', 'pending_delete', 'deleted', 'deactivated', 'importing', 'uploading'];

export interface Formats {
  readonly disk_format: unknown;
  readonly container_format: unknown;
}

/**
 * Checks a move; returns nothing or throws InvalidImageStatusTransition
 * (an Invalid) or the ValueError about missing formats.
 */
export function checkTransition(from: string, to: unknown, formats: Formats): void {
  const targets = TRANSITIONS[from] ?? [];
  if (!targets.includes(to as ImageStatus)) {
    throw new DomainError('InvalidImageStatusTransition', `Image status transition from ${from} to ${pyStr(to)} is not allowed`);
  }
  if ((from === 'queued' || from === 'uploading') && ['saving', 'active', 'importing'].includes(to as string)) {
    const missing = (['disk_format', 'container_format'] as const).filter((k) => !formats[k]);
    if (missing.length === 1) throw new DomainError('BadValue', `Property ${missing[0]} must be set prior to saving data.`);
    if (missing.length > 1) throw new DomainError('BadValue', `Properties ${missing.join(', ')} must be set prior to saving data.`);
  }
}

/** deactivate/reactivate: the target, null for a no-op, or a Forbidden (compat/image-status.ts toggleRefused). */
export function toggleTarget(status: string, action: 'deactivate' | 'reactivate'): 'deactivated' | 'active' | null {
  const [from, to] = action === 'deactivate' ? ['active', 'deactivated'] as const : ['deactivated', 'active'] as const;
  if (status === from) return to;
  if (status === to) return null;
  throw toggleRefused(status, action);
}
