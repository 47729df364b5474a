// TesseraInt16MatMul on wasm (native/int16-matmul.c, and the JavaScript loop it replaces until the
// native kernels are ready) against the definition: exact integer dot products, scaled in float32
// by the row's then the column's scale. Sizes with tails in both tiles (an odd row count, columns
// past the groups of four, fewer columns than parts), int16's extremes, a zero-padded K. Both
// give the same bits. Runs here single-threaded and from node-threads.test.ts on two.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, TESSERA_KERNELS } from '@tessera/core';
import { expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useNativeKernels } from '../kernel-test-helpers';
import { KERNEL, setNativeKernelsEnabled } from './native-kernels';

const NAME = TESSERA_KERNELS.int16MatMul;

/** Seeded int16 rows `[rows, k]` in `[lo, hi]`, and positive scales. */
function operands(m: number, n: number, k: number, [lo, hi]: [number, number], seed: number) {
  const rng = createRng(seed);
  const ints = (rows: number) =>
    Int16Array.from({ length: rows * k }, () => lo + Math.floor(rng.uniform() * (hi - lo + 1)));
  const scales = (rows: number) => Float32Array.from({ length: rows }, () => 0.01 + rng.uniform());
  return { a: ints(m), b: ints(n), as: scales(m), bs: scales(n) };
}

/** The definition: exact sums (float64 holds them), then float32 products in the contract's order. */
function reference({ a, b, as, bs }: ReturnType<typeof operands>, m: number, n: number, k: number) {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let c = 0; c < k; c++) dot += a[i * k + c]! * b[j * k + c]!;
      out[i * n + j] = Math.fround(Math.fround(dot) * as[i]!) * bs[j]!;
    }
  return out;
}

/** Runs the kernel on the operands, packed as the contract says (int16 pairs in int32s). */
async function ours(
  { a, b, as, bs }: ReturnType<typeof operands>,
  m: number,
  n: number,
  k: number,
  attrs: { transposeOutput?: boolean } = {},
) {
  const packed = (x: Int16Array, rows: number) =>
    tf.tensor2d(new Int32Array(x.buffer, x.byteOffset, x.length / 2), [rows, k / 2], 'int32');
  const inputs = {
    a: packed(a, m),
    b: packed(b, n),
    aScale: tf.tensor1d(as),
    bScale: tf.tensor1d(bs),
  };
  const out = tf.engine().runKernel(NAME, inputs, attrs) as tf.Tensor;
  const values = (await out.data()) as Float32Array;
  tf.dispose([out, ...Object.values(inputs)]);
  return values;
}

describe('TesseraInt16MatMul on wasm', () => {
  const native = useNativeKernels();

  it.each([
    {
      name: '8-bit pixels, kNN-sized block (64 × 203, K = 784)',
      m: 64,
      n: 203,
      k: 784,
      range: [0, 255],
    },
    {
      name: 'an odd row count and a column tail (7 × 13, K = 8)',
      m: 7,
      n: 13,
      k: 8,
      range: [-9, 9],
    },
    { name: 'fewer columns than parts (3 × 2, K = 16)', m: 3, n: 2, k: 16, range: [0, 255] },
    { name: 'one row, one column (1 × 1, K = 24)', m: 1, n: 1, k: 24, range: [-255, 255] },
    // K · 32767² < 2³¹ only for K = 1: extremes in the first column, the rest zero-padded
    {
      name: 'int16 extremes, zero-padded K (5 × 9, K = 8)',
      m: 5,
      n: 9,
      k: 8,
      range: [0, 0],
      extremes: true,
    },
  ] as const)('equals the exact definition, native and JavaScript: $name', async (c) => {
    const { m, n, k } = c;
    const x = operands(m, n, k, [...c.range], m * 1000 + n);
    if ('extremes' in c)
      for (const [rows, t] of [
        [m, x.a],
        [n, x.b],
      ] as const)
        for (let r = 0; r < rows; r++) t[r * k] = r % 2 ? -32768 : 32767;
    const want = reference(x, m, n, k);
    const run = vi.spyOn(native().pool, 'run');
    const mine = await ours(x, m, n, k);
    expect(run.mock.calls.map((call) => call[0])).toEqual([KERNEL.int16MatMulPart]);
    setNativeKernelsEnabled(false);
    const loop = await ours(x, m, n, k);
    expect(run).toHaveBeenCalledTimes(1);
    expect(Array.from(mine)).toEqual(Array.from(want));
    expect(Array.from(loop)).toEqual(Array.from(want));
  });

  it.each([
    { m: 64, n: 203, k: 784, range: [0, 255] },
    { m: 7, n: 13, k: 8, range: [-9, 9] },
    { m: 3, n: 2, k: 16, range: [-255, 255] },
  ] as const)(
    'transposeOutput writes out[j, i], native and JavaScript: $m × $n, K = $k',
    async ({ m, n, k, range }) => {
      const x = operands(m, n, k, [...range], 7 * m + n);
      const want = reference(x, m, n, k);
      const transposed = Float32Array.from({ length: m * n }, (_, t) => {
        const [j, i] = [Math.floor(t / m), t % m];
        return want[i * n + j]!;
      });
      const run = vi.spyOn(native().pool, 'run');
      const mine = await ours(x, m, n, k, { transposeOutput: true });
      expect(run).toHaveBeenCalledTimes(1);
      setNativeKernelsEnabled(false);
      const loop = await ours(x, m, n, k, { transposeOutput: true });
      expect(Array.from(mine)).toEqual(Array.from(transposed));
      expect(Array.from(loop)).toEqual(Array.from(transposed));
    },
  );

  it('leaks nothing; rejects wrong dtypes, a K that is not a multiple of 8 and mismatched scales', async () => {
    const x = operands(4, 6, 8, [0, 255], 1);
    await expectNoLeak(async () => {
      await ours(x, 4, 6, 8);
    });
    const ints = (shape: [number, number]) => tf.zeros(shape, 'int32');
    const run = (a: tf.Tensor, b: tf.Tensor, as: tf.Tensor, bs: tf.Tensor) =>
      tf.engine().runKernel(NAME, { a, b, aScale: as, bScale: bs }, {});
    const [s2, s3] = [tf.ones([2]), tf.ones([3])];
    expect(() => run(tf.zeros([2, 4]), ints([3, 4]), s2, s3)).toThrow(
      /input a must be int32, got float32/,
    );
    expect(() => run(ints([2, 3]), ints([3, 3]), s2, s3)).toThrow(/K a multiple of 8, got \[2,3\]/);
    expect(() => run(ints([2, 4]), ints([3, 8]), s2, s3)).toThrow(/K a multiple of 8/);
    expect(() => run(ints([2, 4]), ints([3, 4]), s3, s3)).toThrow(
      /aScale and bScale must be \[2\] and \[3\]/,
    );
    expect(() =>
      tf
        .engine()
        .runKernel(
          NAME,
          { a: ints([2, 4]), b: ints([3, 4]), aScale: s2, bScale: s3 },
          { transposeOutput: 1 },
        ),
    ).toThrow(/transposeOutput must be a boolean, got 1/);
  });
});
