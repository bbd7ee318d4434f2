/**
 * Port of glance/tests/unit/v2/test_image_data_resource.py: the upload and
 * download controller against Glance's FakeImage/FakeImageRepo (the gateway's
 * get_repo replaced, as Glance's FakeGateway does), and the download serializer.
 */
// not ported: TestImagesController.test_upload_with_trusts - registry data_api token refresher; the port runs the sqlalchemy db api only
// not ported: TestImagesController.test_upload_with_trusts_fails - registry data_api token refresher; the port runs the sqlalchemy db api only
// not ported: TestImagesController.test_restore_image_when_staging_failed - stage() (image import) is outside the scenario format and not ported
// not ported: TestImagesController.test_stage - stage() (image import) is outside the scenario format and not ported
// not ported: TestImagesController.test_image_already_on_staging - stage() (image import) is outside the scenario format and not ported
// not ported: TestImagesController.test_image_stage_raises_bad_store_uri - stage() (image import) is outside the scenario format and not ported
// not ported: TestImagesController.test_image_stage_raises_storage_full - stage() (image import) is outside the scenario format and not ported
// not ported: TestImagesController.test_image_stage_raises_storage_quota_full - stage() (image import) is outside the scenario format and not ported
// not ported: TestImagesController.test_image_stage_raises_storage_write_denied - stage() (image import) is outside the scenario format and not ported
// not ported: TestImagesController.test_image_stage_raises_internal_error - stage() (image import) is outside the scenario format and not ported
// not ported: TestImagesController.test_image_stage_non_existent_image - stage() (image import) is outside the scenario format and not ported
// not ported: TestImagesController.test_image_stage_raises_image_size_exceeded - stage() (image import) is outside the scenario format and not ported
// not ported: TestImagesController.test_image_stage_invalid_image_transition - stage() (image import) is outside the scenario format and not ported
// not ported: TestImageDataDeserializer.test_upload - deserializer not in scope (format gives parsed args)
// not ported: TestImageDataDeserializer.test_upload_chunked - deserializer not in scope (format gives parsed args)
// not ported: TestImageDataDeserializer.test_upload_chunked_with_content_length - deserializer not in scope (format gives parsed args)
// not ported: TestImageDataDeserializer.test_upload_with_incorrect_content_length - deserializer not in scope (format gives parsed args)
// not ported: TestImageDataDeserializer.test_upload_wrong_content_type - deserializer not in scope (format gives parsed args)
// not ported: TestImageDataDeserializer.test_stage - deserializer not in scope (format gives parsed args)
// not ported: TestImageDataDeserializer.test_stage_if_image_import_is_disabled - deserializer not in scope (format gives parsed args)
// not ported: TestImageDataDeserializer.test_stage_raises_invalid_content_type - deserializer not in scope (format gives parsed args)
// not ported: TestImageDataSerializer.test_range_requests_for_image_downloads - Range requests are not in the scenario format; the serializer is ported without them
// not ported: TestImageDataSerializer.test_multi_range_requests_raises_bad_request_error - Range requests are not in the scenario format; the serializer is ported without them
// not ported: TestImageDataSerializer.test_download_failure_with_valid_range - Range requests are not in the scenario format; the serializer is ported without them
// not ported: TestImageDataSerializer.test_content_range_requests_for_image_downloads - Content-Range requests are not in the scenario format; the serializer is ported without them
// not ported: TestImageDataSerializer.test_download_failure_with_valid_content_range - Content-Range requests are not in the scenario format; the serializer is ported without them
// not ported: TestImageDataSerializer.test_stage - stage() (image import) is outside the scenario format and not ported
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImageDataController, ImageDataResponseSerializer, drain } from '../../../src/legacy/api/v2/image-data.js';
import {
  Conflict, Forbidden, ImageNotFound, ImageSizeLimitExceeded, InvalidImageStatusTransition, NotAuthenticated,
  NotFound, ServerError, StorageQuotaFull,
} from '../../../src/legacy/exception.js';
import * as storeExc from '../../../src/shared/store/exceptions.js';
import type { ImageLike, ImageRepoLike } from '../../../src/legacy/gateway.js';
import { PyException, ValueError } from '../../../src/lib/python.js';
import { RecordingEnforcer } from '../__test-helpers__/fake-policy.js';
import { UUID1, USER2, USER3, getFakeRequest, httpError, v2World, type V2World } from '../__test-helpers__/v2-fixtures.js';

