import Database from 'better-sqlite3';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkQuota, getRemainingQuota, parseUserStorageQuota } from '../../src/legacy/api-common.js';
import {
  ImageLocationLimitExceeded,
  ImageMemberLimitExceeded,
  ImagePropertyLimitExceeded,
  ImageSizeLimitExceeded,
  ImageTagLimitExceeded,
  Invalid,
  InvalidOptionValue,
  StorageQuotaFull,
} from '../../src/legacy/exception.js';
import { createDbApi, type DbApi } from '../../src/legacy/db/sqlalchemy-api.js';
import type { ImageLike, Location } from '../../src/legacy/proxy.js';
import * as quota from '../../src/legacy/quota.js';
import { LimitingReader } from '../../src/legacy/utils.js';
import { pyEquals, PySet } from '../../src/lib/pycollections.js';
import { KeyError, TypeError_ } from '../../src/lib/python.js';
import { fixedClock } from './__test-helpers__/fake-notifier.js';
import { config, mutableSettings, type MutableSettings } from './__test-helpers__/mutable-settings.js';
import {
  FakeDB,
  FakeImage,
  FakeSizeStore,
  FakeStoreUtils,
  RecordingMemberFactory,
  RecordingRepo,
  charChunks,
  fakeContext,
  unusedDeps,
} from './__test-helpers__/quota-fakes.js';

const KI = 1024;

/** Runs `fn`, requires it to throw an instance of `cls`, and returns the error. */
function raises<E>(cls: abstract new (...args: never[]) => E, fn: () => unknown): E {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(cls);
    return e as E;
  }
  throw new Error(`expected ${cls.name} to be raised`);
}

function loc(url: string, status?: string): Location {
  return (status === undefined ? { url, metadata: {} } : { url, metadata: {}, status }) as Location;
}

function depsWith(settings: MutableSettings, db = new FakeDB(), store = new FakeSizeStore()): quota.QuotaDeps & { db_api: FakeDB; store_utils: FakeStoreUtils } {
  return { db_api: db, store_utils: new FakeStoreUtils(), store, settings };
}

