/**
 * image.upload and image.download.
 * Upload: saving, save, store the bytes (storage quota before and after,
 * image_size_cap while reading), active, save; failures restore queued.
 * @see glance/api/v2/image_data.py ImageDataController
 */
import { requireWritable } from '../actor.js';
import type { Ctx } from '../context.js';
import { DomainError, escaped, escapedException, fail, type FailureKind } from '../errors.js';
import { UnserializableResult } from '../compat/http-front.js';
import { killsImage, sizeCapOverflow, stagedPath, stageRefused, swallowRestoreFailure, verifierFailure } from '../compat/image-data.js';
import { loadImage, policyTarget, type Loaded } from './access.js';
import { setStatus } from './attributes.js';
import { checkUserStorage } from './locations.js';
import { deleteLocationData } from './store.js';
import { saveImage } from './save.js';
import type { Image } from './image.js';
import { Duplicate, NotFound, RemoteServiceUnavailable, StoreGetNotSupported } from '../../shared/store/exceptions.js';
import { FilesystemStore } from '../../shared/store/filesystem.js';
import { filesystemOf } from '../../shared/store/index.js';
import { CERT_UUID, HASH_METHOD, KEY_TYPE, SIGNATURE, getVerifier, shouldCreateVerifier } from '../../shared/store/signature.js';
import { imagePayload } from './view.js';

/** Failures after which the upload controller puts the image back to queued. */
const RESTORED: ReadonlySet<FailureKind> = new Set(['BadValue', 'StorageQuotaFull', 'ImageSizeLimitExceeded']);

export function uploadImage(ctx: Ctx, id: string, data: Iterable<Buffer>, size: number | null): void {
  requireWritable(ctx.actor);
  let loaded: Loaded | null = null;
  try {
    ctx.protections();
    ctx.policy.enforce(ctx.actor, 'upload_image', {});
    loaded = loadImage(ctx, id);
    if (!loaded.mutable) fail('Forbidden', "You are not permitted to modify 'status' on this image.");
    setStatus(loaded.image, 'saving');
    saveImage(ctx, loaded, 'queued');
    storeData(ctx, loaded, data, size);
    saveImage(ctx, loaded, 'saving');
  } catch (e) {
    throw uploadFailure(ctx, loaded, id, e);
  }
}

function uploadFailure(ctx: Ctx, loaded: Loaded | null, id: string, e: unknown): unknown {
  if (!(e instanceof DomainError)) {
    restore(ctx, loaded);
    return e;
  }
  if (e.kind === 'InvalidImageStatusTransition') return new DomainError('HTTPConflict', e.message);
  if (killsImage(e)) {
    kill(ctx, loaded);
    return new DomainError('HTTPBadRequest', `Signature verification failed for image ${id}: ${e.message}`);
  }
  if (e.kind === 'ImageNotFound' && loaded !== null) {
    return new DomainError('HTTPGone', `Image ${id} could not be found after upload. The image may have been deleted during the upload, cleaning up the chunks uploaded.`);
  }
  if (e.kind === 'StorageQuotaFull') {
    restore(ctx, loaded);
    return new DomainError('HTTPRequestEntityTooLarge', `Image exceeds the storage quota: ${e.message}`);
  }
  if (RESTORED.has(e.kind) || e.fromController) {
    restore(ctx, loaded);
    return e;
  }
  if (e.status === 403) return new DomainError('HTTPForbidden', `Not allowed to upload image data for image ${id}`);
  if (e.status === 404) return e;
  restore(ctx, loaded);
  return e;
}

/** _delete: a failed signature marks the image killed (errors swallowed, as _restore's). */
function kill(ctx: Ctx, loaded: Loaded | null): void {
  if (loaded === null) return;
  swallowRestoreFailure(() => {
    setStatus(loaded.image, 'killed');
    saveImage(ctx, loaded);
  });
}

/** _restore: back to queued and saved (compat/image-data.ts swallowRestoreFailure). */
function restore(ctx: Ctx, loaded: Loaded | null): void {
  if (loaded === null) return;
  swallowRestoreFailure(() => {
    setStatus(loaded.image, 'queued');
    saveImage(ctx, loaded);
  });
}

/** set_data through the notifier, quota and location layers. */
function storeData(ctx: Ctx, loaded: Loaded, data: Iterable<Buffer>, size: number | null): void {
  const { image } = loaded;
  ctx.notify('image.prepare', imagePayload(image));
  try {
    writeData(ctx, loaded, data, size);
  } catch (e) {
    ctx.notify('image.upload', uploadErrorText(image.id, e), 'ERROR');
    if (e instanceof DomainError && e.kind === 'BadValue') throw new DomainError('HTTPBadRequest', e.message);
    throw e;
  }
  ctx.notify('image.upload', imagePayload(image));
  ctx.notify('image.activate', imagePayload(image));
}

