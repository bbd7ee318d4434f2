/**
 * The quota layer (glance/quota/__init__.py): counts of tags, properties,
 * members and locations, and the per-owner storage quota on uploads and
 * location changes. It sits between the policy layer (outside) and the
 * location layer (inside).
 */
import { checkQuota, type PyInt, type QuotaContext, type StorageUsageDbApi } from './api-common.js';
import {
  BadStoreUri,
  ImageLocationLimitExceeded,
  ImageMemberLimitExceeded,
  ImagePropertyLimitExceeded,
  ImageSizeLimitExceeded,
  ImageTagLimitExceeded,
  Invalid,
  StorageQuotaFull,
} from './exception.js';
import * as domainProxy from './proxy.js';
import type { ImageData, ImageLike, Location } from './proxy.js';
import { AttributeError, TypeError_, pyFormat, pyTruthy, pyTypeName } from '../lib/python.js';
import { PyList, PySet, pyEquals, type PySequenceLike, type PySetLike } from '../lib/pycollections.js';
import type { Settings } from '../shared/settings.js';
import type { GlanceStore } from '../shared/store/api.js';
import * as storeExceptions from '../shared/store/exceptions.js';
import { subscript, type StoreUtilsLike } from './store-utils.js';
import { LimitingReader } from './utils.js';

// ------------------------------------------------------------ dependencies

/** The db api calls the quota layer makes. */
export interface QuotaDbApi extends StorageUsageDbApi {
  imageMemberCount(context: QuotaContext, imageId: string): number;
}

/** glance/common/store_utils.py as the quota layer uses it. */
export type QuotaStoreUtils = Pick<StoreUtilsLike, 'safeDeleteFromBackend'>;

/** The one glance_store call the quota layer makes. */
export type QuotaStoreApi = Pick<GlanceStore, 'getSizeFromBackend'>;

/** What every quota proxy receives besides the context (Glance's proxy_kwargs plus CONF and glance_store). */
export interface QuotaDeps {
  readonly db_api: QuotaDbApi;
  readonly store_utils: QuotaStoreUtils;
  readonly store: QuotaStoreApi;
  readonly settings: Settings;
}

// ------------------------------------------------------------ Python len()

/** Python's len() for the shapes a setter may be handed. */
function pyLen(value: unknown): number {
  if (typeof value === 'string') return [...value].length;
  if (Array.isArray(value)) return value.length;
  if (value instanceof Set || value instanceof Map) return value.size;
  if (value !== null && typeof value === 'object') {
    const len = (value as { len?: unknown }).len;
    if (typeof len === 'function') return (len as () => number).call(value);
    if (Object.getPrototypeOf(value) === Object.prototype) return Object.keys(value).length;
  }
  throw new TypeError_(`object of type '${pyTypeName(value)}' has no len()`);
}

/** `list(x)` of a location sequence. */
function locationArray(value: unknown): Location[] {
  if (Array.isArray(value)) return value as Location[];
  // A str is a sequence of one-character strings in Python.
  if (typeof value === 'string') return [...value] as unknown as Location[];
  if (value !== null && typeof value === 'object' && Symbol.iterator in value) return [...(value as Iterable<Location>)];
  throw new TypeError_(`'${pyTypeName(value)}' object is not iterable`);
}

/** `hasattr(x, '__iter__')`. */
function isIterable(value: unknown): boolean {
  if (typeof value === 'string') return true;
  return value !== null && typeof value === 'object' && Symbol.iterator in value;
}

// ------------------------------------------------------------ the checks

/**
 * A negative quota means unlimited; duplicates in a list count.
 * @see glance/quota/__init__.py _enforce_image_tag_quota
 */
export function enforceImageTagQuota(tags: unknown, settings: Settings): void {
  // NOTE(quirk): glance/quota/__init__.py reads CONF.image_tag_quota here.
  const maximum = settings.image_tag_quota;
  if (maximum < 0) return;
  if (!pyTruthy(tags)) return;
  // NOTE(quirk): the factory passes the raw list, so ['a', 'a'] counts twice.
  const attempted = pyLen(tags);
  if (attempted > maximum) throw new ImageTagLimitExceeded(null, { attempted, maximum });
}

/**
 * Bytes the new locations will charge: size x n, or for an image without a
 * size, the first backend-reported size x n.
 * @see glance/quota/__init__.py _calc_required_size
 */
export function calcRequiredSize(
  context: QuotaContext,
  image: ImageLike,
  locations: readonly Location[],
  store: QuotaStoreApi,
): number | null {
  const size = image.size;
  if (size) return size * locations.length;
  for (const location of locations) {
    const fromBackend = sizeFromBackend(context, location, store);
    if (fromBackend) return fromBackend * locations.length;
  }
  return null;
}

