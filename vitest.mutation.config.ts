import { defineConfig } from 'vitest/config';

/**
 * Only the equivalence suite, for Stryker (npm run mutation); `npm test` never matches it.
 * Not isolated: the worker keeps the modules it imported (the models, the
 * baseline: test/mutation/loaded.ts) between mutant runs, where an isolated
 * run would load them again for every mutant.
 */
export default defineConfig({
  test: {
    include: ['test/mutation/**/*.mutation.ts'],
    isolate: false,
    testTimeout: 60_000,
  },
});
