/**
 * The file objects a WSGI request body is read through: `BytesIO` (what
 * `Request.blank` and `req.body = b'...'` install as `wsgi.input`, seekable)
 * and `StreamInput` (a body arriving in chunks, read once, as a server's
 * socket file is). Both have Python's `read(size=-1)`.
 */
import type { StreamedBody } from '../../shared/http.js';
import { PyException } from '../python.js';

/** A readable binary file: what `wsgi.input` and `req.body_file` are. */
export interface PyFileLike {
  read(size?: number | null): Buffer;
  seek?(pos: number): number;
  tell?(): number;
}

/** `io.BytesIO(data)`. */
export class BytesIO implements PyFileLike {
  private pos = 0;
  constructor(private data: Buffer = Buffer.alloc(0)) {}
  read(size: number | null = -1): Buffer {
    const end = size === null || size < 0 ? this.data.length : Math.min(this.data.length, this.pos + size);
    const out = this.data.subarray(this.pos, end);
    this.pos = Math.max(this.pos, end);
    return out;
  }
  seek(pos: number): number {
    this.pos = pos;
    return pos;
  }
  /** `readline(size=-1)`: up to and including the next b'\n', at most `size` bytes. */
  readline(size = -1): Buffer {
    const nl = this.data.indexOf(0x0a, this.pos);
    let end = nl < 0 ? this.data.length : nl + 1;
    if (size >= 0) end = Math.min(end, this.pos + size);
    const out = this.data.subarray(this.pos, end);
    this.pos = Math.max(this.pos, end);
    return out;
  }
  tell(): number {
    return this.pos;
  }
  write(chunk: Buffer): number {
    const before = this.data.subarray(0, this.pos);
    const after = this.data.subarray(this.pos + chunk.length);
    this.data = Buffer.concat([before, chunk, after]);
    this.pos += chunk.length;
    return chunk.length;
  }
  getvalue(): Buffer {
    return this.data;
  }
}

/** A body read as it arrives: `read(n)` returns at most n bytes, b'' at the end. Not seekable. */
export class StreamInput implements PyFileLike {
  private readonly iter: Iterator<Buffer>;
  private pending: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(body: StreamedBody) {
    this.iter = body.chunks()[Symbol.iterator]();
  }
  read(size: number | null = -1): Buffer {
    const all = size === null || size < 0;
    while (!this.done && (all || this.pending.length < (size as number))) {
      const next = this.iter.next();
      if (next.done) this.done = true;
      else this.pending = Buffer.concat([this.pending, next.value]);
    }
    const n = all ? this.pending.length : Math.min(size as number, this.pending.length);
    const out = this.pending.subarray(0, n);
    this.pending = this.pending.subarray(n);
    return out;
  }
}

/** webob's LimitedLengthFile (behind a BufferedReader): reads at most `maxlen` bytes; a source that ends early is a DisconnectionError. */
export class LimitedLengthFile implements PyFileLike {
  remaining: number;
  constructor(
    readonly file: PyFileLike,
    readonly maxlen: number,
  ) {
    this.remaining = maxlen;
  }
  read(size: number | null = -1): Buffer {
    const want = size === null || size < 0 ? this.remaining : Math.min(size, this.remaining);
    if (want === 0) return Buffer.alloc(0);
    const data = this.file.read(want);
    this.remaining -= data.length;
    if (data.length < want && this.remaining > 0) {
      throw new DisconnectionError(`The client disconnected while sending the body (${this.remaining} more bytes were expected)`);
    }
    return data;
  }
}

/** webob.request.DisconnectionError (an IOError): the client sent less than its Content-Length. */
export class DisconnectionError extends PyException {}