function uploadErrorText(id: string, e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (e instanceof DomainError && e.kind === 'BadValue') return `Cannot save data for image ${id}: ${text}`;
  return `Failed to upload image data for image ${id} due to internal error: ${text}`;
}

/**
 * The quota layer wraps the location layer: check what remains, read at
 * most that much (and at most image_size_cap), store, then check again
 * with the real size and drop the data when it does not fit.
 */
function writeData(ctx: Ctx, loaded: Loaded, data: Iterable<Buffer>, size: number | null): void {
  const { image } = loaded;
  const remaining = checkUserStorage(ctx, size, image.id);
  const limit = Math.min(remaining === null ? Infinity : Number(remaining), ctx.settings.image_size_cap);
  verifySignature(ctx, image);
  let stored;
  try {
    const capped = limited(data, limit, sizeCapOverflow(size, remaining));
    stored = ctx.world.store.addToBackend(image.id, capped, size ?? 0, { context: ctx.actor });
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw escapedException(e);
  }
  image.locations = [{ url: stored.location, metadata: stored.metadata, status: 'active' }];
  image.size = stored.size;
  image.checksum = stored.checksum;
  setStatus(image, 'active');
  try {
    checkUserStorage(ctx, stored.size, image.id);
  } catch (e) {
    const first = image.locations[0];
    if (first !== undefined) deleteLocationData(ctx, image.id, { ...first });
    throw e;
  }
}

/**
 * The bytes as the store reads them, failing as soon as more than `limit`
 * have come (the quota layer's LimitingReader): the store then removes what
 * it had written.
 */
function* limited(data: Iterable<Buffer>, limit: number, tooMuch: () => unknown): Generator<Buffer> {
  let read = 0;
  for (const chunk of data) {
    read += chunk.length;
    if (read > limit) throw tooMuch();
    yield chunk;
  }
}

/**
 * With all four img_signature* properties the upload needs a verifier;
 * without a key manager cursive fails while building it (a bad signature,
 * hash method or key type first, else the certificate lookup:
 * compat/image-data.ts verifierFailure).
 */
function verifySignature(ctx: Ctx, image: Image): void {
  if (!shouldCreateVerifier(image.properties)) return;
  try {
    getVerifier({
      context: ctx.actor,
      img_signature_certificate_uuid: image.properties.get(CERT_UUID),
      img_signature_hash_method: image.properties.get(HASH_METHOD),
      img_signature: image.properties.get(SIGNATURE),
      img_signature_key_type: image.properties.get(KEY_TYPE),
    });
  } catch (e) {
    throw verifierFailure(e);
  }
}

/**
 * A data failure as the download serializer answers it: no data is 204,
 * an unreachable remote 503, a store that cannot serve ranges 400; any
 * other store failure escapes (500).
 * @see glance/api/v2/image_data.py ResponseSerializer.download
 */
function downloadFailure(e: unknown): unknown {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof NotFound) return new DomainError('HTTPNoContent', message);
  if (e instanceof RemoteServiceUnavailable) return new DomainError('HTTPServiceUnavailable', message);
  // StoreRandomGetNotSupported is a StoreGetNotSupported.
  if (e instanceof StoreGetNotSupported) return new DomainError('HTTPBadRequest', message);
  if (e instanceof DomainError) return e;
  // Raised in Glance's download serializer, which catches only the store's errors and Forbidden.
  return new UnserializableResult(e);
}

/**
 * The download controller: the image, which a non-admin may not download
 * once deactivated.
 * @see glance/api/v2/image_data.py ImageDataController.download
 */
export function openDownload(ctx: Ctx, id: string): Image {
  const { image } = loadImage(ctx, id);
  if (image.status === 'deactivated' && !ctx.actor.isAdmin) {
    fail('Forbidden', 'The requested image has been deactivated. Image data download is forbidden.');
  }
  return image;
}

/**
 * `image.get_data(offset, chunk_size)` through the policy, notifier and
 * location layers: download_image, then the first location the store can
 * read. The bytes come lazily; `image.send` goes out once they are all
 * read (ERROR when fewer came than expected), as a WSGI server drains them.
 */
export function imageData(ctx: Ctx, image: Image, offset: number, chunkSize: number | null): Iterable<Buffer> {
  let chunks: Iterable<Buffer>;
  try {
    ctx.policy.enforce(ctx.actor, 'download_image', policyTarget(image, true));
    chunks = firstReadable(ctx, image, offset, chunkSize);
  } catch (e) {
    throw downloadFailure(e);
  }
  return sent(ctx, image, chunks, chunkSize);
}

