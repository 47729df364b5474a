import { defineConfig } from 'tsup';

export default defineConfig({
  // Two entry points behind the `node` and `browser` export conditions: a browser bundle never
  // sees the Node candidates (tfjs-node, Dawn, node:fs).
  entry: { 'index.node': 'src/index.node.ts', 'index.browser': 'src/index.browser.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
  // tfjs and its backends are never bundled (one engine, one kernel registry); nor are the optional
  // native packages, which are imported lazily and may be missing.
  external: [/^@tensorflow\//, 'webgpu', /^@tessera\//],
});
