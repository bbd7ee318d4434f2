/**
 * Image rows, kept as Glance 16.0.0's sqlalchemy db api reads and writes
 * them where that looks accidental; the repository runs the statements.
 * @see glance/db/sqlalchemy/api.py _check_image_id, _image_update
 */
import { DomainError, escaped } from '../errors.js';

/**
 * docs/divergence-candidates.md #70: `_check_image_id` raises
 * ImageNotFound() without its id for an id longer than the column, so the
 * message keeps its placeholder.
 */
export function idLongerThanColumn(): DomainError {
  return new DomainError('ImageNotFound', 'Image with the given id %(image_id)s was not found');
}

/**
 * docs/divergence-candidates.md #71: `_image_update` takes a falsy image id
 * as "create", so a save whose target id was PATCHed to '' writes a new
 * image row with id ''.
 */
export function saveCreates(id: string): boolean {
  return !id;
}

/**
 * docs/divergence-candidates.md #71: no controller on the save path
 * catches the Duplicate of a second image '', so it escapes (500).
 * @returns what the failure of such a create becomes.
 */
export function createOnSaveFailure(e: unknown): unknown {
  return e instanceof DomainError && e.kind === 'Duplicate' ? escaped(e) : e;
}
