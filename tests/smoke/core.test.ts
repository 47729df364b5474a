import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runNode, TESTS_DIR } from './run-node';

// These run against packages/core/dist (turbo builds it before this package's tests).
const require = createRequire(`${TESTS_DIR}/package.json`);

describe('@tessera/core as published', () => {
  it('require() loads the CommonJS build', () => {
    const out = runNode([
      '-e',
      "const c = require('@tessera/core'); const r = c.createRng(42); console.log(r.nextUint32(), typeof c.InvalidArgumentError, require.resolve('@tessera/core'))",
    ]);
    // 1776835114 is the C reference's first xoshiro128** output for seed 42.
    expect(out).toMatch(/^1776835114 function .*packages\/core\/dist\/index\.cjs\n$/);
  });

  it('import() loads the ES module build', () => {
    const out = runNode([
      '--input-type=module',
      '-e',
      "const c = await import('@tessera/core'); console.log(c.createRng(42).nextUint32(), import.meta.resolve('@tessera/core'))",
    ]);
    expect(out).toMatch(/^1776835114 file:.*packages\/core\/dist\/index\.js\n$/);
  });

  it('errors thrown by the CJS and ESM builds are recognised by each other', () => {
    const out = runNode([
      '--input-type=module',
      '-e',
      [
        "import { createRequire } from 'node:module';",
        "const cjs = createRequire(process.cwd() + '/package.json')('@tessera/core');",
        "const esm = await import('@tessera/core');",
        'try { cjs.createRng(0.5); } catch (e) { console.log(esm.InvalidArgumentError.isInstance(e), e.message); }',
      ].join('\n'),
    ]);
    expect(out).toBe('true createRng: seed must be an integer, got 0.5.\n');
  });

  it('ships types for both module systems and keeps tfjs external', () => {
    const pkgDir = require.resolve('@tessera/core').replace(/dist\/index\.cjs$/, '');
    for (const f of ['dist/index.d.ts', 'dist/index.d.cts']) {
      expect(readFileSync(pkgDir + f, 'utf8')).toMatch(
        /declare function createRng\(seed: number \| RngState\): Rng;/,
      );
    }
    const esm = readFileSync(`${pkgDir}dist/index.js`, 'utf8');
    expect(esm).toMatch(/from ["']@tensorflow\/tfjs-core["']/);
    expect(esm).not.toMatch(/class Engine|registerKernel\(/); // no bundled copy of tfjs-core
  });

  it('keeps internals out of the exports map', () => {
    expect(() => require('@tessera/core/src/internal/fail.ts')).toThrow(
      /is not defined by "exports"/,
    );
    expect(() => require('@tessera/core/dist/index.cjs')).toThrow(/is not defined by "exports"/);
  });
});
