/**
 * `npm run equivalence` on several worker threads: the workers' slices
 * together are exactly the run (or the --shard slice) one process checks,
 * and a worker stops checking past an earlier failure another found.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { workerSlice } from '../../scripts/lib/equivalence-workers.js';
import { runHttpEquivalence } from '../../src/characterization/http/harness.js';
import { loadModel } from '../../src/shared/models.js';
import type { Model } from '../../src/shared/world.js';

let legacy: Model;
beforeAll(async () => {
  legacy = await loadModel('legacy');
});

/** The draws (0-based) a harness slice checks among the first `runs`. */
function draws(slice: { index: number; count: number }, runs: number): number[] {
  return Array.from({ length: runs }, (_, k) => k).filter((k) => k % slice.count === slice.index);
}

describe('worker slices', () => {
  it.each([
    [{ index: 0, count: 1 }, 2],
    [{ index: 0, count: 1 }, 3],
    [{ index: 2, count: 5 }, 2],
    [{ index: 0, count: 3 }, 4],
  ])('of slice %o split over %i workers are that slice, each draw once', (slice, workers) => {
    const runs = 97;
    const parts = Array.from({ length: workers }, (_, j) => draws(workerSlice(slice, workers, j), runs));
    const union = parts.flat().sort((a, b) => a - b);
    expect(union).toEqual(draws(slice, runs));
    expect(new Set(union).size).toBe(union.length);
  });
});

describe('a worker told of an earlier failure', () => {
  it('checks no draw past it, and every draw up to it', () => {
    const checked: number[] = [];
    const outcome = runHttpEquivalence(legacy, legacy, { numRuns: 12, seed: 5, lastRun: () => 6, onResult: (_s, _r, run) => checked.push(run) });
    expect(outcome.failed).toBe(false);
    expect(Math.max(...checked)).toBeLessThanOrEqual(6);
    // Draws the generator could not resolve are discarded, not checked: the rest up to 6 are.
    expect(checked.length + outcome.discarded).toBe(7);
  });
});
