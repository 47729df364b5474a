// The wasm kernel and training tests again, on the relaxed-SIMD build of the native kernels
// (fused multiply-adds, native/madd.h), which Node 20 runs with V8's flag, set here before anything
// compiles. The tests compare with cpu or with their definitions to float32 rounding; the two that
// emulate the SIMD128 build's bits (a multiply, then an add) check the rounding on this build.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { nativeKernels } from './native/native-kernels';
import { useRelaxedSimd } from './native/relaxed-simd';
import { importWasmTestSuites } from './wasm-test-suites';

setFlagsFromString('--experimental-wasm-relaxed-simd');

describe('relaxed SIMD', () => {
  it('is on in this engine, so the native kernels take their relaxed build', () => {
    expect(useRelaxedSimd()).toBe(true);
  });
});

await importWasmTestSuites();

describe('the native kernels the tests above ran', () => {
  it('are the relaxed-SIMD build', () => {
    expect(nativeKernels(tf.backend())?.instructions).toBe('relaxed-simd');
  });
});
