/**
 * How the HTTP thread and a model thread talk. The models answer a request
 * synchronously (`HttpSession.handle`), reading the request body as they
 * go; the HTTP thread receives that body from the socket asynchronously.
 * So while a model reads an upload it blocks on a shared counter
 * (Atomics.wait) and takes each chunk from a message port synchronously
 * (receiveMessageOnPort): the image is written to the store as it arrives,
 * as Glance writes it while eventlet reads the socket. Downloads go the
 * other way, the model thread waiting while too many bytes are unsent.
 *
 * Three ways between the two threads:
 * - the worker's own port (asynchronous both ways): requests to the model
 *   thread; response heads, body chunks and "bytes taken" back;
 * - the body port (HTTP thread to model thread, read synchronously): the
 *   chunks of a streamed request body;
 * - the shared signal slots below.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ScenarioConfig } from '../shared/settings.js';
import type { DataPaths } from './data-dir.js';

/** One request as the model thread receives it. */
export interface RequestMessage {
  readonly t: 'request';
  readonly rid: number;
  readonly method: string;
  readonly target: string;
  readonly headers: Array<[string, string]>;
  /** The Content-Length sent, null for a chunked body. */
  readonly length: number | null;
  /** The whole body when the HTTP thread already has it; null: it follows on the body port. */
  readonly body: Uint8Array | null;
}

/** A piece of a streamed request body, its end, or the client gone mid-body. */
export type BodyMessage =
  | { readonly rid: number; readonly data: Uint8Array }
  | { readonly rid: number; readonly end: true }
  | { readonly rid: number; readonly lost: true };

/** What the model thread tells the HTTP thread. */
export type WorkerEvent =
  | { readonly t: 'ready' }
  /** The model could not be loaded or its world opened. */
  | { readonly t: 'failed'; readonly message: string }
  | { readonly t: 'head'; readonly rid: number; readonly status: number; readonly reason: string; readonly headers: Array<[string, string]>; readonly body: Uint8Array | null }
  | { readonly t: 'chunk'; readonly rid: number; readonly data: Uint8Array }
  /** The response body is complete (or abandoned for a client that went away): the thread is free. */
  | { readonly t: 'end'; readonly rid: number }
  /** The response body failed midway: the connection must be cut, as a WSGI server cuts it. */
  | { readonly t: 'broken'; readonly rid: number }
  /** Request body bytes the model has read, so the HTTP thread may read more from the socket. */
  | { readonly t: 'taken'; readonly rid: number; readonly bytes: number };

/** What a model thread is started with. */
export interface WorkerInit {
  readonly model: string;
  readonly paths: DataPaths;
  readonly config: ScenarioConfig;
  readonly signals: SharedArrayBuffer;
  readonly bodyPort: MessagePort;
}

/** Bytes of a response the HTTP thread may hold unsent before the model thread waits. */
export const MAX_UNSENT = 1 << 20;
/** Bytes of a request body passed on but not yet read before the HTTP thread stops reading the socket. */
export const MAX_UNREAD = 1 << 20;

const SLOT_BODY_SEQ = 0;
const SLOT_UNSENT = 1;
const SLOT_LOST = 2;
const SLOTS = 3;

/** How long a wait lasts before the waiter looks again (it is woken sooner by every change). */
const WAIT_MS = 500;

/** The shared slots, seen from either thread. */
export class Signals {
  private readonly slots: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(SLOTS * 4)) {
    this.slots = new Int32Array(buffer);
  }

  /** HTTP thread: a body message was posted. */
  bodyPosted(): void {
    Atomics.add(this.slots, SLOT_BODY_SEQ, 1);
    Atomics.notify(this.slots, SLOT_BODY_SEQ);
  }

  /** Model thread: the body counter now, to wait on if the port is empty. */
  bodySeq(): number {
    return Atomics.load(this.slots, SLOT_BODY_SEQ);
  }

  /** Model thread: blocks until a body message may have arrived since `seq`. */
  waitForBody(seq: number): void {
    Atomics.wait(this.slots, SLOT_BODY_SEQ, seq, WAIT_MS);
  }

  /** Model thread: a new response starts with nothing unsent. */
  resetUnsent(): void {
    Atomics.store(this.slots, SLOT_UNSENT, 0);
  }

  /** Model thread: blocks while too much of the response is unsent, unless its client went away. */
  waitForRoom(rid: number): void {
    for (;;) {
      const unsent = Atomics.load(this.slots, SLOT_UNSENT);
      if (unsent < MAX_UNSENT || this.isLost(rid)) return;
      Atomics.wait(this.slots, SLOT_UNSENT, unsent, WAIT_MS);
    }
  }

  /** Model thread: `bytes` more are on their way to the client. */
  addUnsent(bytes: number): void {
    Atomics.add(this.slots, SLOT_UNSENT, bytes);
  }

  /** HTTP thread: `bytes` were handed to the socket. */
  sent(bytes: number): void {
    Atomics.sub(this.slots, SLOT_UNSENT, bytes);
    Atomics.notify(this.slots, SLOT_UNSENT);
  }

  /** HTTP thread: the client of request `rid` went away. */
  markLost(rid: number): void {
    Atomics.store(this.slots, SLOT_LOST, rid);
    Atomics.notify(this.slots, SLOT_UNSENT);
    this.bodyPosted();
  }

  isLost(rid: number): boolean {
    return Atomics.load(this.slots, SLOT_LOST) === rid;
  }
}

/**
 * The bytes of a buffer as a message should carry them. Posting a view
 * copies its whole ArrayBuffer, and Node cuts small buffers out of shared
 * 8 KiB pools (socket reads out of 64 KiB ones): a view into a larger
 * ArrayBuffer is copied down to its own bytes first.
 */
export function exactBytes(data: Uint8Array): Uint8Array {
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) return data;
  return new Uint8Array(data);
}
