/**
 * Operations per second of each use case on both models: one seeded world
 * per model, a warm-up batch, then rounds in which both models run the same
 * batch in lockstep (operation by operation, taking turns); the median
 * round counts.
 */
import type { Model } from '../src/shared/world.js';
import { openBenchSession, openBenchWorld, type BenchWorld } from './harness.js';
import { recordingDb, type LoggedQuery } from './query-log.js';
import { seedState, type SeededImage } from './seed-state.js';
import { lockstep, medianOf, rate, type Rate } from './timing.js';
import type { Operation, UseCase } from './use-cases.js';

export interface UseCaseOptions {
  /** Operations of a weight-1 use case per round. */
  readonly budget: number;
  readonly rounds: number;
  /** Images per project in the seeded state. */
  readonly perProject: number;
}

export interface Throughput {
  readonly name: string;
  /** Median ops per wall-clock second and per CPU second, per model name. */
  readonly opsPerSecond: Record<string, Rate>;
  /** Steps that did not answer 2xx during the timed batches (must be 0). */
  readonly failedSteps: number;
  /** Every step of every model answered the same status. */
  readonly sameStatuses: boolean;
  /** SQL statements one operation runs, per model name (counted after timing). */
  readonly statementsPerOp: Record<string, number>;
}

interface Lane {
  readonly bw: BenchWorld;
  readonly seeded: SeededImage[];
  readonly samples: Rate[];
}

export function measureUseCase(useCase: UseCase, models: readonly Model[], options: UseCaseOptions): Throughput {
  const lanes = models.map((model): Lane => {
    const bw = openBenchWorld(model);
    return { bw, seeded: seedState(bw, options.perProject), samples: [] };
  });
  try {
    const size = Math.max(1, Math.round(options.budget * useCase.weight));
    let failedSteps = 0;
    for (let round = 0; round <= options.rounds; round++) {
      const n = round === 0 ? Math.ceil(size / 2) : size;
      const batches = lanes.map((lane) => useCase.prepare({ bw: lane.bw, seeded: lane.seeded, round, size: n }));
      const before = lanes.map((lane) => lane.bw.statuses.length);
      const took = lockstep(lanes.length, n, (k, i) => runOperation((lanes[k] as Lane).bw, batches[k]?.[i] ?? []));
      lanes.forEach((lane, k) => {
        failedSteps += lane.bw.statuses.slice(before[k]).filter((s) => s >= 300).length;
        if (round > 0) lane.samples.push(rate(batches[k]?.length ?? 0, took[k] ?? { wall: 0, cpu: 0 }));
      });
    }
    return {
      name: useCase.name,
      opsPerSecond: Object.fromEntries(lanes.map((l) => [l.bw.model.name, medianOf(l.samples)])),
      failedSteps,
      sameStatuses: sameStatuses(lanes.map((l) => l.bw.statuses)),
      statementsPerOp: Object.fromEntries(lanes.map((l) => [l.bw.model.name, countStatements(useCase, l, options.rounds + 1)])),
    };
  } finally {
    for (const lane of lanes) lane.bw.close();
  }
}

/** One more operation, on a session whose database logs every statement. */
function countStatements(useCase: UseCase, lane: Lane, round: number): number {
  const [op] = useCase.prepare({ bw: lane.bw, seeded: lane.seeded, round, size: 1 });
  const log: LoggedQuery[] = [];
  const session = openBenchSession(lane.bw.model, { ...lane.bw.world, db: recordingDb(lane.bw.world.db, log) });
  for (const step of op ?? []) session.step(step.as, step.op, step.args);
  return log.length;
}

function runOperation(bw: BenchWorld, op: Operation): void {
  for (const step of op) bw.step(step);
}

export function sameStatuses(runs: ReadonlyArray<readonly number[]>): boolean {
  const [first, ...rest] = runs;
  return first !== undefined && rest.every((r) => r.length === first.length && r.every((s, i) => s === first[i]));
}
