import { defineConfig, type Options } from 'tsup';

/**
 * The build every published package shares: ESM + CJS + `.d.ts`, tree-shaken, ES2022, and tfjs /
 * sibling packages left external (never bundle a second TF.js engine — CONVENTIONS.md #12).
 */
export function packageBuild(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    target: 'es2022',
    tsconfig: 'tsconfig.build.json',
    external: [/^@tensorflow\//, /^@tessera\//],
    // the maps point at the shipped src/ instead of embedding a copy of it in every bundle's map
    esbuildOptions(options) {
      options.sourcesContent = false;
    },
    ...overrides,
  });
}
