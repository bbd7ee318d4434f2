/**
 * How much work each section does: the full run (about five minutes on two
 * cores) and --quick, a smoke run of the same code on small sizes.
 */
import type { HttpReplayOptions } from './http-replay.js';
import type { MixedOptions } from './mixed-workload.js';
import type { UseCaseOptions } from './per-use-case.js';

export interface BenchProfile {
  readonly name: 'full' | 'quick';
  readonly useCases: UseCaseOptions;
  readonly mixed: MixedOptions;
  readonly mixedRounds: number;
  readonly indexSizes: readonly number[];
  readonly indexReps: number;
  /** Child processes per model for memory; 0 measures in this process. */
  readonly memoryRuns: number;
  /** Format 2: generated HTTP scenarios replayed by each model and by Glance. */
  readonly httpReplay: HttpReplayOptions;
}

export const FULL: BenchProfile = {
  name: 'full',
  useCases: { budget: 100, rounds: 5, perProject: 20 },
  mixed: { images: 36, projects: 6, ops: 600 },
  mixedRounds: 5,
  indexSizes: [1_000, 10_000, 100_000],
  indexReps: 15,
  memoryRuns: 3,
  httpReplay: { scenarios: 200, rounds: 3 },
};

export const QUICK: BenchProfile = {
  name: 'quick',
  useCases: { budget: 6, rounds: 1, perProject: 2 },
  mixed: { images: 12, projects: 4, ops: 80 },
  mixedRounds: 1,
  indexSizes: [200, 1_000],
  indexReps: 3,
  memoryRuns: 0,
  httpReplay: { scenarios: 20, rounds: 1 },
};
