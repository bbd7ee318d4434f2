/**
 * Writes to the metadata definitions catalog, kept as Glance 16.0.0's
 * controllers make them: what a failed create leaves behind, and what an
 * update answers.
 * @see glance/api/v2/metadef_namespaces.py NamespaceController.create, _cleanup_namespace, update
 * @see glance/api/v2/metadef_objects.py MetadefObjectsController.update
 * @see glance/api/v2/metadef_tags.py TagsController.update
 */
import { pyStr } from '../../lib/python.js';
import type { DomainError } from '../errors.js';
import { duplicate } from '../metadefs/rules.js';

/** The failures of a namespace create its controller catches to clean up: Forbidden, NotFound, Duplicate. */
const CLEANED_UP: readonly number[] = [403, 404, 409];

/**
 * docs/divergence-candidates.md #57: a refusal, a missing thing or a
 * conflict after the namespace was made deletes it again (as the caller,
 * so not when it may not, nor when it is protected: that failure is
 * logged, not answered); any other failure leaves the namespace and what
 * was made in it so far.
 */
export function undoNamespaceCreate(failure: DomainError, undo: () => void): void {
  if (!CLEANED_UP.includes(failure.status)) return;
  try {
    undo();
  } catch {
    // "Failed to delete namespace ...": logged, not answered.
  }
}

/**
 * docs/divergence-candidates.md #58: an update of a namespace, object or
 * tag answers (and notifies) the updated_at read before the save, not the
 * one the save stamps.
 */
export function answeredUpdatedAt(before: { readonly updated_at: Date | null }): Date | null {
  return before.updated_at;
}

/**
 * docs/divergence-candidates.md #58: an object renamed onto an existing
 * name is refused naming the object's stored name, not the one asked for.
 */
export function objectRenameConflict(storedName: unknown, namespace: unknown): DomainError {
  return duplicate(
    `Invalid update. It would result in a duplicate metadata definition object with the same name=${pyStr(storedName)} in namespace=${pyStr(namespace)}.`,
  );
}
