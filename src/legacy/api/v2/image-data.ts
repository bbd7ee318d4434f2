/**
 * Image upload and download, with Glance 16.0.0's long list of error
 * branches: which failures restore the image to queued, which kill it, and
 * which leave it where it is.
 */
import {
  Conflict, Forbidden, ImageNotFound, ImageSizeLimitExceeded, InvalidImageStatusTransition, NotAuthenticated,
  NotFound, StorageQuotaFull,
} from '../../exception.js';
import {
  HTTPBadRequest, HTTPConflict, HTTPForbidden, HTTPGone, HTTPNoContent, HTTPNotFound,
  HTTPRequestEntityTooLarge, HTTPServiceUnavailable, HTTPUnauthorized,
} from '../../webob.js';
import {
  StoreAddDisabled, StoreNotFound, StorageFull, StorageWriteDenied, RemoteServiceUnavailable,
  StoreGetNotSupported, StoreRandomGetNotSupported,
} from '../../../shared/store/exceptions.js';
import { Gateway, type ImageLike, type ImageRepoLike, type PolicyEnforcerLike } from '../../gateway.js';
import { ValueError, pyFormat } from '../../../lib/python.js';
import { assertMutating, exceptionText, type ControllerDeps, type Request } from './images.js';

/**
 * The image data resource.
 * @see glance/api/v2/image_data.py ImageDataController
 */
export class ImageDataController {
  readonly gateway: Gateway;
  readonly policy: PolicyEnforcerLike;

  constructor(deps: ControllerDeps) {
    this.gateway = new Gateway(deps);
    this.policy = deps.policy_enforcer;
  }

  /** Put the image back to queued; any failure doing so is swallowed (and logged by Glance). */
  _restore(image_repo: ImageRepoLike | null, image: ImageLike | null): void {
    try {
      if (image_repo && image) {
        image.status = 'queued';
        image_repo.save(image);
      }
    } catch {
      // Glance logs "Unable to restore image ..." and carries on.
    }
  }

  /** Mark the image killed after a signature failure; failures are swallowed. */
  _delete(image_repo: ImageRepoLike | null, image: ImageLike | null): void {
    try {
      if (image_repo && image) {
        image.status = 'killed';
        image_repo.save(image);
      }
    } catch {
      // Glance logs "Unable to delete image ..." and carries on.
    }
  }

  /** @see glance/api/v2/image_data.py ImageDataController.upload */
  upload(req: Request, image_id: string, data: Iterable<Buffer>, size: number | null): void {
    assertMutating(req);
    const image_repo = this.gateway.get_repo(req.context);
    const state: { image: ImageLike | null } = { image: null };
    try {
      this.policy.enforce(req.context, 'upload_image', {});
      state.image = image_repo.get(image_id);
      state.image.status = 'saving';
      this.storeData(image_repo, state.image, image_id, data, size);
    } catch (e) {
      throw this.uploadError(e, image_repo, state.image, image_id);
    }
  }

  /**
   * The inner try of upload: losing the image while its data is stored
   * answers 410. (The registry-only token refresher is not ported: the
   * scenario format runs the sqlalchemy db api.)
   */
  private storeData(image_repo: ImageRepoLike, image: ImageLike, image_id: string, data: Iterable<Buffer>, size: number | null): void {
    try {
      image_repo.save(image, 'queued');
      image.set_data(data, size);
      image_repo.save(image, 'saving');
    } catch (e) {
      if (e instanceof StoreNotFound || e instanceof ImageNotFound || e instanceof Conflict) {
        const msg = pyFormat('Image %s could not be found after upload. The image may have been deleted during the upload, cleaning up the chunks uploaded.', [image_id]);
        try {
          image.delete();
        } catch (inner) {
          if (!(inner instanceof ImageNotFound)) throw inner;
        }
        throw new HTTPGone({ explanation: msg });
      }
      if (e instanceof NotAuthenticated) {
        const msg = pyFormat('Authentication error - the token may have expired during file upload. Deleting image data for %s.', [image_id]);
        try {
          image.delete();
        } catch (inner) {
          if (!(inner instanceof NotAuthenticated)) throw inner;
        }
        throw new HTTPUnauthorized({ explanation: msg });
      }
      throw e;
    }
  }