function sizeFromBackend(context: QuotaContext, location: Location, store: QuotaStoreApi): number | null {
  // Python's location['url'] on unvalidated values from the controller.
  const url = subscript(location, 'url') as string;
  try {
    return store.getSizeFromBackend(url, { context });
  } catch (e) {
    if (e instanceof storeExceptions.UnknownScheme || e instanceof storeExceptions.NotFound) return null;
    if (e instanceof storeExceptions.BadStoreUri) throw new BadStoreUri();
    throw e;
  }
}

/**
 * Appending counts existing + new locations; assigning counts the new list.
 * @see glance/quota/__init__.py _enforce_image_location_quota
 */
export function enforceImageLocationQuota(image: ImageLike, locations: unknown, settings: Settings, isSetter = false): void {
  // NOTE(quirk): glance/quota/__init__.py reads CONF.image_location_quota here.
  const maximum = settings.image_location_quota;
  if (maximum < 0) return;
  const appended = pyLen(image.locations) + pyLen(locations);
  const attempted = isSetter ? pyLen(locations) : appended;
  if (attempted > maximum) throw new ImageLocationLimitExceeded(null, { attempted, maximum });
}

// ------------------------------------------------------------ repo and factories

/**
 * Enforces the property count on add, and on save only when a key was added
 * since the image was read.
 * @see glance/quota/__init__.py ImageRepoProxy
 */
export class ImageRepoProxy extends domainProxy.Repo<ImageLike> {
  constructor(
    readonly image_repo: domainProxy.RepoBase<ImageLike>,
    readonly context: QuotaContext,
    readonly deps: QuotaDeps,
  ) {
    super(image_repo, (image) => new ImageProxy(image, context, deps));
  }

  private enforceImagePropertyQuota(attempted: number): void {
    // NOTE(quirk): glance/quota/__init__.py reads CONF.image_property_quota here.
    const maximum = this.deps.settings.image_property_quota;
    if (maximum < 0) return;
    if (attempted > maximum) throw new ImagePropertyLimitExceeded(null, { attempted, maximum });
  }

  override save(image: ImageLike, from_state: string | null = null): ImageLike | null {
    // NOTE(quirk): only a new key triggers the check, so an image already over
    // the quota can still be saved with changed or removed properties.
    if (addedNewProperties(image)) this.enforceImagePropertyQuota(image.extra_properties.len());
    return super.save(image, from_state);
  }

  override add(image: ImageLike): ImageLike | null {
    this.enforceImagePropertyQuota(image.extra_properties.len());
    return super.add(image);
  }
}

/** Python calls `image.added_new_properties()` on whatever it was given. */
function addedNewProperties(image: ImageLike): boolean {
  const method = (image as { added_new_properties?: unknown }).added_new_properties;
  if (typeof method !== 'function') {
    throw new AttributeError(`'${image.constructor.name}' object has no attribute 'added_new_properties'`);
  }
  return Boolean((method as () => boolean).call(image));
}

/**
 * Counts the requested tags (duplicates included) before building the image.
 * @see glance/quota/__init__.py ImageFactoryProxy.new_image
 */
export class ImageFactoryProxy extends domainProxy.ImageFactory {
  constructor(
    factory: domainProxy.ImageFactoryBase,
    readonly context: QuotaContext,
    readonly deps: QuotaDeps,
  ) {
    super(factory, (image) => new ImageProxy(image, context, deps));
  }

  override new_image(kwargs: Readonly<Record<string, unknown>> = {}): ImageLike {
    const { tags = new Set<string>(), ...rest } = kwargs;
    enforceImageTagQuota(tags, this.deps.settings);
    return super.new_image({ ...rest, tags });
  }
}

/**
 * Checks `image_member_count + 1` against the member quota.
 * @see glance/quota/__init__.py ImageMemberFactoryProxy
 */
export class ImageMemberFactoryProxy extends domainProxy.ImageMembershipFactory {
  constructor(
    member_factory: domainProxy.ImageMembershipFactoryBase,
    readonly context: QuotaContext,
    readonly deps: QuotaDeps,
  ) {
    super(member_factory, (member) => new ImageMemberProxy(member, context, deps));
  }

  private enforceImageMemberQuota(image: ImageLike): void {
    // NOTE(quirk): glance/quota/__init__.py reads CONF.image_member_quota here.
    const maximum = this.deps.settings.image_member_quota;
    if (maximum < 0) return;
    const attempted = this.deps.db_api.imageMemberCount(this.context, image.image_id) + 1;
    if (attempted > maximum) throw new ImageMemberLimitExceeded(null, { attempted, maximum });
  }

  override new_image_member(image: ImageLike, member_id: string): domainProxy.ImageMemberLike {
    this.enforceImageMemberQuota(image);
    return super.new_image_member(image, member_id);
  }
}

// ------------------------------------------------------------ tags and locations