describe('TestImageQuota', () => {
  let settings: MutableSettings;
  beforeEach(() => {
    settings = mutableSettings();
  });

  function getImage(locationCount = 1, imageSize = 10): quota.ImageProxy {
    const context = fakeContext();
    const deps = depsWith(settings);
    const baseImage = new FakeImage();
    baseImage.image_id = 'xyz';
    baseImage.size = imageSize;
    const image = new quota.ImageProxy(baseImage, context, deps);
    const locations = Array.from({ length: locationCount }, (_, i) => ({ url: `file:///g/there/it/is${i}`, metadata: {}, status: 'active' }));
    deps.db_api.imageCreate(context, { id: 'xyz', owner: context.owner, status: 'active', size: imageSize, locations });
    return image;
  }

  function quotaImage(baseImage: FakeImage, db = new FakeDB()): quota.ImageProxy {
    return new quota.ImageProxy(baseImage, fakeContext(), depsWith(settings, db));
  }

  it('test_quota_allowed: data exactly at the quota is stored', () => {
    const q = 10;
    config(settings, { user_storage_quota: String(q) });
    const baseImage = new FakeImage();
    baseImage.image_id = 'id';
    const image = quotaImage(baseImage);
    const data = charChunks('*'.repeat(q));
    baseImage.set_data(data, null);
    image.set_data(data);
    expect(baseImage.size).toBe(q);
  });

  function quotaAllowedUnit(dataLength: number, configQuota: string): void {
    config(settings, { user_storage_quota: configQuota });
    const baseImage = new FakeImage();
    baseImage.image_id = 'id';
    const image = quotaImage(baseImage);
    const data = charChunks('*'.repeat(dataLength));
    baseImage.set_data(data, null);
    image.set_data(data);
    expect(baseImage.size).toBe(dataLength);
  }

  it('test_quota_allowed_unit_b: "10B" allows 10 bytes', () => quotaAllowedUnit(10, '10B'));
  it('test_quota_allowed_unit_kb: "1KB" allows 10 bytes', () => quotaAllowedUnit(10, '1KB'));
  it('test_quota_allowed_unit_mb: "1MB" allows 10 bytes', () => quotaAllowedUnit(10, '1MB'));
  it('test_quota_allowed_unit_gb: "1GB" allows 10 bytes', () => quotaAllowedUnit(10, '1GB'));
  it('test_quota_allowed_unit_tb: "1TB" allows 10 bytes', () => quotaAllowedUnit(10, '1TB'));

  function quotaExceededSize(q: string, data: Buffer[], size: number | null = null, db = new FakeDB()): StorageQuotaFull {
    config(settings, { user_storage_quota: q });
    const baseImage = new FakeImage();
    baseImage.image_id = 'id';
    const image = quotaImage(baseImage, db);
    return raises(StorageQuotaFull, () => image.set_data(data, size));
  }

  it('test_quota_exceeded_no_size: an upload of unknown size fails when nothing remains (no mock: an existing image uses the quota)', () => {
    const db = new FakeDB();
    db.imageCreate(fakeContext(), { id: 'other', owner: 'someone', status: 'active', size: 10, locations: [loc('file:///o', 'active')] });
    const e = quotaExceededSize('10', charChunks('*'.repeat(11)), null, db);
    expect(e.message).toBe('The size of the data None will exceed the limit. 0 bytes remaining.');
  });

  it('test_quota_exceeded_with_right_size: a declared size over the quota fails before any data is read', () => {
    const data = charChunks('*'.repeat(11));
    const e = quotaExceededSize('10', data, data.length);
    expect(e.message).toBe('The size of the data 11 will exceed the limit. 10 bytes remaining.');
  });

  it('test_quota_exceeded_with_right_size_b: the same with "10B"', () => {
    const data = charChunks('*'.repeat(11));
    quotaExceededSize('10B', data, data.length);
  });

  it('test_quota_exceeded_with_right_size_kb: "1KB" is 1024 bytes', () => {
    const data = charChunks('*'.repeat(KI + 1));
    const e = quotaExceededSize('1KB', data, data.length);
    expect(e.message).toBe('The size of the data 1025 will exceed the limit. 1024 bytes remaining.');
  });

  it('test_quota_exceeded_with_lie_size: a size under the real data is caught by the LimitingReader', () => {
    const e = quotaExceededSize('10', charChunks('*'.repeat(11)), 9);
    expect(e.message).toBe('The size of the data 9 will exceed the limit. 10 bytes remaining.');
  });

  it('test_append_location: append reaches the inner list', () => {
    const newLocation = loc('file:///a/path', 'active');
    const image = getImage();
    const preAdd = image.locations.toArray();
    image.locations.append(newLocation);
    preAdd.push(newLocation);
    expect(pyEquals(image.locations.toArray(), preAdd)).toBe(true);
  });

  it('test_insert_location: insert reaches the inner list', () => {
    const newLocation = loc('file:///a/path', 'active');
    const image = getImage();
    const preAdd = image.locations.toArray();
    image.locations.insert(0, newLocation);
    preAdd.unshift(newLocation);
    expect(pyEquals(image.locations.toArray(), preAdd)).toBe(true);
  });

  it('test_extend_location: extend reaches the inner list', () => {
    const newLocation = loc('file:///a/path', 'active');
    const image = getImage();
    const preAdd = image.locations.toArray();
    image.locations.extend([newLocation]);
    preAdd.push(newLocation);
    expect(pyEquals(image.locations.toArray(), preAdd)).toBe(true);
  });

  it('test_iadd_location: += appends and rebinds through the quota setter', () => {
    const newLocation = loc('file:///a/path', 'active');
    const image = getImage();
    const preAdd = image.locations.toArray();
    image.locations = image.locations.iadd([newLocation]);
    preAdd.push(newLocation);
    expect(pyEquals(image.locations.toArray(), preAdd)).toBe(true);
  });

  it('test_set_location: assignment replaces the list', () => {
    const newLocation = loc('file:///a/path', 'active');
    const image = getImage();
    image.locations = [newLocation];
    expect(pyEquals(image.locations.toArray(), [newLocation])).toBe(true);
  });

  function makeImageWithQuota(imageSize = 10, locationCount = 2): quota.ImageProxy {
    config(settings, { user_storage_quota: String(imageSize * locationCount) });
    return getImage(locationCount, imageSize);
  }

  it('test_exceed_append_location: append fails when the image already uses the quota', () => {
    const image = makeImageWithQuota();
    raises(StorageQuotaFull, () => image.locations.append(loc('file:///a/path', 'active')));
  });

  it('test_exceed_insert_location: insert fails when the image already uses the quota', () => {
    const image = makeImageWithQuota();
    raises(StorageQuotaFull, () => image.locations.insert(0, loc('file:///a/path', 'active')));
  });

  it('test_exceed_extend_location: extend fails when the image already uses the quota', () => {
    const image = makeImageWithQuota();
    raises(StorageQuotaFull, () => image.locations.extend([loc('file:///a/path', 'active')]));
  });

  it('test_set_location_under: assignment excludes the image itself from usage', () => {
    const image = makeImageWithQuota(10, 1);
    image.locations = [loc('file:///a/path', 'active')];
    expect(image.locations.len()).toBe(1);
  });

  it('test_set_location_exceed: assigning two copies of a 10-byte image over a 10-byte quota fails', () => {
    const image = makeImageWithQuota(10, 1);
    raises(StorageQuotaFull, () => {
      image.locations = [loc('file:///a/path', 'active'), loc('file:///a/path2', 'active')];
    });
  });

  it('test_iadd_location_exceed: += charges the image own usage again (no image_id)', () => {
    const image = makeImageWithQuota(10, 1);
    raises(StorageQuotaFull, () => {
      image.locations = image.locations.iadd([loc('file:///a/path', 'active')]);
    });
  });

  function queuedImage(): quota.ImageProxy {
    const baseImage = new FakeImage();
    baseImage.image_id = '5f1c6a2e-0000-4000-8000-00000000000a';
    const store = new FakeSizeStore({ 'file:///fake.img.tar.gz': 1 });
    const image = new quota.ImageProxy(baseImage, fakeContext(), depsWith(settings, new FakeDB(), store));
    expect(image.size).toBeNull();
    return image;
  }

  it('test_append_location_for_queued_image: a sizeless image asks the store for the size', () => {
    const image = queuedImage();
    image.locations.append(loc('file:///fake.img.tar.gz'));
    expect(image.locations.contains(loc('file:///fake.img.tar.gz'))).toBe(true);
  });

  it('test_insert_location_for_queued_image: insert on a sizeless image', () => {
    const image = queuedImage();
    image.locations.insert(0, loc('file:///fake.img.tar.gz'));
    expect(image.locations.contains(loc('file:///fake.img.tar.gz'))).toBe(true);
  });

  it('test_set_location_for_queued_image: assignment on a sizeless image', () => {
    const image = queuedImage();
    image.locations = [loc('file:///fake.img.tar.gz')];
    expect(pyEquals(image.locations.toArray(), [loc('file:///fake.img.tar.gz')])).toBe(true);
  });

  it('test_iadd_location_for_queued_image: += on a sizeless image', () => {
    const image = queuedImage();
    image.locations = image.locations.iadd([loc('file:///fake.img.tar.gz')]);
    expect(image.locations.contains(loc('file:///fake.img.tar.gz'))).toBe(true);
  });
});

