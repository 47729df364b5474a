import * as tf from '@tensorflow/tfjs-core';
import { createRng, InvalidArgumentError, TESSERA_KERNELS } from '@tessera/core';
import { describeWithBackends, expectNoLeak, loadGolden } from '@tessera/test-utils';
import { afterEach, expect, it, vi } from 'vitest';
import { knnAccuracy, knnAccuracyAsync } from './knn-accuracy';
import { bruteForce } from './knn-test-helpers';

type Inputs = {
  train_embeddings: number[][];
  train_labels: number[];
  test_embeddings: number[][];
  test_labels: number[];
};
const cases = [
  ...loadGolden('retrieval').cases.filter(
    (c) => (c.params as { kind?: string }).kind === 'knn_weighted',
  ),
  ...loadGolden('metrics_extra').cases.filter((c) => (c as { kind?: string }).kind === 'knn'),
];

describeWithBackends('knnAccuracy', ({ backend }) => {
  afterEach(() => vi.restoreAllMocks());

  it.each(cases)('predicts as InstDisc’s weighted kNN (lemniscate.pytorch): $name', async (c) => {
    const i = c.inputs as Inputs;
    const { k, sigma, num_classes } = c.params as { k: number; sigma: number; num_classes: number };
    const e = c.expected as { predictions: number[]; accuracy: number };
    const options = { k, temperature: sigma, numClasses: num_classes, batchSize: 7 };
    const sync = await expectNoLeak(() =>
      knnAccuracy(i.train_embeddings, i.train_labels, i.test_embeddings, i.test_labels, options),
    );
    expect(Array.from(sync.predictions)).toEqual(e.predictions);
    expect(sync.accuracy).toBeCloseTo(e.accuracy, 12);
    const asyncResult = await knnAccuracyAsync(
      tf.tensor2d(i.train_embeddings),
      i.train_labels,
      tf.tensor2d(i.test_embeddings),
      i.test_labels,
      options,
    );
    expect(Array.from(asyncResult.predictions)).toEqual(e.predictions);
  });

  it('agrees with a float64 brute force on random embeddings', () => {
    let state = 7;
    const rand = () => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
    const train = Array.from({ length: 60 }, () => [rand(), rand(), rand(), rand(), rand()]);
    const test = Array.from({ length: 15 }, () => [rand(), rand(), rand(), rand(), rand()]);
    const trainLabels = train.map((_, i) => i % 3);
    const testLabels = test.map((_, i) => i % 3);
    const r = knnAccuracy(train, trainLabels, test, testLabels, { k: 5, temperature: 0.1 });
    // brute force in float64: cosine similarity, 5 nearest, Σ exp(sim / 0.1) per class
    const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
    const expected = test.map((q) => {
      const u = unit(q);
      const near = train
        .map((t, i) => ({ i, sim: unit(t).reduce((a, x, d) => a + x * (u[d] as number), 0) }))
        .sort((a, b) => b.sim - a.sim)
        .slice(0, 5);
      const score = [0, 0, 0];
      for (const { i, sim } of near) score[trainLabels[i] as number]! += Math.exp(sim / 0.1);
      return score.indexOf(Math.max(...score));
    });
    expect(Array.from(r.predictions)).toEqual(expected);
  });

  it.each([
    { name: '8-bit pixels / 255', step: 255, width: 50 },
    { name: 'integers as stored', step: 1, width: 64 },
  ])(
    'integer data ($name) takes exact int16 products where the backend has them; predictions as float64',
    async ({ step, width }) => {
      const rng = createRng(width);
      // sparse 8-bit rows, as digits are; a zero row among the training rows
      const rows = (n: number) =>
        Array.from({ length: n }, () =>
          Float32Array.from({ length: width }, () =>
            rng.uniform() < 0.6 ? 0 : Math.floor(rng.uniform() * 256) / step,
          ),
        );
      const [train, test] = [rows(300), rows(40)];
      train[7]!.fill(0);
      const trainLabels = train.map((_, i) => i % 4);
      const testLabels = test.map((_, i) => (i * 7) % 4);
      const run = vi.spyOn(tf.engine(), 'runKernel');
      const options = { k: 10, temperature: 0.07, batchSize: 7 };
      const r = await expectNoLeak(() =>
        knnAccuracyAsync(train, trainLabels, test, testLabels, options),
      );
      const exact = run.mock.calls.filter(([name]) => name === TESSERA_KERNELS.int16MatMul);
      expect(exact.length).toBe(backend === 'wasm' ? Math.ceil(40 / 7) : 0);
      expect(Array.from(r.predictions)).toEqual(bruteForce(train, trainLabels, test, 10, 0.07, 4));
      expect(knnAccuracy(train, trainLabels, test, testLabels, options).predictions).toEqual(
        r.predictions,
      );
    },
  );

  it('leaves out columns that are zero in every row of either matrix; the same predictions', async () => {
    const rng = createRng(3);
    const width = 40;
    // a blank border: columns 0–9 zero in every training row, 30–39 in every test row
    const rows = (n: number, blank: (c: number) => boolean) =>
      Array.from({ length: n }, () =>
        Float32Array.from({ length: width }, (_, c) =>
          blank(c) || rng.uniform() < 0.5 ? 0 : Math.floor(rng.uniform() * 256) / 255,
        ),
      );
    const train = rows(200, (c) => c < 10);
    const test = rows(30, (c) => c >= 30);
    const trainLabels = train.map((_, i) => i % 4);
    const testLabels = test.map((_, i) => i % 4);
    const run = vi.spyOn(tf.engine(), 'runKernel');
    const options = { k: 7, temperature: 0.07, batchSize: 8 };
    const r = await expectNoLeak(() =>
      knnAccuracyAsync(train, trainLabels, test, testLabels, options),
    );
    const exact = run.mock.calls.filter(([name]) => name === TESSERA_KERNELS.int16MatMul);
    // 20 shared columns, zero-padded to 24: 12 int32 pairs a row
    for (const [, inputs] of exact) expect((inputs as { a: tf.Tensor }).a.shape[1]).toBe(12);
    expect(exact.length).toBe(backend === 'wasm' ? Math.ceil(30 / 8) : 0);
    expect(Array.from(r.predictions)).toEqual(bruteForce(train, trainLabels, test, 7, 0.07, 4));
    // no shared column: every product is 0, every similarity equal (the lowest indices win)
    const apart = rows(30, (c) => c >= 10);
    const none = await knnAccuracyAsync(train, trainLabels, apart, testLabels, options);
    expect(Array.from(none.predictions)).toEqual(bruteForce(train, trainLabels, apart, 7, 0.07, 4));
  });

  it('takes float data’s neighbours column by column where the backend has TesseraTopKColumns', async () => {
    const rng = createRng(11);
    const rows = (n: number) =>
      Array.from({ length: n }, () => Float32Array.from({ length: 24 }, () => rng.normal()));
    const [train, test] = [rows(300), rows(40)];
    // duplicated training rows: equal similarities, the lower index first
    for (let i = 0; i < 30; i++) train[i + 100] = train[i]!;
    const trainLabels = train.map((_, i) => i % 5);
    const testLabels = test.map((_, i) => (i * 3) % 5);
    const run = vi.spyOn(tf.engine(), 'runKernel');
    const options = { k: 10, temperature: 0.07, batchSize: 16 };
    const r = await expectNoLeak(() =>
      knnAccuracyAsync(train, trainLabels, test, testLabels, options),
    );
    const columns = run.mock.calls.filter(([name]) => name === TESSERA_KERNELS.topKColumns);
    expect(columns.length).toBe(backend === 'wasm' ? Math.ceil(40 / 16) : 0);
    expect(Array.from(r.predictions)).toEqual(bruteForce(train, trainLabels, test, 10, 0.07, 5));
  });

  it('screens float data by int16 products where the backend has them; predictions as float64', async () => {
    const rng = createRng(5);
    const rows = (n: number, width: number) =>
      Array.from({ length: n }, () => Float32Array.from({ length: width }, () => rng.normal()));
    // off a common step, values whose int32 sums could overflow, and a zero row
    const [train, test] = [rows(400, 48), rows(50, 48)];
    train[3] = train[3]!.map((x) => 32767 * x);
    train[9]!.fill(0);
    // duplicated training rows: equal similarities, the lower index first; test rows that are
    // training rows: cosines of 1, the largest int16 sums
    for (let i = 0; i < 20; i++) train[i + 200] = train[i]!;
    for (let i = 0; i < 5; i++) test[i] = train[50 + i]!;
    const trainLabels = train.map((_, i) => i % 6);
    const testLabels = test.map((_, i) => (i * 5) % 6);
    const run = vi.spyOn(tf.engine(), 'runKernel');
    const options = { k: 15, temperature: 0.07, batchSize: 16 };
    const r = await expectNoLeak(() =>
      knnAccuracyAsync(train, trainLabels, test, testLabels, options),
    );
    const screens = run.mock.calls.filter(([name]) => name === TESSERA_KERNELS.int16MatMul);
    expect(screens.length).toBe(backend === 'wasm' ? Math.ceil(50 / 16) : 0);
    for (const call of screens) expect(call[2]).toEqual({ transposeOutput: true });
    expect(Array.from(r.predictions)).toEqual(bruteForce(train, trainLabels, test, 15, 0.07, 6));
    expect(knnAccuracy(train, trainLabels, test, testLabels, options).predictions).toEqual(
      r.predictions,
    );
  });

  it('ranks every training row for a test row whose screen cannot tell its neighbours apart', () => {
    const rng = createRng(9);
    // 300 training rows at angles θ from u towards v, 1 − cos θ = 2e-6 · rank (ranks shuffled):
    // far more rows than the screen keeps lie within its bound of the 5th nearest to u
    const width = 32;
    const u = Array.from({ length: width }, () => rng.normal());
    const v = Array.from({ length: width }, () => rng.normal());
    const dot = (a: number[], b: number[]) => a.reduce((s, x, d) => s + x * b[d]!, 0);
    const unitU = u.map((x) => x / Math.sqrt(dot(u, u)));
    const w = v.map((x, d) => x - dot(v, unitU) * unitU[d]!);
    const unitV = w.map((x) => x / Math.sqrt(dot(w, w)));
    const ranks = Array.from({ length: 300 }, (_, i) => i).sort(() => rng.uniform() - 0.5);
    const train = ranks.map((r) => {
      const c = 1 - 2e-6 * (r + 1);
      const s = Math.sqrt(1 - c * c);
      return unitU.map((x, d) => c * x + s * unitV[d]!);
    });
    const test = [unitU, unitU.map((x, d) => x - 0.5 * unitV[d]!)];
    const trainLabels = train.map((_, i) => (i * 7) % 3);
    const r = knnAccuracy(train, trainLabels, test, [0, 1], { k: 5, temperature: 0.07 });
    expect(Array.from(r.predictions)).toEqual(bruteForce(train, trainLabels, test, 5, 0.07, 3));
  });

  it('rejects k above the training set, mismatched widths and label counts', () => {
    const train = [
      [1, 0],
      [0, 1],
    ];
    expect(() => knnAccuracy(train, [0, 1], [[1, 0]], [0], { k: 3 })).toThrow(InvalidArgumentError);
    expect(() => knnAccuracy(train, [0, 1], [[1, 0, 0]], [0], { k: 1 })).toThrow(/same width/);
    expect(() => knnAccuracy(train, [0], [[1, 0]], [0], { k: 1 })).toThrow(/trainLabels/);
  });
});
