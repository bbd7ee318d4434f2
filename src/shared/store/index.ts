/**
 * glance_store as the oracle configures it: stores `file,http`, default
 * store `file`, the filesystem store on one directory.
 */
import { PyFloat } from '../../lib/pyjson.js';
import { NotImplementedError_, pyStr, pyTruthy, pyTypeName } from '../../lib/python.js';
import type {
  AclOptions, AddOptions, CallOptions, GetOptions, GlanceStore, ImageChunks, ImageRead, StoreDriver, StoreLocation,
  StoredImage,
} from './api.js';
import { BackendException, UnknownScheme } from './exceptions.js';
import { FilesystemStore } from './filesystem.js';
import { HttpStore, scenarioWeb, type RemoteWeb } from './http.js';
import { urlparse } from './urlparse.js';

export type { GlanceStore } from './api.js';
export { FilesystemStore } from './filesystem.js';
export { HttpStore, scenarioWeb, type RemoteWeb } from './http.js';

/**
 * The module-level API of glance_store/backend.py over registered drivers
 * (its SCHEME_TO_CLS_MAP), one instance per world instead of globals.
 * @see glance_store/backend.py
 */
export class MultiStore implements GlanceStore {
  private readonly schemes = new Map<string, StoreDriver>();

  constructor(
    drivers: readonly StoreDriver[],
    readonly defaultScheme: string,
  ) {
    for (const driver of drivers) for (const scheme of driver.getSchemes()) this.schemes.set(scheme, driver);
  }

  getKnownSchemes(): string[] {
    return [...this.schemes.keys()];
  }

  getStoreFromScheme(scheme: string): StoreDriver {
    const driver = this.schemes.get(scheme);
    if (driver === undefined) throw new UnknownScheme(null, { scheme });
    return driver;
  }

  getStoreFromUri(uri: string): StoreDriver {
    // Python's uri[0:uri.find('/') - 1], slicing by code point.
    const chars = Array.from(uri);
    const slash = chars.indexOf('/');
    return this.getStoreFromScheme(chars.slice(0, slash - 1).join(''));
  }

  getLocationFromUri(uri: string): StoreLocation {
    const scheme = urlparse(uri).scheme;
    if (!this.schemes.has(scheme)) throw new UnknownScheme(null, { scheme });
    return this.getStoreFromScheme(scheme).parseUri(uri, scheme);
  }

  addToBackend(imageId: string, data: ImageChunks, size: number, options: AddOptions = {}): StoredImage {
    const driver = this.getStoreFromScheme(options.scheme ?? this.defaultScheme);
    const stored = driver.add(imageId, data, size, options);
    checkReturnedMetadata(driver, stored.metadata);
    return stored;
  }

  getFromBackend(uri: string, options: GetOptions = {}): ImageRead {
    const location = this.getLocationFromUri(uri);
    return this.getStoreFromUri(uri).get(location, options);
  }

  getSizeFromBackend(uri: string, options: CallOptions = {}): number {
    const location = this.getLocationFromUri(uri);
    return this.getStoreFromUri(uri).getSize(location, options);
  }

  deleteFromBackend(uri: string, options: CallOptions = {}): void {
    const location = this.getLocationFromUri(uri);
    this.getStoreFromUri(uri).delete(location, options);
  }

  checkLocationMetadata(value: unknown, key = ''): void {
    checkLocationMetadata(value, key);
  }

  setAcls(uri: string, options: AclOptions = {}): void {
    const location = this.getLocationFromUri(uri);
    // get_store_from_location parses the URI a second time.
    const driver = this.getStoreFromScheme(this.getLocationFromUri(uri).storeName);
    try {
      driver.setAcls(location, { ...options, writeTenants: options.writeTenants ?? [] });
    } catch (e) {
      if (!(e instanceof NotImplementedError_)) throw e;
    }
  }
}

/**
 * `check_location_metadata`: dicts and lists are walked, text is fine,
 * anything else (bytes, numbers, booleans, None) is refused.
 * @see glance_store/backend.py check_location_metadata
 */
export function checkLocationMetadata(value: unknown, key = ''): void {
  const entries = mappingEntries(value);
  if (entries !== null) {
    for (const [k, v] of entries) checkLocationMetadata(v, k);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkLocationMetadata(v, `${key}[${i}]`));
  } else if (typeof value !== 'string') {
    throw new BackendException(
      `The image metadata key ${key} has an invalid type of <class '${pyClassName(value)}'>. ` +
        'Only dict, list, and unicode are supported.',
    );
  }
}

function mappingEntries(value: unknown): Array<[string, unknown]> | null {
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [String(k), v]);
  if (value === null || typeof value !== 'object') return null;
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return Object.entries(value);
  const mapping = value as { items?: unknown; getItem?: unknown };
  if (typeof mapping.items === 'function' && typeof mapping.getItem === 'function') {
    return (mapping.items as () => Array<[string, unknown]>).call(value);
  }
  return null;
}

function pyClassName(value: unknown): string {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return 'bytes';
  if (value === undefined) return 'NoneType';
  if (value instanceof PyFloat) return 'float';
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Set)) {
    return value.constructor?.name ?? 'object';
  }
  return pyTypeName(value);
}

/** `_check_metadata`: what a driver returns must be a dict of allowed values. */
function checkReturnedMetadata(driver: StoreDriver, metadata: unknown): void {
  if (metadata === null || metadata === undefined) return;
  if (mappingEntries(metadata) === null) {
    throw new BackendException(
      `The storage driver ${driver.name} returned invalid  metadata ${pyStr(metadata)}. This must be a dictionary type`,
    );
  }
  try {
    checkLocationMetadata(metadata);
  } catch (e) {
    if (!(e instanceof BackendException)) throw e;
    throw new BackendException(
      `A bad metadata structure was returned from the ${driver.name} storage driver: ${pyStr(metadata)}.  ${e.message}.`,
    );
  }
}

/**
 * Schemes Glance never accepts for an external location (LP #942118,
 * #1400966, #1334196): local files and swift's config-file references.
 * @see glance/common/store_utils.py RESTRICTED_URI_SCHEMAS
 */
export const RESTRICTED_URI_SCHEMAS: ReadonlySet<string> = new Set(['file', 'filesystem', 'swift+config']);

/**
 * Glance's rule for a location a user may register: a non-empty URI whose
 * scheme the store knows and which is not restricted. A non-text URI fails
 * in urlparse (AttributeError), as in Glance.
 * @see glance/common/store_utils.py validate_external_location
 */
export function validateExternalLocation(store: Pick<GlanceStore, 'getKnownSchemes'>, uri: unknown): boolean {
  if (!pyTruthy(uri)) return false;
  const scheme = urlparse(uri).scheme;
  return store.getKnownSchemes().includes(scheme) && !RESTRICTED_URI_SCHEMAS.has(scheme);
}

export interface StoreOptions {
  /** What answers http(s) locations; the scenario rule by default. */
  readonly web?: RemoteWeb;
}

/** The world's stores: `file` (default, on `rootDir`) and read-only `http`. */
export function createStore(rootDir: string, options: StoreOptions = {}): MultiStore {
  return new MultiStore([new FilesystemStore(rootDir), new HttpStore(options.web ?? scenarioWeb)], 'file');
}

/** The filesystem driver behind a store made by `createStore`. */
export function filesystemOf(store: GlanceStore): FilesystemStore | null {
  try {
    const driver = store.getStoreFromScheme('file');
    return driver instanceof FilesystemStore ? driver : null;
  } catch {
    return null;
  }
}