describe('TestImagePropertyQuotas', () => {
  let settings: MutableSettings;
  let baseImage: FakeImage;
  let image: quota.ImageProxy;
  let imageRepoMock: RecordingRepo;
  let imageRepoProxy: quota.ImageRepoProxy;

  beforeEach(() => {
    settings = mutableSettings();
    baseImage = new FakeImage();
    image = new quota.ImageProxy(baseImage, fakeContext(), unusedDeps(settings));
    imageRepoMock = new RecordingRepo(baseImage);
    imageRepoProxy = new quota.ImageRepoProxy(imageRepoMock, fakeContext(), unusedDeps(settings));
  });

  function expectSavedOnce(): void {
    expect(imageRepoMock.callsOf('save')).toEqual([[baseImage, { from_state: null }]]);
  }

  it('test_save_image_with_image_property: a new property within the quota is saved', () => {
    config(settings, { image_property_quota: 1 });
    image.extra_properties = { foo: 'bar' };
    imageRepoProxy.save(image);
    expectSavedOnce();
  });

  it('test_save_image_too_many_image_properties: two new properties over a quota of 1 fail', () => {
    config(settings, { image_property_quota: 1 });
    image.extra_properties = { foo: 'bar', foo2: 'bar2' };
    const exc = raises(ImagePropertyLimitExceeded, () => imageRepoProxy.save(image));
    expect(exc.message).toContain('Attempted: 2, Maximum: 1');
  });

  it('test_save_image_unlimited_image_properties: -1 means unlimited', () => {
    config(settings, { image_property_quota: -1 });
    image.extra_properties = { foo: 'bar' };
    imageRepoProxy.save(image);
    expectSavedOnce();
  });

  it('test_add_image_with_image_property: add within the quota reaches the inner repo unwrapped', () => {
    config(settings, { image_property_quota: 1 });
    image.extra_properties = { foo: 'bar' };
    imageRepoProxy.add(image);
    expect(imageRepoMock.callsOf('add')).toEqual([[baseImage]]);
  });

  it('test_add_image_too_many_image_properties: add over the quota fails', () => {
    config(settings, { image_property_quota: 1 });
    image.extra_properties = { foo: 'bar', foo2: 'bar2' };
    const exc = raises(ImagePropertyLimitExceeded, () => imageRepoProxy.add(image));
    expect(exc.message).toContain('Attempted: 2, Maximum: 1');
  });

  it('test_add_image_unlimited_image_properties: -1 means unlimited on add', () => {
    config(settings, { image_property_quota: -1 });
    image.extra_properties = { foo: 'bar' };
    imageRepoProxy.add(image);
    expect(imageRepoMock.callsOf('add')).toEqual([[baseImage]]);
  });

  function quotaExceedSetup(): void {
    config(settings, { image_property_quota: 2 });
    baseImage.extra_properties = { foo: 'bar', spam: 'ham' };
    image = new quota.ImageProxy(baseImage, fakeContext(), unusedDeps(settings));
  }

  it('test_modify_image_properties_when_quota_exceeded: changing existing keys over the quota is saved', () => {
    quotaExceedSetup();
    config(settings, { image_property_quota: 1 });
    image.extra_properties = { foo: 'frob', spam: 'eggs' };
    imageRepoProxy.save(image);
    expectSavedOnce();
    expect(baseImage.extra_properties.getItem('foo')).toBe('frob');
    expect(baseImage.extra_properties.getItem('spam')).toBe('eggs');
  });

  it('test_delete_image_properties_when_quota_exceeded: removing a key over the quota is saved', () => {
    quotaExceedSetup();
    config(settings, { image_property_quota: 1 });
    image.extra_properties.delItem('foo');
    imageRepoProxy.save(image);
    expectSavedOnce();
    expect(baseImage.extra_properties.contains('foo')).toBe(false);
    expect(baseImage.extra_properties.getItem('spam')).toBe('ham');
  });

  it('test_invalid_quota_config_parameter: a bad user_storage_quota fails the location append', () => {
    config(settings, { user_storage_quota: 'foo' });
    const e = raises(InvalidOptionValue, () => image.locations.append(loc('file:///fake.img.tar.gz')));
    expect(e.message).toBe('Invalid value for option user_storage_quota: foo');
  });

  it('test_exceed_quota_during_patch_operation: keys added then removed before save do not count', () => {
    quotaExceedSetup();
    image.extra_properties.setItem('frob', 'baz');
    image.extra_properties.setItem('lorem', 'ipsum');
    expect(baseImage.extra_properties.getItem('foo')).toBe('bar');
    expect(baseImage.extra_properties.getItem('spam')).toBe('ham');
    expect(baseImage.extra_properties.getItem('frob')).toBe('baz');
    expect(baseImage.extra_properties.getItem('lorem')).toBe('ipsum');

    image.extra_properties.delItem('frob');
    image.extra_properties.delItem('lorem');
    imageRepoProxy.save(image);
    expectSavedOnce();
    expect(baseImage.extra_properties.getItem('foo')).toBe('bar');
    expect(baseImage.extra_properties.getItem('spam')).toBe('ham');
    expect(baseImage.extra_properties.contains('frob')).toBe(false);
    expect(baseImage.extra_properties.contains('lorem')).toBe(false);
  });

  it('test_quota_exceeded_after_delete_image_properties: an image over the quota may still lose keys', () => {
    config(settings, { image_property_quota: 3 });
    baseImage.extra_properties = { foo: 'bar', spam: 'ham', frob: 'baz' };
    image = new quota.ImageProxy(baseImage, fakeContext(), unusedDeps(settings));
    config(settings, { image_property_quota: 1 });
    image.extra_properties.delItem('foo');
    imageRepoProxy.save(image);
    expectSavedOnce();
    expect(baseImage.extra_properties.contains('foo')).toBe(false);
    expect(baseImage.extra_properties.getItem('spam')).toBe('ham');
    expect(baseImage.extra_properties.getItem('frob')).toBe('baz');
  });

  it('quirk: saving checks the count only when a key is new, so an over-quota image with a new key fails', () => {
    quotaExceedSetup();
    config(settings, { image_property_quota: 2 });
    image.extra_properties.setItem('frob', 'baz');
    const exc = raises(ImagePropertyLimitExceeded, () => imageRepoProxy.save(image));
    expect(exc.message).toBe(
      'The limit has been exceeded on the number of allowed image properties. Attempted: 3, Maximum: 2',
    );
  });
});

