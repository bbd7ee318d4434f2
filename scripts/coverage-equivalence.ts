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
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { summarizeCoverage, sourceFingerprint, type CoverageSummary, type IstanbulCoverage } from './lib/coverage.js';
import { DEFAULT_SEED } from './lib/batch.js';
import { headCommit } from './lib/git.js';

export const COVERAGE_DEFAULT_RUNS = 300;
export const summaryPath = (root: string) => join(root, 'reports/coverage-equivalence/summary.json');

export function loadCoverageSummary(root: string): CoverageSummary | null {
  try {
    return JSON.parse(readFileSync(summaryPath(root), 'utf8')) as CoverageSummary;
  } catch {
    return null;
  }
}

/** Runs the measurement in `root` (whose node_modules may be this checkout's). */
export function measureCoverage(root: string, runs = COVERAGE_DEFAULT_RUNS, seed = DEFAULT_SEED, toolRoot = root): CoverageSummary {
  const out = join(root, 'reports/coverage-equivalence');
  const raw = join(out, 'raw');
  rmSync(raw, { recursive: true, force: true });
  mkdirSync(raw, { recursive: true });
  const runSummary = join(out, 'run.json');
  const started = Date.now();
  const c8 = join(toolRoot, 'node_modules/.bin/c8');
  const tsx = join(toolRoot, 'node_modules/.bin/tsx');
  const result = spawnSync(
    c8,
    ['--reporter=json', '--report-dir', raw, '--temp-directory', join(raw, 'tmp'), '--include', 'src/legacy/**', '--include', 'src/domain/**', '--exclude-after-remap', tsx, 'scripts/coverage-equivalence-run.ts'],
    { cwd: root, stdio: ['ignore', 2, 2], env: { ...process.env, COVERAGE_RUNS: String(runs), COVERAGE_SEED: String(seed), COVERAGE_RUN_SUMMARY: runSummary } },
  );
  if (result.status !== 0) throw new Error(`coverage run failed (exit ${result.status}) in ${root}`);
  const run = JSON.parse(readFileSync(runSummary, 'utf8')) as Pick<CoverageSummary, 'agreeing' | 'ops'>;
  const istanbul = JSON.parse(readFileSync(join(raw, 'coverage-final.json'), 'utf8')) as IstanbulCoverage;
  const summary: CoverageSummary = {
    generatedAt: new Date().toISOString(),
    commit: headCommit(root),
    fingerprint: sourceFingerprint(root),
    runs,
    seed,
    agreeing: run.agreeing,
    ops: run.ops,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    files: summarizeCoverage(istanbul, root),
  };
  writeFileSync(summaryPath(root), JSON.stringify(summary, null, 1) + '\n');
  return summary;
}

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

if (process.argv[1]?.endsWith('coverage-equivalence.ts')) await main();
