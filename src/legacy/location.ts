/**
 * The location layer of Glance's onion (glance/location.py): the proxy
 * closest to the db. It validates every location an image is given
 * against the store, deletes data when a location goes away, stores
 * uploads (through the image size cap, with signature checks) and reads
 * downloads, and refreshes store ACLs after image and member writes.
 *
 * @see glance/location.py
 */
import { NotImplementedError_, TypeError_, ValueError, pyRepr, pyStr, pyTruthy, pyTypeName } from '../lib/python.js';
import { MutableSequence, PyList, pyEquals } from '../lib/pycollections.js';
import { compareCodePoints } from '../shared/pyjson.js';
import type { Settings } from '../shared/settings.js';
import type { GlanceStore, Verifier } from '../shared/store/api.js';
import * as glanceStore from '../shared/store/exceptions.js';
import {
  CERT_UUID, HASH_METHOD, InvalidSignature, KEY_TYPE, SIGNATURE, SignatureVerificationError, getVerifier as cursiveGetVerifier,
  shouldCreateVerifier, type VerifierFactory,
} from '../shared/store/signature.js';
import { BadStoreUri, DuplicateLocation, Invalid } from './exception.js';
import * as domainProxy from './proxy.js';
import type {
  ImageData, ImageFactoryLike, ImageLike, Location, MemberLike, MemberRepoLike, NewImageKwargs, RepoLike,
} from './proxy.js';
import { subscript, type StoreUtilsLike } from './store-utils.js';
import { CooperativeReader, LimitingReader } from './utils.js';

// ------------------------------------------------------------ dependencies

/** The glance_store calls this layer makes (tests substitute a FakeStoreAPI). */
export type LocationStoreApi = Pick<
  GlanceStore,
  'addToBackend' | 'getFromBackend' | 'getSizeFromBackend' | 'checkLocationMetadata' | 'setAcls'
>;

/** Glance's proxy kwargs (context, store_api, store_utils) plus what it read from CONF and modules. */
export interface LocationProxyKwargs {
  readonly context: unknown;
  readonly store_api: LocationStoreApi;
  readonly store_utils: StoreUtilsLike;
  /** Only `image_size_cap` is read, by set_data. */
  readonly settings: Pick<Settings, 'image_size_cap'>;
  /** The glance_store module `_set_image_size` calls; the store_api when absent, as in a deployment. */
  readonly glance_store?: Pick<GlanceStore, 'getSizeFromBackend'>;
  /** cursive's `signature_utils.get_verifier`; Glance's tests replace it. */
  readonly get_verifier?: VerifierFactory;
}

/** `glance.db.ImageMemberRepo(context, db_api, image)`, which `_get_member_repo_for_store` wraps. */
export type DbMemberRepoFactory = (context: unknown, image: ImageLike) => MemberRepoLike<MemberLike>;

export interface LocationRepoKwargs extends LocationProxyKwargs {
  readonly db_member_repo: DbMemberRepoFactory;
}

// ------------------------------------------------------------ Python helpers

/** Python truthiness, with the port's containers (len() == 0 is false). */
function truthy(value: unknown): boolean {
  if (typeof value === 'object' && value !== null && typeof (value as { len?: unknown }).len === 'function') {
    return (value as { len(): number }).len() > 0;
  }
  return pyTruthy(value);
}

/** Python's `list(x)` for what callers hand this layer. */
function pyList(value: unknown): unknown[] {
  if (Array.isArray(value)) return [...value];
  if (typeof value === 'string') return [...value];
  if (typeof value === 'object' && value !== null && Symbol.iterator in value) return [...(value as Iterable<unknown>)];
  throw new TypeError_(`'${pyTypeName(value)}' object is not iterable`);
}

/** `location['status'] = 'active'`. */
function markActive(location: unknown): void {
  if (typeof location !== 'object' || location === null || Array.isArray(location)) {
    throw new TypeError_(`'${pyTypeName(location)}' object does not support item assignment`);
  }
  (location as Location).status = 'active';
}

/**
 * Python's `sorted(urls)`. Text sorts by code point and numbers by value;
 * mixing them fails as Python 3 does (reported for the first adjacent pair,
 * which is the pair timsort compares first for short lists).
 */