/**
 * The tag set of a quota image: `add` inserts, then checks.
 * @see glance/quota/__init__.py QuotaImageTagsProxy
 */
export class QuotaImageTagsProxy implements PySetLike {
  readonly tags: PySetLike;
  constructor(
    origSet: PySetLike | null,
    private readonly settings: Settings,
  ) {
    this.tags = origSet ?? new PySet();
  }

  add(item: string): void {
    // NOTE(quirk): the tag stays in the set even when the check then fails.
    this.tags.add(item);
    enforceImageTagQuota(this.tags, this.settings);
  }

  [Symbol.iterator](): Iterator<string> {
    return this.tags[Symbol.iterator]();
  }
  len(): number {
    return this.tags.len();
  }
  contains(v: string): boolean {
    return this.tags.contains(v);
  }
  remove(v: string): void {
    this.tags.remove(v);
  }
  discard(v: string): void {
    this.tags.discard(v);
  }
  pop(): string {
    return this.tags.pop();
  }
  /** `set.update` goes to the inner set unchecked (Python's __getattr__). */
  update(values: Iterable<string>): void {
    this.tags.update(values);
  }
  clear(): void {
    this.tags.clear();
  }
  toSet(): Set<string> {
    return this.tags.toSet();
  }
  /** Python `proxy == other`: the inner set's equality. */
  equals(other: unknown): boolean {
    const mine = this.tags.toSet();
    if (other instanceof Set) return pyEquals(mine, other);
    if (other instanceof QuotaImageTagsProxy || other instanceof PySet) return pyEquals(mine, other.toSet());
    return false;
  }
}

/**
 * The locations of a quota image: additions check storage first (without
 * excluding the image), then the location count.
 * @see glance/quota/__init__.py QuotaImageLocationsProxy
 */
export class QuotaImageLocationsProxy implements PySequenceLike<Location> {
  readonly locations: PySequenceLike<Location>;
  constructor(
    readonly image: ImageLike,
    readonly context: QuotaContext,
    readonly deps: QuotaDeps,
  ) {
    this.locations = image.locations;
  }

  private checkUserStorageQuota(locations: readonly Location[]): void {
    const requiredSize = calcRequiredSize(this.context, this.image, locations, this.deps.store);
    // NOTE(quirk): no image_id, so the image's own usage is charged again.
    checkQuota(this.context, requiredSize, this.deps.db_api, this.deps.settings);
    enforceImageLocationQuota(this.image, locations, this.deps.settings);
  }

  append(value: Location): void {
    this.checkUserStorageQuota([value]);
    this.locations.append(value);
  }
  insert(i: number, value: Location): void {
    this.checkUserStorageQuota([value]);
    this.locations.insert(i, value);
  }
  extend(values: Iterable<Location>): void {
    const items = locationArray(values);
    this.checkUserStorageQuota(items);
    this.locations.extend(items);
  }
  /**
   * `x += values`. NOTE(quirk): Python's __iadd__ returns the inner sequence,
   * so `image.locations += y` rebinds the attribute to the inner layer's object
   * (through the quota setter); callers emulate it as
   * `image.locations = image.locations.iadd(y)`.
   */
  iadd(values: Iterable<Location>): this {
    if (!isIterable(values)) throw new TypeError_('');
    const items = locationArray(values);
    this.checkUserStorageQuota(items);
    return this.locations.iadd(items) as unknown as this;
  }

  [Symbol.iterator](): Iterator<Location> {
    return this.locations[Symbol.iterator]();
  }
  len(): number {
    return this.locations.len();
  }
  getItem(i: number): Location {
    return this.locations.getItem(i);
  }
  setItem(i: number, value: Location): void {
    this.locations.setItem(i, value);
  }
  delItem(i: number): void {
    this.locations.delItem(i);
  }
  contains(value: Location): boolean {
    return this.locations.contains(value);
  }
  count(value: Location): number {
    return this.locations.count(value);
  }
  index(value: Location): number {
    return this.locations.index(value);
  }
  pop(i?: number): Location {
    return i === undefined ? this.locations.pop() : this.locations.pop(i);
  }
  remove(value: Location): void {
    this.locations.remove(value);
  }
  reverse(): void {
    this.locations.reverse();
  }
  toArray(): Location[] {
    return this.locations.toArray();
  }
  /** Python `proxy == other`: the inner sequence's equality. */
  equals(other: unknown): boolean {
    return pyEquals(this.locations.toArray(), other instanceof QuotaImageLocationsProxy ? other.toArray() : other);
  }
  /** `copy.copy(proxy)`: a new proxy over the same image. */
  copy(): QuotaImageLocationsProxy {
    return new QuotaImageLocationsProxy(this.image, this.context, this.deps);
  }
  /**
   * `copy.deepcopy(proxy)`. NOTE(quirk): Glance assigns the copied entries to
   * the inner image as a side effect, then wraps the image again.
   */
  deepcopy(): QuotaImageLocationsProxy {
    this.image.locations = deepcopySequence(this.locations);
    return new QuotaImageLocationsProxy(this.image, this.context, this.deps);
  }
}

