/**
 * Image data passes through `peel serve` as 64 KiB buffers, each with its
 * own ArrayBuffer outside the JavaScript heap. V8 frees a dead one only at
 * a garbage collection, and it lets about 64 MB of such external memory
 * pile up in each thread before it collects on its own: a 1 GiB transfer
 * would hold well over 100 MB of dead chunks across the threads it crosses.
 * So each thread runs a young-generation collection (a scavenge, about a
 * millisecond on these small heaps) after every few megabytes of image
 * data it has passed on.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Bytes of image data a thread passes on between two collections. */
const COLLECT_EVERY = 4 << 20;
/**
 * Every so many young collections, a full one: a chunk still waiting for
 * the socket when a scavenge runs survives it and, after two, is promoted
 * to the old generation, where only a full collection frees it.
 */
const FULL_EVERY = 4;

type Gc = (options: { type: 'minor' | 'major' }) => void;

let gcFunction: Gc | null | undefined;

/** V8's gc(), made reachable once per thread (the flag is process-wide, the function is per context). */
function gc(): Gc | null {
  if (gcFunction === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gcFunction = runInNewContext('gc') as Gc;
    } catch {
      gcFunction = null;
    }
  }
  return gcFunction;
}

export class ChunkCollector {
  private since = 0;
  private young = 0;

  /** Counts bytes passed on; collects when enough have passed since the last time. */
  passed(bytes: number): void {
    this.since += bytes;
    if (this.since < COLLECT_EVERY) return;
    this.since = 0;
    this.young = (this.young + 1) % FULL_EVERY;
    gc()?.({ type: this.young === 0 ? 'major' : 'minor' });
  }
}