function pySorted(values: unknown[]): unknown[] {
  for (let i = 1; i < values.length; i++) {
    const [a, b] = [values[i - 1], values[i]];
    if (!comparable(a, b)) {
      throw new TypeError_(`'<' not supported between instances of '${pyTypeName(b)}' and '${pyTypeName(a)}'`);
    }
  }
  if (values.every((v) => typeof v === 'string')) return [...(values as string[])].sort(compareCodePoints);
  return [...values].sort((a, b) => Number(a) - Number(b));
}

function comparable(a: unknown, b: unknown): boolean {
  const numeric = (x: unknown) => typeof x === 'number' || typeof x === 'boolean';
  return (typeof a === 'string' && typeof b === 'string') || (numeric(a) && numeric(b));
}

function deepCopy<T>(value: T): T {
  return structuredClone(value);
}

// ------------------------------------------------------------ module functions

/**
 * The image member repo the ACL refresh lists members from.
 * @see glance/location.py _get_member_repo_for_store
 */
export function getMemberRepoForStore(
  image: ImageLike,
  context: unknown,
  dbMemberRepo: DbMemberRepoFactory,
  store_api: LocationStoreApi,
): ImageMemberRepoProxy {
  return new ImageMemberRepoProxy(dbMemberRepo(context, image), image, context, store_api);
}

/**
 * A location URI must pass `validate_external_location` and have a
 * positive size in its store; unknown schemes, missing objects and bad
 * URIs all become BadStoreUri "Invalid location".
 * @see glance/location.py _check_location_uri
 */
export function checkLocationUri(context: unknown, store_api: LocationStoreApi, store_utils: StoreUtilsLike, uri: unknown): void {
  let ok: boolean;
  try {
    // NOTE(zhiyan) in Glance: some stores report 0 for a failure, hence "> 0".
    ok = store_utils.validateExternalLocation(uri) && store_api.getSizeFromBackend(uri as string, { context }) > 0;
  } catch (e) {
    if (!(e instanceof glanceStore.UnknownScheme || e instanceof glanceStore.NotFound || e instanceof glanceStore.BadStoreUri)) {
      throw e;
    }
    ok = false;
  }
  if (!ok) throw new BadStoreUri('Invalid location');
}

/** @see glance/location.py _check_image_location */
export function checkImageLocation(
  context: unknown,
  store_api: LocationStoreApi,
  store_utils: StoreUtilsLike,
  location: unknown,
): void {
  checkLocationUri(context, store_api, store_utils, subscript(location, 'url'));
  store_api.checkLocationMetadata(subscript(location, 'metadata'));
}

/**
 * An image without a size takes the first non-zero size the store reports
 * for the given locations.
 * @see glance/location.py _set_image_size
 */
export function setImageSize(
  context: unknown,
  image: { size: number | null },
  locations: Iterable<unknown>,
  glance_store: Pick<GlanceStore, 'getSizeFromBackend'>,
): void {
  if (truthy(image.size)) return;
  for (const location of locations) {
    const sizeFromBackend = glance_store.getSizeFromBackend(subscript(location, 'url') as string, { context });
    if (sizeFromBackend) {
      // NOTE(flwang) in Glance: this assumes all locations have the same size.
      image.size = sizeFromBackend;
      break;
    }
  }
}

/**
 * How many of `locations` equal `candidate` in url and metadata.
 * @see glance/location.py _count_duplicated_locations
 */
export function countDuplicatedLocations(locations: Iterable<unknown>, candidate: unknown): number {
  let count = 0;
  for (const loc of locations) {
    if (pyEquals(subscript(loc, 'url'), subscript(candidate, 'url'))
      && pyEquals(subscript(loc, 'metadata'), subscript(candidate, 'metadata'))) count++;
  }
  return count;
}

// ------------------------------------------------------------ StoreLocations

/** What StoreLocations needs of the image proxy it belongs to. */
export interface LocationsOwner {
  readonly context: unknown;
  readonly store_api: LocationStoreApi;
  readonly store_utils: StoreUtilsLike;
  readonly glance_store?: Pick<GlanceStore, 'getSizeFromBackend'>;
  /** Read only when data is deleted (pop, item deletion). */
  readonly image?: { readonly image_id: string; locations?: unknown };
  size: number | null;
}

/** A Python slice for `del locations[start:stop:step]`. */
export interface PySlice {
  readonly start: number | null;
  readonly stop: number | null;
  readonly step?: number | null;
}

function isSlice(i: number | PySlice): i is PySlice {
  return typeof i === 'object' && i !== null;
}

