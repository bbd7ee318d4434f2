/**
 * The equivalence soak split over worker threads, one per core, with the
 * result a single process gives: worker j of W checks the draws of its own
 * slice of the run (`--shard` machinery: every worker generates every
 * scenario in order, so draw k is the same scenario everywhere), and
 * together they check exactly the draws one process would.
 *
 * One process stops at its first failing draw and shrinks it. Here the
 * failing draw with the lowest number wins: a worker that fails publishes
 * its draw in shared memory, the others stop checking past it, and a
 * worker whose own first failure comes later is stopped. The winner
 * shrinks its draw exactly as one process would (shrinking checks every
 * shrink, whatever the slice), so the shrunk scenario, its corpus file, the
 * fast-check path and the scenario counts are those of the unsplit run.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { corpusPathOf, runHttpEquivalence } from '../../src/characterization/http/harness.js';
import { loadModel } from '../../src/shared/models.js';

/** A slice in the harness's form (0-based index). */
interface Slice {
  readonly index: number;
  readonly count: number;
}

export interface SplitRun {
  readonly runs: number;
  readonly seed: number;
  /** The slice of the run to check (the whole run: index 0 of 1). */
  readonly slice: Slice;
  readonly workers: number;
}

export interface SplitOutcome {
  readonly failed: boolean;
  /** The failure report, as one process writes it. */
  readonly report: string;
  /** Scenarios checked and their steps, counted as one process counts them. */
  readonly scenarios: number;
  readonly steps: number;
}

interface WorkerInput {
  readonly peelEquivalenceWorker: true;
  readonly runs: number;
  readonly seed: number;
  readonly slice: Slice;
  /** Int32Array over shared memory: [0] is the last draw still worth checking. */
  readonly lastRun: SharedArrayBuffer;
}

type WorkerMessage =
  | { readonly kind: 'result'; readonly run: number; readonly steps: number }
  | { readonly kind: 'failing'; readonly run: number }
  | { readonly kind: 'done'; readonly failed: boolean; readonly report: string; readonly failedRun?: number; readonly shrunk?: string };

/** Worker j's slice of a run's slice: draws k with k % (count W) = index + count j. */
export function workerSlice(slice: Slice, workers: number, j: number): Slice {
  return { index: slice.index + slice.count * j, count: slice.count * workers };
}

const NO_LIMIT = 0x7fffffff;

/** Lowers the shared "last draw worth checking" to `run` if it is higher. */
function lowerLimit(limit: Int32Array, run: number): void {
  for (;;) {
    const now = Atomics.load(limit, 0);
    if (now <= run || Atomics.compareExchange(limit, 0, now, run) === now) return;
  }
}

interface WorkerState {
  readonly worker: Worker;
  readonly results: Array<{ run: number; steps: number }>;
  firstFailure: number | null;
  done: Extract<WorkerMessage, { kind: 'done' }> | null;
  stopped: boolean;
}

/**
 * Runs the soak on `workers` threads; `onProgress` hears of each scenario
 * checked (for a progress bar: the final counts are the outcome's).
 */
export function runSplit(run: SplitRun, onProgress: (steps: number) => void): Promise<SplitOutcome> {
  const lastRun = new SharedArrayBuffer(4);
  const limit = new Int32Array(lastRun);
  limit[0] = NO_LIMIT;
  const states: WorkerState[] = [];
  return new Promise<SplitOutcome>((resolve, reject) => {
    let settled = false;
    const failWith = (e: unknown) => {
      if (settled) return;
      settled = true;
      for (const s of states) void s.worker.terminate();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const maybeFinish = () => {
      if (settled || !states.every((s) => s.done !== null || s.stopped)) return;
      settled = true;
      resolve(outcomeOf(states, Atomics.load(limit, 0)));
    };
    const stopLosers = () => {
      const best = Atomics.load(limit, 0);
      for (const s of states) {
        if (s.firstFailure !== null && s.firstFailure > best && s.done === null && !s.stopped) {
          s.stopped = true;
          void s.worker.terminate();
        }
      }
    };
    for (let j = 0; j < run.workers; j++) {
      const input: WorkerInput = { peelEquivalenceWorker: true, runs: run.runs, seed: run.seed, slice: workerSlice(run.slice, run.workers, j), lastRun };
      const worker = new Worker(bootstrap(), { eval: true, workerData: input });
      const state: WorkerState = { worker, results: [], firstFailure: null, done: null, stopped: false };
      states.push(state);
      worker.on('message', (m: WorkerMessage) => {
        if (m.kind === 'result') {
          state.results.push({ run: m.run, steps: m.steps });
          onProgress(m.steps);
        } else if (m.kind === 'failing') {
          state.firstFailure = m.run;
          lowerLimit(limit, m.run);
          stopLosers();
        } else {
          state.done = m;
          maybeFinish();
        }
      });
      worker.on('error', failWith);
      worker.on('exit', (code) => {
        if (state.done === null && !state.stopped) failWith(new Error(`equivalence worker ${j + 1} exited with code ${code} before reporting`));
        else maybeFinish();
      });
    }
  });
}

/** The winner's report, the corpus file written for it, and the counts one process would print. */
function outcomeOf(states: readonly WorkerState[], best: number): SplitOutcome {
  const winner = states.find((s) => s.done !== null && s.done.failed && s.done.failedRun === best) ?? states.find((s) => s.done?.failed);
  const counted = (s: WorkerState, r: { run: number }) => (winner === undefined || r.run < best || (s === winner && r.run > best));
  let scenarios = 0;
  let steps = 0;
  for (const s of states) {
    for (const r of s.results) {
      if (!counted(s, r)) continue;
      scenarios++;
      steps += r.steps;
    }
  }
  if (winner?.done === undefined || winner.done === null) return { failed: false, report: '', scenarios, steps };
  if (winner.done.shrunk !== undefined) saveShrunk(winner.done.shrunk);
  return { failed: true, report: winner.done.report, scenarios, steps };
}

/** A worker saves nothing (a losing worker's scenario must not reach the corpus): the winner's is written here. */
function saveShrunk(text: string): void {
  const path = corpusPathOf(text);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Worker threads do not inherit tsx's loader: register it, then load this module. */
function bootstrap(): string {
  const api = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
}

async function workerMain(input: WorkerInput, port: NonNullable<typeof parentPort>): Promise<void> {
  const [legacy, flat] = await Promise.all([loadModel('legacy'), loadModel('flat')]);
  const limit = new Int32Array(input.lastRun);
  const post = (m: WorkerMessage) => port.postMessage(m);
  const outcome = runHttpEquivalence(legacy, flat, {
    numRuns: input.runs,
    seed: input.seed,
    shard: input.slice,
    lastRun: () => Atomics.load(limit, 0),
    onFailure: (run) => {
      lowerLimit(limit, run);
      post({ kind: 'failing', run });
    },
    onResult: (_scenario, result, run) => post({ kind: 'result', run, steps: result.scenario.steps.length }),
    save: (text) => relative(process.cwd(), corpusPathOf(text)),
  });
  post({
    kind: 'done',
    failed: outcome.failed,
    report: outcome.report,
    ...(outcome.failedRun !== undefined ? { failedRun: outcome.failedRun } : {}),
    ...(outcome.shrunk !== undefined ? { shrunk: outcome.shrunk } : {}),
  });
}

if (!isMainThread && parentPort !== null && (workerData as WorkerInput | null)?.peelEquivalenceWorker === true) {
  await workerMain(workerData as WorkerInput, parentPort);
}
