import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages from their TypeScript sources (no build needed), as in the packages' tests.
export default defineConfig({
  resolve: { conditions: ['@tessera/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@tessera/source', ...defaultServerConditions] } },
  // one file at a time: the demo tests train in a browser and would compete for the CPU
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