/** A Python list over an existing array: the caller's array and this list stay one object. */
class ListOver<T> extends PyList<T> {
  constructor(items: T[]) {
    super();
    this.items = items;
  }
}

/**
 * The image's locations as this layer hands them out: a view over the
 * image's own list that validates additions against the store and deletes
 * data when an entry is removed.
 * @see glance/location.py StoreLocations
 */
export class StoreLocations extends MutableSequence<Location> {
  readonly image_proxy: LocationsOwner;
  readonly value: PyList<Location>;

  constructor(image_proxy: LocationsOwner, value: unknown) {
    super();
    this.image_proxy = image_proxy;
    // A Python list is shared with the image; anything else is copied.
    if (value instanceof PyList) this.value = value as PyList<Location>;
    else if (Array.isArray(value)) this.value = new ListOver(value as Location[]);
    else this.value = new PyList(pyList(value) as Location[]);
  }

  private get sizeStore(): Pick<GlanceStore, 'getSizeFromBackend'> {
    // NOTE(quirk): glance/location.py _set_image_size calls the glance_store
    // module, not the store_api this proxy was given (the same in a deployment).
    return this.image_proxy.glance_store ?? this.image_proxy.store_api;
  }

  private checkLocation(location: unknown): void {
    const { context, store_api, store_utils } = this.image_proxy;
    checkImageLocation(context, store_api, store_utils, location);
  }

  private deleteFromBackend(location: Location): void {
    const imageId = (this.image_proxy.image as { image_id: string }).image_id;
    this.image_proxy.store_utils.deleteImageLocationFromBackend(this.image_proxy.context, imageId, location);
  }

  override append(location: Location): void {
    this.insert(this.value.len(), location);
  }

  override extend(other: Iterable<Location>): void {
    if (other instanceof StoreLocations) {
      // Python iterates the other list itself, seeing items appended meanwhile.
      for (let k = 0; k < other.value.len(); k++) this.append(other.value.getItem(k));
      return;
    }
    for (const location of pyList(other) as Location[]) this.append(location);
  }

  /** Validates, marks active, refuses an equal url+metadata, inserts, fills the image size. */
  insert(i: number, location: Location): void {
    this.checkLocation(location);
    markActive(location);
    if (countDuplicatedLocations(this.value, location) > 0) {
      throw new DuplicateLocation(null, { location: subscript(location, 'url') });
    }
    this.value.insert(i, location);
    setImageSize(this.image_proxy.context, this.image_proxy, [location], this.sizeStore);
  }

  /** Removes the entry and deletes its data; if the delete fails the entry is put back. */
  override pop(i = -1): Location {
    const location = this.value.pop(i);
    try {
      this.deleteFromBackend(location);
    } catch (e) {
      // NOTE(quirk): glance/location.py restores with insert(i), so a failed
      // pop() of the last entry puts it back before the previous one.
      this.value.insert(i, location);
      throw e;
    }
    return location;
  }

  override count(location: Location): number {
    return this.value.count(location);
  }

  override index(location: Location, start?: number, stop?: number): number {
    if (start === undefined) return this.value.index(location);
    const items = this.value.toArray();
    const n = items.length;
    const from = Math.max(0, start < 0 ? start + n : start);
    const to = Math.min(n, stop === undefined ? n : stop < 0 ? stop + n : stop);
    for (let k = from; k < to; k++) if (pyEquals(items[k], location)) return k;
    throw new ValueError(`${pyRepr(location)} is not in list`);
  }

  override remove(location: Location): void {
    if (this.count(location)) this.pop(this.index(location));
    else this.value.remove(location);
  }

  override reverse(): void {
    this.value.reverse();
  }

  getItem(i: number): Location {
    return this.value.getItem(i);
  }

  /** Validates and marks active (no duplicate check), replaces, fills the image size. */
  setItem(i: number, location: Location): void {
    this.checkLocation(location);
    markActive(location);
    this.value.setItem(i, location);
    setImageSize(this.image_proxy.context, this.image_proxy, [location], this.sizeStore);
  }

  /** Deletes the entry's data, then the entry. A slice deletes each entry in it. */
  delItem(i: number | PySlice): void {
    if (isSlice(i)) {
      if (i.step !== undefined && i.step !== null && i.step !== 1) throw new NotImplementedError_('slice with step');
      this.delSlice(i.start, i.stop);
      return;
    }
    let location: Location;
    try {
      location = this.value.getItem(i);
    } catch {
      this.value.delItem(i);
      return;
    }
    this.deleteFromBackend(location);
    this.value.delItem(i);
  }

