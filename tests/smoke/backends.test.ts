import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runNode, TESTS_DIR } from './run-node';

const require = createRequire(`${TESTS_DIR}/package.json`);

describe('@tessera/backends as published', () => {
  it('Node ESM import gets the node entry, and selectBackend picks a working backend', () => {
    const out = runNode([
      '--input-type=module',
      '-e',
      [
        "const b = await import('@tessera/backends');",
        "console.log(import.meta.resolve('@tessera/backends'));",
        "const c = await b.selectBackend({ exclude: ['webgpu'] });",
        'console.log(c.name, c.reasons.map((r) => r.backend).join(","));',
      ].join('\n'),
    ]);
    expect(out).toMatch(
      /packages\/backends\/dist\/index\.node\.js\n(wasm|tensorflow) tensorflow,wasm,cpu\n$/,
    );
  });

  it('wasm runs threaded in Node (one XNNPACK thread per core, TESSERA_WASM_THREADS=1 for one) and the process still exits', () => {
    const cores = Math.min(availableParallelism(), 8);
    const snippet = (kind: 'esm' | 'cjs') =>
      [
        kind === 'esm'
          ? "const b = await import('@tessera/backends');"
          : "const b = require('@tessera/backends'); (async () => {",
        "await b.selectBackend({ exclude: ['webgpu'] });",
        'const d = await b.describeBackend(); console.log(d.name, d.wasm.threads);',
        kind === 'esm' ? '' : '})();',
      ].join('\n');
    // execFileSync returns only once the process has exited: idle pool threads must not hold it.
    const esm = runNode(['--input-type=module', '-e', snippet('esm')], undefined, 60_000);
    const cjs = runNode(['-e', snippet('cjs')], undefined, 60_000);
    if (esm.startsWith('wasm')) {
      expect(esm).toBe(`wasm ${cores}\n`);
      expect(cjs).toBe(`wasm ${cores}\n`);
      const one = runNode(['-e', snippet('cjs')], undefined, 60_000, { TESSERA_WASM_THREADS: '1' });
      expect(one).toBe('wasm 1\n');
    }
  });

  it('require() gets the CommonJS node entry', () => {
    const out = runNode([
      '-e',
      "const b = require('@tessera/backends'); console.log(typeof b.selectBackend, typeof b.installNodeWebGpu, require.resolve('@tessera/backends'))",
    ]);
    expect(out).toMatch(/^function function .*packages\/backends\/dist\/index\.node\.cjs\n$/);
  });

  it('the browser condition gets an entry with no Node modules in it', () => {
    const out = runNode([
      '--conditions=browser',
      '--input-type=module',
      '-e',
      "const b = await import('@tessera/backends'); console.log(import.meta.resolve('@tessera/backends'), b.BROWSER_BACKEND_ORDER.join(','), 'installNodeWebGpu' in b)",
    ]);
    expect(out).toMatch(
      /packages\/backends\/dist\/index\.browser\.js webgpu,webgl,wasm,cpu false\n$/,
    );
    const dist = require.resolve('@tessera/backends').replace(/index\.node\.cjs$/, '');
    const browserJs = readFileSync(`${dist}index.browser.js`, 'utf8');
    const chunks = [...browserJs.matchAll(/from ["']\.\/(chunk-[\w-]+\.js)["']/g)].map((m) =>
      readFileSync(`${dist}${m[1]}`, 'utf8'),
    );
    for (const code of [browserJs, ...chunks]) {
      expect(code).not.toMatch(
        /node:fs|@tensorflow\/tfjs-node|from ["']webgpu["']|import\(["']webgpu["']\)|process\.env/,
      );
    }
  });
});
