// TesseraGram on wasm (native/gram.c, and BatchMatMul until the native kernels are ready) against
// the definition: the native kernel sums each element in order of k in float32, so a float32
// emulation of that order gives its bits exactly — whichever part computes which tile, on one
// thread here and on two from node-threads.test.ts. Sizes around the 4 × 8 tiles and the diagonal
// (tails of rows and columns, m < 4, k = 1), the contrastive losses' shapes; the matrix is
// symmetric to the bit; BatchMatMul agrees to float32 rounding.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { maxRelativeError, randomTensor, useNativeKernels } from '../kernel-test-helpers';
import { KERNEL, setNativeKernelsEnabled } from './native-kernels';

const NAME = TESSERA_KERNELS.gram;

/** g[i][j] = Σ_k u[i][k]·u[j][k], each product and partial sum rounded to float32 in order of k. */
function inOrder(u: Float32Array, m: number, k: number): Float32Array {
  const g = new Float32Array(m * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      let acc = 0;
      for (let kk = 0; kk < k; kk++)
        acc = Math.fround(acc + Math.fround(u[i * k + kk]! * u[j * k + kk]!));
      g[i * m + j] = acc;
    }
  return g;
}

async function ours(u: tf.Tensor): Promise<Float32Array> {
  const g = tf.engine().runKernel(NAME, { u }, {}) as tf.Tensor;
  const out = (await g.data()) as Float32Array;
  g.dispose();
  return out;
}

const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('TesseraGram on wasm', () => {
  const native = useNativeKernels();

  it.each([
    { name: 'NT-Xent at N = 64 (128 rows, k = 128)', m: 128, k: 128 },
    { name: 'tails of rows and columns (67 × 33)', m: 67, k: 33 },
    { name: 'a tile wide, odd k (9 × 129)', m: 9, k: 129 },
    { name: 'fewer rows than a tile (3 × 5)', m: 3, k: 5 },
    { name: 'one row', m: 1, k: 4 },
    { name: 'k = 1', m: 13, k: 1 },
    { name: 'SupCon-sized rows, short k (515 × 12)', m: 515, k: 12 },
  ])('is the float32 sum in order of k to the bit, and symmetric: $name', async ({ m, k }) => {
    const u = randomTensor([m, k], m + k);
    const want = inOrder((await u.data()) as Float32Array, m, k);
    const run = vi.spyOn(native().pool, 'run');
    const mine = await ours(u);
    expect(run.mock.calls.map((c) => c[0])).toEqual([KERNEL.gramPart]);
    // the SIMD128 build rounds each product, then each sum, as the emulation here does; the
    // relaxed-SIMD build's fused multiply-adds round once, so it agrees to float32 rounding
    if (native().instructions === 'simd128') expect(bits(mine).equals(bits(want))).toBe(true);
    else expect(maxRelativeError(mine, want)).toBeLessThan(1e-5);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < i; j++) expect(mine[i * m + j]).toBe(mine[j * m + i]);
    setNativeKernelsEnabled(false);
    const matmul = await ours(u);
    expect(run).toHaveBeenCalledTimes(1);
    expect(maxRelativeError(matmul, want)).toBeLessThan(1e-5);
    u.dispose();
  });

  it('gives zeros for k = 0 and an empty matrix for m = 0; leaks nothing', async () => {
    const none = tf.zeros([3, 0]);
    expect(Array.from(await ours(none))).toEqual(new Array(9).fill(0));
    const empty = tf.engine().runKernel(NAME, { u: tf.zeros([0, 4]) }, {}) as tf.Tensor;
    expect(empty.shape).toEqual([0, 0]);
    const u = randomTensor([40, 16], 3);
    await expectNoLeak(() => {
      tf.dispose(tf.engine().runKernel(NAME, { u }, {}) as tf.Tensor);
    });
    tf.dispose([none, empty, u]);
  });

  it('rejects a non-float or non-matrix input', () => {
    const [int, cube] = [tf.zeros([2, 3], 'int32'), tf.zeros([2, 3, 4])];
    expect(() => tf.engine().runKernel(NAME, { u: int }, {})).toThrow(/must be float32/);
    expect(() => tf.engine().runKernel(NAME, { u: cube }, {})).toThrow(/must be a matrix/);
    tf.dispose([int, cube]);
  });
});
