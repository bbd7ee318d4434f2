/**
 * The coverage measurement behind `npm run coverage:equivalence` and the
 * roadmap: the equivalence suite's generated runs under c8 (see
 * scripts/coverage-equivalence-run.ts), summarised per file.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeCoverage, sourceFingerprint, type CoverageSummary, type FileCoverage, type IstanbulCoverage } from './coverage.js';
import { DEFAULT_SEED } from './batch.js';
import { headCommit } from './git.js';
import { unnamedFunctionCalls, type UnnamedCalls } from './unnamed-functions.js';

export const COVERAGE_DEFAULT_RUNS = 300;
export const summaryPath = (root: string) => join(root, 'reports/coverage-equivalence/summary.json');

export function loadCoverageSummary(root: string): CoverageSummary | null {
  try {
    return JSON.parse(readFileSync(summaryPath(root), 'utf8')) as CoverageSummary;
  } catch {
    return null;
  }
}

/** The files' summaries with the calls of their unnamed functions, which c8 does not report. */
function withUnnamed(files: Record<string, FileCoverage>, unnamed: Map<string, UnnamedCalls>): Record<string, FileCoverage> {
  return Object.fromEntries(Object.entries(files).map(([file, cov]) => {
    const calls = unnamed.get(file);
    return [file, calls && calls.length > 0 ? { ...cov, unnamed: calls } : cov];
  }));
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
    files: withUnnamed(summarizeCoverage(istanbul, root), unnamedFunctionCalls(join(raw, 'tmp'), root, (f) => f.startsWith('src/'))),
  };
  writeFileSync(summaryPath(root), JSON.stringify(summary, null, 1) + '\n');
  return summary;
}
