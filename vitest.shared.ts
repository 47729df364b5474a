import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings. The custom `@tessera/source` export condition (CONVENTIONS.md #13) makes
 * sibling packages resolve to their TypeScript sources, so tests never need a build first.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions: ['@tessera/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@tessera/source', ...defaultServerConditions] } },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Tensor suites are CPU-heavy; two cores here, so keep to one worker per core.
    maxWorkers: 2,
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