describe('TestImageTagQuotas', () => {
  let settings: MutableSettings;
  let baseImage: FakeImage;
  let image: quota.ImageProxy;

  beforeEach(() => {
    settings = mutableSettings();
    baseImage = new FakeImage();
    baseImage.tags = new PySet();
    image = new quota.ImageProxy(baseImage, fakeContext(), unusedDeps(settings));
  });

  it('test_replace_image_tag: assigning tags within the quota', () => {
    config(settings, { image_tag_quota: 1 });
    image.tags = ['foo'];
    expect(image.tags.len()).toBe(1);
  });

  it('test_replace_too_many_image_tags: assigning over the quota fails and leaves the tags', () => {
    config(settings, { image_tag_quota: 0 });
    const exc = raises(ImageTagLimitExceeded, () => {
      image.tags = ['foo', 'bar'];
    });
    expect(exc.message).toContain('Attempted: 2, Maximum: 0');
    expect(image.tags.len()).toBe(0);
  });

  it('test_replace_unlimited_image_tags: -1 means unlimited', () => {
    config(settings, { image_tag_quota: -1 });
    image.tags = ['foo'];
    expect(image.tags.len()).toBe(1);
  });

  it('test_add_image_tag: add within the quota', () => {
    config(settings, { image_tag_quota: 1 });
    image.tags.add('foo');
    expect(image.tags.len()).toBe(1);
  });

  it('test_add_too_many_image_tags: the second add over a quota of 1 fails', () => {
    config(settings, { image_tag_quota: 1 });
    image.tags.add('foo');
    const exc = raises(ImageTagLimitExceeded, () => image.tags.add('bar'));
    expect(exc.message).toContain('Attempted: 2, Maximum: 1');
  });

  it('test_add_unlimited_image_tags: -1 means unlimited on add', () => {
    config(settings, { image_tag_quota: -1 });
    image.tags.add('foo');
    expect(image.tags.len()).toBe(1);
  });

  it('test_remove_image_tag_while_over_quota: removing is never checked', () => {
    config(settings, { image_tag_quota: 1 });
    image.tags.add('foo');
    expect(image.tags.len()).toBe(1);
    config(settings, { image_tag_quota: 0 });
    image.tags.remove('foo');
    expect(image.tags.len()).toBe(0);
  });

  it('quirk: a refused add leaves the tag in the set (insert before check)', () => {
    config(settings, { image_tag_quota: 1 });
    image.tags.add('foo');
    raises(ImageTagLimitExceeded, () => image.tags.add('bar'));
    expect(baseImage.tags.contains('bar')).toBe(true);
  });

  it('quirk: an unvalidated string counts its characters, and a falsy value is not checked', () => {
    config(settings, { image_tag_quota: 2 });
    const exc = raises(ImageTagLimitExceeded, () => {
      image.tags = 'ab\u{1F600}';
    });
    expect(exc.message).toContain('Attempted: 3, Maximum: 2');
    expect(() => quota.enforceImageTagQuota(0, settings)).not.toThrow();
    raises(TypeError_, () => quota.enforceImageTagQuota(5, settings));
  });

  it('quirk: duplicates in an assigned list count', () => {
    config(settings, { image_tag_quota: 1 });
    const exc = raises(ImageTagLimitExceeded, () => {
      image.tags = ['foo', 'foo'];
    });
    expect(exc.message).toContain('Attempted: 2, Maximum: 1');
  });
});

