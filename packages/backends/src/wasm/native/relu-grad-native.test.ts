// TesseraReluGrad on wasm (native/relu-grad.c, and the JavaScript loop it replaces until the
// native kernels are ready) against TF.js's own ReLU gradient on cpu, to the bit: infinities and
// NaNs in dy and x, signed zeros, sizes that leave a tail past the last group of four. Runs here
// single-threaded and from node-threads.test.ts on two.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { TESSERA_KERNELS } from '@tessera/core';
import { expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { randomTensor, useNativeKernels } from '../kernel-test-helpers';
import { KERNEL, setNativeKernelsEnabled } from './native-kernels';

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1e-38, -1e-38, 3, -3];

/** Seeded normal values with every pair of special values (x, dy) at the start. */
async function inputs(shape: number[], seed: number) {
  const x = (await randomTensor(shape, seed).data()).slice() as Float32Array;
  const dy = (await randomTensor(shape, seed + 1).data()).slice() as Float32Array;
  let k = 0;
  for (const a of SPECIAL)
    for (const b of SPECIAL) {
      if (k >= x.length) break;
      x[k] = a;
      dy[k++] = b;
    }
  return { x, dy };
}

const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** TF.js's own ReLU gradient on cpu: the gradient of Σ dy ⊙ relu(x). */
async function stockOnCpu(x: Float32Array, dy: Float32Array, shape: number[]) {
  await tf.setBackend('cpu');
  const [xs, r] = [tf.tensor(x, shape), tf.tensor(dy, shape)];
  const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.relu(a), r)))(xs);
  // the gradient reaching relu is r·1 (exact), so g is TF.js's dy · step(x) for dy = r
  const out = (await g.data()) as Float32Array;
  tf.dispose([xs, r, g]);
  await tf.setBackend('wasm');
  return out;
}

async function ours(x: Float32Array, dy: Float32Array, shape: number[]) {
  const [xs, g] = [tf.tensor(x, shape), tf.tensor(dy, shape)];
  const dx = tf.engine().runKernel(TESSERA_KERNELS.reluGrad, { dy: g, x: xs }, {}) as tf.Tensor;
  const out = (await dx.data()) as Float32Array;
  tf.dispose([xs, g, dx]);
  return out;
}

describe('TesseraReluGrad on wasm', () => {
  const native = useNativeKernels();

  it.each([
    { name: 'conv activations [4, 7, 9, 16]', shape: [4, 7, 9, 16] },
    { name: 'a tail past the groups of four (4·8 + 3)', shape: [35] },
    { name: 'fewer than four elements', shape: [1, 3] },
    { name: 'one element', shape: [1] },
    { name: '100 003 elements (8 parts and a tail)', shape: [100003] },
  ])('equals TF.js’s ReLU gradient to the bit, native and JavaScript: $name', async ({ shape }) => {
    const { x, dy } = await inputs(shape, 5);
    const expected = await stockOnCpu(x, dy, shape);
    const run = vi.spyOn(native().pool, 'run');
    const nativeOut = await ours(x, dy, shape);
    expect(run.mock.calls.map((c) => c[0])).toEqual([KERNEL.reluGradPart]);
    setNativeKernelsEnabled(false);
    const loopOut = await ours(x, dy, shape);
    expect(run).toHaveBeenCalledTimes(1);
    expect(bits(nativeOut).equals(bits(expected))).toBe(true);
    expect(bits(loopOut).equals(bits(expected))).toBe(true);
  });

  it('gives NaN for dy = ∞ at x ≤ 0, −0 for dy < 0 there, NaN where x is NaN', async () => {
    const x = Float32Array.from([-1, 0, -2, NaN, 2]);
    const dy = Float32Array.from([Infinity, -5, -0.5, 1, -0]);
    const out = await ours(x, dy, [5]);
    expect(Number.isNaN(out[0])).toBe(true);
    expect(Object.is(out[1], -0)).toBe(true);
    expect(Object.is(out[2], -0)).toBe(true);
    expect(Number.isNaN(out[3])).toBe(true);
    expect(Object.is(out[4], -0)).toBe(true);
  });

  it('handles an empty tensor and leaks nothing', async () => {
    const empty = tf.zeros([0, 4]);
    const dx = tf.engine().runKernel(TESSERA_KERNELS.reluGrad, { dy: empty, x: empty }, {});
    expect((dx as tf.Tensor).shape).toEqual([0, 4]);
    tf.dispose([empty, dx as tf.Tensor]);
    const [x, dy] = [randomTensor([64, 32], 1), randomTensor([64, 32], 2)];
    await expectNoLeak(() => {
      tf.dispose(tf.engine().runKernel(TESSERA_KERNELS.reluGrad, { dy, x }, {}) as tf.Tensor);
    });
    tf.dispose([x, dy]);
  });

  it('rejects inputs of other dtypes or shapes, and a missing input', () => {
    const [x, dy] = [tf.zeros([2, 3]), tf.zeros([3, 2])];
    const int = tf.zeros([2, 3], 'int32');
    const run = (inputs: Record<string, tf.Tensor>) =>
      tf.engine().runKernel(TESSERA_KERNELS.reluGrad, inputs, {});
    expect(() => run({ dy, x })).toThrow(/dy \[3,2\] and x \[2,3\] differ in shape/);
    expect(() => run({ dy: int, x })).toThrow(/input dy must be float32, got int32/);
    expect(() => run({ x })).toThrow(/input dy is missing/);
    tf.dispose([x, dy, int]);
  });
});
