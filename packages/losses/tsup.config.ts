import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
  // tfjs is a peer dependency: never bundle a second engine (CONVENTIONS.md #12).
  external: [/^@tensorflow\//],
});