// ------------------------------------------------------------ the image

/**
 * The quota view of an image: counted tags and locations, and the storage
 * quota around set_data.
 * @see glance/quota/__init__.py ImageProxy
 */
export class ImageProxy extends domainProxy.Image {
  private readonly orig_props: Set<string>;
  constructor(
    readonly image: ImageLike,
    readonly context: QuotaContext,
    readonly deps: QuotaDeps,
  ) {
    super(image);
    this.orig_props = new Set(image.extra_properties.keys());
  }

  override set_data(data: ImageData, size: number | null = null): void {
    const { db_api, settings } = this.deps;
    const imageId = this.image.image_id;
    const remaining = checkQuota(this.context, size, db_api, settings, imageId);
    // A limit beyond 2^53 bytes is never reached: the reader may compare with its double.
    const limited = remaining === null ? data : new LimitingReader(data, Number(remaining));
    this.storeData(limited, size, remaining);
    this.recheckQuota();
  }

  private storeData(data: ImageData, size: number | null, remaining: PyInt | null): void {
    try {
      this.image.set_data(data, size);
    } catch (e) {
      // NOTE(quirk): any ImageSizeLimitExceeded from inside, including the
      // location layer's image_size_cap reader, becomes StorageQuotaFull
      // (then "The size of the data None ... None bytes remaining.").
      if (e instanceof ImageSizeLimitExceeded) throw new StorageQuotaFull(null, { image_size: size, remaining });
      throw e;
    }
  }

  /** Two concurrent uploads of unknown size can break the quota; check again with the real size. */
  private recheckQuota(): void {
    const { db_api, settings, store_utils } = this.deps;
    const imageId = this.image.image_id;
    try {
      checkQuota(this.context, this.image.size, db_api, settings, imageId);
    } catch (e) {
      if (!(e instanceof StorageQuotaFull)) throw e;
      // NOTE(quirk): save_and_reraise_exception: an error while cleaning up
      // (e.g. no locations[0]) replaces the StorageQuotaFull.
      store_utils.safeDeleteFromBackend(this.context, imageId, this.image.locations.getItem(0));
      throw e;
    }
  }

  override get tags(): PySetLike {
    return new QuotaImageTagsProxy(this.image.tags, this.deps.settings);
  }
  override set tags(value: unknown) {
    enforceImageTagQuota(value, this.deps.settings);
    this.image.tags = value;
  }

  override get locations(): PySequenceLike<Location> {
    return new QuotaImageLocationsProxy(this.image, this.context, this.deps);
  }
  /** Checks, in order: the count, the type, then storage with the image excluded. */
  override set locations(value: unknown) {
    const { settings, store, db_api } = this.deps;
    enforceImageLocationQuota(this.image, value, settings, true);
    if (!isLocationList(value)) {
      throw new Invalid(pyFormat('Invalid locations: %s', [value]));
    }
    const requiredSize = calcRequiredSize(this.context, this.image, locationArray(value), store);
    checkQuota(this.context, requiredSize, db_api, settings, this.image.image_id);
    this.image.locations = value;
  }

  added_new_properties(): boolean {
    // `set(self.image.extra_properties.keys())`: a PATCH may have put text there, which has no keys().
    const props = this.image.extra_properties as unknown;
    if (props === null || typeof props !== 'object' || typeof (props as { keys?: unknown }).keys !== 'function') {
      throw new AttributeError(`'${pyTypeName(props)}' object has no attribute 'keys'`);
    }
    const current = this.image.extra_properties.keys();
    return current.some((k) => !this.orig_props.has(k));
  }
}

/** `copy.deepcopy(seq)`: the sequence's own deepcopy() when it has one (Python's __deepcopy__). */
function deepcopySequence(seq: PySequenceLike<Location>): unknown {
  const own = (seq as { deepcopy?: unknown }).deepcopy;
  if (typeof own === 'function') return (own as () => unknown).call(seq);
  return new PyList(structuredClone(seq.toArray()));
}

/** `isinstance(value, (list, QuotaImageLocationsProxy))`. */
function isLocationList(value: unknown): boolean {
  return Array.isArray(value) || value instanceof PyList || value instanceof QuotaImageLocationsProxy;
}

/**
 * A pass-through member proxy.
 * @see glance/quota/__init__.py ImageMemberProxy
 */
export class ImageMemberProxy extends domainProxy.ImageMember {
  constructor(
    readonly image_member: domainProxy.ImageMemberLike,
    readonly context: QuotaContext,
    readonly deps: QuotaDeps,
  ) {
    super(image_member);
  }
}
