/**
 * Port of glance/tests/unit/v2/test_image_data_resource.py: the upload,
 * stage and download controller against Glance's FakeImage/FakeImageRepo
 * (the gateway's get_repo replaced, as Glance's FakeGateway does), the
 * request deserializer on Glance's wsgi.Request, and the download
 * serializer (ranges included) writing into a webob Response. Where Glance
 * mocks filesystem.Store.add, the port spies on FilesystemStore.add.
 */
// not ported: TestImagesController.test_upload_with_trusts - registry data_api token refresher; the port runs the sqlalchemy db api only
// not ported: TestImagesController.test_upload_with_trusts_fails - registry data_api token refresher; the port runs the sqlalchemy db api only
// not ported: TestImagesController.test_image_stage_raises_bad_store_uri - the staging store is the world's filesystem driver, built without a configure() step that could fail (node_staging_uri is not configurable)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ImageDataController, ImageDataResponseSerializer, RequestDeserializer, ResponseSerializer, drain,
} from '../../../src/legacy/api/v2/image-data.js';
import { staging_store } from '../../../src/legacy/api/v2/staging.js';
import { Request as WsgiRequest } from '../../../src/legacy/common/wsgi.js';
import { HTTPNotFound, HTTPUnsupportedMediaType } from '../../../src/legacy/webob.js';
import { BytesIO, type PyFileLike } from '../../../src/lib/webob/io.js';
import { FilesystemStore } from '../../../src/shared/store/index.js';
import { getFakeWsgiRequest, responseFor } from '../__test-helpers__/wsgi-request.js';
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
const OTHER_ID = '5b0c2dcb-3d6d-4a4b-9a7e-3e4f0b2e1a11';

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
  afterEach(() => {
    vi.restoreAllMocks();
    w.close();
  });

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

  it('test_restore_image_when_staging_failed: a write denial while staging restores the image to queued', () => {
    vi.spyOn(FilesystemStore.prototype, 'add').mockImplementation(raising(new storeExc.StorageWriteDenied()));
    repo.result = new FakeImage('fake');
    expect(httpError(() => controller.stage(getFakeRequest(), OTHER_ID, bytes('YYYYYYY'), 7)).pyName).toBe('HTTPServiceUnavailable');
    expect(repo.saved_image?.status).toBe('queued');
  });

  it('test_stage: the image goes to uploading, its size untouched', () => {
    const image = new FakeImage(OTHER_ID);
    repo.result = image;
    vi.spyOn(FilesystemStore.prototype, 'add').mockImplementation(() => ({ location: '', size: 0, checksum: '', metadata: {} }));
    controller.stage(getFakeRequest(), OTHER_ID, bytes('YYYY'), 4);
    expect(image.status).toBe('uploading');
    expect(image.size).toBe(0);
  });

  it('test_image_already_on_staging: data already staged is a 409', () => {
    const image = new FakeImage(OTHER_ID);
    repo.result = image;
    const add = vi.spyOn(FilesystemStore.prototype, 'add').mockImplementation(() => ({ location: '', size: 0, checksum: '', metadata: {} }));
    controller.stage(getFakeRequest(), OTHER_ID, bytes('YYYY'), 4);
    expect(image.status).toBe('uploading');
    add.mockImplementation(raising(new storeExc.Duplicate()));
    expect(image.size).toBe(0);
    expect(httpError(() => controller.stage(getFakeRequest(), OTHER_ID, bytes('YYYY'), 4)).pyName).toBe('HTTPConflict');
  });

  const stageFailure = (error: Error): string => {
    vi.spyOn(FilesystemStore.prototype, 'add').mockImplementation(raising(error));
    repo.result = new FakeImage(OTHER_ID);
    vi.spyOn(controller, '_unstage').mockImplementation(() => undefined);
    return httpError(() => controller.stage(getFakeRequest(), OTHER_ID, bytes('YYYYYYY'), 7)).pyName;
  };

  it('test_image_stage_raises_storage_full: a full staging store is a 413', () => {
    expect(stageFailure(new storeExc.StorageFull())).toBe('HTTPRequestEntityTooLarge');
  });

  it('test_image_stage_raises_storage_quota_full: a storage quota failure is a 413', () => {
    expect(stageFailure(new StorageQuotaFull('message'))).toBe('HTTPRequestEntityTooLarge');
  });

  it('test_image_stage_raises_storage_write_denied: a write denial is a 503', () => {
    expect(stageFailure(new storeExc.StorageWriteDenied())).toBe('HTTPServiceUnavailable');
  });

  it('test_image_stage_raises_internal_error: any other error escapes as it is', () => {
    repo.result = new ServerError();
    expect(() => controller.stage(getFakeRequest(), OTHER_ID, bytes('YYYYYYY'), 7)).toThrow(ServerError);
  });

  it('test_image_stage_non_existent_image: an unknown image is a 404', () => {
    repo.result = new NotFound();
    expect(httpError(() => controller.stage(getFakeRequest(), OTHER_ID, bytes('ABC'), 3)).pyName).toBe('HTTPNotFound');
  });

  it('test_image_stage_raises_image_size_exceeded: data over the size cap is a 413', () => {
    expect(stageFailure(new ImageSizeLimitExceeded())).toBe('HTTPRequestEntityTooLarge');
  });

  it('test_image_stage_invalid_image_transition: staging an uploading image again is a 409', () => {
    const image = new FakeImage(OTHER_ID);
    repo.result = image;
    const add = vi.spyOn(FilesystemStore.prototype, 'add').mockImplementation(() => ({ location: '', size: 0, checksum: '', metadata: {} }));
    controller.stage(getFakeRequest(), OTHER_ID, bytes('YYYY'), 4);
    expect(image.status).toBe('uploading');
    expect(image.size).toBe(0);
    add.mockImplementation(raising(new InvalidImageStatusTransition(null, { cur_status: 'uploading', new_status: 'uploading' })));
    expect(httpError(() => controller.stage(getFakeRequest(), OTHER_ID, bytes('YYYY'), 4)).pyName).toBe('HTTPConflict');
  });

  it('stage writes the body to the world staging directory and _unstage removes it (real filesystem store)', () => {
    const image = new FakeImage(OTHER_ID);
    repo.result = image;
    controller.stage(getFakeRequest(), OTHER_ID, bytes('YYYY'), 4);
    const staged = join(w.storeRoot, 'staging', OTHER_ID);
    expect(readFileSync(staged, 'utf-8')).toBe('YYYY');
    controller._unstage(repo as unknown as ImageRepoLike, asImage(image), staging_store(w.store));
    expect(existsSync(staged)).toBe(false);
    expect(image.status).toBe('queued');
  });
});

