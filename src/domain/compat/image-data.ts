/**
 * Image data (upload, staging, download, the staged data of a delete) as
 * Glance 16.0.0 handles it where that looks accidental.
 * @see glance/api/v2/image_data.py ImageDataController, ResponseSerializer.download
 * @see glance/api/v2/images.py ImagesController.delete
 * @see glance/location.py ImageProxy.set_data, glance/common/signature_utils.py (cursive) get_verifier
 */
import { NotFound } from '../../shared/store/exceptions.js';
import { DomainError, escaped, escapedException, pyName } from '../errors.js';
import { storageFull, type PyInt } from '../rules/quota.js';

/**
 * docs/divergence-candidates.md #17: `_restore` runs the rollback and
 * swallows any failure of it, so an image whose `active -> queued` is
 * refused stays `saving` in the db for good.
 */
export function swallowRestoreFailure(rollback: () => void): void {
  try {
    rollback();
  } catch {
    // Glance logs and carries on.
  }
}

/**
 * docs/divergence-candidates.md #18: the quota layer's LimitingReader
 * reports overflowing image_size_cap as a storage quota failure.
 */
export function sizeCapOverflow(size: number | null, remaining: PyInt | null): () => unknown {
  return () => storageFull(size, remaining);
}

/**
 * docs/divergence-candidates.md #40: the authorization layer refuses
 * staging data of an image the caller may not change with a Forbidden the
 * stage controller does not catch (500).
 */
export function stageRefused(): DomainError {
  return escaped(new DomainError('Forbidden', "You are not permitted to modify 'status' on this image."));
}

/**
 * docs/divergence-candidates.md #21b: Glance joins node_staging_uri and
 * the id with '/', so the staged path has '//' before the id.
 */
export function stagedPath(stagingDir: string, id: string): string {
  return `file://${stagingDir}/${id}`;
}

/**
 * docs/divergence-candidates.md #21b: deleting an `uploading` image first
 * deletes its staged data; with nothing staged the store's NotFound makes
 * the whole delete a 404 that leaves the image as it was.
 * @returns the failure to raise, or null when `e` is not that NotFound.
 */
export function nothingStaged(e: unknown): DomainError | null {
  return e instanceof NotFound ? new DomainError('NotFound', e.msg) : null;
}

/**
 * docs/divergence-candidates.md #41: the download serializer compares a
 * range with the image size; an image without a size compares as 0 here
 * (Python would fail comparing with None, which no recorded run reaches).
 */
export function rangeImageSize(size: number | null): number {
  return typeof size === 'number' ? size : 0;
}

/**
 * docs/divergence-candidates.md #32: with all four `img_signature*`
 * properties the upload builds a verifier, which without a key manager
 * fails: cursive's SignatureVerificationError (a bad hash method or key
 * type, or the certificate lookup), or Python's ValueError (a signature
 * that is not ASCII); anything else escapes (500).
 */
export function verifierFailure(e: unknown): DomainError {
  const message = e instanceof Error ? e.message : String(e);
  if (pyName(e) === 'SignatureVerificationError') return new DomainError('SignatureVerificationError', message);
  if (pyName(e) === 'ValueError') return new DomainError('BadValue', message);
  return escapedException(e);
}

/**
 * docs/divergence-candidates.md #32: the upload controller kills the
 * image on a SignatureVerificationError (400, left `killed`) where a
 * ValueError only restores it to queued (400).
 */
export function killsImage(e: DomainError): boolean {
  return e.kind === 'SignatureVerificationError';
}