describe('TestQuotaImageTagsProxy', () => {
  let settings: MutableSettings;
  beforeEach(() => {
    settings = mutableSettings();
  });

  it('test_add: add inserts into the wrapped set', () => {
    const proxy = new quota.QuotaImageTagsProxy(new PySet(), settings);
    proxy.add('foo');
    expect(proxy.contains('foo')).toBe(true);
  });

  it('test_add_too_many_tags: add over a quota of 0 fails', () => {
    config(settings, { image_tag_quota: 0 });
    const proxy = new quota.QuotaImageTagsProxy(new PySet(), settings);
    const exc = raises(ImageTagLimitExceeded, () => proxy.add('bar'));
    expect(exc.message).toContain('Attempted: 1, Maximum: 0');
  });

  it('test_equals: equal to an equal set', () => {
    const proxy = new quota.QuotaImageTagsProxy(new PySet(), settings);
    expect(proxy.equals(new Set())).toBe(true);
  });

  it('test_not_equals: not equal to a string', () => {
    const proxy = new quota.QuotaImageTagsProxy(new PySet(), settings);
    expect(proxy.equals('foo')).toBe(false);
  });

  it('test_contains: membership of the wrapped set', () => {
    const proxy = new quota.QuotaImageTagsProxy(new PySet(['foo']), settings);
    expect(proxy.contains('foo')).toBe(true);
  });

  it('test_len: length of the wrapped set', () => {
    const proxy = new quota.QuotaImageTagsProxy(new PySet(['foo', 'bar', 'baz', 'niz']), settings);
    expect(proxy.len()).toBe(4);
  });

  it('test_iter: iterates the wrapped set', () => {
    const items = new Set(['foo', 'bar', 'baz', 'niz']);
    const proxy = new quota.QuotaImageTagsProxy(new PySet(items), settings);
    expect(items.size).toBe(4);
    for (const item of proxy) items.delete(item);
    expect(items.size).toBe(0);
  });
});

