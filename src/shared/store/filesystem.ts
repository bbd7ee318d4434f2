/**
 * glance_store's filesystem driver (glance_store/_drivers/filesystem.py) on
 * one real directory: `file://<datadir>/<image id>` locations, md5 while
 * writing, no overwrite of an existing file, partial files removed when a
 * write fails. Configured as the oracle configures it: one datadir, no
 * metadata file, no file permissions, no thin provisioning.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { ValueError } from '../../lib/python.js';
import type { AddOptions, ImageChunks, ImageRead, StoreLocation, StoredImage } from './api.js';
import { BitMasks, CapableDriver, invalidSchemasReason, startsWithOneOf } from './driver.js';
import { BadStoreUri, Duplicate, Forbidden, NotFound, StorageFull, StorageWriteDenied } from './exceptions.js';
import { osErrorFrom, pyStrip, toChunk } from './os.js';
import { urlparse } from './urlparse.js';

/**
 * How many times any filesystem store of this process made a directory or
 * wrote or removed a file: a snapshot of the store's files needs reading
 * again only when this moved.
 */
let storeMutations = 0;

export function filesystemStoreMutations(): number {
  return storeMutations;
}

const FILE_SCHEMAS = ['file://', 'filesystem://'] as const;

/** `filesystem_store_chunk_size` default: the read and write chunk size. */
export const FILESYSTEM_CHUNK_SIZE = 64 * 1024;

/**
 * A `file://` location.
 * @see glance_store/_drivers/filesystem.py StoreLocation
 */
export class FileLocation implements StoreLocation {
  constructor(
    readonly storeName: string,
    readonly path: string,
  ) {}
  getUri(): string {
    return `file://${this.path}`;
  }
}

/**
 * The filesystem store on one datadir.
 * @see glance_store/_drivers/filesystem.py Store
 */
export class FilesystemStore extends CapableDriver {
  readonly name = 'file';
  protected readonly capabilities = BitMasks.READ_RANDOM | BitMasks.WRITE_ACCESS | BitMasks.DRIVER_REUSABLE;

  /** `datadir` is used verbatim in locations, as `filesystem_store_datadir` is. */
  private datadirMade = false;

  constructor(readonly datadir: string) {
    super();
  }

  /**
   * configure_add creates a missing datadir when the store is configured;
   * here it is made before the first write instead, which nobody can tell
   * apart, so a world that stores nothing costs no directory.
   */
  private ensureDatadir(): void {
    if (this.datadirMade) return;
    storeMutations++;
    mkdirSync(this.datadir, { recursive: true });
    this.datadirMade = true;
  }

  getSchemes(): readonly string[] {
    return ['file', 'filesystem'];
  }

  /** @see glance_store/_drivers/filesystem.py StoreLocation.parse_uri */
  parseUri(uri: string, scheme: string): FileLocation {
    const pieces = urlparse(uri);
    if (!startsWithOneOf(uri, FILE_SCHEMAS)) throw new BadStoreUri(invalidSchemasReason(FILE_SCHEMAS));
    const path = pyStrip(pieces.netloc + pieces.path);
    if (path === '') throw new BadStoreUri('No path specified in URI');
    return new FileLocation(scheme, path);
  }

  /** The path a new image's file gets: `os.path.join(datadir, str(image_id))`. */
  pathFor(imageId: string): string {
    if (imageId.startsWith('/')) return imageId;
    if (this.datadir === '' || this.datadir.endsWith('/')) return this.datadir + imageId;
    return `${this.datadir}/${imageId}`;
  }

  getSize(location: StoreLocation): number {
    return resolve(location).size;
  }

  /**
   * Opens the file now and reads it as it is iterated, 64 KiB at a time, as
   * Python's ChunkedFile does: a download of any size holds one chunk.
   */
  protected doGet(location: StoreLocation, offset: number, chunkSize: number | null): ImageRead {
    const { path, size } = resolve(location);
    const data = new ChunkedFile(path, offset, chunkSize);
    return { data, size: chunkSize || size };
  }

  protected doAdd(imageId: string, data: ImageChunks, _size: number, options: AddOptions): StoredImage {
    const filepath = this.pathFor(String(imageId));
    if (existsSync(filepath)) throw new Duplicate(null, { image: filepath });
    this.ensureDatadir();
    const md5 = createHash('md5');
    let written = 0;
    try {
      writeFile(filepath, data, (buf) => {
        written += buf.length;
        md5.update(buf);
        options.verifier?.update(buf);
      });
    } catch (e) {
      throw translateWriteError(e, filepath);
    }
    return { location: `file://${filepath}`, size: written, checksum: md5.digest('hex'), metadata: {} };
  }

