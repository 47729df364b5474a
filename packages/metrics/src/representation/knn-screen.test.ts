// The kNN's int16 screen of float rows: every screened cosine — the int16 kernel's output as its
// contract defines it — lies within the test row's slack of the exact cosine, for rows
// spread over every value, sparse non-negative rows (ReLU features) and rows with one large value;
// and the re-rank takes the exact k nearest, over every training row where the window of the
// bound reaches past the screen's candidates.
import * as tf from '@tensorflow/tfjs-core';
import { createRng, TESSERA_KERNELS } from '@tessera/core';
import { describeWithBackends } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { rankEvery, rerank } from './knn-rerank';
import { screenRows } from './knn-screen';

/** Unit rows `[n, width]` (float32), as the kNN normalises them. */
function unitRows(n: number, width: number, value: () => number): tf.Tensor2D {
  return tf.tidy(() => {
    const x = tf.tensor2d(Float32Array.from({ length: n * width }, value), [n, width]);
    return tf.div(x, tf.maximum(tf.norm(x, 'euclidean', 1, true), 1e-12)) as tf.Tensor2D;
  });
}

/** The rounded rows as int16 values, `width` per row (the packing's zero padding dropped). */
function ints(packed: tf.Tensor2D, width: number): Int16Array {
  const words = packed.dataSync() as Int32Array;
  const all = new Int16Array(words.buffer, words.byteOffset, 2 * words.length);
  const k = 2 * packed.shape[1];
  return Int16Array.from({ length: packed.shape[0] * width }, (_, i) => {
    const [r, c] = [Math.floor(i / width), i % width];
    return all[r * k + c]!;
  });
}

/** The float64 product of row `q` of `test` and row `t` of `train` (float32 unit rows). */
function exactCosine(test: tf.Tensor2D, train: tf.Tensor2D, q: number, t: number): number {
  const [a, b] = [test.dataSync(), train.dataSync()];
  const width = train.shape[1];
  let dot = 0;
  for (let d = 0; d < width; d++) dot += a[q * width + d]! * b[t * width + d]!;
  return dot;
}

describeWithBackends('kNN int16 screen', () => {
  it.each([
    { name: 'normal values', value: (r: ReturnType<typeof createRng>) => r.normal() },
    {
      name: 'sparse non-negative values',
      value: (r: ReturnType<typeof createRng>) => (r.uniform() < 0.7 ? 0 : r.uniform()),
    },
    {
      name: 'one large value per row',
      value: (r: ReturnType<typeof createRng>) => (r.uniform() < 0.02 ? 50 : 1e-3 * r.normal()),
    },
  ])('bounds every screened cosine by the slack: $name', ({ value }) => {
    const rng = createRng(3);
    const [n, m, width] = [120, 30, 96];
    const train = unitRows(n, width, () => value(rng));
    // the first test rows are training rows: cosines of 1, the largest sums the kernel takes
    const test = tf.concat([tf.slice(train, 0, 10), unitRows(m - 10, width, () => value(rng))]);
    const s = screenRows(train, test as tf.Tensor2D, 10)!;
    const [qa, qb] = [ints(s.test, width), ints(s.train, width)];
    const [as, bs] = [s.testScale.dataSync(), s.trainScale.dataSync()];
    // the int16 kernel where the backend has it, else its contract in float64
    const kernel = tf.getKernel(TESSERA_KERNELS.int16MatMul, tf.getBackend())
      ? (tf.engine().runKernel(TESSERA_KERNELS.int16MatMul, {
          a: s.test,
          b: s.train,
          aScale: s.testScale,
          bScale: s.trainScale,
        }) as tf.Tensor)
      : null;
    const computed = kernel?.dataSync();
    let worst = 0;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let dot = 0;
        let magnitude = 0;
        for (let c = 0; c < width; c++) {
          dot += qa[i * width + c]! * qb[j * width + c]!;
          magnitude += Math.abs(qa[i * width + c]! * qb[j * width + c]!);
        }
        expect(magnitude).toBeLessThan(2 ** 31); // no partial sum overflows int32
        // the kernel's contract: float32(Σ) · aScale[i], then · bScale[j], each rounded to float32
        const screened = Math.fround(Math.fround(Math.fround(dot) * as[i]!) * bs[j]!);
        if (computed) expect(computed[i * n + j]).toBe(screened);
        const exact = exactCosine(test as tf.Tensor2D, train, i, j);
        expect(s.exact(i, j)).toBe(exact);
        const error = Math.abs(screened - exact);
        expect(error).toBeLessThanOrEqual(s.slack[i]!);
        expect(Math.abs(s.screened(i, j) - screened)).toBeLessThan(1e-6);
        worst = Math.max(worst, error / s.slack[i]!);
      }
    expect(worst).toBeGreaterThan(0);
    tf.dispose([
      train,
      test,
      s.train,
      s.test,
      s.trainScale,
      s.testScale,
      ...(kernel ? [kernel] : []),
    ]);
  });

  it('re-ranks candidates while they can be among the nearest; lists rows whose candidates run out', () => {
    const rng = createRng(4);
    const [n, width, k] = [80, 16, 3];
    const train = unitRows(n, width, () => rng.normal());
    const test = unitRows(2, width, () => rng.normal());
    const s = screenRows(train, test, k)!;
    const c = s.candidates;
    const exactTop = (q: number) =>
      Array.from({ length: n }, (_, t) => ({ t, v: exactCosine(test, train, q, t) }))
        .sort((a, b) => b.v - a.v || a.t - b.t)
        .slice(0, k);
    // row 0: candidates of screened cosines that, as far as the screen can tell, are all equal;
    // the true nearest rows are left out of them, so only the full ranking finds them
    const near = new Set(exactTop(0).map((e) => e.t));
    const others = Array.from({ length: n }, (_, t) => t).filter((t) => !near.has(t));
    // row 1: the true neighbours among well-separated candidates
    const ranked1 = exactTop(1).map((e) => e.t);
    const rest1 = Array.from({ length: n }, (_, t) => t).filter((t) => !ranked1.includes(t));
    const values = new Float32Array(2 * c);
    const indices = new Int32Array(2 * c);
    for (let j = 0; j < c; j++) {
      values[j] = 0.5;
      indices[j] = others[j]!;
      values[c + j] = j < k ? 0.9 - 0.01 * j : -1;
      indices[c + j] = j < k ? ranked1[j]! : rest1[j]!;
    }
    const { sims, idx, short } = rerank(s, k, [0, 1], values, indices);
    // row 0's candidates ran out with rows outside them as near as the screen can tell
    expect(short).toEqual([0]);
    expect(Array.from(idx.subarray(k))).toEqual(ranked1);
    expect(Array.from(sims.subarray(k))).toEqual(
      ranked1.map((t) => exactCosine(test, train, 1, t)),
    );
    rankEvery(s, k, 0, sims, idx, 0);
    expect(Array.from(idx.subarray(0, k))).toEqual(exactTop(0).map((e) => e.t));
    expect(Array.from(sims.subarray(0, k))).toEqual(exactTop(0).map((e) => e.v));
    tf.dispose([train, test, s.train, s.test, s.trainScale, s.testScale]);
  });

  it('leaves data with a value that is not finite to the float32 path', () => {
    const x = tf.tensor2d([
      [1, NaN],
      [0, 1],
    ]);
    expect(screenRows(x, x, 1)).toBeNull();
    x.dispose();
  });
});