describe('TestImageMemberQuotas', () => {
  let settings: MutableSettings;
  let image: ImageLike;
  let baseFactory: RecordingMemberFactory;
  let factory: quota.ImageMemberFactoryProxy;

  beforeEach(() => {
    settings = mutableSettings();
    image = new FakeImage();
    baseFactory = new RecordingMemberFactory();
    factory = new quota.ImageMemberFactoryProxy(baseFactory, fakeContext(), depsWith(settings));
  });

  it('test_new_image_member: a member within the quota is created', () => {
    config(settings, { image_member_quota: 1 });
    factory.new_image_member(image, 'fake_id');
    expect(baseFactory.calls).toEqual([[image, 'fake_id']]);
  });

  it('test_new_image_member_unlimited_members: -1 means unlimited', () => {
    config(settings, { image_member_quota: -1 });
    factory.new_image_member(image, 'fake_id');
    expect(baseFactory.calls).toEqual([[image, 'fake_id']]);
  });

  it('test_new_image_member_too_many_members: count + 1 over a quota of 0 fails', () => {
    config(settings, { image_member_quota: 0 });
    const e = raises(ImageMemberLimitExceeded, () => factory.new_image_member(image, 'fake_id'));
    expect(e.message).toBe(
      'The limit has been exceeded on the number of allowed image members for this image. Attempted: 1, Maximum: 0',
    );
    expect(baseFactory.calls).toHaveLength(0);
  });
});

describe('TestImageLocationQuotas', () => {
  let settings: MutableSettings;
  let baseImage: FakeImage;
  let image: quota.ImageProxy;

  beforeEach(() => {
    settings = mutableSettings();
    baseImage = new FakeImage();
    baseImage.locations = [];
    baseImage.size = 1;
    image = new quota.ImageProxy(baseImage, fakeContext(), unusedDeps(settings));
  });

  it('test_replace_image_location: assigning one location within the quota', () => {
    config(settings, { image_location_quota: 1 });
    image.locations = [loc('file:///fake.img.tar.gz')];
    expect(image.locations.len()).toBe(1);
  });

  it('test_replace_too_many_image_locations: assigning three over a quota of 1 fails and keeps the old list', () => {
    config(settings, { image_location_quota: 1 });
    image.locations = [loc('file:///fake.img.tar.gz')];
    const locations = [loc('file:///fake1.img.tar.gz'), loc('file:///fake2.img.tar.gz'), loc('file:///fake3.img.tar.gz')];
    const exc = raises(ImageLocationLimitExceeded, () => {
      image.locations = locations;
    });
    expect(exc.message).toContain('Attempted: 3, Maximum: 1');
    expect(image.locations.len()).toBe(1);
  });

  it('test_replace_unlimited_image_locations: -1 means unlimited', () => {
    config(settings, { image_location_quota: -1 });
    image.locations = [loc('file:///fake.img.tar.gz')];
    expect(image.locations.len()).toBe(1);
  });

  it('test_add_image_location: append within the quota', () => {
    config(settings, { image_location_quota: 1 });
    image.locations.append(loc('file:///fake.img.tar.gz'));
    expect(image.locations.len()).toBe(1);
  });

  it('test_add_too_many_image_locations: the second append over a quota of 1 fails', () => {
    config(settings, { image_location_quota: 1 });
    image.locations.append(loc('file:///fake1.img.tar.gz'));
    const exc = raises(ImageLocationLimitExceeded, () => image.locations.append(loc('file:///fake2.img.tar.gz')));
    expect(exc.message).toContain('Attempted: 2, Maximum: 1');
  });

  it('test_add_unlimited_image_locations: -1 means unlimited on append', () => {
    config(settings, { image_location_quota: -1 });
    image.locations.append(loc('file:///fake1.img.tar.gz'));
    expect(image.locations.len()).toBe(1);
  });

  it('test_remove_image_location_while_over_quota: removing is never checked', () => {
    config(settings, { image_location_quota: 1 });
    const location1 = loc('file:///fake1.img.tar.gz');
    image.locations.append(location1);
    expect(image.locations.len()).toBe(1);
    config(settings, { image_location_quota: 0 });
    image.locations.remove(location1);
    expect(image.locations.len()).toBe(0);
  });

  it('quirk: assignment checks the count before the type', () => {
    config(settings, { image_location_quota: 1 });
    raises(ImageLocationLimitExceeded, () => {
      image.locations = 'abc';
    });
    const e = raises(Invalid, () => {
      image.locations = 'a';
    });
    expect(e.message).toBe('Invalid locations: a');
  });
});