describe('TestImageDataDeserializer', () => {
  const deserializer = (enable_image_import = true): RequestDeserializer => new RequestDeserializer({ enable_image_import });
  const octetRequest = (): WsgiRequest => {
    const request = getFakeWsgiRequest();
    request.headers.setItem('Content-Type', 'application/octet-stream');
    return request;
  };
  const readAll = (output: Record<string, unknown>): string => (output['data'] as PyFileLike).read().toString();

  it('test_upload: the body file and its Content-Length as size', () => {
    const request = octetRequest();
    request.body = Buffer.from('YYY');
    request.headers.setItem('Content-Length', '3');
    const output = deserializer().upload(request);
    expect(readAll(output)).toBe('YYY');
    expect(output['size']).toBe(3);
  });

  it('test_upload_chunked: a body file without Content-Length has no size', () => {
    const request = octetRequest();
    request.body_file = new BytesIO(Buffer.from('YYY'));
    const output = deserializer().upload(request);
    expect(readAll(output)).toBe('YYY');
    expect(output['size']).toBeNull();
  });

  it('test_upload_chunked_with_content_length: the Content-Length is the size even for a body file', () => {
    const request = octetRequest();
    request.body_file = new BytesIO(Buffer.from('YYY'));
    request.headers.setItem('Content-Length', '3');
    const output = deserializer().upload(request);
    expect(readAll(output)).toBe('YYY');
    expect(output['size']).toBe(3);
  });

  it('test_upload_with_incorrect_content_length: the declared length is passed on as it is', () => {
    const request = octetRequest();
    request.body = Buffer.from('YYY');
    request.headers.setItem('Content-Length', '4');
    const output = deserializer().upload(request);
    expect(readAll(output)).toBe('YYY');
    expect(output['size']).toBe(4);
  });

  it('test_upload_wrong_content_type: anything but application/octet-stream is a 415', () => {
    for (const type of ['application/json', 'application/octet-st']) {
      const request = getFakeWsgiRequest();
      request.headers.setItem('Content-Type', type);
      request.body = Buffer.from('YYYYY');
      expect(() => deserializer().upload(request)).toThrow(HTTPUnsupportedMediaType);
    }
  });

  it('test_stage: the body file is passed on', () => {
    const request = octetRequest();
    request.headers.setItem('Content-Length', '4');
    request.body_file = new BytesIO(Buffer.from('YYYY'));
    expect(readAll(deserializer().stage(request))).toBe('YYYY');
  });

  it('test_stage_if_image_import_is_disabled: 404 when image import is off', () => {
    expect(() => deserializer(false).stage(getFakeWsgiRequest())).toThrow(HTTPNotFound);
  });

  it('test_stage_raises_invalid_content_type: a JSON body is a 415', () => {
    const request = getFakeWsgiRequest();
    request.headers.setItem('Content-Type', 'application/json');
    expect(() => deserializer().stage(request)).toThrow(HTTPUnsupportedMediaType);
  });

  it('a request without Content-Type is a 415 too (get_content_type needs the header)', () => {
    const request = getFakeWsgiRequest();
    request.body = Buffer.from('x');
    expect(() => deserializer().upload(request)).toThrow(HTTPUnsupportedMediaType);
  });
});

