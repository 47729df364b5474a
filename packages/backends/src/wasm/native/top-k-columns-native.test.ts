// TesseraTopKColumns on wasm (native/top-k-columns.c, and the JavaScript loop it replaces until the
// native kernels are ready) against the definition written out here: each column's rows sorted by
// value, descending, the lower index first among equal values, NaN below every number; the first
// k kept. Shapes whose columns are not a multiple of 16 or 4 (every path of the kernel), k = 1 and
// k = n, ties made on purpose, ±∞ and NaN, and data in ascending order (every row enters every
// list). Runs here single-threaded and from node-threads.test.ts on two.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, TESSERA_KERNELS } from '@tessera/core';
import { expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useNativeKernels } from '../kernel-test-helpers';
import { KERNEL, setNativeKernelsEnabled } from './native-kernels';

const NAME = TESSERA_KERNELS.topKColumns;

/** Sort order of the definition: larger first, NaN last, then the lower index. */
function definition(x: Float32Array, n: number, m: number, k: number) {
  const rank = (v: number) => (Number.isNaN(v) ? -Infinity : v);
  const values: number[] = [];
  const indices: number[] = [];
  for (let j = 0; j < m; j++) {
    const rows = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
      const [va, vb] = [x[a * m + j]!, x[b * m + j]!];
      if (Number.isNaN(va) !== Number.isNaN(vb)) return Number.isNaN(va) ? 1 : -1;
      return rank(vb) - rank(va) || a - b;
    });
    for (const i of rows.slice(0, k)) {
      values.push(x[i * m + j]!);
      indices.push(i);
    }
  }
  return { values, indices };
}

async function ours(x: Float32Array, n: number, m: number, k: number) {
  const input = tf.tensor2d(x, [n, m]);
  const [v, i] = tf.engine().runKernel(NAME, { x: input }, { k }) as tf.Tensor[];
  const out = { values: Array.from(await v!.data()), indices: Array.from(await i!.data()) };
  expect(v!.shape).toEqual([m, k]);
  expect(i!.dtype).toBe('int32');
  tf.dispose([v!, i!, input]);
  return out;
}

const normal = (length: number, seed: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => rng.normal());
};

describe('TesseraTopKColumns on wasm', () => {
  const native = useNativeKernels();

  it.each([
    { name: 'kNN-sized blocks (16-column path)', n: 600, m: 64, k: 20, data: normal },
    { name: 'odd columns: 16s, 4s and a scalar tail', n: 97, m: 39, k: 5, data: normal },
    { name: 'k = 1', n: 33, m: 7, k: 1, data: normal },
    { name: 'k = n', n: 9, m: 18, k: 9, data: normal },
    {
      name: 'ties: five values only',
      n: 200,
      m: 21,
      k: 12,
      data: (length: number, seed: number) =>
        Float32Array.from(normal(length, seed), (v) => Math.round(v * 2) / 2),
    },
    {
      name: '±∞ and NaN among the values',
      n: 80,
      m: 20,
      k: 10,
      data: (length: number, seed: number) =>
        Float32Array.from(normal(length, seed), (v, i) =>
          i % 7 === 0 ? NaN : i % 11 === 0 ? Infinity : i % 13 === 0 ? -Infinity : v,
        ),
    },
    {
      name: 'a column of NaN only, and ascending data',
      n: 50,
      m: 17,
      k: 8,
      data: (length: number) =>
        Float32Array.from({ length }, (_, i) => (i % 17 === 16 ? NaN : Math.floor(i / 17))),
    },
  ])('matches the definition, native and JavaScript: $name', async ({ n, m, k, data }) => {
    const x = data(n * m, n + m);
    const want = definition(x, n, m, k);
    const run = vi.spyOn(native().pool, 'run');
    expect(await ours(x, n, m, k)).toEqual(want);
    expect(run.mock.calls.map((c) => c[0])).toEqual([KERNEL.topKColumnsPart]);
    setNativeKernelsEnabled(false);
    expect(await ours(x, n, m, k)).toEqual(want);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('gives what tf.topk gives on the transpose, for data without ties or NaN', async () => {
    const [n, m, k] = [500, 37, 20];
    const x = normal(n * m, 3);
    const xt = tf.transpose(tf.tensor2d(x, [n, m]));
    const { values, indices } = tf.topk(xt, k, true);
    expect(await ours(x, n, m, k)).toEqual({
      values: Array.from(await values.data()),
      indices: Array.from(await indices.data()),
    });
    tf.dispose([xt, values, indices]);
  });

  it('handles no columns, leaks nothing, and rejects a bad k, shape or dtype', async () => {
    expect(await ours(new Float32Array(0), 4, 0, 2)).toEqual({ values: [], indices: [] });
    const x = tf.zeros([6, 5]);
    await expectNoLeak(() => {
      tf.dispose(tf.engine().runKernel(NAME, { x }, { k: 3 }) as tf.Tensor[]);
    });
    const run = (input: tf.Tensor, k: unknown) =>
      tf.engine().runKernel(NAME, { x: input }, { k } as never);
    expect(() => run(x, 7)).toThrow(/k must be an integer in \[1, 6\]/);
    expect(() => run(x, 0)).toThrow(/k must be an integer in \[1, 6\]/);
    expect(() => run(x, 2.5)).toThrow(/k must be an integer/);
    const [flat, ints] = [tf.zeros([6]), tf.zeros([6, 5], 'int32')];
    expect(() => run(flat, 1)).toThrow(/x must be a matrix/);
    expect(() => run(ints, 1)).toThrow(/input x must be float32, got int32/);
    tf.dispose([x, flat, ints]);
  });
});
