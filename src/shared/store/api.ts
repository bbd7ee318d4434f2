/**
 * What glance_store's module API offers Glance (glance_store/backend.py),
 * as one object instead of module globals: pick a store by scheme, add,
 * read, size and delete image data, check location metadata, set ACLs.
 *
 * Both models use it. Glance passes its request context to every call;
 * the file and http drivers ignore it, so it is an optional, opaque option
 * here (a test double may look at it).
 */

/** The image bytes handed to a store: chunks, as Glance's readers yield them. */
export type ImageChunks = Iterable<Buffer>;

/** Fed every chunk written, then asked to verify (cursive's verifier contract). */
export interface Verifier {
  update(chunk: Buffer): void;
  verify(): void;
}

/** What `add_to_backend` returns: (location, size, checksum, metadata). */
export interface StoredImage {
  readonly location: string;
  readonly size: number;
  /** md5 of the bytes written, lower-case hex. */
  readonly checksum: string;
  readonly metadata: Record<string, unknown>;
}

/** What `get_from_backend` returns: (data, size). */
export interface ImageRead {
  readonly data: ImageChunks;
  readonly size: number;
}

export interface CallOptions {
  readonly context?: unknown;
}

export interface GetOptions extends CallOptions {
  readonly offset?: number;
  readonly chunkSize?: number | null;
}

export interface AddOptions extends CallOptions {
  /** Store scheme to write to; the configured default store when absent. */
  readonly scheme?: string | null;
  readonly verifier?: Verifier | null;
}

export interface AclOptions extends CallOptions {
  readonly public?: boolean;
  readonly readTenants?: readonly string[];
  readonly writeTenants?: readonly string[] | null;
}

/** A location as one driver parsed it (glance_store.location.Location). */
export interface StoreLocation {
  /** The scheme the URI was registered under (`urlparse(uri).scheme`). */
  readonly storeName: string;
  /** The URI the driver would rebuild from what it parsed. */
  getUri(): string;
}

/** One glance_store driver (glance_store/driver.py Store). */
export interface StoreDriver {
  /** The `stores` entry it was loaded as: 'file' or 'http'. */
  readonly name: string;
  getSchemes(): readonly string[];
  /** The driver's StoreLocation.parse_uri; raises BadStoreUri. */
  parseUri(uri: string, scheme: string): StoreLocation;
  get(location: StoreLocation, options?: GetOptions): ImageRead;
  getSize(location: StoreLocation, options?: CallOptions): number;
  add(imageId: string, data: ImageChunks, size: number, options?: AddOptions): StoredImage;
  delete(location: StoreLocation, options?: CallOptions): void;
  /** Raises NotImplementedError for drivers without ACLs (file, http). */
  setAcls(location: StoreLocation, options?: AclOptions): void;
}

/**
 * glance_store's module-level API, bound to one set of configured stores.
 * Method names are Glance's, in camelCase.
 */
export interface GlanceStore {
  /** `default_store`: where `addToBackend` writes without a scheme. */
  readonly defaultScheme: string;
  /** `get_known_schemes()`. */
  getKnownSchemes(): string[];
  /** `get_store_from_scheme(scheme)`; raises UnknownScheme. */
  getStoreFromScheme(scheme: string): StoreDriver;
  /** `get_store_from_uri(uri)`: the scheme is the text before the first '/', less one character. */
  getStoreFromUri(uri: string): StoreDriver;
  /** `location.get_location_from_uri(uri)`; raises UnknownScheme or the driver's BadStoreUri. */
  getLocationFromUri(uri: string): StoreLocation;
  addToBackend(imageId: string, data: ImageChunks, size: number, options?: AddOptions): StoredImage;
  getFromBackend(uri: string, options?: GetOptions): ImageRead;
  getSizeFromBackend(uri: string, options?: CallOptions): number;
  deleteFromBackend(uri: string, options?: CallOptions): void;
  /** Only dicts, lists and text are allowed, recursively; else BackendException. */
  checkLocationMetadata(value: unknown, key?: string): void;
  /** A no-op for drivers without ACLs, after the URI has been parsed. */
  setAcls(uri: string, options?: AclOptions): void;
}
