// TesseraScaledSymmetricMatMul on wasm (native/scaled-symmetric-matmul.c, and the JavaScript loop
// it replaces until the native kernels are ready) against its definition written out here — each
// a_ij = p[i][j]·g[i] + p[j][i]·g[j] rounded to float32, then Σ_j a_ij·u[j][c] in order of j — to
// the bit, and against the composed ops it replaces (TesseraScaledSymmetricSum, then tf.matMul on
// cpu) to float32 rounding. Sizes around the kernel's blocks: 4-row quads, 8-column panels, 256
// columns of the factor at a time, 16 quads at a time (tails of each), n < 4, the NT-Xent sizes.
// Runs here single-threaded and from node-threads.test.ts on two: the same bits on both.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { maxRelativeError, randomTensor, useNativeKernels } from '../kernel-test-helpers';
import { KERNEL, setNativeKernelsEnabled } from './native-kernels';

const NAME = TESSERA_KERNELS.scaledSymmetricMatMul;
const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** The definition, summed in order of j in float32. */
function definition(p: Float32Array, g: Float32Array, u: Float32Array, n: number, d: number) {
  const f = Math.fround;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < d; c++) {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const a = f(f(p[i * n + j]! * g[i]!) + f(p[j * n + i]! * g[j]!));
        sum = f(sum + f(a * u[j * d + c]!));
      }
      out[i * d + c] = sum;
    }
  return out;
}

async function composedOnCpu(
  p: Float32Array,
  g: Float32Array,
  u: Float32Array,
  n: number,
  d: number,
) {
  await tf.setBackend('cpu');
  const out = tf.tidy(() => {
    const scaled = tf.mul(tf.tensor2d(p, [n, n]), tf.tensor2d(g, [n, 1]));
    return tf.matMul(tf.add(scaled, tf.transpose(scaled)), tf.tensor2d(u, [n, d]));
  });
  const values = (await out.data()) as Float32Array;
  out.dispose();
  await tf.setBackend('wasm');
  return values;
}

async function ours(p: Float32Array, g: Float32Array, u: Float32Array, n: number, d: number) {
  const [pt, gt, ut] = [tf.tensor2d(p, [n, n]), tf.tensor1d(g), tf.tensor2d(u, [n, d])];
  const out = tf.engine().runKernel(NAME, { p: pt, g: gt, u: ut }, {}) as tf.Tensor;
  expect(out.shape).toEqual([n, d]);
  const values = (await out.data()) as Float32Array;
  tf.dispose([pt, gt, ut, out]);
  return values;
}

describe('TesseraScaledSymmetricMatMul on wasm', () => {
  const native = useNativeKernels();

  it.each([
    { name: 'NT-Xent at N = 256 (512 rows, 128 columns)', n: 512, d: 128 },
    { name: 'past 256 columns of the factor and 16 quads, with tails (300 × 20)', n: 300, d: 20 },
    { name: 'tails of 3 rows and 5 columns (67 × 13)', n: 67, d: 13 },
    { name: 'a tail of 1 row, one column (9 × 1)', n: 9, d: 1 },
    { name: 'fewer than four rows (3 × 8)', n: 3, d: 8 },
    { name: 'one row (1 × 4)', n: 1, d: 4 },
  ])('is its definition to the bit, native and JavaScript: $name', async ({ n, d }) => {
    const p = (await randomTensor([n, n], n).data()) as Float32Array;
    const g = (await randomTensor([n], n + 1).data()) as Float32Array;
    const u = (await randomTensor([n, d], n + 2).data()) as Float32Array;
    const want = definition(p, g, u, n, d);
    const run = vi.spyOn(native().pool, 'run');
    const mine = await ours(p, g, u, n, d);
    expect(run.mock.calls.map((c) => c[0])).toEqual([KERNEL.scaledSymmetricMatMulPart]);
    setNativeKernelsEnabled(false);
    const loop = await ours(p, g, u, n, d);
    expect(run).toHaveBeenCalledTimes(1);
    // the SIMD128 build rounds each product, then each sum, as the emulation here does; the
    // relaxed-SIMD build's fused multiply-adds round once, so it agrees to float32 rounding
    if (native().instructions === 'simd128') expect(bits(mine).equals(bits(want))).toBe(true);
    else expect(maxRelativeError(mine, want)).toBeLessThan(1e-5);
    expect(bits(loop).equals(bits(want))).toBe(true);
    const composed = await composedOnCpu(p, g, u, n, d);
    let [worst, scale] = [0, 0];
    for (let k = 0; k < want.length; k++) {
      worst = Math.max(worst, Math.abs(mine[k]! - composed[k]!));
      scale = Math.max(scale, Math.abs(composed[k]!));
    }
    expect(worst).toBeLessThanOrEqual(1e-5 * scale);
  });

  it('handles empty inputs, leaks nothing, and rejects wrong shapes or dtypes', async () => {
    expect(
      Array.from(await ours(new Float32Array(0), new Float32Array(0), new Float32Array(0), 0, 3)),
    ).toEqual([]);
    expect(
      Array.from(await ours(new Float32Array(4), new Float32Array(2), new Float32Array(0), 2, 0)),
    ).toEqual([]);
    const [p, g, u] = [randomTensor([8, 8], 1), randomTensor([8], 2), randomTensor([8, 5], 3)];
    await expectNoLeak(() => {
      tf.dispose(tf.engine().runKernel(NAME, { p, g, u }, {}) as tf.Tensor);
    });
    const [short, tall, int] = [tf.zeros([7]), tf.zeros([9, 5]), tf.zeros([8], 'int32')];
    expect(() => tf.engine().runKernel(NAME, { p, g: short, u }, {})).toThrow(
      /expected p \[n, n\], g \[n\] and u \[n, d\], got \[8,8\], \[7\] and \[8,5\]/,
    );
    expect(() => tf.engine().runKernel(NAME, { p, g, u: tall }, {})).toThrow(
      /got \[8,8\], \[8\] and \[9,5\]/,
    );
    expect(() => tf.engine().runKernel(NAME, { p, g: int, u }, {})).toThrow(
      /input g must be float32/,
    );
    tf.dispose([p, g, u, short, tall, int]);
  });
});
