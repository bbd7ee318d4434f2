/**
 * Image upload and download, with Glance 16.0.0's long list of error
 * branches: which failures restore the image to queued, which kill it, and
 * which leave it where it is. The request deserializer accepts only
 * `application/octet-stream` bodies; the response serializer streams the
 * data back, a byte range of it when the request asks for one.
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
  StoreGetNotSupported, StoreRandomGetNotSupported, Duplicate as StoreDuplicate,
} from '../../../shared/store/exceptions.js';
import { Gateway, type ImageLike, type ImageRepoLike, type PolicyEnforcerLike } from '../../gateway.js';
import { ValueError, pyFormat } from '../../../lib/python.js';
import { assertMutating, contextOf, exceptionText, type ControllerDeps, type ControllerRequest, type SerializerResponse } from './images.js';
import { InvalidContentType } from '../../exception.js';
import { HTTPUnsupportedMediaType } from '../../webob.js';
import { JSONRequestDeserializer, JSONResponseSerializer, Resource, bindKwargs, type Kwargs, type Request } from '../../common/wsgi.js';
import { ContentRange, Range } from '../../../lib/webob/byterange.js';
import type { PyFileLike } from '../../../lib/webob/io.js';
import { CooperativeReader, LimitingReader } from '../../utils.js';
import type { FilesystemStore } from '../../../shared/store/index.js';
import { staged_uri, staging_store } from './staging.js';

/**
 * The image data resource.
 * @see glance/api/v2/image_data.py ImageDataController
 */
export class ImageDataController {
  readonly gateway: Gateway;
  readonly policy: PolicyEnforcerLike;

  private readonly settings: ControllerDeps['settings'];

