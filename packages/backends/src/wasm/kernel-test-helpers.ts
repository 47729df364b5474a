import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@tessera/core';
import { afterEach, beforeAll, vi } from 'vitest';
import {
  nativeKernels,
  prepareNativeKernels,
  setNativeKernelsEnabled,
  type NativeKernels,
} from './native/native-kernels';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

/** A seeded standard-normal tensor. */
export function randomTensor(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: n }, () => rng.normal()),
    shape,
  );
}

/** Runs `fn` on cpu then on wasm and returns both results. */
export async function onCpuAndWasm<T>(fn: () => Promise<T>): Promise<{ cpu: T; wasm: T }> {
  await tf.setBackend('cpu');
  const cpu = await fn();
  await tf.setBackend('wasm');
  const wasm = await fn();
  return { cpu, wasm };
}

/** Gradients of Σ r ⊙ op(x, w) with respect to x and w, read back as arrays. */
export async function grads(
  op: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D,
  xShape: number[],
  wShape: number[],
) {
  const x = randomTensor(xShape, 1) as tf.Tensor4D;
  const w = randomTensor(wShape, 2) as tf.Tensor4D;
  const yShape = tf.tidy(() => op(x, w).shape);
  const r = randomTensor(yShape, 3);
  const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(op(a as tf.Tensor4D, b as tf.Tensor4D), r)),
  )([x, w]);
  const out = { gx: await gx!.data(), gw: await gw!.data() };
  tf.dispose([x, w, r, gx!, gw!]);
  return out;
}

/** Largest absolute difference over the largest expected magnitude. */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let scale = 0;
  let err = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  for (let i = 0; i < expected.length; i++)
    err = Math.max(err, Math.abs(actual[i]! - expected[i]!));
  return err / Math.max(scale, 1e-30);
}

/** Registers the training kernels, activates wasm and starts the native kernels on it. */
export async function startNativeKernels(): Promise<NativeKernels> {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  const started = await prepareNativeKernels(tf.backend());
  if (!started.ok) throw new Error(`native kernels did not start: ${started.reason}`);
  return nativeKernels(tf.backend()) as NativeKernels;
}

/**
 * For a `describe` block of native-kernel tests: starts the native kernels on wasm before its tests,
 * and after each turns them back on and restores spies. Returns the kernels once started.
 */
export function useNativeKernels(): () => NativeKernels {
  let native: NativeKernels | undefined;
  beforeAll(async () => {
    native = await startNativeKernels();
  });
  afterEach(() => {
    setNativeKernelsEnabled(true);
    vi.restoreAllMocks();
  });
  return () => native as NativeKernels;
}