  /** Python 2's `__delslice__`, which Glance's `__delitem__` forwards slices to. */
  delSlice(start: number | null, stop: number | null): void {
    // NOTE(quirk): glance/location.py clamps negative bounds to 0 instead of
    // counting from the end, so `del locations[-1:]` deletes every entry.
    const i = start === null ? 0 : Math.max(start, 0);
    const j = stop === null ? this.len() : Math.max(stop, 0);
    const locations = this.value.toArray().slice(i, j);
    for (const location of locations) {
      this.deleteFromBackend(location);
      this.value.delItem(i);
    }
  }

  override iadd(other: Iterable<Location>): this {
    this.extend(other);
    return this;
  }

  override contains(location: Location): boolean {
    return this.value.contains(location);
  }

  len(): number {
    return this.value.len();
  }

  override *[Symbol.iterator](): Iterator<Location> {
    yield* this.value;
  }

  /** `__eq__`: compares the entries with a list or another StoreLocations. */
  equals(other: unknown): boolean {
    const items = other instanceof StoreLocations ? other.value.toArray() : other;
    return pyEquals(this.value.toArray(), items);
  }

  /** `copy.copy`: a view over the same list. */
  copy(): StoreLocations {
    return new StoreLocations(this.image_proxy, this.value);
  }

  /**
   * `copy.deepcopy`: copies the entries and, as a side effect, makes the
   * copy the image's locations.
   */
  deepcopy(): StoreLocations {
    const value = deepCopy(this.value.toArray());
    // NOTE(quirk): glance/location.py StoreLocations.__deepcopy__ assigns the
    // copy to the image before returning it.
    const image = this.image_proxy.image as { locations?: unknown };
    image.locations = value;
    return new StoreLocations(this.image_proxy, value);
  }
}

// ------------------------------------------------------------ ImageProxy

/**
 * The location layer's image: `locations` is a StoreLocations view and its
 * assignment is validated; delete, set_data and get_data reach the store.
 * @see glance/location.py ImageProxy
 */
export class ImageProxy extends domainProxy.Image<Record<string, unknown>> implements LocationsOwner {
  readonly image: ImageLike;
  readonly context: unknown;
  readonly store_api: LocationStoreApi;
  readonly store_utils: StoreUtilsLike;
  readonly glance_store: Pick<GlanceStore, 'getSizeFromBackend'>;
  private readonly settings: Pick<Settings, 'image_size_cap'>;
  private readonly getVerifier: VerifierFactory;

  constructor(image: ImageLike, kwargs: LocationProxyKwargs) {
    const memberRepoProxy = (repo: unknown, kw: Record<string, unknown>) =>
      new ImageMemberRepoProxy(repo as MemberRepoLike<MemberLike>, kw.image as ImageLike, kw.context, kw.store_api as LocationStoreApi);
    super(image, memberRepoProxy, null);
    // Python passes the member repo proxy kwargs {context, image: self, store_api}.
    Object.assign(this.helper.proxy_kwargs, { context: kwargs.context, image: this, store_api: kwargs.store_api });
    this.image = image;
    this.context = kwargs.context;
    this.store_api = kwargs.store_api;
    this.store_utils = kwargs.store_utils;
    this.settings = kwargs.settings;
    this.glance_store = kwargs.glance_store ?? kwargs.store_api;
    this.getVerifier = kwargs.get_verifier ?? cursiveGetVerifier;
  }

  override get locations(): StoreLocations {
    return new StoreLocations(this, this.image.locations);
  }

  /**
   * Assigning locations: a list is required; an equal list changes nothing;
   * a non-empty image may only get the same URLs (new metadata); new URLs
   * are validated, de-duplicated and may fill the size. The image gets a
   * copy of the list.
   * @see glance/location.py _locations_proxy set_attr
   */
  override set locations(value: unknown) {
    if (!(Array.isArray(value) || value instanceof PyList || value instanceof StoreLocations)) {
      throw new BadStoreUri('Invalid locations');
    }
    const original = [...this.image.locations] as unknown[];
    const incoming = value instanceof StoreLocations ? value.value.toArray() : pyList(value);
    if (pyEquals(original, incoming)) return;
    const orderedValue = pySorted(incoming.map((loc) => subscript(loc, 'url')));
    const orderedOriginal = pySorted(original.map((loc) => subscript(loc, 'url')));
    const sameUrls = pyEquals(orderedValue, orderedOriginal);
    if (original.length > 0 && !sameUrls) throw new Invalid(`Original locations is not empty: ${pyStr(original)}`);
    if (sameUrls) {
      // Only metadata changes: the URLs were validated when they were added.
      for (const loc of incoming) markActive(loc);
    } else {
      this.checkAll(incoming);
      setImageSize(this.context, this.image, incoming, this.glance_store);
    }
    this.image.locations = [...incoming];
  }

