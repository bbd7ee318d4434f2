/**
 * The fixed-seed batch of generated scenarios that coverage, mutation and
 * review measure with. Sampling (not fc.check) is used so that every run
 * of a measurement sees the same scenarios, whether the models agree or not.
 */
import fc from 'fast-check';
import type { Scenario } from '../../src/shared/scenario.js';
import { scenarioArb } from '../../src/characterization/format1/scenario.js';

export const DEFAULT_SEED = 20180228;

export function sampleScenarios(count: number, seed = DEFAULT_SEED, arb: fc.Arbitrary<Scenario> = scenarioArb): Scenario[] {
  if (count <= 0) return [];
  return fc.sample(arb, { numRuns: count, seed });
}

/**
 * One of n slices of a generated run: shard i/n checks the runs i, i+n,
 * i+2n, ... (1-based) of the run its seed gives unsharded, so the n shards
 * together are exactly that run, and every shard of a seed uses the seed
 * itself (no derived seeds that another --seed could meet).
 */
export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** `i/n` with 1 <= i <= n, or null when the text is not one. */
export function parseShard(text: string): Shard | null {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) return null;
  const [index, count] = [Number(m[1]), Number(m[2])];
  return count >= 1 && index >= 1 && index <= count ? { index, count } : null;
}

/** Whether a run (0-based, as fast-check numbers runs and paths) is in the shard. */
export function inShard(shard: Shard, runIndex: number): boolean {
  return runIndex % shard.count === shard.index - 1;
}

/** The 1-based numbers, within `runs`, of the scenarios a shard checks. */
export function shardScenarios(shard: Shard, runs: number): number[] {
  const out: number[] = [];
  for (let k = shard.index; k <= runs; k += shard.count) out.push(k);
  return out;
}

/** Which slice ran, in words: `shard 3/8 of seed 42: scenarios 3, 11, 19, ..., 4995 of 1..5000 (625 scenarios)`. */
export function describeShard(shard: Shard, runs: number, seed: number): string {
  const mine = shardScenarios(shard, runs);
  const shown = mine.length <= 4 ? mine.join(', ') : `${mine.slice(0, 3).join(', ')}, ..., ${mine[mine.length - 1]}`;
  return `shard ${shard.index}/${shard.count} of seed ${seed}: scenarios ${shown || 'none'} of 1..${runs} (${mine.length} scenarios, one in ${shard.count} from ${shard.index})`;
}

/** The harness's form of a shard (it counts from 0), or none for the whole run. */
export function harnessShard(shard: Shard | null): { shard?: { index: number; count: number } } {
  return shard === null ? {} : { shard: { index: shard.index - 1, count: shard.count } };
}
