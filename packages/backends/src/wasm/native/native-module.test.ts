// The embedded native modules (kernels-wasm.ts, built by `pnpm build:native`) are what the loader
// expects: they import only tfjs's memory and export every function native-kernels.ts takes.
// Node 20 compiles the relaxed-SIMD builds only with V8's flag, set here before any compile.
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  NATIVE_WASM_PLAIN,
  NATIVE_WASM_PLAIN_RELAXED,
  NATIVE_WASM_SHARED,
  NATIVE_WASM_SHARED_RELAXED,
} from './kernels-wasm';
import { NATIVE_EXPORTS } from './native-kernels';
import { useRelaxedSimd } from './relaxed-simd';

setFlagsFromString('--experimental-wasm-relaxed-simd');

const bytes = (base64: string) => Uint8Array.from(Buffer.from(base64, 'base64'));

it('detects relaxed SIMD once the engine has it', () => {
  expect(useRelaxedSimd()).toBe(true);
});

describe.each([
  ['shared', NATIVE_WASM_SHARED],
  ['plain', NATIVE_WASM_PLAIN],
  ['shared relaxed-SIMD', NATIVE_WASM_SHARED_RELAXED],
  ['plain relaxed-SIMD', NATIVE_WASM_PLAIN_RELAXED],
])('the %s native module', (kind, base64) => {
  const module = new WebAssembly.Module(bytes(base64));

  it('imports only the memory, from env', () => {
    expect(WebAssembly.Module.imports(module)).toEqual([
      { module: 'env', name: 'memory', kind: 'memory' },
    ]);
  });

  it('exports every function the loader takes', () => {
    const functions = WebAssembly.Module.exports(module)
      .filter((e) => e.kind === 'function')
      .map((e) => e.name);
    expect(NATIVE_EXPORTS.filter((name) => !functions.includes(name))).toEqual([]);
  });

  it.runIf(kind.startsWith('plain'))('instantiates on a plain memory', () => {
    const instance = new WebAssembly.Instance(module, {
      env: { memory: new WebAssembly.Memory({ initial: 2 }) },
    });
    for (const name of NATIVE_EXPORTS) expect(typeof instance.exports[name]).toBe('function');
  });
});
