/**
 * Equivalence soak: many generated scenarios on the legacy and flat models.
 *
 *   npm run equivalence -- --runs 5000 --seed 42 [--shard 2/8] [--path P]
 *
 * --shard i/n runs the i-th of n disjoint, deterministic slices of the
 * soak (its own seed, derived from --seed, and runs/n scenarios), so n CI
 * machines can share one large run. A failure prints the shrunk scenario,
 * saves it to test/characterization/corpus/, and exits 1.
 */
import { parseArgs } from 'node:util';
import { loadModel } from '../src/shared/models.js';
import { runEquivalence } from '../test/characterization/property.js';

function fail(message: string): never {
  process.stderr.write(`equivalence: ${message}\n`);
  process.exit(2);
}

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) fail(`--${name}: expected a whole number, got "${text}"`);
  return Number(text);
}

export function shardPlan(runs: number, seed: number, shard: string | undefined): { runs: number; seed: number; label: string } {
  if (shard === undefined) return { runs, seed, label: 'whole run' };
  const m = /^(\d+)\/(\d+)$/.exec(shard);
  const i = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || i < 1 || i > n) fail(`--shard: expected i/n with 1 <= i <= n, got "${shard}"`);
  const share = Math.floor(runs / n) + (i <= runs % n ? 1 : 0);
  // Seeds a prime apart: slices never share a seed, and any slice reruns alone.
  return { runs: share, seed: (seed + (i - 1) * 1_000_003) | 0, label: `shard ${i}/${n}` };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { runs: { type: 'string' }, seed: { type: 'string' }, shard: { type: 'string' }, path: { type: 'string' } },
  });
  const runs = positiveInt('runs', values.runs, 2000);
  const seedText = values.seed;
  if (seedText !== undefined && !/^-?\d+$/.test(seedText)) fail(`--seed: expected an integer, got "${seedText}"`);
  const baseSeed = seedText !== undefined ? Number(seedText) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const plan = shardPlan(runs, baseSeed, values.shard);
  const [legacy, flat] = await Promise.all([loadModel('legacy'), loadModel('flat')]);

  process.stderr.write(`equivalence soak, ${plan.label}: ${plan.runs} scenarios, seed ${plan.seed}${values.shard ? ` (from --seed ${baseSeed})` : ''}\n`);
  const started = process.hrtime.bigint();
  let scenarios = 0;
  let steps = 0;
  const tty = process.stderr.isTTY;
  const every = Math.max(1, Math.floor(plan.runs / 20));
  const outcome = runEquivalence(legacy, flat, {
    numRuns: plan.runs,
    seed: plan.seed,
    ...(values.path ? { path: values.path } : {}),
    onScenario: (s) => {
      scenarios++;
      steps += s.steps.length;
      if (tty) {
        const done = Math.min(scenarios, plan.runs);
        const bar = '#'.repeat(Math.round((done / plan.runs) * 30)).padEnd(30, '.');
        process.stderr.write(`\r[${bar}] ${done}/${plan.runs} scenarios`);
      } else if (scenarios % every === 0) {
        process.stderr.write(`${scenarios}/${plan.runs} scenarios\n`);
      }
    },
  });
  if (tty) process.stderr.write('\n');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(
    `${scenarios} scenarios, ${steps} steps in ${seconds.toFixed(1)} s: ${(scenarios / seconds).toFixed(1)} scenarios/s, ${(steps / seconds).toFixed(0)} steps/s\n`,
  );
  if (outcome.failed) {
    process.stdout.write(outcome.report + '\n');
    process.stdout.write(`rerun this slice: npm run equivalence -- --runs ${runs} --seed ${baseSeed}${values.shard ? ` --shard ${values.shard}` : ''}\n`);
    process.exit(1);
  }
  process.stdout.write(`no difference found (${plan.label}, seed ${plan.seed})\n`);
}

await main();
