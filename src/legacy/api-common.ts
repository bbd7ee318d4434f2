/**
 * The storage quota helpers of glance/api/common.py, which the quota layer
 * calls before and after every upload and location change, plus the v1-era
 * download helpers (size_checked_iter, image_send_notification) kept for
 * completeness. get_thread_pool and memoize are not ported: tasks never run.
 */
import { GlanceException, InvalidOptionValue, StorageQuotaFull } from './exception.js';
import type { Settings } from '../shared/settings.js';

/** What the quota helpers read from the request context. */
export interface QuotaContext {
  readonly owner: string | null;
  readonly user?: string | null;
  readonly tenant?: string | null;
}

/** The one db api call the storage quota needs. */
export interface StorageUsageDbApi {
  userGetStorageUsage(context: QuotaContext, ownerId: string | null, imageId?: string | null): number;
}

/** oslo_utils.units: binary multiples, looked up as `unit.replace('B', 'i')`. */
const UNITS: Readonly<Record<string, bigint>> = { Ki: 1024n, Mi: 1024n ** 2n, Gi: 1024n ** 3n, Ti: 1024n ** 4n };

/**
 * A Python int: a number while it is exact, a bigint beyond 2^53 (a quota
 * of 30 digits prints every digit in Glance's messages). JS compares the
 * two kinds with each other exactly.
 */
export type PyInt = number | bigint;

function pyIntOf(n: bigint): PyInt {
  return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

// NOTE(quirk): Python's `$` also matches before one trailing newline, and `\d`
// matches every Unicode decimal digit (which int() accepts), so "10\n" and
// "١٠KB" are valid quotas in Glance.
const QUOTA_PATTERN = /^(\p{Nd}+)((K|M|G|T)?B)?\n?$/u;

/**
 * Parses user_storage_quota into bytes; null means unlimited (0 or less).
 * @see glance/api/common.py get_remaining_quota
 */
export function parseUserStorageQuota(usersQuota: string): PyInt | null {
  const match = QUOTA_PATTERN.exec(usersQuota);
  if (match === null) {
    throw new InvalidOptionValue(null, { option: 'user_storage_quota', value: usersQuota });
  }
  const digits = match[1] ?? '0';
  const unit = match[2] ?? 'B';
  const factor = UNITS[unit.replace('B', 'i')] ?? 1n;
  const bytes = pyIntFromDigits(digits) * factor;
  return bytes <= 0n ? null : pyIntOf(bytes);
}

/** Python's int() over a run of Unicode decimal digits. */
function pyIntFromDigits(digits: string): bigint {
  let value = 0n;
  for (const ch of digits) value = value * 10n + BigInt(decimalDigitValue(ch));
  return value;
}

/** Unicode Nd characters come in aligned runs of ten, zero first. */
function decimalDigitValue(ch: string): number {
  let cp = ch.codePointAt(0) ?? 0x30;
  let offset = 0;
  while (/\p{Nd}/u.test(String.fromCodePoint(cp - 1))) {
    cp -= 1;
    offset += 1;
  }
  return offset % 10;
}

/**
 * Bytes the caller may still store; null means no quota.
 * @see glance/api/common.py get_remaining_quota
 */
export function getRemainingQuota(
  context: QuotaContext,
  dbApi: StorageUsageDbApi,
  settings: Settings,
  imageId: string | null = null,
): PyInt | null {
  // NOTE(quirk): glance/api/common.py reads CONF.user_storage_quota at every
  // call and only then validates it, so a bad value fails the request, not startup.
  const usersQuota = parseUserStorageQuota(settings.user_storage_quota);
  if (usersQuota === null) return null;
  // NOTE(quirk): the caller's owner is charged, not the image owner.
  const usage = dbApi.userGetStorageUsage(context, context.owner, imageId);
  return typeof usersQuota === 'bigint' ? pyIntOf(usersQuota - BigInt(usage)) : usersQuota - usage;
}

/**
 * Raises StorageQuotaFull when `imageSize` will not fit; returns the bytes
 * remaining when a size was given, else null.
 * @see glance/api/common.py check_quota
 */
export function checkQuota(
  context: QuotaContext,
  imageSize: number | null,
  dbApi: StorageUsageDbApi,
  settings: Settings,
  imageId: string | null = null,
): PyInt | null {
  const remaining = getRemainingQuota(context, dbApi, settings, imageId);
  if (remaining === null) return null;
  if (imageSize === null) {
    // NOTE(quirk): an unknown size only fails when nothing at all is left,
    // and then returns None, so the caller wraps no LimitingReader.
    if (remaining <= 0) throw new StorageQuotaFull(null, { image_size: imageSize, remaining });
    return null;
  }
  if (imageSize > remaining) throw new StorageQuotaFull(null, { image_size: imageSize, remaining });
  return remaining;
}

/** What image_send_notification reads from the request. */
export interface SendRequest {
  readonly context: QuotaContext;
  readonly remote_addr: string | null;
}

/** What image_send_notification needs of a notifier. */
export interface SendNotifier {
  info(eventType: string, payload: unknown): void;
  error(eventType: string, payload: unknown): void;
}

/**
 * Sends image.send; any failure while sending is swallowed (Glance logs it).
 * @see glance/api/common.py image_send_notification
 */
export function imageSendNotification(
  bytesWritten: number,
  expectedSize: number | null,
  imageMeta: Readonly<Record<string, unknown>>,
  request: SendRequest,
  notifier: SendNotifier,
): void {
  try {
    const payload = {
      bytes_sent: bytesWritten,
      image_id: imageMeta['id'],
      owner_id: imageMeta['owner'],
      receiver_tenant_id: request.context.tenant ?? null,
      receiver_user_id: request.context.user ?? null,
      destination_ip: request.remote_addr,
    };
    if (bytesWritten !== expectedSize) notifier.error('image.send', payload);
    else notifier.info('image.send', payload);
  } catch {
    // Glance logs "An error occurred during image.send notification" and goes on.
  }
}

/**
 * Yields the chunks and fails at the end when their total is not the
 * expected size (the chunks already sent stay sent).
 * @see glance/api/common.py size_checked_iter
 */
export function* sizeCheckedIter<T extends { length: number }>(
  imageMeta: Readonly<Record<string, unknown>>,
  expectedSize: number | null,
  imageIter: Iterable<T>,
): Generator<T, void, undefined> {
  let bytesWritten = 0;
  for (const chunk of imageIter) {
    yield chunk;
    bytesWritten += chunk.length;
  }
  if (expectedSize !== bytesWritten) {
    throw new GlanceException(`Corrupt image download for image ${String(imageMeta['id'])}`);
  }
}