function firstReadable(ctx: Ctx, image: Image, offset: number, chunkSize: number | null): Iterable<Buffer> {
  // glance_store's NotFound, as the location layer raises it for an image without data.
  if (image.locations.length === 0) throw new NotFound(null, { image: null });
  let lastError: unknown = null;
  for (const loc of image.locations) {
    try {
      return ctx.world.store.getFromBackend(loc.url, { offset, chunkSize, context: ctx.actor }).data;
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

function* sent(ctx: Ctx, image: Image, chunks: Iterable<Buffer>, chunkSize: number | null): Generator<Buffer> {
  let bytes = 0;
  for (const chunk of chunks) {
    yield chunk;
    bytes += chunk.length;
  }
  const expected = chunkSize || image.size;
  ctx.notify('image.send', {
    bytes_sent: bytes, image_id: image.id, owner_id: image.owner,
    receiver_tenant_id: ctx.actor.project_id, receiver_user_id: ctx.actor.user_id,
  }, bytes === expected ? 'INFO' : 'ERROR');
}

// ------------------------------------------------------------------ staging

/**
 * Image import's first step: the body goes to the staging area (at most
 * image_size_cap bytes) and the image from queued to uploading.
 * @see glance/api/v2/image_data.py ImageDataController.stage
 */
export function stageImage(ctx: Ctx, id: string, data: Iterable<Buffer>): void {
  requireWritable(ctx.actor);
  ctx.protections();
  let loaded: Loaded | null = null;
  try {
    loaded = loadImage(ctx, id);
    if (!loaded.mutable) throw stageRefused();
    setStatus(loaded.image, 'uploading');
    saveImage(ctx, loaded, 'queued');
    writeStaged(ctx, id, data);
  } catch (e) {
    throw stageFailure(ctx, loaded, id, e);
  }
}

function writeStaged(ctx: Ctx, id: string, data: Iterable<Buffer>): void {
  try {
    stagingStore(ctx).add(id, cappedChunks(data, ctx.settings.image_size_cap), 0);
  } catch (e) {
    if (e instanceof Duplicate) throw new DomainError('HTTPConflict', `The image ${id} has data on staging`);
    throw e;
  }
}

/** The body as it is read, refused once more than the cap has been read. */
function* cappedChunks(data: Iterable<Buffer>, cap: number): Generator<Buffer> {
  let at = 0;
  for (const chunk of data) {
    if (at + chunk.length > cap) throw new DomainError('ImageSizeLimitExceeded', 'The provided image is too large.');
    at += chunk.length;
    yield chunk;
  }
}

/**
 * The stage controller's answers: not found, an oversized body (the staged
 * part removed), a status that cannot move; anything else puts the image
 * back to queued and goes on (a Glance exception as a 500 named by it).
 */
function stageFailure(ctx: Ctx, loaded: Loaded | null, id: string, e: unknown): unknown {
  if (!(e instanceof DomainError)) {
    restore(ctx, loaded);
    return e;
  }
  if (e.status === 404 && !e.fromController) return e;
  if (e.kind === 'ImageSizeLimitExceeded') {
    unstage(ctx, loaded, id);
    return new DomainError('HTTPRequestEntityTooLarge', `The incoming image is too large: ${e.message}`);
  }
  if (e.kind === 'InvalidImageStatusTransition') return new DomainError('HTTPConflict', e.message);
  restore(ctx, loaded);
  return e.fromController ? e : escaped(e);
}

/** Removes what was staged (nothing is fine), then restores the image. */
function unstage(ctx: Ctx, loaded: Loaded | null, id: string): void {
  try {
    const store = stagingStore(ctx);
    store.delete(store.parseUri(stagedUri(ctx, id), 'file'));
  } catch (e) {
    if (!(e instanceof NotFound)) throw e;
  } finally {
    restore(ctx, loaded);
  }
}

/** The staging area: a directory beside this world's store (CONF.node_staging_uri stands for it). */
function stagingDir(ctx: Ctx): string {
  const images = filesystemOf(ctx.world.store);
  return images === null ? '/tmp/staging/' : `${images.datadir.replace(/\/+$/, '')}/staging/`;
}

function stagingStore(ctx: Ctx): FilesystemStore {
  return new FilesystemStore(stagingDir(ctx));
}

/** Where an image's data is staged (compat/image-data.ts stagedPath). */
export function stagedUri(ctx: Ctx, id: string): string {
  return stagedPath(stagingDir(ctx), id);
}

