/**
 * Throughput of the mixed workload: per round, each model gets a fresh
 * world, runs the setup untimed, then the timed requests; the models take
 * turns going first and the median round counts.
 */
import type { Model } from '../src/shared/world.js';
import { openBenchWorld } from './harness.js';
import type { MixedScript } from './mixed-workload.js';
import { sameStatuses } from './per-use-case.js';
import { median, opsPerSecond, roundOrder, timeMs } from './timing.js';

export interface MixedResult {
  readonly steps: number;
  readonly opsPerSecond: Record<string, number>;
  /** How the timed requests answered, by status (same for both models when sameStatuses). */
  readonly statusCounts: Record<string, number>;
  readonly sameStatuses: boolean;
}

/** Runs the whole script once on a fresh world; returns the statuses of the timed part and its milliseconds. */
export function runMixedOnce(model: Model, script: MixedScript): { statuses: number[]; ms: number } {
  const bw = openBenchWorld(model);
  try {
    for (const s of script.setup) bw.step(s);
    const from = bw.statuses.length;
    const ms = timeMs(() => {
      for (const s of script.ops) bw.step(s);
    });
    return { statuses: bw.statuses.slice(from), ms };
  } finally {
    bw.close();
  }
}

export function measureMixed(models: readonly Model[], script: MixedScript, rounds: number): MixedResult {
  const samples = new Map<string, number[]>(models.map((m) => [m.name, []]));
  const statuses = new Map<string, number[]>();
  for (let round = 0; round <= rounds; round++) {
    for (const model of roundOrder(models, round)) {
      const run = runMixedOnce(model, script);
      statuses.set(model.name, run.statuses);
      if (round > 0) samples.get(model.name)?.push(opsPerSecond(script.ops.length, run.ms));
    }
  }
  const first = [...statuses.values()][0] ?? [];
  const statusCounts: Record<string, number> = {};
  for (const s of first) statusCounts[s] = (statusCounts[s] ?? 0) + 1;
  return {
    steps: script.ops.length,
    opsPerSecond: Object.fromEntries([...samples].map(([name, s]) => [name, median(s)])),
    statusCounts,
    sameStatuses: sameStatuses([...statuses.values()]),
  };
}
