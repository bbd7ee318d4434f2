/**
 * `npm run equivalence -- --shard i/n`: a shard is a slice of the very run
 * its seed gives unsharded, so the shards together are that run, and no
 * shard of one seed can meet a shard of another.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeShard, harnessShard, inShard, parseShard, shardScenarios, type Shard } from '../../scripts/lib/batch.js';
import { runHttpEquivalence } from '../../src/characterization/http/harness.js';
import { httpScenarioText } from '../../src/characterization/http/scenario.js';
import { loadModel } from '../../src/shared/models.js';
import type { Model } from '../../src/shared/world.js';

let legacy: Model;
beforeAll(async () => {
  legacy = await loadModel('legacy');
});

/**
 * The scenarios a soak (scripts/equivalence.ts: the HTTP harness with the
 * shard option) checks, in order, as file texts. Which ones, not whether
 * the models agree, is the question: the legacy model stands on both sides.
 */
function checked(runs: number, seed: number, shard: Shard | null): string[] {
  const seen: string[] = [];
  const outcome = runHttpEquivalence(legacy, legacy, { numRuns: runs, seed, ...harnessShard(shard), onResult: (s) => seen.push(httpScenarioText(s)) });
  expect(outcome.failed, outcome.report).toBe(false);
  return seen;
}

/** Whether `part` appears in `whole` in the same order (not necessarily side by side). */
function inOrder(part: readonly string[], whole: readonly string[]): boolean {
  let at = 0;
  for (const x of part) {
    at = whole.indexOf(x, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

describe('shards are slices of the unsharded run', () => {
  it('the union of all shards is the unsharded run with the same seed, each shard in the run\'s order', () => {
    const [runs, seed, n] = [7, 4242, 3];
    const whole = checked(runs, seed, null);
    const shards = [1, 2, 3].map((index) => checked(runs, seed, { index, count: n }));
    expect(shards.flat().sort()).toEqual([...whole].sort());
    for (const shard of shards) expect(inOrder(shard, whole)).toBe(true);
    expect(new Set(shards[0]).size + new Set(shards[1]).size + new Set(shards[2]).size).toBe(new Set(whole).size);
  });

  it('every shard of a seed runs with that seed, so shards of two seeds never coincide by construction', () => {
    for (let index = 1; index <= 8; index++) expect(harnessShard({ index, count: 8 }).shard).toEqual({ index: index - 1, count: 8 });
    // The old derivation gave shard 2/8 of seed 42 the seed of shard 1/8 of seed 1000045.
    const [a, b] = [checked(2, 42, { index: 2, count: 2 }), checked(1, 42 + 1_000_003, { index: 1, count: 1 })];
    expect(a[0]).toBeDefined();
    expect(a[0]).not.toEqual(b[0]);
    expect(harnessShard(null)).toEqual({});
  });

  it('shard i/n checks runs i, i+n, i+2n, ... (1-based), disjoint and together covering 1..runs', () => {
    const runs = 20;
    const slices = [1, 2, 3, 4, 5, 6].map((index) => shardScenarios({ index, count: 6 }, runs));
    expect(slices[2]).toEqual([3, 9, 15]);
    expect(slices.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: runs }, (_, k) => k + 1));
    expect(inShard({ index: 3, count: 6 }, 2)).toBe(true);
    expect(inShard({ index: 3, count: 6 }, 3)).toBe(false);
    expect(shardScenarios({ index: 7, count: 8 }, 5)).toEqual([]);
  });

  it('says which slice ran', () => {
    expect(describeShard({ index: 3, count: 8 }, 5000, 42)).toBe('shard 3/8 of seed 42: scenarios 3, 11, 19, ..., 4995 of 1..5000 (625 scenarios, one in 8 from 3)');
    expect(describeShard({ index: 2, count: 3 }, 7, 1)).toBe('shard 2/3 of seed 1: scenarios 2, 5 of 1..7 (2 scenarios, one in 3 from 2)');
  });

  it('reads i/n with 1 <= i <= n and nothing else', () => {
    expect(parseShard('3/8')).toEqual({ index: 3, count: 8 });
    for (const bad of ['0/8', '9/8', '1/0', '3', 'a/b', '1/2/3', '-1/2']) expect(parseShard(bad)).toBeNull();
  });
});
