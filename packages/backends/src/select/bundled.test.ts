import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

// An app that bundles the package for Node with esbuild (a CLI, an Electron main process) gets
// the same choice as an unbundled one. esbuild honours `@tensorflow/tfjs-backend-cpu`'s
// `sideEffects` list, which omits its Node entry: a bare `import '@tensorflow/tfjs-backend-cpu'`
// is dropped, and wasm's self-check (which compares with cpu) then failed, falling back to cpu.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'node_modules/.cache/tessera-bundle-test');

describe('selectBackend bundled by esbuild for Node', () => {
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('starts wasm, self-check included', async () => {
    mkdirSync(outDir, { recursive: true });
    const outfile = join(outDir, 'app.mjs');
    await build({
      stdin: {
        contents: `import { selectBackend } from './src/index.node.ts';
const choice = await selectBackend({ allow: ['wasm'], wasmThreads: 1 });
console.log(JSON.stringify({ name: choice.name, reason: choice.reasons[0].reason }));`,
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      conditions: ['@tessera/source'],
      // installed beside the app, as in a real one: native addons and the .wasm files' loader
      external: ['@tensorflow/tfjs-node', '@tensorflow/tfjs-backend-wasm', 'webgpu'],
      banner: {
        js: "import { createRequire as __req } from 'node:module'; const require = __req(import.meta.url);",
      },
      logLevel: 'silent',
    });
    const stdout = execFileSync(process.execPath, [outfile], {
      encoding: 'utf8',
      timeout: 280_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      name: string;
      reason: string;
    };
    expect(result.reason).toContain('passed the self-check');
    expect(result.name).toBe('wasm');
  });
});