describe('api-common storage quota (port)', () => {
  it('parses bare bytes and binary units; 0 is unlimited', () => {
    expect(parseUserStorageQuota('10')).toBe(10);
    expect(parseUserStorageQuota('10B')).toBe(10);
    expect(parseUserStorageQuota('5KB')).toBe(5 * 1024);
    expect(parseUserStorageQuota('1MB')).toBe(1024 ** 2);
    expect(parseUserStorageQuota('1GB')).toBe(1024 ** 3);
    expect(parseUserStorageQuota('1TB')).toBe(1024 ** 4);
    expect(parseUserStorageQuota('0')).toBeNull();
    expect(parseUserStorageQuota('0KB')).toBeNull();
  });

  it('rejects spaces, lower case and other units with InvalidOptionValue', () => {
    for (const bad of ['', '1 KB', '1kb', '1K', '1PB', '-1', '1.5MB', 'foo']) {
      const e = raises(InvalidOptionValue, () => parseUserStorageQuota(bad));
      expect(e.message).toBe(`Invalid value for option user_storage_quota: ${bad}`);
    }
  });

  it("quirk: Python's $ accepts one trailing newline and \\d any Unicode digit", () => {
    expect(parseUserStorageQuota('10\n')).toBe(10);
    expect(parseUserStorageQuota('\u0661\u0660KB')).toBe(10 * 1024);
    expect(parseUserStorageQuota('1KB\n')).toBe(1024);
    expect(parseUserStorageQuota('\u{1D7D8}\u{1D7CF}')).toBe(1);
    raises(InvalidOptionValue, () => parseUserStorageQuota('10\n\n'));
  });

  it('a quota beyond 2^53 bytes stays a Python int: every digit survives into the message', () => {
    expect(parseUserStorageQuota('999999999999999999999999999999')).toBe(999999999999999999999999999999n);
    expect(parseUserStorageQuota('9007199254740993')).toBe(9007199254740993n);
    expect(parseUserStorageQuota('9007199254740991')).toBe(9007199254740991);
    const settings = mutableSettings({ user_storage_quota: '99999999999999999999TB' });
    const db = new FakeDB();
    db.imageCreate(fakeContext(), { id: 'a', owner: fakeContext().owner, status: 'active', size: 4, locations: [loc('x', 'active')] });
    expect(getRemainingQuota(fakeContext(), db, settings)).toBe(99999999999999999999n * 1024n ** 4n - 4n);
    const e = raises(StorageQuotaFull, () => checkQuota(fakeContext(), 2 ** 53, db, mutableSettings({ user_storage_quota: '9007199254740995' })));
    expect(e.message).toBe('The size of the data 9007199254740992 will exceed the limit. 9007199254740991 bytes remaining.');
  });

  it('quirk: the caller owner is charged; None size passes unless nothing remains', () => {
    const settings = mutableSettings({ user_storage_quota: '10' });
    const db = new FakeDB();
    db.imageCreate(fakeContext(), { id: 'a', owner: 'someone', status: 'active', size: 4, locations: [loc('x', 'active')] });
    expect(getRemainingQuota(fakeContext(), db, settings)).toBe(6);
    expect(getRemainingQuota(fakeContext(), db, settings, 'a')).toBe(10);
    expect(getRemainingQuota({ owner: 'other' }, db, settings)).toBe(10);
    expect(checkQuota(fakeContext(), null, db, settings)).toBeNull();
    expect(checkQuota(fakeContext(), 6, db, settings)).toBe(6);
    raises(StorageQuotaFull, () => checkQuota(fakeContext(), 7, db, settings));
  });

  it('quirk: ImageSizeLimitExceeded from inside set_data becomes StorageQuotaFull', () => {
    const settings = mutableSettings();
    const base = new FakeImage();
    base.set_data = () => {
      throw new ImageSizeLimitExceeded();
    };
    const image = new quota.ImageProxy(base, fakeContext(), unusedDeps(settings));
    const e = raises(StorageQuotaFull, () => image.set_data([Buffer.from('x')], null));
    expect(e.message).toBe('The size of the data None will exceed the limit. None bytes remaining.');
  });

  it("a sizeless image reads location['url'] of unvalidated values: KeyError without url, TypeError for a string", () => {
    const settings = mutableSettings();
    const image = new quota.ImageProxy(new FakeImage(), fakeContext(), unusedDeps(settings));
    raises(KeyError, () => image.locations.append({ metadata: {} } as unknown as Location));
    raises(TypeError_, () => image.locations.append('file:///x' as unknown as Location));
  });

  it('deletes the stored data at locations[0] when the re-check after the upload fails', () => {
    const settings = mutableSettings({ user_storage_quota: '10' });
    const deps = depsWith(settings);
    deps.db_api.imageCreate(fakeContext(), { id: 'other', owner: 'someone', status: 'active', size: 6, locations: [loc('o', 'active')] });
    const base = new FakeImage();
    base.image_id = 'id';
    const image = new quota.ImageProxy(base, fakeContext(), deps);
    const e = raises(StorageQuotaFull, () => image.set_data(charChunks('12345'), null));
    expect(e.message).toBe('The size of the data 5 will exceed the limit. 4 bytes remaining.');
    expect(deps.store_utils.deleted).toEqual([{ imageId: 'id', location: { url: 'file:///not/a/path', metadata: {} } }]);
  });
});