describe('TestImageDataSerializer', () => {
  const serializer = new ResponseSerializer();
  const Z = (): Buffer[] => [Buffer.from('Z'), Buffer.from('Z'), Buffer.from('Z')];
  const XYZ = (): Buffer[] => [Buffer.from('X'), Buffer.from('Y'), Buffer.from('Z')];
  const responseWith = (headers: Record<string, string> = {}) => {
    const request = WsgiRequest.blank('/');
    for (const [k, v] of Object.entries(headers)) request.headers.setItem(k, v);
    return responseFor(request);
  };
  const failingImage = (e: Error): ImageLike => {
    const image = new FakeImage(null, { size: 3, data: Z() });
    image.get_data = raising(e);
    return asImage(image);
  };
  const downloadError = (image: ImageLike, headers: Record<string, string> = {}): string =>
    httpError(() => serializer.download(responseWith(headers), image)).pyName;

  it('test_download: the body is the data; Content-Length, no Content-MD5', () => {
    const response = responseWith();
    serializer.download(response, asImage(new FakeImage(null, { size: 3, data: Z() })));
    expect(response.body.toString()).toBe('ZZZ');
    expect(response.headers.get('Content-Length')).toBe('3');
    expect(response.headers.contains('Content-MD5')).toBe(false);
    expect(response.headers.get('Content-Type')).toBe('application/octet-stream');
  });

  it('test_range_requests_for_image_downloads: 206 with the bytes and Content-Range; bad ranges are 416', () => {
    const ranged = (range: string) => {
      const response = responseWith({ Range: range });
      serializer.download(response, asImage(new FakeImage(null, { size: 3, data: XYZ() })));
      return { status: response.status_code, length: response.headers.get('Content-Length'), range: response.headers.get('Content-Range'), body: response.body.toString() };
    };
    for (const range of ['bytes=1-2', 'bytes=1-', 'bytes=1-3', 'bytes=-2', 'bytes=1-100']) {
      expect(ranged(range)).toEqual({ status: 206, length: '2', range: 'bytes 1-2/3', body: 'YZ' });
    }
    for (const range of ['bytes=0-', 'bytes=0-2', 'bytes=0-3', 'bytes=-3', 'bytes=-4', 'bytes=0-100', 'bytes=-100']) {
      expect(ranged(range)).toEqual({ status: 206, length: '3', range: 'bytes 0-2/3', body: 'XYZ' });
    }
    for (const range of ['bytes=4-1', 'bytes=4-', 'bytes=3-', 'bytes=1', 'bytes=100', 'bytes=100-', 'bytes=']) {
      expect(downloadError(asImage(new FakeImage(null, { size: 3, data: Z() })), { Range: range })).toBe('HTTPRequestRangeNotSatisfiable');
    }
  });

  it('test_multi_range_requests_raises_bad_request_error: several ranges are a 400', () => {
    expect(downloadError(asImage(new FakeImage(null, { size: 3, data: Z() })), { Range: 'bytes=0-0,-1' })).toBe('HTTPBadRequest');
  });

  it('test_download_failure_with_valid_range: a store NotFound with a range answers 204', () => {
    expect(downloadError(failingImage(new storeExc.NotFound(null, { image: 'image' })), { Range: 'bytes=1-2' })).toBe('HTTPNoContent');
  });

  it('test_content_range_requests_for_image_downloads: a Content-Range request header is honoured (pre-Pike clients)', () => {
    for (const range of ['bytes 1-2/3', 'bytes 1-2/*']) {
      const response = responseWith({ 'Content-Range': range });
      serializer.download(response, asImage(new FakeImage(null, { size: 3, data: XYZ() })));
      expect(response.status_code).toBe(206);
      expect(response.headers.get('Content-Length')).toBe('2');
      expect(response.headers.get('Content-Range')).toBe('bytes 1-2/3');
      expect(response.body.toString()).toBe('YZ');
    }
    const failures = ['bytes -3/3', 'bytes 1-/3', 'bytes 1-3/3', 'bytes 1-4/3', 'bytes 1-4/*', 'bytes 4-1/3', 'bytes 4-1/*', 'bytes 4-8/*', 'bytes 4-8/10', 'bytes 4-8/3'];
    for (const range of failures) {
      expect(downloadError(asImage(new FakeImage(null, { size: 3, data: Z() })), { 'Content-Range': range })).toBe('HTTPRequestRangeNotSatisfiable');
    }
  });

  it('test_download_failure_with_valid_content_range: a store NotFound with a Content-Range answers 204', () => {
    expect(downloadError(failingImage(new storeExc.NotFound(null, { image: 'image' })), { 'Content-Range': 'bytes 1-2/3' })).toBe('HTTPNoContent');
  });

  it('test_download_with_checksum: Content-MD5 carries the checksum', () => {
    const checksum = '0745064918b49693cca64d6b6a13d28a';
    const response = responseWith();
    serializer.download(response, asImage(new FakeImage(null, { size: 3, checksum, data: Z() })));
    expect(response.body.toString()).toBe('ZZZ');
    expect(response.headers.get('Content-Length')).toBe('3');
    expect(response.headers.get('Content-MD5')).toBe(checksum);
    expect(response.headers.get('Content-Type')).toBe('application/octet-stream');
  });

  it('test_download_forbidden: a Forbidden from get_data answers 403, not 500', () => {
    expect(downloadError(failingImage(new Forbidden()))).toBe('HTTPForbidden');
  });

  it('test_download_no_content: a store NotFound answers 204', () => {
    expect(downloadError(failingImage(new storeExc.NotFound(null, { image: 'image' })))).toBe('HTTPNoContent');
  });

  it('test_download_service_unavailable: RemoteServiceUnavailable answers 503', () => {
    expect(downloadError(failingImage(new storeExc.RemoteServiceUnavailable()))).toBe('HTTPServiceUnavailable');
  });

  it('test_download_store_get_not_support: StoreGetNotSupported answers 400', () => {
    expect(downloadError(failingImage(new storeExc.StoreGetNotSupported()))).toBe('HTTPBadRequest');
  });

  it('test_download_store_random_get_not_support: StoreRandomGetNotSupported answers 400', () => {
    expect(downloadError(failingImage(new storeExc.StoreRandomGetNotSupported(null, { offset: 0, chunk_size: 0 })))).toBe('HTTPBadRequest');
  });

  it('test_upload: upload answers 204', () => {
    const response = responseWith();
    serializer.upload(response);
    expect(response.status_int).toBe(204);
  });

  it('test_stage: stage answers 204', () => {
    const response = responseWith();
    serializer.stage(response);
    expect(response.status_int).toBe(204);
  });
});

describe('ImageDataResponseSerializer (format 1, no Range)', () => {
  it('the format-1 download answers the data with Content-MD5 and Content-Length', () => {
    const response = new ImageDataResponseSerializer().download(asImage(new FakeImage(null, { size: 3, checksum: 'abc', data: [Buffer.from('ZZZ')] })));
    expect(drain(response).toString()).toBe('ZZZ');
    expect(response.headers).toEqual({ 'Content-Type': 'application/octet-stream', 'Content-MD5': 'abc', 'Content-Length': '3' });
  });
});

