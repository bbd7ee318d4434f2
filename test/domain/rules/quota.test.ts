import { describe, expect, it } from 'vitest';
import { checkCount, checkStorage, parseStorageQuota, storageFull } from '../../../src/domain/rules/quota.js';
import { failure } from '../__test-helpers__/failures.js';


describe('user_storage_quota parsing', () => {
  it('reads bare bytes and binary units', () => {
    expect(parseStorageQuota('10')).toBe(10);
    expect(parseStorageQuota('10B')).toBe(10);
    expect(parseStorageQuota('1KB')).toBe(1024);
    expect(parseStorageQuota('1MB')).toBe(1048576);
    expect(parseStorageQuota('1GB')).toBe(1073741824);
    expect(parseStorageQuota('1TB')).toBe(1099511627776);
  });

  it('treats 0 as no limit', () => {
    expect(parseStorageQuota('0')).toBeNull();
    expect(parseStorageQuota('0KB')).toBeNull();
  });

  it('reads digits and the end of text as Python\'s re and int() do: any decimal digit, one trailing newline', () => {
    expect(parseStorageQuota('١٠KB')).toBe(10240);
    expect(parseStorageQuota('10\n')).toBe(10);
  });

  it('keeps a quota beyond 2^53 exact, and what remains of it', () => {
    const quota = parseStorageQuota('999999999999999999999999999999');
    expect(quota).toBe(999999999999999999999999999999n);
    expect(checkStorage(quota as bigint, 1, 5)).toBe(999999999999999999999999999998n);
    expect(storageFull(5, quota).message).toBe('The size of the data 5 will exceed the limit. 999999999999999999999999999999 bytes remaining.');
  });

  it('refuses other spellings as InvalidOptionValue (a 500)', () => {
    for (const bad of ['1 KB', '1kb', '1K', '-1', '1.5MB', '']) {
      const e = failure(() => parseStorageQuota(bad));
      expect(e.kind).toBe('InvalidOptionValue');
      expect(e.crashed).toBe(true);
    }
  });
});

describe('storage check', () => {
  it('lets a size that fits through and returns what remains', () => {
    expect(checkStorage(10, 4, 6)).toBe(6);
  });

  it('refuses a size over what remains with the StorageQuotaFull text', () => {
    const e = failure(() => checkStorage(10, 6, 5));
    expect(e.kind).toBe('StorageQuotaFull');
    expect(e.message).toBe('The size of the data 5 will exceed the limit. 4 bytes remaining.');
  });

  it('lets an unknown size through unless nothing remains', () => {
    expect(checkStorage(10, 9, null)).toBeNull();
    expect(failure(() => checkStorage(10, 10, null)).message).toBe('The size of the data None will exceed the limit. 0 bytes remaining.');
  });
});

describe('count quotas', () => {
  it('allows up to the maximum', () => {
    expect(() => checkCount('tags', 2, 2)).not.toThrow();
  });

  it('treats a negative maximum as unlimited', () => {
    expect(() => checkCount('properties', 10 ** 6, -1)).not.toThrow();
  });

  it('refuses anything over, a quota of 0 included, with the LimitExceeded text', () => {
    const e = failure(() => checkCount('locations', 1, 0));
    expect(e.status).toBe(413);
    expect(e.kind).toBe('ImageLocationLimitExceeded');
    expect(e.message).toBe('The limit has been exceeded on the number of allowed image locations. Attempted: 1, Maximum: 0');
    expect(failure(() => checkCount('members for this image', 3, 2)).message).toBe(
      'The limit has been exceeded on the number of allowed image members for this image. Attempted: 3, Maximum: 2',
    );
  });
});

describe('the storage-quota message of an image_size_cap overflow', () => {
  it('prints an unknown size and an unknown remainder as None, as Glance formats them (example 267)', () => {
    expect(storageFull(null, null).message).toBe('The size of the data None will exceed the limit. None bytes remaining.');
    expect(storageFull(5, null).message).toBe('The size of the data 5 will exceed the limit. None bytes remaining.');
  });
});