const UUID2 = '971ec09a-8067-4bc8-a91f-ae3557f1c4c7';

/** @see glance/tests/unit/v2/test_image_data_resource.py FakeImage */
class FakeImage {
  data: unknown;
  private _status: unknown;
  delete: () => void = () => undefined;
  constructor(
    public image_id: string | null = null,
    opts: { data?: unknown; checksum?: string | null; size?: number | null; locations?: unknown; status?: unknown } = {},
  ) {
    this.data = opts.data ?? null;
    this.checksum = opts.checksum ?? null;
    this.size = opts.size ?? 0;
    this.locations = opts.locations ?? null;
    this._status = opts.status ?? null;
  }
  checksum: string | null;
  size: number | null;
  virtual_size = 0;
  locations: unknown;
  container_format = 'bear';
  disk_format = 'rawr';
  get status(): unknown {
    return this._status;
  }
  set status(value: unknown) {
    if (this._status instanceof Error) throw this._status;
    this._status = value;
  }
  get_data(offset = 0, chunk_size: number | null = null): Iterable<Buffer> {
    const chunks = this.data as Buffer[];
    return chunk_size ? chunks.slice(offset, offset + chunk_size) : chunks.slice(offset);
  }
  set_data(data: Iterable<Buffer>, size: number | null = null): void {
    this.data = Buffer.concat([...data]).toString();
    this.size = size;
    this.status = 'modified-by-fake';
  }
}

/** @see glance/tests/unit/v2/test_image_data_resource.py FakeImageRepo */
class FakeImageRepo {
  saved_image: FakeImage | null = null;
  constructor(public result: unknown = null) {}
  get(_image_id: string): FakeImage {
    if (this.result instanceof Error) throw this.result;
    return this.result as FakeImage;
  }
  save(image: FakeImage, _from_state: string | null = null): void {
    this.saved_image = image;
  }
}

/** `Raise(exc)`: a callable that raises. */
const raising = (e: Error) => (): never => {
  throw e;
};
const bytes = (s: string): Buffer[] => [Buffer.from(s)];
const asImage = (image: FakeImage): ImageLike => image as unknown as ImageLike;

