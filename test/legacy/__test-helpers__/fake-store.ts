/**
 * Port of FakeStoreAPI and FakeStoreUtils from glance/tests/unit/utils.py:
 * an in-memory store keyed by URL, with the failure injection Glance's
 * tests rely on (size limit 7 with 2 bytes used, USER2 forbidden, USER3
 * write-denied), and store_utils that delete from it.
 */
import { GLANCE_DEFAULTS, type Settings } from '../../../src/shared/settings.js';
import type {
  AclOptions, AddOptions, CallOptions, GetOptions, GlanceStore, ImageChunks, ImageRead, StoreDriver, StoreLocation, StoredImage,
} from '../../../src/shared/store/api.js';
import { NotFound, StorageFull, StorageWriteDenied, UnknownScheme } from '../../../src/shared/store/exceptions.js';
import { checkLocationMetadata } from '../../../src/shared/store/index.js';
import { urlparse } from '../../../src/shared/store/urlparse.js';
import { Duplicate, Forbidden } from '../../../src/legacy/exception.js';
import type { Location } from '../../../src/legacy/proxy.js';
import { validateExternalLocation, type StoreUtilsLike } from '../../../src/legacy/store-utils.js';

export const BASE_URI = 'http://storeurl.com/container';
export const UUID1 = 'c80a1a6c-bd1f-41c5-90ee-81afedb1d58d';
export const UUID2 = '971ec09a-8067-4bc8-a91f-ae3557f1c4c7';
export const TENANT1 = '6838eb7b-6ded-434a-882c-b344c77fe8df';
export const TENANT2 = '2c014f32-55eb-467d-8fcb-4bd706012f81';
export const USER1 = '54492ba0-f4df-4e4e-be62-27f4d76b29cf';
export const USER2 = '0b3b3006-cb76-4517-ae32-51397e22c754';
export const USER3 = '2hss8dkl-d8jh-88yd-uhs9-879sdjsd8skd';

/** The schemes the unit tests' real glance_store knows (stores file and http). */
export const UNIT_TEST_KNOWN_SCHEMES = ['file', 'filesystem', 'http', 'https'];

export interface FakeAcl {
  public: boolean;
  read: readonly string[];
  write: readonly string[];
}

/** Stored data is kept as handed over, as Glance's fake keeps the reader object. */
export type FakeEntry = [data: unknown, size: number];

/** `len(data.data.fd)`: the bytes behind a LimitingReader(CooperativeReader(chunks)). */
function underlyingLength(data: unknown): number {
  const fd = (data as { data?: { fd?: unknown } }).data?.fd;
  if (typeof fd === 'string') return fd.length;
  return [...(fd as Iterable<Buffer>)].reduce((n, chunk) => n + chunk.length, 0);
}

/** @see glance/tests/unit/utils.py FakeStoreAPI */
export class FakeStoreAPI implements GlanceStore {
  readonly defaultScheme = 'file';
  data = new Map<string, FakeEntry>([
    [`${BASE_URI}/${UUID1}`, [[Buffer.from('XXX')], 3]],
    [`${BASE_URI}/fake_location`, [[Buffer.from('YYY')], 3]],
  ]);
  readonly acls = new Map<string, FakeAcl>();

  constructor(readonly store_metadata: Record<string, unknown> = {}) {}

  setAcls(uri: string, options: AclOptions = {}): void {
    this.acls.set(uri, {
      public: options.public ?? false,
      read: options.readTenants ?? [],
      write: options.writeTenants ?? [],
    });
  }

  getFromBackend(location: string, _options: GetOptions = {}): ImageRead {
    const chars = Array.from(location);
    const scheme = chars.slice(0, chars.indexOf('/') - 1).join('');
    if (scheme === 'unknown') throw new UnknownScheme(null, { scheme });
    const entry = this.data.get(location);
    if (entry === undefined) throw new NotFound(null, { image: location });
    return { data: entry[0] as ImageChunks, size: entry[1] };
  }

  getSizeFromBackend(location: string, options: CallOptions = {}): number {
    return this.getFromBackend(location, options).size;
  }

  addToBackend(imageId: string, data: ImageChunks, size: number, options: AddOptions = {}): StoredImage {
    const storeMaxSize = 7;
    const currentStoreSize = 2;
    for (const location of this.data.keys()) if (location.includes(imageId)) throw new Duplicate();
    const actual = size ? size : underlyingLength(data);
    if (currentStoreSize + actual > storeMaxSize) throw new StorageFull();
    const user = (options.context as { user?: unknown } | null | undefined)?.user;
    if (user === USER2) throw new Forbidden();
    if (user === USER3) throw new StorageWriteDenied();
    this.data.set(imageId, [data, actual]);
    return { location: imageId, size: actual, checksum: 'Z', metadata: this.store_metadata };
  }

  checkLocationMetadata(value: unknown, key = ''): void {
    checkLocationMetadata(value, key);
  }

  deleteFromBackend(_uri: string, _options?: CallOptions): void {}

  // Not used by Glance's fake; present so the fake is a GlanceStore.
  getKnownSchemes(): string[] {
    return [...UNIT_TEST_KNOWN_SCHEMES];
  }
  getStoreFromScheme(scheme: string): StoreDriver {
    throw new UnknownScheme(null, { scheme });
  }
  getStoreFromUri(uri: string): StoreDriver {
    throw new UnknownScheme(null, { scheme: urlparse(uri).scheme });
  }
  getLocationFromUri(uri: string): StoreLocation {
    throw new UnknownScheme(null, { scheme: urlparse(uri).scheme });
  }
}

/** @see glance/tests/unit/utils.py FakeStoreUtils */
export class FakeStoreUtils implements StoreUtilsLike {
  constructor(
    readonly store_api: FakeStoreAPI,
    private readonly settings: Pick<Settings, 'delayed_delete'> = GLANCE_DEFAULTS,
  ) {}

  safeDeleteFromBackend(_context: unknown, _id: string, location: Location): void {
    this.store_api.data.delete(location.url);
  }

  scheduleDelayedDeleteFromBackend(_context: unknown, _id: string, _location: Location): boolean {
    return false;
  }

  deleteImageLocationFromBackend(context: unknown, imageId: string, location: Location): void {
    if (this.settings.delayed_delete) this.scheduleDelayedDeleteFromBackend(context, imageId, location);
    else this.safeDeleteFromBackend(context, imageId, location);
  }

  /** URIs without a scheme (the fake's image ids) are accepted; others go through the real rule. */
  validateExternalLocation(uri: unknown): boolean {
    if (typeof uri === 'string' && uri && urlparse(uri).scheme) {
      return validateExternalLocation({ getKnownSchemes: () => [...UNIT_TEST_KNOWN_SCHEMES] }, uri);
    }
    return true;
  }
}
