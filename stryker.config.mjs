// StrykerJS over src/domain with the equivalence suite as its only tests
// (issue 5.9). Run it through `npm run mutation`, which first fixes the
// baseline the suite asserts and, with `--layer <name>`, mutates one legacy
// layer's files instead (src/legacy/layers.ts).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/domain/**/*.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental-domain.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/domain.json' },
  ignorePatterns: ['reports', 'reports-summary', 'dist', 'coverage', '.h2-*', 'test/legacy', 'test/lib'],
  timeoutMS: 20_000,
  // Mutants in import-time code (handler tables, module constants) cannot be
  // switched on here: the vitest worker keeps the modules it imported between
  // mutant runs, so such a mutant would "survive" without ever running.
  // Stryker marks them Ignored instead, and they do not count in the score.
  ignoreStatic: true,
  cleanTempDir: 'always',
  tempDirName: '.stryker-tmp',
};