  protected doDelete(location: StoreLocation): void {
    const fn = (location as FileLocation).path;
    if (!existsSync(fn)) throw new NotFound(null, { image: fn });
    storeMutations++;
    try {
      unlinkSync(fn);
    } catch {
      throw new Forbidden(`You cannot delete file ${fn}`);
    }
  }
}

/** `_resolve_location`: the path and its size, or NotFound. */
function resolve(location: StoreLocation): { path: string; size: number } {
  const path = (location as FileLocation).path;
  if (!existsSync(path)) throw new NotFound(null, { image: path });
  return { path, size: statSync(path).size };
}

/**
 * Descriptors of files whose reader was dropped before it was read to the
 * end (a client that went away mid-download): closed when the reader is
 * collected, as CPython closes a file object nobody holds.
 */
const unread = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

/**
 * ChunkedFile: from `offset`, `chunkSize` bytes (all when null), in 64 KiB
 * chunks read as they are asked for. The file is opened when the reader is
 * made (an unreadable file fails the get, not the iteration) and closed
 * when the last chunk has been read or the iteration stops early.
 * @see glance_store/_drivers/filesystem.py ChunkedFile
 */
class ChunkedFile implements Iterable<Buffer> {
  private fd: number | null;

  constructor(
    private readonly path: string,
    private readonly offset: number,
    private readonly chunkSize: number | null,
  ) {
    if (offset < 0) throw new ValueError(`negative seek position ${offset}`);
    try {
      this.fd = openSync(path, 'r');
    } catch (e) {
      throw osErrorFrom(e, path);
    }
    unread.register(this, this.fd, this);
  }

  *[Symbol.iterator](): Generator<Buffer> {
    try {
      let position = this.offset;
      let remaining = this.chunkSize === null ? Infinity : this.chunkSize;
      while (remaining > 0 && this.fd !== null) {
        const want = Math.min(FILESYSTEM_CHUNK_SIZE, remaining);
        const buf = Buffer.alloc(want);
        const n = this.read(buf, want, position);
        if (n === 0) break;
        position += n;
        remaining -= n;
        yield buf.subarray(0, n);
      }
    } finally {
      this.close();
    }
  }

  private read(buf: Buffer, want: number, position: number): number {
    try {
      return readSync(this.fd as number, buf, 0, want, position);
    } catch (e) {
      throw osErrorFrom(e, this.path);
    }
  }

  private close(): void {
    if (this.fd === null) return;
    unread.unregister(this);
    closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * Writes every chunk, closing the file before any error propagates. An
 * error from the data itself (e.g. the size cap reader) reaches the caller
 * unchanged; `translateWriteError` sorts them out.
 */
function writeFile(filepath: string, data: ImageChunks, onChunk: (buf: Buffer) => void): void {
  const fd = openForWrite(filepath);
  try {
    for (const chunk of data) {
      const buf = toChunk(chunk);
      onChunk(buf);
      storeMutations++;
      writeSync(fd, buf);
    }
  } finally {
    closeSync(fd);
  }
}

class WriteIOError extends Error {
  constructor(readonly cause: unknown) {
    super('io');
  }
}

function openForWrite(filepath: string): number {
  storeMutations++;
  try {
    return openSync(filepath, 'w');
  } catch (e) {
    throw new WriteIOError(e);
  }
}

/**
 * Filesystem.add's except clauses: IOErrors map ENOSPC/EFBIG to StorageFull
 * and EACCES to StorageWriteDenied (keeping the partial file only for
 * EACCES); anything else removes the partial file and propagates.
 */
function translateWriteError(e: unknown, filepath: string): unknown {
  const io = e instanceof WriteIOError ? e.cause : isNodeFsError(e) ? e : null;
  if (io === null) {
    deletePartial(filepath);
    return e;
  }
  const code = (io as NodeJS.ErrnoException).code ?? '';
  if (code !== 'EACCES') deletePartial(filepath);
  if (code === 'EFBIG' || code === 'ENOSPC') return new StorageFull();
  if (code === 'EACCES') return new StorageWriteDenied();
  return osErrorFrom(io, filepath);
}

function isNodeFsError(e: unknown): boolean {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && 'syscall' in e;
}

function deletePartial(filepath: string): void {
  storeMutations++;
  try {
    unlinkSync(filepath);
  } catch {
    // _delete_partial only logs.
  }
}
