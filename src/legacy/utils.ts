/**
 * The readers of glance/common/utils.py that image uploads go through.
 * Python's cooperative sleeps (eventlet yields) have no counterpart: the
 * port is synchronous, so only the byte accounting is kept.
 */
import { AttributeError } from '../lib/python.js';
import { ImageSizeLimitExceeded, LimitExceeded } from './exception.js';
import type { ImageData } from './proxy.js';

/** `MAX_COOP_READER_BUFFER_SIZE`: 128 MiB. */
export const MAX_COOP_READER_BUFFER_SIZE = 134217728;

/** An upload source that can also be read by length, like a file object. */
export interface Readable {
  read(length?: number | null): Buffer;
}

function hasRead(x: unknown): x is Readable {
  return typeof (x as { read?: unknown } | null)?.read === 'function';
}

/**
 * Iterates the underlying data, and offers `read(length)` over it: a
 * file-like source is read directly, an iterable is buffered chunk by chunk.
 * @see glance/common/utils.py CooperativeReader
 */
export class CooperativeReader implements Iterable<Buffer> {
  private iterator: Iterator<Buffer> | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private position = 0;

  constructor(readonly fd: ImageData) {}

  [Symbol.iterator](): Iterator<Buffer> {
    return this.fd[Symbol.iterator]();
  }

  read(length: number | null = null): Buffer {
    if (hasRead(this.fd)) return this.fd.read(length);
    return length === null ? this.readChunk() : this.readExactly(length);
  }

  /** No length: what is buffered, else the next whole chunk. */
  private readChunk(): Buffer {
    if (this.buffer.length - this.position > 0) {
      const rest = this.buffer.subarray(this.position);
      this.resetBuffer();
      // NOTE(quirk): glance/common/utils.py returns `str(result)` here, which on
      // Python 3 is the text "b'...'" rather than the bytes.
      return Buffer.from(pyBytesRepr(rest), 'utf8');
    }
    try {
      const next = this.nextChunk();
      return next ?? Buffer.alloc(0);
    } finally {
      this.resetBuffer();
    }
  }

  private readExactly(length: number): Buffer {
    const parts: Buffer[] = [];
    let have = 0;
    while (have < length) {
      if (this.position < this.buffer.length) {
        const chunk = this.buffer.subarray(this.position, this.position + (length - have));
        parts.push(chunk);
        have += chunk.length;
        if (have >= MAX_COOP_READER_BUFFER_SIZE) throw new LimitExceeded();
        this.position += chunk.length;
        continue;
      }
      const next = this.nextChunk();
      if (next === null) {
        this.resetBuffer();
        break;
      }
      this.buffer = next;
      this.position = 0;
    }
    return Buffer.concat(parts);
  }

  private nextChunk(): Buffer | null {
    if (this.iterator === null) this.iterator = this[Symbol.iterator]();
    const step = this.iterator.next();
    return step.done ? null : step.value;
  }

  private resetBuffer(): void {
    this.buffer = Buffer.alloc(0);
    this.position = 0;
  }
}

/**
 * Fails with ImageSizeLimitExceeded as soon as more than `limit` bytes
 * have been read, by iteration or by `read`.
 * @see glance/common/utils.py LimitingReader
 */
export class LimitingReader implements Iterable<Buffer> {
  bytes_read = 0;

  constructor(
    readonly data: ImageData,
    readonly limit: number,
  ) {}

  *[Symbol.iterator](): Iterator<Buffer> {
    for (const chunk of this.data) {
      this.bytes_read += chunk.length;
      if (this.bytes_read > this.limit) throw new ImageSizeLimitExceeded();
      yield chunk;
    }
  }

  read(length: number): Buffer {
    if (!hasRead(this.data)) throw new AttributeError(`'${this.data.constructor.name}' object has no attribute 'read'`);
    const result = this.data.read(length);
    this.bytes_read += result.length;
    if (this.bytes_read > this.limit) throw new ImageSizeLimitExceeded();
    return result;
  }
}

/** Python's `repr(b)` for bytes. */
export function pyBytesRepr(b: Uint8Array): string {
  const quote = b.includes(0x27) && !b.includes(0x22) ? '"' : "'";
  let out = 'b' + quote;
  for (const c of b) {
    if (c === 0x5c || c === quote.charCodeAt(0)) out += '\\' + String.fromCharCode(c);
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += String.fromCharCode(c);
  }
  return out + quote;
}