  private checkAll(locations: unknown[]): void {
    for (const loc of locations) {
      checkImageLocation(this.context, this.store_api, this.store_utils, loc);
      markActive(loc);
      if (countDuplicatedLocations(locations, loc) > 1) {
        throw new DuplicateLocation(null, { location: subscript(loc, 'url') });
      }
    }
  }

  /**
   * `del image.locations`: deletes each location's data, emptying the list.
   * Python then removes the attribute from the image; the port leaves the
   * image with an empty list (TS objects cannot lose a declared property).
   * @see glance/location.py _locations_proxy del_attr
   */
  delLocations(): void {
    const value = this.image.locations;
    while (value.len()) {
      this.store_utils.deleteImageLocationFromBackend(this.context, this.image.image_id, value.getItem(0));
      value.delItem(0);
      this.image.locations = value;
    }
  }

  /** The domain delete, then every location's data. */
  override delete(): void {
    this.image.delete();
    if (!truthy(this.image.locations)) return;
    for (const location of this.image.locations) {
      this.store_utils.deleteImageLocationFromBackend(this.context, this.image.image_id, location);
    }
  }

  /**
   * Stores the data in the default store through the image size cap,
   * verifying the signature when the image asks for it, then makes the
   * stored object the image's only location and activates the image.
   */
  override set_data(data: ImageData, size: number | null = null): void {
    // NOTE(markwash) in Glance: zero means unknown size.
    const declared = size ?? 0;
    const verifier = this.createVerifier();
    // NOTE(quirk): glance/location.py reads CONF.image_size_cap here.
    const reader = new LimitingReader(new CooperativeReader(data), this.settings.image_size_cap);
    const stored = this.store_api.addToBackend(this.image.image_id, reader, declared, { context: this.context, verifier });
    if (verifier !== null) verifySignature(verifier);
    this.image.locations = [{ url: stored.location, metadata: stored.metadata, status: 'active' }];
    this.image.size = stored.size;
    this.image.checksum = stored.checksum;
    this.image.status = 'active';
  }

  /**
   * A verifier when all four img_signature* properties are present. Without
   * a key manager, cursive's `get_verifier` always fails (see
   * src/shared/store/signature.ts); nothing is stored then.
   */
  private createVerifier(): Verifier | null {
    const props = this.image.extra_properties;
    if (!shouldCreateVerifier(props)) return null;
    const img_signature = props.getItem(SIGNATURE);
    const hash_method = props.getItem(HASH_METHOD);
    const key_type = props.getItem(KEY_TYPE);
    const cert_uuid = props.getItem(CERT_UUID);
    return this.getVerifier({
      context: this.context,
      img_signature_certificate_uuid: cert_uuid,
      img_signature_hash_method: hash_method,
      img_signature,
      img_signature_key_type: key_type,
    });
  }

  /** Reads from the first location whose store answers; the last error if none does. */
  override get_data(offset = 0, chunk_size: number | null = null): Iterable<Buffer> {
    if (!truthy(this.image.locations)) {
      // NOTE(mclaren) in Glance: glance_store's NotFound only formats with image=None here.
      throw new glanceStore.NotFound(null, { image: null });
    }
    let err: unknown;
    for (const loc of this.image.locations) {
      try {
        return this.store_api.getFromBackend(subscript(loc, 'url') as string, { offset, chunkSize: chunk_size, context: this.context }).data;
      } catch (e) {
        err = e;
      }
    }
    throw err;
  }
}

function verifySignature(verifier: Verifier): void {
  try {
    verifier.verify();
  } catch (e) {
    if (e instanceof InvalidSignature) throw new SignatureVerificationError('Signature verification failed');
    throw e;
  }
}

// ------------------------------------------------------------ repos and factory

/**
 * Sets the store ACLs of every location after an image add or save:
 * public images are readable by all, others by their members.
 */
