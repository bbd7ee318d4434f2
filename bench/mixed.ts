/**
 * Throughput of the mixed workload: per round, each model gets a fresh
 * world and runs the setup untimed; then both run the timed requests in
 * lockstep, taking turns request by request. The median round counts.
 */
import type { Model } from '../src/shared/world.js';
import { openBenchWorld } from './harness.js';
import type { MixedScript } from './mixed-workload.js';
import { sameStatuses } from './per-use-case.js';
import { lockstep, medianOf, rate, type Rate, type Spent } from './timing.js';

export interface MixedResult {
  readonly steps: number;
  /** Median requests per wall-clock second and per CPU second, per model name. */
  readonly opsPerSecond: Record<string, Rate>;
  /** How the timed requests answered, by status (same for both models when sameStatuses). */
  readonly statusCounts: Record<string, number>;
  readonly sameStatuses: boolean;
}

/**
 * One round: a fresh world per model, the setup untimed, then the timed
 * requests in lockstep. Returns each model's statuses and milliseconds.
 */
export function runMixedRound(models: readonly Model[], script: MixedScript): Array<{ statuses: number[]; took: Spent }> {
  const worlds = models.map((m) => openBenchWorld(m));
  try {
    for (const bw of worlds) for (const s of script.setup) bw.step(s);
    const from = worlds.map((bw) => bw.statuses.length);
    const took = lockstep(worlds.length, script.ops.length, (k, i) => {
      const step = script.ops[i];
      if (step) worlds[k]?.step(step);
    });
    return worlds.map((bw, k) => ({ statuses: bw.statuses.slice(from[k]), took: took[k] ?? { wall: 0, cpu: 0 } }));
  } finally {
    for (const bw of worlds) bw.close();
  }
}

export function measureMixed(models: readonly Model[], script: MixedScript, rounds: number): MixedResult {
  const samples = new Map<string, Rate[]>(models.map((m) => [m.name, []]));
  const statuses = new Map<string, number[]>();
  for (let round = 0; round <= rounds; round++) {
    runMixedRound(models, script).forEach((run, k) => {
      const name = (models[k] as Model).name;
      statuses.set(name, run.statuses);
      if (round > 0) samples.get(name)?.push(rate(script.ops.length, run.took));
    });
  }
  const first = [...statuses.values()][0] ?? [];
  const statusCounts: Record<string, number> = {};
  for (const s of first) statusCounts[s] = (statusCounts[s] ?? 0) + 1;
  return {
    steps: script.ops.length,
    opsPerSecond: Object.fromEntries([...samples].map(([name, s]) => [name, medianOf(s)])),
    statusCounts,
    sameStatuses: sameStatuses([...statuses.values()]),
  };
}
