// The embedded native modules (kernels-wasm.ts, built by `pnpm build:native`) are what the loader
// expects: they import only tfjs's memory and export every function native-kernels.ts takes.
import { describe, expect, it } from 'vitest';
import { NATIVE_WASM_PLAIN, NATIVE_WASM_SHARED } from './kernels-wasm';
import { NATIVE_EXPORTS } from './native-kernels';

const bytes = (base64: string) => Uint8Array.from(Buffer.from(base64, 'base64'));

describe.each([
  ['shared', NATIVE_WASM_SHARED],
  ['plain', NATIVE_WASM_PLAIN],
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

  it.runIf(kind === 'plain')('instantiates on a plain memory', () => {
    const instance = new WebAssembly.Instance(module, {
      env: { memory: new WebAssembly.Memory({ initial: 2 }) },
    });
    for (const name of NATIVE_EXPORTS) expect(typeof instance.exports[name]).toBe('function');
  });
});
