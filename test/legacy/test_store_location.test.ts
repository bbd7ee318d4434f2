// Port of glance/tests/unit/test_store_location.py (Glance 16.0.0), followed
// by port-specific tests of glance/location.py, glance/common/store_utils.py
// and the readers of glance/common/utils.py against the real stores
// (filesystem in a temp dir, simulated http). Every Glance test is ported.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttributeError, KeyError, PyException, TypeError_ } from '../../src/lib/python.js';
import { settingsFrom, type Settings } from '../../src/shared/settings.js';
import type { GlanceStore } from '../../src/shared/store/api.js';
import {
  NotFound as StoreNotFound, StoreDeleteNotSupported, UnknownScheme,
} from '../../src/shared/store/exceptions.js';
import { createStore, type MultiStore } from '../../src/shared/store/index.js';
import { SignatureVerificationError } from '../../src/shared/store/signature.js';
import { SeededIds, StepClock } from '../../src/shared/world.js';
import { ImageFactory, type Image } from '../../src/legacy/domain.js';
import { BadStoreUri, DuplicateLocation, ImageSizeLimitExceeded, Invalid } from '../../src/legacy/exception.js';
import { ImageProxy, StoreLocations, type LocationsOwner } from '../../src/legacy/location.js';
import type { Location } from '../../src/legacy/proxy.js';
import { StoreUtils, type StoreUtilsDbApi } from '../../src/legacy/store-utils.js';
import { CooperativeReader, LimitingReader } from '../../src/legacy/utils.js';

// ------------------------------------------------------------ shared fixtures

interface DbCall {
  fn: 'imageLocationDelete' | 'imageLocationAdd';
  context: unknown;
  imageId: string;
  arg: unknown;
  status?: string;
}

/** Records the db calls store_utils makes. */
class RecordingDb implements StoreUtilsDbApi {
  readonly calls: DbCall[] = [];
  imageLocationDelete(context: unknown, imageId: string, locationId: unknown, status: string): void {
    this.calls.push({ fn: 'imageLocationDelete', context, imageId, arg: locationId, status });
  }
  imageLocationAdd(context: unknown, imageId: string, location: Location): void {
    this.calls.push({ fn: 'imageLocationAdd', context, imageId, arg: location });
  }
}

const ADMIN = { admin: true };
const CALLER = { user: 'u1' };

function utilsFor(store: GlanceStore, db = new RecordingDb(), settings: Partial<Settings> = {}, extra: { use_user_token?: boolean } = {}) {
  return new StoreUtils({ store, db_api: db, settings: settingsFrom({}, settings), adminContext: () => ADMIN, ...extra });
}

function text(data: Iterable<Buffer>): string {
  return Buffer.concat([...data]).toString('utf8');
}

