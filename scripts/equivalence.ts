/**
 * Equivalence soak: many generated HTTP scenarios (format 2, the contract
 * both models answer) on the legacy and flat models.
 *
 *   npm run equivalence -- --runs 5000 --seed 42 [--shard 2/8] [--path P] [--workers N]
 *
 * The run is split over --workers threads (default: one per core, at most
 * 2, the machine's size), each checking its own slice of the same
 * scenarios, with the output one process gives: the same counts, and on a
 * failure the same shrunk scenario, corpus file and reproduce command
 * (scripts/lib/equivalence-workers.ts). --workers 1 runs in this process.
 *
 * --shard i/n checks the scenarios i, i+n, i+2n, ... of the very run
 * --seed gives unsharded (every scenario is still generated, in order, so
 * each keeps its place; only the slice runs on the models). The n shards
 * together are the unsharded run, and n CI machines can share it. A failure
 * prints the shrunk scenario, saves it to test/characterization/corpus/,
 * and exits 1; its fast-check path reruns it without --shard.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { loadModel } from '../src/shared/models.js';
import { runHttpEquivalence } from '../src/characterization/http/harness.js';
import { describeShard, harnessShard, parseShard, shardScenarios, type Shard } from './lib/batch.js';
import { runSplit } from './lib/equivalence-workers.js';

function fail(message: string): never {
  process.stderr.write(`equivalence: ${message}\n`);
  process.exit(2);
}

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) fail(`--${name}: expected a whole number, got "${text}"`);
  return Number(text);
}

function shardOption(text: string | undefined): Shard | null {
  if (text === undefined) return null;
  return parseShard(text) ?? fail(`--shard: expected i/n with 1 <= i <= n, got "${text}"`);
}

interface Checked {
  readonly failed: boolean;
  readonly report: string;
  readonly scenarios: number;
  readonly steps: number;
}

/** Progress on stderr: a bar on a terminal, else a line every twentieth of the run. */
function progress(checked: number): { step(steps: number): void; end(): void } {
  const tty = process.stderr.isTTY;
  const every = Math.max(1, Math.floor(checked / 20));
  let scenarios = 0;
  return {
    step() {
      scenarios++;
      if (tty) {
        const done = Math.min(scenarios, checked);
        const bar = '#'.repeat(Math.round((done / Math.max(1, checked)) * 30)).padEnd(30, '.');
        process.stderr.write(`\r[${bar}] ${done}/${checked} scenarios`);
      } else if (scenarios % every === 0) {
        process.stderr.write(`${scenarios}/${checked} scenarios\n`);
      }
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}

async function inThisProcess(runs: number, seed: number, shard: Shard | null, path: string | undefined, onStep: (steps: number) => void): Promise<Checked> {
  const [legacy, flat] = await Promise.all([loadModel('legacy'), loadModel('flat')]);
  let scenarios = 0;
  let steps = 0;
  const outcome = runHttpEquivalence(legacy, flat, {
    numRuns: runs,
    seed,
    ...harnessShard(shard),
    ...(path ? { path } : {}),
    onResult: (s) => {
      scenarios++;
      steps += s.steps.length;
      onStep(s.steps.length);
    },
  });
  return { failed: outcome.failed, report: outcome.report, scenarios, steps };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { runs: { type: 'string' }, seed: { type: 'string' }, shard: { type: 'string' }, path: { type: 'string' }, workers: { type: 'string' } },
  });
  const runs = positiveInt('runs', values.runs, 2000);
  const seedText = values.seed;
  if (seedText !== undefined && !/^-?\d+$/.test(seedText)) fail(`--seed: expected an integer, got "${seedText}"`);
  const seed = seedText !== undefined ? Number(seedText) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const shard = shardOption(values.shard);
  if (shard && values.path) fail('--path replays one run of the whole soak: give it without --shard');
  const checked = shard ? shardScenarios(shard, runs).length : runs;
  const label = shard ? describeShard(shard, runs, seed) : `whole run of seed ${seed}: ${runs} scenarios`;
  const workersWanted = positiveInt('workers', values.workers, Math.min(2, availableParallelism()));
  if (workersWanted < 1) fail('--workers: expected at least 1');
  // --path replays one draw: nothing to split.
  const workers = values.path ? 1 : Math.min(workersWanted, Math.max(1, checked));

  process.stderr.write(`equivalence soak, ${label}${workers > 1 ? ` (${workers} workers)` : ''}\n`);
  const started = process.hrtime.bigint();
  const shown = progress(checked);
  const slice = harnessShard(shard).shard ?? { index: 0, count: 1 };
  const outcome = workers > 1
    ? await runSplit({ runs, seed, slice, workers }, (steps) => shown.step(steps))
    : await inThisProcess(runs, seed, shard, values.path, (steps) => shown.step(steps));
  shown.end();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(
    `${outcome.scenarios} scenarios, ${outcome.steps} steps in ${seconds.toFixed(1)} s: ${(outcome.scenarios / seconds).toFixed(1)} scenarios/s, ${(outcome.steps / seconds).toFixed(0)} steps/s\n`,
  );
  if (outcome.failed) {
    process.stdout.write(outcome.report + '\n');
    process.stdout.write(`rerun this ${shard ? 'slice' : 'run'}: npm run equivalence -- --runs ${runs} --seed ${seed}${values.shard ? ` --shard ${values.shard}` : ''}\n`);
    process.exit(1);
  }
  process.stdout.write(`no difference found (${label})\n`);
}

await main();