  /** The outer except clauses of upload, in Glance's order. */
  private uploadError(e: unknown, image_repo: ImageRepoLike, image: ImageLike | null, image_id: string): unknown {
    const restore = (): void => this._restore(image_repo, image);
    if (e instanceof ValueError) {
      restore();
      return new HTTPBadRequest({ explanation: exceptionText(e) });
    }
    if (e instanceof StoreAddDisabled) {
      restore();
      return new HTTPGone({ explanation: 'Error in store configuration. Adding images to store is disabled.' });
    }
    if (e instanceof InvalidImageStatusTransition) return new HTTPConflict({ explanation: e.msg });
    if (e instanceof Forbidden) return new HTTPForbidden({ explanation: `Not allowed to upload image data for image ${image_id}` });
    if (e instanceof NotFound) return new HTTPNotFound({ explanation: e.msg });
    if (e instanceof StorageFull) {
      restore();
      return new HTTPRequestEntityTooLarge({ explanation: pyFormat('Image storage media is full: %s', [exceptionText(e)]) });
    }
    if (e instanceof StorageQuotaFull) {
      restore();
      return new HTTPRequestEntityTooLarge({ explanation: pyFormat('Image exceeds the storage quota: %s', [exceptionText(e)]) });
    }
    if (e instanceof ImageSizeLimitExceeded) {
      restore();
      return new HTTPRequestEntityTooLarge({ explanation: pyFormat('The incoming image is too large: %s', [exceptionText(e)]) });
    }
    if (e instanceof StorageWriteDenied) {
      restore();
      return new HTTPServiceUnavailable({ explanation: pyFormat('Insufficient permissions on image storage media: %s', [exceptionText(e)]) });
    }
    if (isSignatureVerificationError(e)) {
      this._delete(image_repo, image);
      const msg = pyFormat('Signature verification failed for image %(id)s: %(e)s', { id: image_id, e: exceptionText(e) });
      return new HTTPBadRequest({ explanation: msg });
    }
    if (e instanceof HTTPGone) return e;
    // Any other error (HTTP errors from the notifier included) restores and re-raises.
    restore();
    return e;
  }

  /** @see glance/api/v2/image_data.py ImageDataController.download */
  download(req: Request, image_id: string): ImageLike {
    const image_repo = this.gateway.get_repo(req.context);
    try {
      const image = image_repo.get(image_id);
      if (image.status === 'deactivated' && !req.context.is_admin) {
        throw new Forbidden('The requested image has been deactivated. Image data download is forbidden.');
      }
      return image;
    } catch (e) {
      if (e instanceof NotFound) throw new HTTPNotFound({ explanation: e.msg });
      if (e instanceof Forbidden) throw new HTTPForbidden({ explanation: e.msg });
      throw e;
    }
  }
}

/** What the download serializer hands the WSGI server. */
export interface DownloadResponse {
  readonly status: number;
  readonly app_iter: Iterator<Buffer>;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The image data response serializer (no Range support: the scenario format
 * sends none).
 * @see glance/api/v2/image_data.py ResponseSerializer
 */
export class ImageDataResponseSerializer {
  /** @see glance/api/v2/image_data.py ResponseSerializer.download */
  download(image: ImageLike): DownloadResponse {
    const offset = 0;
    let chunk_size: number | null = null;
    let app_iter: Iterator<Buffer>;
    try {
      app_iter = image.get_data(offset, chunk_size)[Symbol.iterator]();
      chunk_size = image.size;
    } catch (e) {
      throw downloadError(e);
    }
    const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
    if (image.checksum) headers['Content-MD5'] = image.checksum;
    headers['Content-Length'] = String(chunk_size);
    return { status: 200, app_iter, headers };
  }

  upload(): { status: number } {
    return { status: 204 };
  }
}

function downloadError(e: unknown): unknown {
  // NOTE(quirk): glance/api/v2/image_data.py answers 204 No Content when the
  // store has no data (an image without locations included).
  if (e instanceof StoreNotFound) return new HTTPNoContent({ explanation: e.msg });
  if (e instanceof RemoteServiceUnavailable) return new HTTPServiceUnavailable({ explanation: e.msg });
  if (e instanceof StoreGetNotSupported || e instanceof StoreRandomGetNotSupported) return new HTTPBadRequest({ explanation: e.msg });
  if (e instanceof Forbidden) return new HTTPForbidden({ explanation: e.msg });
  return e;
}

/** Drains the response as the WSGI server would (this is when image.send is sent). */
export function drain(response: DownloadResponse): Buffer {
  const chunks: Buffer[] = [];
  for (let r = response.app_iter.next(); !r.done; r = response.app_iter.next()) chunks.push(r.value);
  return Buffer.concat(chunks);
}

/** cursive's SignatureVerificationError (raised by the location layer's verifier), matched by its Python name. */
function isSignatureVerificationError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { pyName?: unknown }).pyName === 'SignatureVerificationError';
}
