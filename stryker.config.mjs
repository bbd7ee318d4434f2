// StrykerJS with the equivalence suite as its only tests (issue 5.9, issue
// 10). Run it through `npm run mutation`, which first fixes the baseline the
// suite asserts (the examples and the generated HTTP scenarios chosen to
// cover the code) and picks what to mutate: all of src/domain, or with
// `--layer <name>` one legacy layer's files (src/legacy/layers.ts).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // test/mutation/suite.ts run in Stryker's own test-runner processes, loaded
  // once (scripts/lib/stryker-peel-runner.ts says why not vitest); they
  // import TypeScript through tsx, as scripts/mutation.ts itself does.
  testRunner: 'peel',
  plugins: ['./scripts/lib/stryker-peel-runner.ts'],
  testRunnerNodeArgs: ['--import', 'tsx'],
  checkerNodeArgs: ['--import', 'tsx'],
  mutate: ['src/domain/**/*.ts'],
  // Per mutant, only the tests (examples, scenarios) that reach it run.
  coverageAnalysis: 'perTest',
  // The machine has 2 cores shared with other work.
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental-domain.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/domain.json' },
  ignorePatterns: ['reports', 'reports-summary', 'dist', 'coverage', '.h2-*', '.scratch', 'test/legacy', 'test/lib', 'test/domain', 'test/usecases', 'bench', 'docs'],
  // A survivor runs every scenario that covers it, the longest runs of all;
  // on a loaded machine 1.5x the dry run's time plus 20 s turned equivalent
  // mutants into "timeouts", which count as killed (policy, 2026-12-03: 18
  // of them, one checked by hand to be equivalent). A real endless loop costs
  // more now, a false kill no longer hides a survivor.
  timeoutFactor: 4,
  timeoutMS: 60_000,
  // Mutants in import-time code (handler tables, module constants) cannot be
  // switched on here: the runner keeps the modules it imported between
  // mutant runs, so such a mutant would "survive" without ever running.
  // Stryker marks them Ignored instead, and they do not count in the score.
  ignoreStatic: true,
  cleanTempDir: 'always',
  tempDirName: '.stryker-tmp',
};
