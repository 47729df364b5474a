import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { linearProbe } from '@tessera/metrics';
import { expect, it } from 'vitest';
import { standardize } from './standardize';

// 6 training rows × 3 columns, the middle one constant; 2 test rows
const train = Float32Array.from([1, 5, 0.5, 2, 5, -1, 4, 5, 2, 0, 5, 1, 3, 5, -2, 1, 5, 0]);
const test = Float32Array.from([2, 7, 1, -1, 3, 0]);

it('standardises each column with the training mean and population std, as StandardScaler', () => {
  const s = standardize(train, test, 3);
  expect(s.dim).toBe(2);
  for (const [j, d] of [0, 2].entries()) {
    const col = Array.from({ length: 6 }, (_, i) => train[i * 3 + d] as number);
    const mean = col.reduce((a, b) => a + b) / 6;
    const std = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / 6);
    for (let i = 0; i < 6; i++)
      expect(s.train[i * 2 + j]).toBe(Math.fround(((col[i] as number) - mean) / std));
    for (let i = 0; i < 2; i++)
      expect(s.test[i * 2 + j]).toBe(Math.fround(((test[i * 3 + d] as number) - mean) / std));
  }
});

it('leaves out constant columns without changing what a probe learns', async () => {
  tf.setBackend('cpu');
  const labels = [0, 1, 1, 0, 1, 0];
  const kept = standardize(train, test, 3);
  // the same data with the constant column standardised as 0 (what StandardScaler gives it)
  const full = Float32Array.from({ length: 18 }, (_, k) =>
    k % 3 === 1 ? 0 : (kept.train[Math.floor(k / 3) * 2 + (k % 3 === 0 ? 0 : 1)] as number),
  );
  const fullTest = Float32Array.from({ length: 6 }, (_, k) =>
    k % 3 === 1
      ? (test[k] as number) - 5
      : (kept.test[Math.floor(k / 3) * 2 + (k % 3 === 0 ? 0 : 1)] as number),
  );
  const options = { solver: 'lbfgs', weightDecay: 1 / 6, maxIterations: 100 } as const;
  const a = await linearProbe(
    tf.tensor2d(kept.train, [6, 2]),
    labels,
    tf.tensor2d(kept.test, [2, 2]),
    [0, 1],
    options,
  );
  const b = await linearProbe(
    tf.tensor2d(full, [6, 3]),
    labels,
    tf.tensor2d(fullTest, [2, 3]),
    [0, 1],
    options,
  );
  expect(Array.from(a.predictions)).toEqual(Array.from(b.predictions));
  expect(a.objective).toBe(b.objective);
});
