import { defineConfig } from 'vitest/config';

/** Only the equivalence suite, for Stryker (npm run mutation); `npm test` never matches it. */
export default defineConfig({
  test: {
    include: ['test/mutation/**/*.mutation.ts'],
    pool: 'forks',
    testTimeout: 60_000,
  },
});