describe('TestImagesController', () => {
  let w: V2World;
  let repo: FakeImageRepo;
  let controller: ImageDataController;

  beforeEach(() => {
    w = v2World();
    repo = new FakeImageRepo();
    controller = new ImageDataController(w.deps());
    controller.gateway.get_repo = () => repo as unknown as ImageRepoLike;
  });
  afterEach(() => w.close());

  const upload = (data: Iterable<Buffer>, size: number | null, image_id = UUID2, request = getFakeRequest()): void =>
    controller.upload(request, image_id, data, size);
  const uploadError = (data: Iterable<Buffer>, size: number | null, request = getFakeRequest()): string =>
    httpError(() => upload(data, size, UUID2, request)).pyName;

  it('test_download: the controller hands the image to the serializer', () => {
    repo.result = new FakeImage('abcd', { locations: [{ url: 'http://example.com/image', metadata: {}, status: 'active' }] });
    expect(controller.download(getFakeRequest(), UUID1).image_id).toBe('abcd');
  });

  it('test_download_deactivated: a deactivated image answers 403 to a non-admin', () => {
    repo.result = new FakeImage('abcd', { status: 'deactivated' });
    const e = httpError(() => controller.download(getFakeRequest(), UUID1));
    expect(e.pyName).toBe('HTTPForbidden');
    expect(e.explanation).toBe('The requested image has been deactivated. Image data download is forbidden.');
  });

  it('test_download_no_location: without locations the controller still answers (the serializer gives 204)', () => {
    repo.result = new FakeImage('abcd');
    expect(controller.download(getFakeRequest(), UUID2).image_id).toBe('abcd');
  });

  it('test_download_non_existent_image: NotFound answers 404', () => {
    repo.result = new NotFound();
    expect(httpError(() => controller.download(getFakeRequest(), UUID1)).pyName).toBe('HTTPNotFound');
  });

  it('test_download_forbidden: Forbidden answers 403', () => {
    repo.result = new Forbidden();
    expect(httpError(() => controller.download(getFakeRequest(), UUID1)).pyName).toBe('HTTPForbidden');
  });

  it('test_download_ok_when_get_image_location_forbidden: the controller never reads locations', () => {
    const image = new FakeImage('abcd');
    Object.defineProperty(image, 'locations', { get: () => { throw new Forbidden(); } });
    repo.result = image;
    expect(controller.download(getFakeRequest(), UUID1).image_id).toBe('abcd');
  });

  it('test_upload: data and size reach set_data', () => {
    const image = new FakeImage('abcd');
    repo.result = image;
    upload(bytes('YYYY'), 4);
    expect(image.data).toBe('YYYY');
    expect(image.size).toBe(4);
  });

  it('test_upload_status: the image is saved as saving before the data is read', () => {
    const image = new FakeImage('abcd');
    repo.result = image;
    let called = false;
    function* readData(): Generator<Buffer> {
      called = true;
      expect(repo.saved_image?.status).toBe('saving');
      yield Buffer.from('YYYY');
    }
    upload(readData(), null);
    expect(called).toBe(true);
    expect(repo.saved_image?.status).toBe('modified-by-fake');
  });

  it('test_upload_no_size: an unknown size stays None', () => {
    const image = new FakeImage('abcd');
    repo.result = image;
    upload(bytes('YYYY'), null);
    expect(image.data).toBe('YYYY');
    expect(image.size).toBeNull();
  });

  it('test_upload_image_forbidden: upload_image is enforced with an empty target; denial answers 403', () => {
    const policy = new RecordingEnforcer().deny();
    controller = new ImageDataController({ ...w.deps(), policy_enforcer: policy });
    controller.gateway.get_repo = () => repo as unknown as ImageRepoLike;
    const request = getFakeRequest();
    expect(httpError(() => upload(bytes('YYYY'), 4, UUID2, request)).pyName).toBe('HTTPForbidden');
    expect(policy.calls.map((c) => [c.context, c.action, c.target])).toEqual([[request.context, 'upload_image', {}]]);
  });

  it('test_upload_invalid: a ValueError from the status answers 400', () => {
    const image = new FakeImage('abcd');
    image.status = new ValueError();
    repo.result = image;
    expect(uploadError(bytes('YYYY'), 4)).toBe('HTTPBadRequest');
  });

  it('test_upload_with_expired_token: NotAuthenticated on the final save deletes the image, restores it and answers 401', () => {
    const image = new FakeImage('abcd');
    let deletes = 0;
    image.delete = () => { deletes++; };
    repo.result = image;
    const saves: Array<string | null> = [];
    repo.save = (_image, from_state = null) => {
      saves.push(from_state);
      if (from_state === 'saving') throw new NotAuthenticated();
    };
    expect(uploadError(bytes('YYYY'), 4)).toBe('HTTPUnauthorized');
    expect(saves).toHaveLength(3);
    expect(deletes).toBe(1);
  });

  it('test_upload_non_existent_image_during_save_initiates_deletion: ImageNotFound or Conflict on save answers 410 and deletes', () => {
    for (const make of [() => new ImageNotFound(), () => new Conflict()]) {
      const image = new FakeImage('abcd', { locations: ['http://example.com/image'] });
      let deleted = false;
      image.delete = () => { deleted = true; };
      repo.result = image;
      repo.save = () => { throw make(); };
      expect(uploadError(bytes('ABC'), 3)).toBe('HTTPGone');
      expect(deleted).toBe(true);
    }
  });

  it('test_upload_non_existent_image_raises_image_not_found_exception: an ImageNotFound from delete is ignored (410)', () => {
    const image = new FakeImage('abcd', { locations: ['http://example.com/image'] });
    image.delete = raising(new ImageNotFound());
    repo.result = image;
    repo.save = () => { throw new ImageNotFound(); };
    const e = httpError(() => upload(bytes('ABC'), 3, 'a-missing-id'));
    expect(e.pyName).toBe('HTTPGone');
    expect(e.explanation).toBe('Image a-missing-id could not be found after upload. The image may have been deleted during the upload, cleaning up the chunks uploaded.');
  });

  it('test_upload_non_existent_image_raises_store_not_found_exception: a store NotFound on save answers 410', () => {
    const image = new FakeImage('abcd', { locations: ['http://example.com/image'] });
    image.delete = raising(new ImageNotFound());
    repo.result = image;
    repo.save = () => { throw new storeExc.NotFound(); };
    expect(uploadError(bytes('ABC'), 3)).toBe('HTTPGone');
  });

  it('test_upload_non_existent_image_before_save: NotFound from get answers 404', () => {
    repo.result = new NotFound();
    expect(uploadError(bytes('ABC'), 3)).toBe('HTTPNotFound');
  });

  it('test_upload_data_exists: InvalidImageStatusTransition answers 409', () => {
    const image = new FakeImage();
    image.set_data = raising(new InvalidImageStatusTransition(null, { cur_status: 'active', new_status: 'queued' }));
    repo.result = image;
    const e = httpError(() => upload(bytes('YYYY'), 4, UUID1));
    expect(e.pyName).toBe('HTTPConflict');
    expect(e.explanation).toBe('Image status transition from active to queued is not allowed');
  });

  it('test_upload_storage_full: the store\'s StorageFull answers 413', () => {
    const image = new FakeImage();
    image.set_data = raising(new storeExc.StorageFull());
    repo.result = image;
    expect(uploadError(bytes('YYYYYYY'), 7)).toBe('HTTPRequestEntityTooLarge');
  });

  it('test_upload_signature_verification_fails: the image is killed and the answer is 400', () => {
    class SignatureVerificationError extends PyException {}
    const image = new FakeImage();
    image.set_data = raising(new SignatureVerificationError('bad signature'));
    repo.result = image;
    expect(uploadError(bytes('YYYY'), 4)).toBe('HTTPBadRequest');
    expect(repo.saved_image?.status).toBe('killed');
  });

  it('test_image_size_limit_exceeded: ImageSizeLimitExceeded answers 413', () => {
    const image = new FakeImage();
    image.set_data = raising(new ImageSizeLimitExceeded());
    repo.result = image;
    expect(uploadError(bytes('YYYYYYY'), 7)).toBe('HTTPRequestEntityTooLarge');
  });

  it('test_upload_storage_quota_full: StorageQuotaFull answers 413 with the quota text', () => {
    repo.result = new StorageQuotaFull('message');
    const e = httpError(() => upload(bytes('YYYYYYY'), 7));
    expect(e.pyName).toBe('HTTPRequestEntityTooLarge');
    expect(e.explanation).toBe('Image exceeds the storage quota: message');
  });

  it('test_upload_storage_forbidden: Forbidden from set_data answers 403', () => {
    const image = new FakeImage();
    image.set_data = raising(new Forbidden());
    repo.result = image;
    const e = httpError(() => upload(bytes('YY'), 2, UUID2, getFakeRequest({ user: USER2 })));
    expect(e.pyName).toBe('HTTPForbidden');
    expect(e.explanation).toBe(`Not allowed to upload image data for image ${UUID2}`);
  });

  it('test_upload_storage_internal_error: any other error escapes unchanged', () => {
    repo.result = new ServerError();
    expect(() => upload(bytes('ABC'), 3)).toThrow(ServerError);
  });

  it('test_upload_storage_write_denied: StorageWriteDenied answers 503', () => {
    const image = new FakeImage();
    image.set_data = raising(new storeExc.StorageWriteDenied());
    repo.result = image;
    expect(uploadError(bytes('YY'), 2, getFakeRequest({ user: USER3 }))).toBe('HTTPServiceUnavailable');
  });

  it('test_upload_storage_store_disabled: StoreAddDisabled answers 410', () => {
    const image = new FakeImage();
    image.set_data = raising(new storeExc.StoreAddDisabled());
    repo.result = image;
    const e = httpError(() => upload(bytes('YY'), 2, UUID2, getFakeRequest({ user: USER3 })));
    expect(e.pyName).toBe('HTTPGone');
    expect(e.explanation).toBe('Error in store configuration. Adding images to store is disabled.');
  });

  it('test_restore_image_when_upload_failed: a failed upload puts the image back to queued', () => {
    const image = new FakeImage('fake');
    image.set_data = raising(new storeExc.StorageWriteDenied());
    repo.result = image;
    expect(uploadError(bytes('ZZZ'), 3)).toBe('HTTPServiceUnavailable');
    expect(repo.saved_image?.status).toBe('queued');
  });
});

