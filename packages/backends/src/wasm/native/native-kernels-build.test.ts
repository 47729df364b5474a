// The loader instantiates the build it compiled: the engine check turning relaxed SIMD off between
// compiling and instantiating (setRelaxedSimdAllowed) leaves the relaxed build running, not a
// failed start. Node 20 compiles the relaxed build only with V8's flag, set here before any compile.
import type { KernelBackend } from '@tensorflow/tfjs-core';
import { setFlagsFromString } from 'node:v8';
import { afterEach, expect, it } from 'vitest';
import { prepareNativeKernels } from './native-kernels';
import { setRelaxedSimdAllowed } from './relaxed-simd';

setFlagsFromString('--experimental-wasm-relaxed-simd');

/** A stand-in for tfjs-backend-wasm's backend: its own plain memory, so one thread. */
function backendWithPlainMemory(): KernelBackend {
  const wasmMemory = new WebAssembly.Memory({ initial: 2 });
  const wasm = { wasmMemory, _malloc: () => 0, _free: () => undefined };
  return { wasm } as unknown as KernelBackend;
}

afterEach(() => setRelaxedSimdAllowed(true));

it('instantiates the relaxed build it compiled when relaxed SIMD is turned off meanwhile', async () => {
  const starting = prepareNativeKernels(backendWithPlainMemory());
  setRelaxedSimdAllowed(false);
  expect(await starting).toMatchObject({ ok: true, threads: 1, instructions: 'relaxed-simd' });
});

it('takes SIMD128 for a backend first seen after relaxed SIMD is turned off', async () => {
  setRelaxedSimdAllowed(false);
  const started = await prepareNativeKernels(backendWithPlainMemory());
  expect(started).toMatchObject({ ok: true, threads: 1, instructions: 'simd128' });
});
