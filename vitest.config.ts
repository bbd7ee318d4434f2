import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // StrykerJS works in a sandbox copy of the repo; its tests are not ours.
    exclude: ['**/node_modules/**', '.stryker-tmp/**'],
    pool: 'forks',
    testTimeout: 60_000,
  },
});
