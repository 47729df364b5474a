// TesseraSoftmaxRegression on wasm (native/softmax-regression.c, and the float64 loop it replaces
// until the native kernels are ready) against the definition computed here in float64: each
// row's log-sum-exp minus its label's logit, summed, and xᵀ·(softmax − onehot) with its column
// sums. Sizes with a last block of fewer than 4 rows, classes padded to a multiple of 4 (and one
// class), fewer blocks than parts, logits spread wide enough that exp underflows. Runs here
// single-threaded and from node-threads.test.ts on two.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, TESSERA_KERNELS } from '@tessera/core';
import { expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { maxRelativeError, useNativeKernels } from '../kernel-test-helpers';
import { KERNEL, setNativeKernelsEnabled } from './native-kernels';

const NAME = TESSERA_KERNELS.softmaxRegression;

/** Seeded rows, weights (scaled by `spread`), bias and labels covering every class. */
function operands(n: number, d: number, c: number, spread: number, seed: number) {
  const rng = createRng(seed);
  const normal = (count: number, scale: number) =>
    Float32Array.from({ length: count }, () => scale * rng.normal());
  return {
    x: normal(n * d, 1),
    w: normal(d * c, spread / Math.sqrt(d)),
    b: normal(c, spread),
    labels: Int32Array.from({ length: n }, (_, i) => (i < c ? i : Math.floor(rng.uniform() * c))),
  };
}

/** The definition in float64. */
function reference(
  { x, w, b, labels }: ReturnType<typeof operands>,
  n: number,
  d: number,
  c: number,
) {
  let loss = 0;
  const dw = new Float64Array(d * c);
  const db = new Float64Array(c);
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: c }, (_, j) => {
      let s = b[j]!;
      for (let k = 0; k < d; k++) s += x[i * d + k]! * w[k * c + j]!;
      return s;
    });
    const m = Math.max(...z);
    const lse = m + Math.log(z.reduce((t, v) => t + Math.exp(v - m), 0));
    loss += lse - z[labels[i]!]!;
    for (let j = 0; j < c; j++) {
      const r = Math.exp(z[j]! - lse) - (j === labels[i] ? 1 : 0);
      db[j] = db[j]! + r;
      for (let k = 0; k < d; k++) dw[k * c + j] = dw[k * c + j]! + x[i * d + k]! * r;
    }
  }
  return { loss, dw, db };
}

async function ours(
  { x, w, b, labels }: ReturnType<typeof operands>,
  n: number,
  d: number,
  c: number,
) {
  const inputs = {
    x: tf.tensor2d(x, [n, d]),
    w: tf.tensor2d(w, [d, c]),
    b: tf.tensor1d(b),
    labels: tf.tensor1d(labels, 'int32'),
  };
  const out = tf.engine().runKernel(NAME, inputs, {}) as tf.Tensor[];
  expect(out.map((t) => t.shape)).toEqual([[], [d, c], [c]]);
  const [loss, dw, db] = await Promise.all(out.map((t) => t.data()));
  tf.dispose([...out, ...Object.values(inputs)]);
  return { loss: loss![0]!, dw: dw!, db: db! };
}

describe('TesseraSoftmaxRegression on wasm', () => {
  const native = useNativeKernels();

  it.each([
    {
      name: 'a probe-sized block, a 3-row last block, 10 classes (103 × 37)',
      n: 103,
      d: 37,
      c: 10,
      spread: 3,
    },
    { name: 'classes a multiple of 4 (64 × 16, 8 classes)', n: 64, d: 16, c: 8, spread: 1 },
    { name: 'fewer blocks than parts (6 × 5, 3 classes)', n: 6, d: 5, c: 3, spread: 1 },
    { name: 'wide logits: exp underflows (41 × 12, 5 classes)', n: 41, d: 12, c: 5, spread: 40 },
    { name: 'one class: loss and gradient 0 (9 × 4)', n: 9, d: 4, c: 1, spread: 1 },
  ])('equals the definition, native and JavaScript: $name', async ({ n, d, c, spread }) => {
    const ops = operands(n, d, c, spread, n * 100 + d);
    const want = reference(ops, n, d, c);
    const run = vi.spyOn(native().pool, 'run');
    const mine = await ours(ops, n, d, c);
    expect(run.mock.calls.map((call) => call[0])).toEqual([KERNEL.softmaxRegressionPart]);
    setNativeKernelsEnabled(false);
    const loop = await ours(ops, n, d, c);
    expect(run).toHaveBeenCalledTimes(1);
    for (const got of [mine, loop]) {
      expect(Math.abs(got.loss - want.loss)).toBeLessThanOrEqual(1e-5 * Math.max(1, want.loss));
      expect(maxRelativeError(got.dw, want.dw)).toBeLessThan(1e-5);
      expect(maxRelativeError(got.db, want.db)).toBeLessThan(1e-5);
    }
    if (c === 1) expect([mine.loss, ...mine.dw, ...mine.db].every((v) => v === 0)).toBe(true);
  });

  it('leaks nothing; rejects wrong dtypes, mismatched shapes and labels out of range', async () => {
    await expectNoLeak(async () => {
      await ours(operands(7, 3, 2, 1, 1), 7, 3, 2);
    });
    const run = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, labels: tf.Tensor) =>
      tf.engine().runKernel(NAME, { x, w, b, labels }, {});
    const [x, w, b] = [tf.zeros([4, 3]), tf.zeros([3, 2]), tf.zeros([2])];
    expect(() => run(x, w, b, tf.tensor1d([0, 1, 1, 0]))).toThrow(
      /input labels must be int32, got float32/,
    );
    expect(() => run(tf.zeros([4, 3], 'int32'), w, b, tf.tensor1d([0, 1, 1, 0], 'int32'))).toThrow(
      /input x must be float32/,
    );
    expect(() => run(x, tf.zeros([2, 2]), b, tf.tensor1d([0, 1, 1, 0], 'int32'))).toThrow(
      /must be \[N, D\], \[D, C\], \[C\] and \[N\]/,
    );
    expect(() => run(x, w, b, tf.tensor1d([0, 1, 2, 0], 'int32'))).toThrow(
      /labels must lie in \[0, 2\), got 2 at row 2/,
    );
    expect(() => run(x, w, b, tf.tensor1d([0, -1, 1, 0], 'int32'))).toThrow(/got -1 at row 1/);
  });
});