let root: string;
let store: MultiStore;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'peel-location-'));
  store = createStore(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

// ------------------------------------------------------------ the Glance test case

/** TestStoreLocation.FakeImageProxy: no size, no context. */
function fakeImageProxy(owner: Partial<LocationsOwner>): LocationsOwner {
  return { size: null, context: null, ...owner } as LocationsOwner;
}

describe('TestStoreLocation', () => {
  it('test_add_location_for_image_without_size: insert and item assignment fill the size from glance_store', () => {
    // Glance mocks out _check_image_location; here the check passes because
    // store_utils accepts the URI and store_api reports a size.
    const passing = {
      store_api: { getSizeFromBackend: () => 1, checkLocationMetadata: () => {} } as unknown as LocationsOwner['store_api'],
      store_utils: { validateExternalLocation: () => true } as unknown as LocationsOwner['store_utils'],
      // Glance stubs glance_store.get_size_from_backend to return 1.
      glance_store: { getSizeFromBackend: () => 1 },
    };
    const loc1 = { url: 'file:///fake1.img.tar.gz', metadata: {} } as Location;
    const loc2 = { url: 'file:///fake2.img.tar.gz', metadata: {} } as Location;

    // Test for insert location
    const image1 = fakeImageProxy(passing);
    let locations = new StoreLocations(image1, []);
    locations.insert(0, loc2);
    expect(image1.size).toBe(1);

    // Test for set_attr of _locations_proxy
    const image2 = fakeImageProxy(passing);
    locations = new StoreLocations(image2, [loc1]);
    locations.setItem(0, loc2);
    expect(locations.contains(loc2)).toBe(true);
    expect(image2.size).toBe(1);
  });

  it('test_add_location_with_restricted_sources: file, filesystem and swift+config locations are refused', () => {
    const utils = utilsFor(store);
    const loc1 = { url: 'file:///fake1.img.tar.gz', metadata: {} } as Location;
    const loc2 = { url: 'swift+config:///xxx', metadata: {} } as Location;
    const loc3 = { url: 'filesystem:///foo.img.tar.gz', metadata: {} } as Location;

    // Test for insert location
    const image1 = fakeImageProxy({ store_api: store, store_utils: utils });
    let locations = new StoreLocations(image1, []);
    expect(() => locations.insert(0, loc1)).toThrow(BadStoreUri);
    expect(() => locations.insert(0, loc3)).toThrow(BadStoreUri);
    expect(locations.contains(loc1)).toBe(false);
    expect(locations.contains(loc3)).toBe(false);

    // Test for set_attr of _locations_proxy
    const image2 = fakeImageProxy({ store_api: store, store_utils: utils });
    locations = new StoreLocations(image2, [loc1]);
    expect(() => locations.insert(0, loc2)).toThrow(BadStoreUri);
    expect(locations.contains(loc2)).toBe(false);
  });
});

// ------------------------------------------------------------ port-specific tests

describe('store_utils.safe_delete_from_backend', () => {
  it('deletes the data, marks the location deleted and updates its row', () => {
    const { location } = store.addToBackend('img', [Buffer.from('abc')], 3);
    const db = new RecordingDb();
    const loc: Location = { id: 7, url: location, metadata: {}, status: 'active' };
    utilsFor(store, db).safeDeleteFromBackend(CALLER, 'img', loc);
    expect(existsSync(join(root, 'img'))).toBe(false);
    expect(loc.status).toBe('deleted');
    expect(db.calls).toEqual([{ fn: 'imageLocationDelete', context: CALLER, imageId: 'img', arg: 7, status: 'deleted' }]);
  });

  it('leaves the db alone for a location without id', () => {
    const { location } = store.addToBackend('img', [Buffer.from('abc')], 3);
    const db = new RecordingDb();
    const loc = { url: location, metadata: {}, status: 'active' };
    utilsFor(store, db).safeDeleteFromBackend(CALLER, 'img', loc);
    expect(loc.status).toBe('deleted');
    expect(db.calls).toEqual([]);
  });

  it('swallows missing data: the location keeps its status', () => {
    const db = new RecordingDb();
    const loc: Location = { id: 1, url: `file://${root}/absent`, metadata: {}, status: 'active' };
    utilsFor(store, db).safeDeleteFromBackend(CALLER, 'img', loc);
    expect(loc.status).toBe('active');
    expect(db.calls).toEqual([]);
  });

  it('quirk: an http location cannot be deleted, so its row stays active', () => {
    const db = new RecordingDb();
    const loc: Location = { id: 1, url: 'http://example.com/img', metadata: {}, status: 'active' };
    expect(() => store.deleteFromBackend(loc.url)).toThrow(StoreDeleteNotSupported);
    utilsFor(store, db).safeDeleteFromBackend(CALLER, 'img', loc);
    expect(loc.status).toBe('active');
    expect(db.calls).toEqual([]);
  });

  it('lets other store errors through', () => {
    const loc: Location = { url: 'unknown://x', metadata: {}, status: 'active' };
    expect(() => utilsFor(store).safeDeleteFromBackend(CALLER, 'img', loc)).toThrow(UnknownScheme);
  });
});

describe('store_utils.schedule_delayed_delete_from_backend', () => {
  it('marks a saved location pending_delete twice: as admin by the queue, then as the caller', () => {
    const db = new RecordingDb();
    const loc: Location = { id: 3, url: 'http://example.com/a', metadata: {}, status: 'active' };
    expect(utilsFor(store, db).scheduleDelayedDeleteFromBackend(CALLER, 'img', loc)).toBe(true);
    expect(loc.status).toBe('pending_delete');
    expect(db.calls).toEqual([
      { fn: 'imageLocationDelete', context: ADMIN, imageId: 'img', arg: 3, status: 'pending_delete' },
      { fn: 'imageLocationDelete', context: CALLER, imageId: 'img', arg: 3, status: 'pending_delete' },
    ]);
  });

  it('queues nothing for a location without id', () => {
    const db = new RecordingDb();
    const loc: Location = { url: 'http://example.com/a', metadata: {}, status: 'active' };
    expect(utilsFor(store, db).scheduleDelayedDeleteFromBackend(CALLER, 'img', loc)).toBe(false);
    expect(loc.status).toBe('active');
    expect(db.calls).toEqual([]);
  });

  it('writes as no user when use_user_token is off', () => {
    const db = new RecordingDb();
    const loc: Location = { id: 3, url: 'http://example.com/a', metadata: {}, status: 'active' };
    utilsFor(store, db, {}, { use_user_token: false }).scheduleDelayedDeleteFromBackend(CALLER, 'img', loc);
    expect(db.calls.map((c) => c.context)).toEqual([ADMIN, null]);
  });
});

describe('store_utils.delete_image_location_from_backend', () => {
  it('deletes at once without delayed_delete', () => {
    const { location } = store.addToBackend('img', [Buffer.from('abc')], 3);
    const db = new RecordingDb();
    utilsFor(store, db).deleteImageLocationFromBackend(CALLER, 'img', { id: 1, url: location, metadata: {}, status: 'active' });
    expect(existsSync(join(root, 'img'))).toBe(false);
    expect(db.calls.map((c) => c.status)).toEqual(['deleted']);
  });

  it('queues a saved location with delayed_delete, keeping the data', () => {
    const { location } = store.addToBackend('img', [Buffer.from('abc')], 3);
    const db = new RecordingDb();
    utilsFor(store, db, { delayed_delete: true }).deleteImageLocationFromBackend(CALLER, 'img', { id: 1, url: location, metadata: {}, status: 'active' });
    expect(existsSync(join(root, 'img'))).toBe(true);
    expect(db.calls.map((c) => c.status)).toEqual(['pending_delete', 'pending_delete']);
  });

  it('falls back to deleting at once an unsaved location even with delayed_delete', () => {
    const { location } = store.addToBackend('img', [Buffer.from('abc')], 3);
    const db = new RecordingDb();
    utilsFor(store, db, { delayed_delete: true }).deleteImageLocationFromBackend(CALLER, 'img', { url: location, metadata: {}, status: 'active' });
    expect(existsSync(join(root, 'img'))).toBe(false);
    expect(db.calls).toEqual([]);
  });
});

describe('store_utils.validate_external_location', () => {
  it.each([
    ['http://example.com/x', true],
    ['https://example.com/x', true],
    ['file:///x', false],
    ['filesystem:///x', false],
    ['swift+config:///x', false],
    ['unknown://x', false],
    ['', false],
    ['no-scheme', false],
  ])('%s -> %s', (uri, ok) => {
    expect(utilsFor(store).validateExternalLocation(uri)).toBe(ok);
  });

  it('fails on a non-text URI as urlparse does', () => {
    expect(() => utilsFor(store).validateExternalLocation(5)).toThrow(AttributeError);
    expect(utilsFor(store).validateExternalLocation(null)).toBe(false);
  });
});

/** A real domain image behind the location proxy, on the real stores. */
function imageOnStores(settings: Partial<Settings> = {}, db = new RecordingDb()): { image: ImageProxy; domain: Image; db: RecordingDb } {
  const all = settingsFrom({}, settings);
  const factory = new ImageFactory(new StepClock(), new SeededIds(1), all);
  const domain = factory.new_image({ image_id: 'img-1', disk_format: 'raw', container_format: 'bare' });
  const image = new ImageProxy(domain, { context: CALLER, store_api: store, store_utils: utilsFor(store, db, settings), settings: all });
  return { image, domain, db };
}

const http = (url: string, extra: Partial<Location> = {}): Location => ({ url, metadata: {}, ...extra }) as Location;

describe('ImageProxy.locations assignment (_locations_proxy set_attr)', () => {
  it('refuses anything but a list with BadStoreUri "Invalid locations"', () => {
    const { image } = imageOnStores();
    expect(() => { image.locations = 'http://example.com/x'; }).toThrow(BadStoreUri);
    expect(() => { image.locations = { url: 'x' }; }).toThrow('Invalid locations');
  });

  it('validates new URLs, marks them active, fills the size and hands the image a copy', () => {
    const { image, domain } = imageOnStores();
    const value = [http('http://example.com/a'), http('https://example.com/bb')];
    image.locations = value;
    expect(domain.locations.toArray()).toEqual([
      { url: 'http://example.com/a', metadata: {}, status: 'active' },
      { url: 'https://example.com/bb', metadata: {}, status: 'active' },
    ]);
    expect(domain.size).toBe('http://example.com/a'.length);
    value.pop();
    expect(domain.locations.len()).toBe(2);
  });

  it('changes nothing for an equal list, without validating it again', () => {
    const { image, domain } = imageOnStores();
    domain.locations = [{ url: 'file:///not/allowed', metadata: {}, status: 'active' }];
    const before = domain.locations;
    image.locations = [{ url: 'file:///not/allowed', metadata: {}, status: 'active' }];
    expect(domain.locations).toBe(before);
  });

  it('takes new metadata for the same URLs without validating them', () => {
    const { image, domain } = imageOnStores();
    domain.locations = [{ id: 2, url: 'file:///not/allowed', metadata: {}, status: 'active' }];
    image.locations = [{ url: 'file:///not/allowed', metadata: { k: 'v' } } as unknown as Location];
    expect(domain.locations.toArray()).toEqual([{ url: 'file:///not/allowed', metadata: { k: 'v' }, status: 'active' }]);
  });

  it('refuses other URLs on an image that has locations, printing the current list', () => {
    const { image, domain } = imageOnStores();
    domain.locations = [{ id: 2, url: 'http://images.example.com/cirros.img', metadata: {}, status: 'active' }];
    expect(() => { image.locations = [http('http://example.com/other')]; }).toThrow(Invalid);
    expect(() => { image.locations = [http('http://example.com/other')]; }).toThrow(
      "Original locations is not empty: [{'id': 2, 'url': 'http://images.example.com/cirros.img', 'metadata': {}, 'status': 'active'}]",
    );
  });

  it('refuses duplicates in the new list with DuplicateLocation', () => {
    const { image } = imageOnStores();
    expect(() => { image.locations = [http('http://example.com/a'), http('http://example.com/a')]; }).toThrow(DuplicateLocation);
    expect(() => { image.locations = [http('http://example.com/a'), http('http://example.com/a')]; }).toThrow(
      'The location http://example.com/a already exists',
    );
  });

  it.each(['http://host.invalid/x', 'http://example.com/missing', 'file:///etc/hosts', 'ftp://example.com/x', 'HTTP://example.com/x'])(
    'refuses %s as "Invalid location"',
    (url) => {
      const { image } = imageOnStores();
      expect(() => { image.locations = [http(url)]; }).toThrow(BadStoreUri);
      expect(() => { image.locations = [http(url)]; }).toThrow('Invalid location');
    },
  );

  it('fails like Python on malformed entries: no metadata is KeyError, a string is TypeError', () => {
    const { image } = imageOnStores();
    expect(() => { image.locations = [{ url: 'http://example.com/a' }]; }).toThrow(KeyError);
    expect(() => { image.locations = ['http://example.com/a']; }).toThrow(TypeError_);
  });
});

describe('StoreLocations on the real stores', () => {
  it('insert refuses a location equal in url and metadata, item assignment does not check duplicates', () => {
    const { image, domain } = imageOnStores();
    image.locations.append(http('http://example.com/a'));
    expect(() => image.locations.append(http('http://example.com/a'))).toThrow(DuplicateLocation);
    image.locations.append(http('http://example.com/a', { metadata: { other: 'meta' } }));
    image.locations.setItem(1, http('http://example.com/a'));
    expect(domain.locations.len()).toBe(2);
  });

  it('quirk: a failed pop() puts the last entry back before the previous one', () => {
    const { image, domain } = imageOnStores();
    domain.locations = [
      { url: 'http://example.com/a', metadata: {}, status: 'active' },
      { url: 'unknown://b', metadata: {}, status: 'active' },
    ];
    expect(() => image.locations.pop()).toThrow(UnknownScheme);
    expect(domain.locations.toArray().map((l) => l.url)).toEqual(['unknown://b', 'http://example.com/a']);
  });

  it('quirk: deleting a slice from a negative start deletes every entry', () => {
    const { image, domain } = imageOnStores();
    image.locations.iadd([http('http://example.com/a'), http('http://example.com/b')]);
    image.locations.delItem({ start: -1, stop: null });
    expect(domain.locations.len()).toBe(0);
  });

  it('quirk: deepcopy makes the copy the image locations', () => {
    const { image, domain } = imageOnStores();
    image.locations.append(http('http://example.com/a'));
    const before = domain.locations;
    const copy = image.locations.deepcopy();
    expect(domain.locations).not.toBe(before);
    expect(copy.equals(before.toArray())).toBe(true);
    copy.value.getItem(0).metadata.changed = 'yes';
    expect(domain.locations.getItem(0).metadata).toEqual({ changed: 'yes' });
    expect(before.getItem(0).metadata).toEqual({});
  });

  it('index honours start and stop like list.index', () => {
    const { image } = imageOnStores();
    image.locations.iadd([http('http://example.com/a'), http('http://example.com/b')]);
    const b = { url: 'http://example.com/b', metadata: {}, status: 'active' };
    expect(image.locations.index(b)).toBe(1);
    expect(image.locations.index(b, 1)).toBe(1);
    expect(() => image.locations.index(b, 0, 1)).toThrow(PyException);
  });
});

describe('ImageProxy data on the real stores', () => {
  it('set_data stores in the file store and get_data reads it back', () => {
    const { image, domain } = imageOnStores();
    image.set_data([Buffer.from('hello')], null);
    expect(domain.locations.toArray()).toEqual([{ url: `file://${root}/img-1`, metadata: {}, status: 'active' }]);
    expect(domain.size).toBe(5);
    expect(domain.checksum).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(domain.status).toBe('active');
    expect(text(image.get_data())).toBe('hello');
  });

  it('image_size_cap stops the upload with ImageSizeLimitExceeded and leaves no file', () => {
    const { image, domain } = imageOnStores({ image_size_cap: 4 });
    expect(() => image.set_data([Buffer.from('hel'), Buffer.from('lo')], null)).toThrow(ImageSizeLimitExceeded);
    expect(readdirSync(root)).toEqual([]);
    expect(domain.locations.len()).toBe(0);
  });

  it('img_signature properties without a key manager fail before anything is stored', () => {
    const { image, domain } = imageOnStores();
    for (const [k, v] of Object.entries({
      img_signature: 'aGVsbG8=', img_signature_hash_method: 'SHA-256', img_signature_key_type: 'RSA-PSS', img_signature_certificate_uuid: 'cert-1',
    })) domain.extra_properties.setItem(k, v);
    expect(() => image.set_data([Buffer.from('hello')], 5)).toThrow(SignatureVerificationError);
    expect(() => image.set_data([Buffer.from('hello')], 5)).toThrow(
      'Signature verification for the image failed: Unable to retrieve certificate with ID: cert-1.',
    );
    expect(readdirSync(root)).toEqual([]);
  });

  it('get_data without locations raises glance_store NotFound "Image None not found"', () => {
    const { image } = imageOnStores();
    expect(() => image.get_data()).toThrow(StoreNotFound);
    expect(() => image.get_data()).toThrow('Image None not found');
  });

  it('get_data serves an http location with the bytes of its URL, after a failing one', () => {
    const { image, domain } = imageOnStores();
    domain.locations = [
      { url: 'http://gone.invalid/x', metadata: {}, status: 'active' },
      { url: 'http://example.com/x#frag', metadata: {}, status: 'active' },
    ];
    expect(text(image.get_data())).toBe('http://example.com/x');
  });

  it('get_data raises the last error when every location fails', () => {
    const { image, domain } = imageOnStores();
    domain.locations = [
      { url: 'unknown://a', metadata: {}, status: 'active' },
      { url: 'http://gone.invalid/x', metadata: {}, status: 'active' },
    ];
    expect(() => image.get_data()).toThrow('HTTP datastore could not find image at URI.');
  });

  it('delete removes uploaded data and tolerates http locations', () => {
    const { image, domain, db } = imageOnStores();
    image.set_data([Buffer.from('abc')], 3);
    domain.locations.getItem(0).id = 1;
    domain.locations.append({ id: 2, url: 'http://example.com/x', metadata: {}, status: 'active' });
    image.delete();
    expect(domain.status).toBe('deleted');
    expect(readdirSync(root)).toEqual([]);
    expect(db.calls.map((c) => [c.arg, c.status])).toEqual([[1, 'deleted']]);
  });
});

describe('glance/common/utils.py readers', () => {
  it('LimitingReader counts bytes and fails past the limit', () => {
    const reader = new LimitingReader([Buffer.from('ab'), Buffer.from('cd')], 3);
    const seen: string[] = [];
    expect(() => { for (const c of reader) seen.push(c.toString()); }).toThrow(ImageSizeLimitExceeded);
    expect(seen).toEqual(['ab']);
    expect(reader.bytes_read).toBe(4);
  });

  it('CooperativeReader reads exact lengths across chunks', () => {
    const reader = new CooperativeReader([Buffer.from('abc'), Buffer.from('def')]);
    expect(reader.read(2).toString()).toBe('ab');
    expect(reader.read(3).toString()).toBe('cde');
    expect(reader.read(5).toString()).toBe('f');
    expect(reader.read(5).toString()).toBe('');
  });

  it('quirk: read() without a length returns the buffered rest as its Python 3 str(), "b\'...\'"', () => {
    const reader = new CooperativeReader([Buffer.from('abc')]);
    reader.read(1);
    expect(reader.read().toString()).toBe("b'bc'");
    expect(reader.read().toString()).toBe('');
  });

  it('LimitingReader.read goes through the reader and counts', () => {
    const reader = new LimitingReader(new CooperativeReader([Buffer.from('abcdef')]), 4);
    expect(reader.read(3).toString()).toBe('abc');
    expect(() => reader.read(3)).toThrow(ImageSizeLimitExceeded);
  });
});
