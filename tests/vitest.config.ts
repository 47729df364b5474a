import { defineConfig } from 'vitest/config';

// No `@tessera/source` condition here: these tests import the *built* packages, as users do.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'fixtures/**'],
    testTimeout: 300_000,
    maxWorkers: 2,
  },
});