function refreshImageAcls(
  image: ImageLike,
  context: unknown,
  store_api: LocationStoreApi,
  listMemberIds: () => string[],
): void {
  const isPublic = image.visibility === 'public';
  let memberIds: string[] = [];
  if (truthy(image.locations) && !isPublic) memberIds = listMemberIds();
  for (const location of image.locations) {
    store_api.setAcls(subscript(location, 'url') as string, { public: isPublic, readTenants: memberIds, context });
  }
}

/**
 * Wraps images in ImageProxy and refreshes store ACLs after add and save.
 * @see glance/location.py ImageRepoProxy
 */
export class ImageRepoProxy extends domainProxy.Repo<ImageLike, ImageLike, LocationProxyKwargs> {
  readonly context: unknown;
  readonly store_api: LocationStoreApi;
  /** Stands for `glance.db.get_api()` as `_get_member_repo_for_store` uses it. */
  private readonly dbMemberRepo: DbMemberRepoFactory;

  constructor(image_repo: RepoLike<ImageLike>, kwargs: LocationRepoKwargs) {
    const { db_member_repo, ...itemKwargs } = kwargs;
    super(image_repo, ImageProxy, itemKwargs);
    this.context = kwargs.context;
    this.store_api = kwargs.store_api;
    this.dbMemberRepo = db_member_repo;
  }

  private setAcls(image: ImageLike): void {
    refreshImageAcls(image, this.context, this.store_api, () => {
      const memberRepo = getMemberRepoForStore(image, this.context, this.dbMemberRepo, this.store_api);
      return memberRepo.list().map((m) => m.member_id);
    });
  }

  override add(image: ImageLike): ImageLike | null {
    const result = super.add(image);
    this.setAcls(image);
    return result;
  }

  override save(image: ImageLike, from_state: string | null = null): ImageLike | null {
    const result = super.save(image, from_state);
    this.setAcls(image);
    return result;
  }
}

/**
 * Validates the locations a new image is created with.
 * @see glance/location.py ImageFactoryProxy
 */
export class ImageFactoryProxy extends domainProxy.ImageFactory<ImageLike, ImageLike, LocationProxyKwargs> {
  readonly context: unknown;
  readonly store_api: LocationStoreApi;
  readonly store_utils: StoreUtilsLike;

  constructor(factory: ImageFactoryLike<ImageLike>, kwargs: LocationProxyKwargs) {
    super(factory, ImageProxy, kwargs);
    this.context = kwargs.context;
    this.store_api = kwargs.store_api;
    this.store_utils = kwargs.store_utils;
  }

  override new_image(kwargs: NewImageKwargs = {}): ImageLike {
    const locations = kwargs.locations === undefined ? [] : kwargs.locations;
    const items = pyList(locations);
    for (const loc of items) {
      checkImageLocation(this.context, this.store_api, this.store_utils, loc);
      markActive(loc);
      if (countDuplicatedLocations(items, loc) > 1) {
        throw new DuplicateLocation(null, { location: subscript(loc, 'url') });
      }
    }
    return super.new_image(kwargs);
  }
}

/**
 * Refreshes the store ACLs after a member is added or removed. The image
 * is the one the gateway was given (the outermost proxy), so reading its
 * locations goes through every layer's checks, after the db write.
 * @see glance/location.py ImageMemberRepoProxy
 */
export class ImageMemberRepoProxy extends domainProxy.Repo<MemberLike> {
  readonly repo: MemberRepoLike<MemberLike>;
  readonly image: ImageLike;
  readonly context: unknown;
  readonly store_api: LocationStoreApi;

  constructor(repo: MemberRepoLike<MemberLike>, image: ImageLike, context: unknown, store_api: LocationStoreApi) {
    super(repo as unknown as RepoLike<MemberLike>);
    this.repo = repo;
    this.image = image;
    this.context = context;
    this.store_api = store_api;
  }

  private setAcls(): void {
    const isPublic = this.image.visibility === 'public';
    if (!truthy(this.image.locations) || isPublic) return;
    const memberIds = [...this.repo.list()].map((m) => m.member_id);
    for (const location of this.image.locations) {
      this.store_api.setAcls(subscript(location, 'url') as string, { public: isPublic, readTenants: memberIds, context: this.context });
    }
  }

  override add(member: MemberLike): null {
    super.add(member);
    this.setAcls();
    return null;
  }

  override remove(member: MemberLike): null {
    super.remove(member);
    this.setAcls();
    return null;
  }
}
