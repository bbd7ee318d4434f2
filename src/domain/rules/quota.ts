/**
 * Quota rules: count limits (negative = unlimited) and user_storage_quota
 * parsing ("10", "5KB", ... binary units; 0 = unlimited).
 */
import { pyStr } from '../../lib/python.js';
import { pyIntOrNull } from '../../lib/webob/compat.js';
import { DomainError, type FailureKind } from '../errors.js';
import { STORAGE_QUOTA_PATTERN } from '../compat/config-values.js';

export type Counted = 'members for this image' | 'properties' | 'tags' | 'locations';

const LIMIT_KIND: Readonly<Record<Counted, FailureKind>> = {
  'members for this image': 'ImageMemberLimitExceeded',
  properties: 'ImagePropertyLimitExceeded',
  tags: 'ImageTagLimitExceeded',
  locations: 'ImageLocationLimitExceeded',
};

/** Throws the LimitExceeded of glance/common/exception when attempted > maximum >= 0. */
export function checkCount(what: Counted, attempted: number, maximum: number): void {
  if (maximum < 0 || attempted <= maximum) return;
  const message = `The limit has been exceeded on the number of allowed image ${what}. Attempted: ${attempted}, Maximum: ${maximum}`;
  throw new DomainError(LIMIT_KIND[what], message);
}

/** A Python int: a number while exact, a bigint beyond (a quota of 30 digits keeps every digit). */
export type PyInt = number | bigint;

const UNITS: Readonly<Record<string, bigint>> = { B: 1n, KB: 1024n, MB: 1024n ** 2n, GB: 1024n ** 3n, TB: 1024n ** 4n };

/** A quota as Glance matches it (compat/config-values.ts STORAGE_QUOTA_PATTERN). */
const QUOTA = STORAGE_QUOTA_PATTERN;

const exact = (n: bigint): PyInt => (n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n);

/**
 * Bytes allowed per owner, or null for no limit (0). A value that is not a
 * quota is InvalidOptionValue, read when a quota is checked, not at start-up.
 * @see glance/api/common.py get_remaining_quota
 */
export function parseStorageQuota(text: string): PyInt | null {
  const m = QUOTA.exec(text);
  if (m === null) throw new DomainError('InvalidOptionValue', `Invalid value for option user_storage_quota: ${text}`);
  const bytes = (pyIntOrNull(m[1] as string) ?? 0n) * (UNITS[m[2] ?? 'B'] ?? 1n);
  return bytes <= 0n ? null : exact(bytes);
}

/**
 * The check_quota of glance/api/common: with no size, only "nothing left" fails;
 * with a size, it must fit in what remains. Returns the bytes remaining
 * (null when the size is unknown).
 */
export function checkStorage(quota: PyInt, usage: number, size: number | null): PyInt | null {
  const remaining = typeof quota === 'bigint' ? exact(quota - BigInt(usage)) : quota - usage;
  if (size === null) {
    if (remaining <= 0) throw storageFull(null, remaining);
    return null;
  }
  if (size > remaining) throw storageFull(size, remaining);
  return remaining;
}

/** Python's %s of an unknown value prints None. */
export function storageFull(size: number | null, remaining: PyInt | null): DomainError {
  const shown = (n: PyInt | null): string => (n === null ? 'None' : pyStr(n));
  return new DomainError('StorageQuotaFull', `The size of the data ${shown(size)} will exceed the limit. ${shown(remaining)} bytes remaining.`);
}