  constructor(deps: ControllerDeps) {
    this.gateway = new Gateway(deps);
    this.policy = deps.policy_enforcer;
    this.settings = deps.settings;
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
  upload(req: ControllerRequest, image_id: string, data: Iterable<Buffer>, size: number | null): void {
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

  /**
   * Restores the image to queued after removing what was staged (nothing
   * staged is fine).
   * @see glance/api/v2/image_data.py ImageDataController._unstage
   */
  _unstage(image_repo: ImageRepoLike, image: ImageLike, store: FilesystemStore): void {
    const loc = this.gateway.store_api.getLocationFromUri(staged_uri(this.gateway.store_api, image.image_id));
    try {
      store.delete(loc);
    } catch (e) {
      if (!(e instanceof StoreNotFound)) throw e;
    } finally {
      this._restore(image_repo, image);
    }
  }

  /**
   * Writes the request body to the staging area (image import's first
   * step); the image goes from queued to uploading.
   * @see glance/api/v2/image_data.py ImageDataController.stage
   */
  stage(req: ControllerRequest, image_id: string, data: Iterable<Buffer>, _size: number | null): void {
    assertMutating(req);
    const image_repo = this.gateway.get_repo(req.context);
    let image: ImageLike | null = null;
    const store = staging_store(this.gateway.store_api);
    try {
      image = image_repo.get(image_id);
      image.status = 'uploading';
      image_repo.save(image, 'queued');
      try {
        store.add(image_id, new LimitingReader(new CooperativeReader(data), this.settings.image_size_cap), 0);
      } catch (e) {
        if (e instanceof StoreDuplicate) throw new HTTPConflict({ explanation: pyFormat('The image %s has data on staging', [image_id]) });
        throw e;
      }
    } catch (e) {
      throw this.stageError(e, image_repo, image, store);
    }
  }

  /** The except clauses of stage, in Glance's order. */
  private stageError(e: unknown, image_repo: ImageRepoLike, image: ImageLike | null, store: FilesystemStore): unknown {
    const unstage = (): void => {
      if (image !== null) this._unstage(image_repo, image, store);
      else this._restore(image_repo, image);
    };
    if (e instanceof NotFound) return new HTTPNotFound({ explanation: e.msg });
    if (e instanceof StorageFull) {
      unstage();
      return new HTTPRequestEntityTooLarge({ explanation: pyFormat('Image storage media is full: %s', [exceptionText(e)]) });
    }
    if (e instanceof StorageQuotaFull) {
      unstage();
      return new HTTPRequestEntityTooLarge({ explanation: pyFormat('Image exceeds the storage quota: %s', [exceptionText(e)]) });
    }
    if (e instanceof ImageSizeLimitExceeded) {
      unstage();
      return new HTTPRequestEntityTooLarge({ explanation: pyFormat('The incoming image is too large: %s', [exceptionText(e)]) });
    }
    if (e instanceof StorageWriteDenied) {
      unstage();
      return new HTTPServiceUnavailable({ explanation: pyFormat('Insufficient permissions on image storage media: %s', [exceptionText(e)]) });
    }
    if (e instanceof InvalidImageStatusTransition) return new HTTPConflict({ explanation: e.msg });
    // Anything else (the 409 of data already staged included) restores the image and goes on.
    this._restore(image_repo, image);
    return e;
  }

  /** @see glance/api/v2/image_data.py ImageDataController.download */
  download(req: ControllerRequest, image_id: string): ImageLike {
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

/** The size of the pieces a request body is read in (glance_store's filesystem chunk size). */
const READ_CHUNK_SIZE = 65536;

/** A request body file read lazily, chunk by chunk, as the store's CooperativeReader reads it. */
export function* readChunks(body_file: PyFileLike, chunkSize = READ_CHUNK_SIZE): Generator<Buffer> {
  for (;;) {
    const chunk = body_file.read(chunkSize);
    if (chunk.length === 0) return;
    yield chunk;
  }
}

/**
 * The image data request deserializer: the body must be
 * `application/octet-stream` (415 otherwise); its size is the
 * Content-Length (None when absent or 0), a chunked body is readable.
 * @see glance/api/v2/image_data.py RequestDeserializer
 */
export class RequestDeserializer extends JSONRequestDeserializer {
  constructor(private readonly settings: { readonly enable_image_import: boolean }) {
    super();
  }

  private data_and_size(request: Request): Kwargs {
    try {
      request.get_content_type(['application/octet-stream']);
    } catch (e) {
      if (e instanceof InvalidContentType) throw new HTTPUnsupportedMediaType({ explanation: e.msg });
      throw e;
    }
    if (JSONRequestDeserializer.is_valid_encoding(request) && JSONRequestDeserializer.is_valid_method(request)) {
      request.is_body_readable = true;
    }
    const image_size = request.content_length || null;
    return { size: image_size, data: request.body_file };
  }

  /** @see glance/api/v2/image_data.py RequestDeserializer.upload */
  upload(request: Request): Kwargs {
    return this.data_and_size(request);
  }

  /** @see glance/api/v2/image_data.py RequestDeserializer.stage */
  stage(request: Request): Kwargs {
    // NOTE(quirk): glance/api/v2/image_data.py reads CONF.enable_image_import here, per request.
    if (!this.settings.enable_image_import) throw new HTTPNotFound({ explanation: 'Image import is not supported at this site.' });
    return this.data_and_size(request);
  }
}

/** What the download serializer reads of the request: its Range or Content-Range. */
interface RangeRequest {
  get_range_from_request(image_size: number): Range | ContentRange | null;
}

/**
 * The image data response serializer.
 * @see glance/api/v2/image_data.py ResponseSerializer
 */
export class ResponseSerializer extends JSONResponseSerializer {
  /**
   * The image's data as the response body, or the byte range the request
   * asks for (206, with Content-Range); Content-MD5 is the image checksum,
   * Content-Length the length sent.
   * @see glance/api/v2/image_data.py ResponseSerializer.download
   */
  download(response: SerializerResponse, image: ImageLike): void {
    let offset = 0;
    let chunk_size: number | null = null;
    let response_end = 0;
    const size = image.size as number;
    const range_val = (response.request as RangeRequest).get_range_from_request(size);
    if (range_val) {
      if (range_val instanceof Range) {
        response_end = size - 1;
        if (range_val.start >= 0) offset = range_val.start;
        // A negative start is a suffix length ("bytes=-2"); one longer than the image starts at 0.
        else if (Math.abs(range_val.start) < size) offset = size + range_val.start;
        if (range_val.end !== null && range_val.end < size) {
          chunk_size = range_val.end - offset;
          response_end = range_val.end - 1;
        } else {
          chunk_size = size - offset;
        }
      } else if (range_val instanceof ContentRange) {
        // Kept for backward compatibility, though Content-Range is a response header.
        response_end = (range_val.stop as number) - 1;
        offset = range_val.start as number;
        chunk_size = (range_val.stop as number) - offset;
      }
      response.status_int = 206;
    }
    response.headers.setItem('Content-Type', 'application/octet-stream');
    try {
      const data = image.get_data(offset, chunk_size)[Symbol.iterator]();
      response.app_iter = { [Symbol.iterator]: () => data };
      if (chunk_size !== null) response.headers.setItem('Content-Range', `bytes ${offset}-${response_end}/${size}`);
      else chunk_size = image.size;
    } catch (e) {
      throw downloadError(e);
    }
    // "response.app_iter = ..." resets Content-MD5 and Content-Length (webob issue 86): set them after.
    if (image.checksum) response.headers.setItem('Content-MD5', image.checksum);
    response.headers.setItem('Content-Length', String(chunk_size));
  }

  upload(response: SerializerResponse): void {
    response.status_int = 204;
  }

  stage(response: SerializerResponse): void {
    response.status_int = 204;
  }
}

/**
 * ImageDataController as wsgi.Resource calls it (see images.ts
 * ImagesResourceController): the body file is handed to the store as the
 * chunks it reads.
 */
export class ImageDataResourceController {
  constructor(readonly controller: ImageDataController) {}

  upload(req: ControllerRequest, kwargs: Kwargs): void {
    assertMutating(contextOf(req));
    const a = bindKwargs('upload', [{ name: 'image_id' }, { name: 'data' }, { name: 'size' }], kwargs);
    this.controller.upload(contextOf(req), a['image_id'] as string, readChunks(a['data'] as PyFileLike), a['size'] as number | null);
  }

  stage(req: ControllerRequest, kwargs: Kwargs): void {
    assertMutating(contextOf(req));
    const a = bindKwargs('stage', [{ name: 'image_id' }, { name: 'data' }, { name: 'size' }], kwargs);
    this.controller.stage(contextOf(req), a['image_id'] as string, readChunks(a['data'] as PyFileLike), a['size'] as number | null);
  }

  download(req: ControllerRequest, kwargs: Kwargs): ImageLike {
    const a = bindKwargs('download', [{ name: 'image_id' }], kwargs);
    return this.controller.download(contextOf(req), a['image_id'] as string);
  }
}

/** @see glance/api/v2/image_data.py create_resource */
export function create_resource(deps: ControllerDeps): Resource {
  const deserializer = new RequestDeserializer(deps.settings);
  const serializer = new ResponseSerializer();
  const controller = new ImageDataResourceController(new ImageDataController(deps));
  return new Resource(controller, deserializer, serializer);
}

// ------------------------------------------------------------ format 1

/** What the download serializer hands the WSGI server. */
export interface DownloadResponse {
  readonly status: number;
  readonly app_iter: Iterator<Buffer>;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The image data serializer for format-1 scenarios (which send no Range):
 * status, headers and the chunks to drain.
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
