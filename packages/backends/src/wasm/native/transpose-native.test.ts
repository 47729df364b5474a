// Transpose on wasm (transpose.ts: native/transpose.c for a swap of the last two axes, the shipped
// kernel otherwise and until the native kernels are ready) against the definition, to the bit:
// sizes around the 4×4 blocks and the 64×64 tiles (edges of 1–3 rows or columns), a batch of
// matrices, single rows and columns, int32 data with values float32 cannot hold; other
// permutations still go to the shipped kernel. Runs here single-threaded and from
// node-threads.test.ts on two.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useNativeKernels } from '../kernel-test-helpers';
import { KERNEL, setNativeKernelsEnabled } from './native-kernels';

/** x[..., i, j] → out[..., j, i] by index arithmetic. */
function definition(x: ArrayLike<number>, batch: number, rows: number, cols: number): number[] {
  const out = new Array<number>(x.length);
  for (let b = 0; b < batch; b++)
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++)
        out[b * rows * cols + j * rows + i] = x[b * rows * cols + i * cols + j]!;
  return out;
}

/** Distinct values that identify their position (exact in float32 below 2²⁴; int32 beyond it). */
function positions(count: number, dtype: 'float32' | 'int32'): Float32Array | Int32Array {
  return dtype === 'int32'
    ? Int32Array.from({ length: count }, (_, k) => 2 ** 30 + 7 * k + 1)
    : Float32Array.from({ length: count }, (_, k) => k * 0.5 - 3);
}

/** Every value equal (a loop: `toEqual` on millions of elements takes seconds). */
function same(got: ArrayLike<number>, want: readonly number[]): boolean {
  if (got.length !== want.length) return false;
  for (let k = 0; k < want.length; k++) if (got[k] !== want[k]) return false;
  return true;
}

describe('Transpose on wasm', () => {
  const native = useNativeKernels();

  it.each([
    { name: 'a square matrix of whole tiles', shape: [128, 128] },
    { name: 'edges on both axes (67 × 130)', shape: [67, 130] },
    { name: 'NT-Xent-sized (2048 × 2048 → tiles over both parts)', shape: [2048, 2048] },
    { name: 'a tall embedding matrix (515 × 9)', shape: [515, 9] },
    { name: 'one row', shape: [1, 13] },
    { name: 'one column', shape: [11, 1] },
    { name: 'a batch of 3 matrices of 5 × 6', shape: [3, 5, 6] },
    { name: 'rank 4, batch 2 × 2 of 66 × 3', shape: [2, 2, 66, 3] },
  ])('swaps the last two axes to the bit, native and shipped: $name', async ({ shape }) => {
    const r = shape.length;
    const [rows, cols] = [shape[r - 2]!, shape[r - 1]!];
    const batch = shape.slice(0, r - 2).reduce((a, b) => a * b, 1);
    const perm = [...shape.keys()].map((i) => (i < r - 2 ? i : 2 * r - 3 - i));
    for (const dtype of ['float32', 'int32'] as const) {
      const values = positions(batch * rows * cols, dtype);
      const want = definition(values, batch, rows, cols);
      const x = tf.tensor(values, shape, dtype);
      const run = vi.spyOn(native().pool, 'run');
      const mine = tf.transpose(x, perm);
      expect(run.mock.calls.map((c) => c[0])).toEqual([KERNEL.transposePart]);
      expect(mine.shape).toEqual([...shape.slice(0, r - 2), cols, rows]);
      expect(mine.dtype).toBe(dtype);
      expect(same(await mine.data(), want)).toBe(true);
      setNativeKernelsEnabled(false);
      const shipped = tf.transpose(x, perm);
      expect(run).toHaveBeenCalledTimes(1);
      expect(same(await shipped.data(), want)).toBe(true);
      setNativeKernelsEnabled(true);
      run.mockRestore();
      tf.dispose([x, mine, shipped]);
    }
  });

  it('leaves other permutations, bool data and empty tensors to the shipped kernel', async () => {
    const run = vi.spyOn(native().pool, 'run');
    const x = tf.tensor3d(
      Float32Array.from({ length: 24 }, (_, k) => k),
      [2, 3, 4],
    );
    const moved = tf.transpose(x, [1, 0, 2]);
    expect(Array.from(await moved.data())).toEqual([
      0, 1, 2, 3, 12, 13, 14, 15, 4, 5, 6, 7, 16, 17, 18, 19, 8, 9, 10, 11, 20, 21, 22, 23,
    ]);
    const flags = tf.tensor2d([true, false, false, true, true, false], [2, 3], 'bool');
    expect(Array.from(await tf.transpose(flags).data())).toEqual([1, 1, 0, 1, 0, 0]);
    const empty = tf.transpose(tf.zeros([0, 5]));
    expect(empty.shape).toEqual([5, 0]);
    expect(run).not.toHaveBeenCalled();
    tf.dispose([x, moved, flags, empty]);
  });

  it('leaks nothing', async () => {
    const x = tf.ones([70, 33]);
    await expectNoLeak(() => {
      tf.dispose(tf.transpose(x));
    });
    x.dispose();
  });
});
