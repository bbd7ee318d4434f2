/**
 * The fakes glance/tests/unit/test_quota.py builds on: its FakeContext and
 * FakeImage, and small stand-ins for unit/utils.py's FakeDB (the simple
 * driver's storage usage and member count), FakeStoreUtils and the
 * glance_store size lookup, plus recording doubles for the mock.Mock()
 * repos and factories.
 */
import type { QuotaDbApi, QuotaDeps, QuotaStoreApi, QuotaStoreUtils } from '../../../src/legacy/quota.js';
import type { QuotaContext } from '../../../src/legacy/api-common.js';
import type { ImageData, ImageLike, ImageMemberLike, Location } from '../../../src/legacy/proxy.js';
import { NotFound as StoreNotFound } from '../../../src/shared/store/exceptions.js';
import { PyDict, PyList, PySet, type PyMappingLike, type PySequenceLike, type PySetLike } from '../../../src/lib/pycollections.js';
import type { MutableSettings } from './mutable-settings.js';

/** test_quota.py FakeContext. */
export function fakeContext(): QuotaContext & { is_admin: boolean } {
  return { owner: 'someone', user: null, is_admin: false };
}

/** test_quota.py FakeImage: set_data counts the bytes it drains into `size`. */
export class FakeImage implements ImageLike {
  size: number | null = null;
  image_id = 'someid';
  name: string | null = null;
  status = 'queued';
  created_at = new Date(0);
  updated_at = new Date(0);
  visibility = 'shared';
  min_disk = 0;
  min_ram = 0;
  protected = false;
  checksum: string | null = null;
  owner: string | null = null;
  disk_format: string | null = null;
  container_format: string | null = null;
  virtual_size: number | null = null;
  private _locations: PySequenceLike<Location> = new PyList([{ url: 'file:///not/a/path', metadata: {} } as Location]);
  private _tags: PySetLike = new PySet();
  private _extra: PyMappingLike<unknown>;

  constructor(extraProperties: Record<string, unknown> = {}) {
    this._extra = new PyDict(extraProperties);
  }

  get locations(): PySequenceLike<Location> {
    return this._locations;
  }
  set locations(v: unknown) {
    this._locations = isSequence(v) ? v : new PyList(v as Iterable<Location>);
  }
  get tags(): PySetLike {
    return this._tags;
  }
  set tags(v: unknown) {
    this._tags = v instanceof PySet ? v : new PySet(v as Iterable<string>);
  }
  get extra_properties(): PyMappingLike<unknown> {
    return this._extra;
  }
  set extra_properties(v: unknown) {
    this._extra = v instanceof PyDict ? v : new PyDict(v as Record<string, unknown>);
  }

  set_data(data: ImageData, _size: number | null = null): void {
    this.size = 0;
    for (const chunk of data) this.size += chunk.length;
  }
  get_data(): Iterable<Buffer> {
    return [];
  }
  delete(): void {}
  deactivate(): void {}
  reactivate(): void {}
}

function isSequence(v: unknown): v is PySequenceLike<Location> {
  return v instanceof PyList || (v !== null && typeof v === 'object' && typeof (v as { getItem?: unknown }).getItem === 'function');
}

/** One row of the fake db: what user_get_storage_usage reads. */
interface ImageRow {
  id: string;
  owner: string | null;
  status: string;
  size: number;
  locations: Array<{ url: string; metadata: unknown; status?: string }>;
}

/**
 * The simple driver's user_get_storage_usage and image_member_count over
 * rows a test creates.
 */
export class FakeDB implements QuotaDbApi {
  readonly images: ImageRow[] = [];
  readonly members: Array<{ image_id: string; member: string }> = [];

  imageCreate(_context: QuotaContext, values: ImageRow): void {
    this.images.push(values);
  }
  userGetStorageUsage(_context: QuotaContext, ownerId: string | null, imageId: string | null = null): number {
    let total = 0;
    for (const image of this.images) {
      if (image.owner !== ownerId || ['killed', 'deleted'].includes(image.status)) continue;
      if (image.id === imageId) continue;
      total += image.size * image.locations.filter((l) => l.status !== 'deleted').length;
    }
    return total;
  }
  imageMemberCount(_context: QuotaContext, imageId: string): number {
    return this.members.filter((m) => m.image_id === imageId).length;
  }
}

/** unit/utils.py FakeStoreUtils.safe_delete_from_backend, recording what it deletes. */
export class FakeStoreUtils implements QuotaStoreUtils {
  readonly deleted: Array<{ imageId: string; location: Location }> = [];
  safeDeleteFromBackend(_context: QuotaContext, imageId: string, location: Location): void {
    this.deleted.push({ imageId, location });
  }
}

/** glance_store's size lookup: known URLs have a size, others raise the store's NotFound. */
export class FakeSizeStore implements QuotaStoreApi {
  constructor(readonly sizes: Record<string, number> = {}) {}
  getSizeFromBackend(uri: string): number {
    const size = this.sizes[uri];
    if (size === undefined) throw new StoreNotFound(null, { image: uri });
    return size;
  }
}

/** A db api, store utils and store that are never meant to be reached (Glance passes mock.Mock()). */
export function unusedDeps(settings: MutableSettings): QuotaDeps {
  return { db_api: new FakeDB(), store_utils: new FakeStoreUtils(), store: new FakeSizeStore(), settings };
}

/** A mock.Mock() image repo: records calls and answers `answer`. */
export class RecordingRepo {
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  constructor(private readonly answer: ImageLike | null = null) {}
  get(imageId: string): ImageLike {
    this.calls.push({ method: 'get', args: [imageId] });
    return this.answer as ImageLike;
  }
  list(...args: unknown[]): ImageLike[] {
    this.calls.push({ method: 'list', args });
    return [];
  }
  add(image: ImageLike): ImageLike | null {
    this.calls.push({ method: 'add', args: [image] });
    return this.answer;
  }
  save(image: ImageLike, from_state: string | null = null): ImageLike | null {
    this.calls.push({ method: 'save', args: [image, { from_state }] });
    return this.answer;
  }
  remove(image: ImageLike): ImageLike | null {
    this.calls.push({ method: 'remove', args: [image] });
    return this.answer;
  }
  callsOf(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }
}

/** A mock.Mock() member factory: records new_image_member calls. */
export class RecordingMemberFactory {
  readonly calls: Array<[ImageLike, string]> = [];
  new_image_member(image: ImageLike, memberId: string): ImageMemberLike {
    this.calls.push([image, memberId]);
    return { image_id: image.image_id, member_id: memberId, status: 'pending', created_at: new Date(0), updated_at: new Date(0), id: null };
  }
}

/** Text chunks of one character each, as Python iterates a str. */
export function charChunks(text: string): Buffer[] {
  return [...text].map((c) => Buffer.from(c));
}