describe('TestImageDataSerializer', () => {
  const serializer = new ImageDataResponseSerializer();
  const Z = (): Buffer[] => [Buffer.from('Z'), Buffer.from('Z'), Buffer.from('Z')];
  const failingImage = (e: Error): ImageLike => {
    const image = new FakeImage(null, { size: 3, data: Z() });
    image.get_data = raising(e);
    return asImage(image);
  };

  it('test_download: the body is the data; Content-Length, no Content-MD5', () => {
    const response = serializer.download(asImage(new FakeImage(null, { size: 3, data: Z() })));
    expect(drain(response).toString()).toBe('ZZZ');
    expect(response.headers['Content-Length']).toBe('3');
    expect(response.headers).not.toHaveProperty('Content-MD5');
    expect(response.headers['Content-Type']).toBe('application/octet-stream');
  });

  it('test_download_with_checksum: Content-MD5 carries the checksum', () => {
    const checksum = '0745064918b49693cca64d6b6a13d28a';
    const response = serializer.download(asImage(new FakeImage(null, { size: 3, checksum, data: Z() })));
    expect(drain(response).toString()).toBe('ZZZ');
    expect(response.headers['Content-Length']).toBe('3');
    expect(response.headers['Content-MD5']).toBe(checksum);
  });

  it('test_download_forbidden: a Forbidden from get_data answers 403, not 500', () => {
    expect(httpError(() => serializer.download(failingImage(new Forbidden()))).pyName).toBe('HTTPForbidden');
  });

  it('test_download_no_content: a store NotFound answers 204', () => {
    const e = httpError(() => serializer.download(failingImage(new storeExc.NotFound(null, { image: 'image' }))));
    expect(e.pyName).toBe('HTTPNoContent');
    expect(e.status).toBe(204);
  });

  it('test_download_service_unavailable: RemoteServiceUnavailable answers 503', () => {
    expect(httpError(() => serializer.download(failingImage(new storeExc.RemoteServiceUnavailable()))).pyName).toBe('HTTPServiceUnavailable');
  });

  it('test_download_store_get_not_support: StoreGetNotSupported answers 400', () => {
    expect(httpError(() => serializer.download(failingImage(new storeExc.StoreGetNotSupported()))).pyName).toBe('HTTPBadRequest');
  });

  it('test_download_store_random_get_not_support: StoreRandomGetNotSupported answers 400', () => {
    const e = new storeExc.StoreRandomGetNotSupported(null, { offset: 0, chunk_size: 0 });
    expect(httpError(() => serializer.download(failingImage(e))).pyName).toBe('HTTPBadRequest');
  });

  it('test_upload: upload answers 204', () => {
    expect(serializer.upload().status).toBe(204);
  });
});
