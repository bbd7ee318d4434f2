/**
 * glance_store's driver base (glance_store/driver.py, capabilities.py):
 * each driver declares what it can do, and `get`, `add` and `delete` are
 * refused up front with the store exception Glance expects when it cannot.
 */
import { NotImplementedError_ } from '../../lib/python.js';
import type {
  AclOptions, AddOptions, CallOptions, GetOptions, ImageChunks, ImageRead, StoreDriver, StoreLocation, StoredImage,
} from './api.js';
import { StoreAddDisabled, StoreDeleteNotSupported, StoreGetNotSupported, StoreRandomGetNotSupported } from './exceptions.js';

/** glance_store.capabilities.BitMasks. */
export const BitMasks = Object.freeze({
  NONE: 0b00000000,
  ALL: 0b11111111,
  READ_ACCESS: 0b00000001,
  READ_OFFSET: 0b00000011,
  READ_CHUNK: 0b00000101,
  READ_RANDOM: 0b00000111,
  WRITE_ACCESS: 0b00001000,
  WRITE_OFFSET: 0b00011000,
  WRITE_CHUNK: 0b00101000,
  WRITE_RANDOM: 0b00111000,
  RW_ACCESS: 0b00001001,
  RW_OFFSET: 0b00011011,
  RW_CHUNK: 0b00101101,
  RW_RANDOM: 0b00111111,
  DRIVER_REUSABLE: 0b01000000,
});

/**
 * A driver whose public operations run `capabilities.check` first.
 * @see glance_store/driver.py Store
 * @see glance_store/capabilities.py check
 */
export abstract class CapableDriver implements StoreDriver {
  abstract readonly name: string;
  protected abstract readonly capabilities: number;

  abstract getSchemes(): readonly string[];
  abstract parseUri(uri: string, scheme: string): StoreLocation;
  abstract getSize(location: StoreLocation, options?: CallOptions): number;
  protected abstract doGet(location: StoreLocation, offset: number, chunkSize: number | null): ImageRead;
  protected abstract doAdd(imageId: string, data: ImageChunks, size: number, options: AddOptions): StoredImage;
  protected abstract doDelete(location: StoreLocation): void;

  isCapable(...caps: number[]): boolean {
    const wanted = caps.reduce((a, c) => a | c, 0);
    return (this.capabilities & wanted) === wanted;
  }

  get(location: StoreLocation, options: GetOptions = {}): ImageRead {
    const offset = options.offset ?? 0;
    const chunkSize = options.chunkSize ?? null;
    const random = Boolean(offset) || Boolean(chunkSize);
    const needed = [BitMasks.READ_ACCESS, offset ? BitMasks.READ_OFFSET : 0, chunkSize ? BitMasks.READ_CHUNK : 0];
    if (!this.isCapable(...needed)) {
      const kwargs = { offset, chunk_size: chunkSize, context: options.context ?? null };
      throw random ? new StoreRandomGetNotSupported(null, kwargs) : new StoreGetNotSupported(null, kwargs);
    }
    return this.doGet(location, offset, chunkSize);
  }

  add(imageId: string, data: ImageChunks, size: number, options: AddOptions = {}): StoredImage {
    if (!this.isCapable(BitMasks.WRITE_ACCESS)) throw new StoreAddDisabled(null, { offset: 0, chunk_size: null });
    return this.doAdd(imageId, data, size, options);
  }

  delete(location: StoreLocation, _options: CallOptions = {}): void {
    if (!this.isCapable(BitMasks.WRITE_ACCESS)) throw new StoreDeleteNotSupported(null, { offset: 0, chunk_size: null });
    this.doDelete(location);
  }

  setAcls(_location: StoreLocation, _options?: AclOptions): void {
    throw new NotImplementedError_('');
  }
}

/**
 * `StoreLocation.validate_schemas`: a case-sensitive prefix test on the raw
 * URI, so 'HTTP://…' parses as scheme http and is then refused here.
 */
export function startsWithOneOf(uri: string, schemas: readonly string[]): boolean {
  return schemas.some((s) => uri.startsWith(s));
}

export function invalidSchemasReason(schemas: readonly string[]): string {
  return `Location URI must start with one of the following schemas: ${schemas.join(', ')}`;
}
