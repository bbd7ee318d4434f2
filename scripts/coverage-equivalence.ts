/**
 * Coverage of the equivalence suite's generated runs only (no unit test
 * counts): runs a fixed-seed batch of generated scenarios on both models
 * under c8 and writes reports/coverage-equivalence/summary.json, per file
 * of src/legacy and src/domain: functions and branches covered, and every
 * function with its call count.
 *
 *   npm run coverage:equivalence -- [--runs 300] [--seed 20180228] [--root DIR]
 *
 * --root measures another checkout (the review uses a worktree of the base).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED } from './lib/batch.js';
import { COVERAGE_DEFAULT_RUNS, measureCoverage, summaryPath } from './lib/coverage-measure.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { runs: { type: 'string' }, seed: { type: 'string' }, root: { type: 'string' } } });
  const root = resolve(values.root ?? join(import.meta.dirname, '..'));
  const summary = measureCoverage(root, Number(values.runs ?? COVERAGE_DEFAULT_RUNS), Number(values.seed ?? DEFAULT_SEED), resolve(import.meta.dirname, '..'));
  const legacy = Object.entries(summary.files).filter(([f]) => f.startsWith('src/legacy/'));
  for (const [file, c] of legacy) {
    process.stdout.write(`${file.padEnd(44)} functions ${c.functions.covered}/${c.functions.total}  branches ${c.branches.covered}/${c.branches.total}\n`);
  }
  process.stdout.write(`wrote ${summaryPath(root)} (${summary.runs} scenarios, ${summary.agreeing} agreeing, ${summary.seconds} s)\n`);
}

await main();
