import { defineConfig } from 'vitest/config';

/** Only the equivalence suite, for Stryker (npm run mutation); `npm test` never matches it. */
export default defineConfig({
  test: {
    include: ['test/mutation/**/*.mutation.ts'],
    pool: 'forks',
    // Stryker switches mutants at run time, so a worker may keep its modules
    // between mutant runs: importing both models anew costs seconds per run.
    isolate: false,
    testTimeout: 60_000,
  },
});
