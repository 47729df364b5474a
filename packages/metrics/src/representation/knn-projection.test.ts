// The projection screen of wide integer rows (8-bit pixels): its exact similarities are the
// integer path's float32 cosines, no exact similarity exceeds the screened one (as the int16
// kernel computes it) by more than the test row's slack, and its basis is orthonormal; narrow
// rows are left to exact products.
import * as tf from '@tensorflow/tfjs-core';
import { createRng, TESSERA_KERNELS } from '@tessera/core';
import { describeWithBackends } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { integerRows } from './integer-rows';
import { PROJECTION_MIN_WIDTH, projectionScreen } from './knn-projection';
import { orthonormalRows } from './principal-basis';
import { mixedRows } from './knn-test-helpers';

describeWithBackends(
  'kNN projection screen',
  () => {
    it('bounds every exact cosine by its screened one plus the slack; exact as the integer path', () => {
      const rng = createRng(7);
      const width = 200;
      const train = mixedRows(rng, 300, width);
      // the first test rows are training rows (cosines of 1); one test row is zero
      const test = [...train.slice(0, 5), ...mixedRows(rng, 34, width), new Float32Array(width)];
      const matrix = (rows: Float32Array[]) => tf.tensor2d(rows.map((v) => Array.from(v)));
      const [a, b] = [matrix(train), matrix(test)];
      const rows = integerRows(a, b)!;
      const s = projectionScreen(rows.a, rows.b, 10)!;
      expect(s).not.toBeNull();
      // the screen's rows are narrower than the data's
      expect(2 * s.train.shape[1]).toBeLessThanOrEqual(rows.a.width / 2);
      const screened = tf.engine().runKernel(TESSERA_KERNELS.int16MatMul, {
        a: s.test,
        b: s.train,
        aScale: s.testScale,
        bScale: s.trainScale,
      }) as tf.Tensor;
      const values = screened.dataSync();
      const [n, m] = [train.length, test.length];
      const ints = (v: Float32Array) => Array.from(v, (x) => Math.round(x * 255));
      let closest = Infinity;
      for (let q = 0; q < m; q++)
        for (let t = 0; t < n; t++) {
          const [x, y] = [ints(test[q]!), ints(train[t]!)];
          const dot = x.reduce((acc, v, d) => acc + v * y[d]!, 0);
          const norm = (v: number[]) => Math.sqrt(v.reduce((acc, u) => acc + u * u, 0));
          const [nx, ny] = [norm(x), norm(y)];
          // the integer path: float32(Σ) · (1 / ‖x‖), then · (1 / ‖y‖), each rounded to float32
          const inverse = (v: number) => Math.fround(v > 0 ? 1 / v : 0);
          const cosine = Math.fround(Math.fround(Math.fround(dot) * inverse(nx)) * inverse(ny));
          expect(s.exact(q, t)).toBe(cosine);
          expect(s.exact(q, t)).toBeLessThanOrEqual(values[q * n + t]! + s.slack[q]!);
          expect(Math.abs(s.screened(q, t) - values[q * n + t]!)).toBeLessThan(1e-6);
          closest = Math.min(closest, values[q * n + t]! + s.slack[q]! - s.exact(q, t));
        }
      // a bound, not a blanket: some screened similarity is within 0.05 of its exact one
      expect(closest).toBeLessThan(0.05);
      tf.dispose([a, b, rows.a.packed, rows.b.packed, rows.a.inverseNorms, rows.b.inverseNorms]);
      tf.dispose([s.train, s.test, s.trainScale, s.testScale, screened]);
    });

    it('leaves narrow rows to exact products; screens data of few directions in as few', () => {
      const rng = createRng(8);
      const narrow = tf.tensor2d(
        mixedRows(rng, 50, PROJECTION_MIN_WIDTH - 1).map((v) => Array.from(v)),
      );
      const r1 = integerRows(narrow, narrow)!;
      expect(projectionScreen(r1.a, r1.b, 5)).toBeNull();
      // 300 wide rows in the span of 3: integer mixes of 3 rows of values up to 15
      const base = Array.from({ length: 3 }, () =>
        Array.from({ length: 200 }, () => Math.floor(rng.uniform() * 16)),
      );
      const few = tf.tensor2d(
        Array.from({ length: 300 }, () => {
          const c = base.map(() => Math.floor(rng.uniform() * 6));
          return base[0]!.map((_, d) => base.reduce((s, row, j) => s + c[j]! * row[d]!, 0));
        }),
      );
      const r2 = integerRows(few, few)!;
      const s = projectionScreen(r2.a, r2.b, 5)!;
      expect(s.train.shape[1]).toBe(4);
      tf.dispose([s.train, s.test, s.trainScale, s.testScale]);
      for (const r of [r1, r2])
        tf.dispose([r.a.packed, r.b.packed, r.a.inverseNorms, r.b.inverseNorms]);
      tf.dispose([narrow, few]);
    });
  },
  { backends: ['wasm'] },
);

it('orthonormalises rows in order, dropping those in the span of earlier ones', () => {
  const rows = Float64Array.from([3, 4, 0, 6, 8, 0, 1, 1, 1]);
  const q = orthonormalRows(rows, 3, 2);
  expect(q.length).toBe(6);
  expect(Array.from(q.subarray(0, 3))).toEqual([0.6, 0.8, 0]);
  const second = Array.from(q.subarray(3));
  expect(second[0]! * 0.6 + second[1]! * 0.8).toBeCloseTo(0, 14);
  expect(Math.hypot(...second)).toBeCloseTo(1, 14);
  expect(second[2]).toBeGreaterThan(0.5);
});
