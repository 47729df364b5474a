// TesseraScaledSymmetricSum on wasm (native/scaled-symmetric-sum.c, and the JavaScript loop it
// replaces until the native kernels are ready) against the composed ops it replaces —
// tf.mul(p, g as a column), its transpose, their sum — to the bit (the same two products added),
// on cpu. Sizes around the 4×4 blocks (tails of 1–3 rows and columns), n < 4, the NT-Xent size.
// Runs here single-threaded and from node-threads.test.ts on two.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { randomTensor, useNativeKernels } from '../kernel-test-helpers';
import { KERNEL, setNativeKernelsEnabled } from './native-kernels';

const NAME = TESSERA_KERNELS.scaledSymmetricSum;
const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

async function composedOnCpu(p: Float32Array, g: Float32Array, n: number) {
  await tf.setBackend('cpu');
  const out = tf.tidy(() => {
    const scaled = tf.mul(tf.tensor2d(p, [n, n]), tf.tensor2d(g, [n, 1]));
    return tf.add(scaled, tf.transpose(scaled));
  });
  const values = (await out.data()) as Float32Array;
  out.dispose();
  await tf.setBackend('wasm');
  return values;
}

async function ours(p: Float32Array, g: Float32Array, n: number) {
  const [pt, gt] = [tf.tensor2d(p, [n, n]), tf.tensor1d(g)];
  const out = tf.engine().runKernel(NAME, { p: pt, g: gt }, {}) as tf.Tensor;
  const values = (await out.data()) as Float32Array;
  tf.dispose([pt, gt, out]);
  return values;
}

describe('TesseraScaledSymmetricSum on wasm', () => {
  const native = useNativeKernels();

  it.each([
    { name: 'NT-Xent at N = 256 (512 rows)', n: 512 },
    { name: 'tails of 3 (67)', n: 67 },
    { name: 'a tail of 1 (9)', n: 9 },
    { name: 'fewer than four rows (3)', n: 3 },
    { name: 'one row', n: 1 },
  ])('equals the composed ops to the bit, native and JavaScript: $name', async ({ n }) => {
    const p = (await randomTensor([n, n], n).data()) as Float32Array;
    const g = (await randomTensor([n], n + 1).data()) as Float32Array;
    const want = await composedOnCpu(p, g, n);
    const run = vi.spyOn(native().pool, 'run');
    const mine = await ours(p, g, n);
    expect(run.mock.calls.map((c) => c[0])).toEqual([KERNEL.scaledSymmetricSumPart]);
    setNativeKernelsEnabled(false);
    const loop = await ours(p, g, n);
    expect(run).toHaveBeenCalledTimes(1);
    expect(bits(mine).equals(bits(want))).toBe(true);
    expect(bits(loop).equals(bits(want))).toBe(true);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < i; j++) expect(mine[i * n + j]).toBe(mine[j * n + i]);
  });

  it('handles n = 0, leaks nothing, and rejects wrong shapes or dtypes', async () => {
    expect(Array.from(await ours(new Float32Array(0), new Float32Array(0), 0))).toEqual([]);
    const [p, g] = [randomTensor([8, 8], 1), randomTensor([8], 2)];
    await expectNoLeak(() => {
      tf.dispose(tf.engine().runKernel(NAME, { p, g }, {}) as tf.Tensor);
    });
    const [short, int] = [tf.zeros([7]), tf.zeros([8], 'int32')];
    expect(() => tf.engine().runKernel(NAME, { p, g: short }, {})).toThrow(
      /expected p \[n, n\] and g \[n\], got \[8,8\] and \[7\]/,
    );
    expect(() => tf.engine().runKernel(NAME, { p, g: int }, {})).toThrow(/input g must be float32/);
    tf.dispose([p, g, short, int]);
  });
});
