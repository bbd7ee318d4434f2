/**
 * Memory of the mixed workload per model: the peak of RSS and of the V8
 * heap above what the process held before the run (after a full GC),
 * sampled every few steps. RSS is process-wide and rarely shrinks, so the
 * bench measures each model in a process of its own (memory-child.ts);
 * the in-process function is what that child calls.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Model } from '../src/shared/world.js';
import { openBenchWorld } from './harness.js';
import type { MixedOptions, MixedScript } from './mixed-workload.js';

export interface MemoryPeak {
  /** Peak RSS above the start, in bytes. */
  readonly rssDelta: number;
  /** Peak heapUsed above the start, in bytes. */
  readonly heapDelta: number;
}

const SAMPLE_EVERY = 10;

/** A full collection, where the runtime lets us ask for one. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('typeof gc === "function" ? gc : undefined') as (() => void) | undefined;
  gc?.();
}

export function measureMemory(model: Model, script: MixedScript): MemoryPeak {
  collectGarbage();
  const start = process.memoryUsage();
  let rss = start.rss;
  let heap = start.heapUsed;
  const sample = (): void => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  };
  const bw = openBenchWorld(model);
  try {
    [...script.setup, ...script.ops].forEach((s, k) => {
      bw.step(s);
      if (k % SAMPLE_EVERY === 0) sample();
    });
    sample();
  } finally {
    bw.close();
  }
  return { rssDelta: rss - start.rss, heapDelta: heap - start.heapUsed };
}

/**
 * Runs measureMemory for one model in a fresh Node process (same loader
 * flags as this one, so TypeScript still loads). Undefined if the child
 * could not run; the caller then measures in-process.
 */
export function measureMemoryIsolated(modelName: string, options: MixedOptions): MemoryPeak | undefined {
  const child = fileURLToPath(new URL('./memory-child.ts', import.meta.url));
  const out = spawnSync(process.execPath, [...process.execArgv, child, modelName, JSON.stringify(options)], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (out.status !== 0) return undefined;
  try {
    return JSON.parse(out.stdout.trim().split('\n').pop() ?? '') as MemoryPeak;
  } catch {
    return undefined;
  }
}
