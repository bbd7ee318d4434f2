/**
 * The image status actions (deactivate, reactivate), answered as Glance
 * 16.0.0 answers them.
 * @see glance/domain/__init__.py Image.deactivate, Image.reactivate
 * @see glance/api/v2/image_actions.py ImageActionsController
 */
import { DomainError } from '../errors.js';

/**
 * docs/divergence-candidates.md #22: deactivating or reactivating an
 * image in a status other than active or deactivated raises the domain's
 * Forbidden (403), not a state conflict (400 or 409).
 */
export function toggleRefused(status: string, action: 'deactivate' | 'reactivate'): DomainError {
  return new DomainError('Forbidden', `Not allowed to ${action} image in status '${status}'`);
}