describe('quota over the SQLite db api (port)', () => {
  const context = { is_admin: false, owner: 'someone', can_see_deleted: false, user: 'u', tenant: 'someone' };

  function openDb(settings: MutableSettings): DbApi {
    return createDbApi(new Database(':memory:'), { settings, clock: fixedClock(new Date(Date.UTC(2018, 1, 28))) });
  }

  function storeRow(db: DbApi, id: string, size: number, locations: number): void {
    const locs = Array.from({ length: locations }, (_, i) => ({ url: `http://example.com/${id}/${i}`, metadata: {}, status: 'active' }));
    db.imageCreate(context, { id, owner: 'someone', status: 'active', size, locations: locs, visibility: 'private' });
  }

  it('charges size x locations of the caller images, excluding the image being replaced', () => {
    const settings = mutableSettings({ user_storage_quota: '20' });
    const db = openDb(settings);
    storeRow(db, 'a', 4, 2);
    storeRow(db, 'b', 5, 1);
    expect(getRemainingQuota(context, db, settings)).toBe(20 - 13);
    expect(getRemainingQuota(context, db, settings, 'a')).toBe(20 - 5);
  });

  it('refuses an upload that the stored images leave no room for, and deletes the data after a chunked one', () => {
    const settings = mutableSettings({ user_storage_quota: '10' });
    const db = openDb(settings);
    storeRow(db, 'a', 6, 1);
    const deps = { db_api: db, store_utils: new FakeStoreUtils(), store: new FakeSizeStore(), settings };
    const base = new FakeImage();
    base.image_id = 'new';
    const image = new quota.ImageProxy(base, context, deps);
    const declared = raises(StorageQuotaFull, () => image.set_data(charChunks('12345'), 5));
    expect(declared.message).toBe('The size of the data 5 will exceed the limit. 4 bytes remaining.');
    expect(deps.store_utils.deleted).toHaveLength(0);
    raises(StorageQuotaFull, () => image.set_data(charChunks('12345'), null));
    expect(deps.store_utils.deleted).toHaveLength(1);
  });

  it('counts member rows for the member quota', () => {
    const settings = mutableSettings({ image_member_quota: 1 });
    const db = openDb(settings);
    storeRow(db, 'a', 1, 1);
    db.imageMemberCreate(context, { image_id: 'a', member: 'm1', can_share: false, status: 'pending' });
    const base = new FakeImage();
    base.image_id = 'a';
    const factory = new quota.ImageMemberFactoryProxy(new RecordingMemberFactory(), context, { ...unusedDeps(settings), db_api: db });
    const e = raises(ImageMemberLimitExceeded, () => factory.new_image_member(base, 'm2'));
    expect(e.message).toContain('Attempted: 2, Maximum: 1');
  });
});

describe('LimitingReader as the quota layer uses it (port)', () => {
  it('passes every chunk while the running total stays within the limit, then raises ImageSizeLimitExceeded', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 8 }), { maxLength: 12 }), fc.nat({ max: 60 }), (sizes, limit) => {
        const reader = new LimitingReader(sizes.map((n) => Buffer.alloc(n)), limit);
        const seen: number[] = [];
        let raised = false;
        try {
          for (const chunk of reader) seen.push(chunk.length);
        } catch (e) {
          expect(e).toBeInstanceOf(ImageSizeLimitExceeded);
          raised = true;
        }
        const total = sizes.reduce((a, b) => a + b, 0);
        expect(raised).toBe(total > limit);
        const within = sizes.filter((_, i) => sizes.slice(0, i + 1).reduce((a, b) => a + b, 0) <= limit);
        expect(seen).toEqual(raised ? within : sizes);
      }),
    );
  });
});
