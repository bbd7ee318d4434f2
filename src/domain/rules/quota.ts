/**
 * Quota rules: count limits (negative = unlimited) and user_storage_quota
 * parsing ("10", "5KB", ... binary units; 0 = unlimited).
 */
import { pyStr } from '../../lib/python.js';
import { DomainError } from '../errors.js';

export type Counted = 'members for this image' | 'properties' | 'tags' | 'locations';

const LIMIT_KIND: Record<Counted, string> = {
  'members for this image': 'ImageMemberLimitExceeded',
  properties: 'ImagePropertyLimitExceeded',
  tags: 'ImageTagLimitExceeded',
  locations: 'ImageLocationLimitExceeded',
};

/** Throws the LimitExceeded of glance/common/exception when attempted > maximum >= 0. */
export function checkCount(what: Counted, attempted: number, maximum: number): void {
  if (maximum < 0 || attempted <= maximum) return;
  const message = `The limit has been exceeded on the number of allowed image ${what}. Attempted: ${attempted}, Maximum: ${maximum}`;
  throw new DomainError('too_large', message, LIMIT_KIND[what]);
}

const UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/** Bytes allowed per owner; 0 means unlimited. A bad value is InvalidOptionValue (500). */
export function parseStorageQuota(text: string): number {
  const m = /^(\d+)((K|M|G|T)?B)?$/.exec(text);
  if (m === null) throw new DomainError('crash', `Invalid value for option user_storage_quota: ${text}`, 'InvalidOptionValue');
  return Number(m[1]) * (UNITS[m[2] ?? 'B'] ?? 1);
}

/**
 * The check_quota of glance/api/common: with no size, only "nothing left" fails;
 * with a size, it must fit in what remains. Returns the bytes remaining
 * (null when unlimited or the size is unknown).
 */
export function checkStorage(quota: number, usage: number, size: number | null): number | null {
  if (quota === 0) return null;
  const remaining = quota - usage;
  if (size === null) {
    if (remaining <= 0) throw storageFull(null, remaining);
    return null;
  }
  if (size > remaining) throw storageFull(size, remaining);
  return remaining;
}

/** Python's %s of an unknown value prints None. */
export function storageFull(size: number | null, remaining: number | null): DomainError {
  const shown = (n: number | null): string => (n === null ? 'None' : pyStr(n));
  return new DomainError('too_large', `The size of the data ${shown(size)} will exceed the limit. ${shown(remaining)} bytes remaining.`, 'StorageQuotaFull');
}
