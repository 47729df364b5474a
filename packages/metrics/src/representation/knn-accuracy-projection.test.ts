// knnAccuracy on wide integer rows (8-bit pixels), which the wasm backend screens by a projection:
// the same predictions as a float64 brute force; rows whose candidates run out screened again
// with more; data whose screen leaves too many rows short taken by exact products instead.
import * as tf from '@tensorflow/tfjs-core';
import { createRng, TESSERA_KERNELS } from '@tessera/core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { afterEach, expect, it, type MockInstance, vi } from 'vitest';
import { knnAccuracy, knnAccuracyAsync } from './knn-accuracy';
import { bruteForce, integerCosine, mixedRows } from './knn-test-helpers';

/** [rows of a, int32 pairs of b's rows] of each int16 product run. */
function productShapes(run: MockInstance): number[][] {
  return run.mock.calls
    .filter(([name]) => name === TESSERA_KERNELS.int16MatMul)
    .map(([, inputs]) => {
      const { a, b } = inputs as { a: tf.Tensor; b: tf.Tensor };
      return [a.shape[0]!, b.shape[1]!];
    });
}

describeWithBackends('knnAccuracy of wide integer rows', ({ backend }) => {
  afterEach(() => vi.restoreAllMocks());

  it('predicts as a float64 brute force, screened in a quarter of the width', async () => {
    const rng = createRng(12);
    const [train, test] = [mixedRows(rng, 500, 200), mixedRows(rng, 60, 200)];
    for (let i = 0; i < 5; i++) test[i] = train[7 * i]!; // cosines of 1
    const trainLabels = train.map((_, i) => i % 7);
    const testLabels = test.map((_, i) => (i * 3) % 7);
    const run = vi.spyOn(tf.engine(), 'runKernel');
    const options = { k: 10, temperature: 0.07, batchSize: 16 };
    const r = await expectNoLeak(() =>
      knnAccuracyAsync(train, trainLabels, test, testLabels, options),
    );
    expect(Array.from(r.predictions)).toEqual(bruteForce(train, trainLabels, test, 10, 0.07, 7));
    const shapes = productShapes(run);
    if (backend === 'cpu') return expect(shapes).toEqual([]);
    // the estimate's exact products of 32 test rows (100 pairs a row), the projection
    // of the training and test rows on r directions, then one screen a block, of r + 1 values
    // zero-padded to a multiple of 8
    const r0 = shapes[1]![0]!;
    expect(r0).toBeLessThanOrEqual(55);
    expect(shapes.slice(0, 3)).toEqual([
      [32, 100],
      [r0, 100],
      [r0, 100],
    ]);
    const width = 4 * Math.ceil((r0 + 1) / 8);
    expect(shapes.slice(3)).toEqual([16, 16, 16, 12].map((rows) => [rows, width]));
  });

  it('screens rows whose candidates run out again, with 8 times the candidates', () => {
    const rng = createRng(13);
    // 600 copies of one row among 100 others: a test row equal to it has 600 training rows of
    // cosine 1, more than its candidates (k = 1: 68)
    const others = mixedRows(rng, 139, 160);
    const near = others.splice(100);
    const blob = mixedRows(rng, 1, 160)[0]!; // of other prototypes: near no other row
    const train = [
      ...others.slice(0, 50),
      ...new Array<Float32Array>(600).fill(blob),
      ...others.slice(50),
    ];
    const test = [...near, blob];
    const trainLabels = train.map((_, i) => i % 5);
    const testLabels = test.map((_, i) => i % 5);
    const run = vi.spyOn(tf.engine(), 'runKernel');
    const r = knnAccuracy(train, trainLabels, test, testLabels, { k: 1, batchSize: 40 });
    expect(Array.from(r.predictions)).toEqual(bruteForce(train, trainLabels, test, 1, 0.07, 5));
    expect(r.predictions[39]).toBe(50 % 5); // the lowest index among the equal rows
    const shapes = productShapes(run);
    if (backend === 'cpu') return expect(shapes).toEqual([]);
    // the estimate, the projection, the block, then its last row again (one row in 40 short: the
    // screen stays)
    expect(shapes.slice(3).map(([rows]) => rows)).toEqual([40, 1]);
  });

  it('takes exact products of every column where the screen leaves many rows short', () => {
    const rng = createRng(14);
    // rows close to one common row: cosines near 1, closer together than the bound tells apart;
    // the estimate's test rows (every 4th of 256) are mixed rows, which the screen tells apart
    const base = mixedRows(rng, 1, 160)[0]!;
    const near = (n: number) =>
      Array.from({ length: n }, () =>
        Float32Array.from(
          base,
          (v) => Math.min(255, Math.round(255 * v) + (rng.uniform() < 0.05 ? 40 : 0)) / 255,
        ),
      );
    const mixed = mixedRows(rng, 364, 160);
    const train = [...mixed.splice(0, 300), ...near(300)];
    const crowded = near(192);
    const test = Array.from({ length: 256 }, (_, i) =>
      i % 4 === 0 ? mixed[i / 4]! : crowded[i - Math.ceil(i / 4)]!,
    );
    const trainLabels = train.map((_, i) => i % 3);
    const testLabels = test.map((_, i) => i % 3);
    const run = vi.spyOn(tf.engine(), 'runKernel');
    const r = knnAccuracy(train, trainLabels, test, testLabels, { k: 5, batchSize: 32 });
    // cosines this close meet float32's rounding: on wasm the exact int16 path's float32 cosines
    // rank them
    const similarity = backend === 'wasm' ? integerCosine : undefined;
    const expected = bruteForce(train, trainLabels, test, 5, 0.07, 3, similarity);
    expect(Array.from(r.predictions)).toEqual(expected);
    const shapes = productShapes(run);
    if (backend === 'cpu') return expect(shapes).toEqual([]);
    // the estimate and the projection, the first block screened, then all 8 blocks by exact
    // products (80 pairs a row)
    const r0 = shapes[1]![0]!;
    expect(shapes.slice(3)).toEqual([
      [32, 4 * Math.ceil((r0 + 1) / 8)],
      ...new Array(8).fill([32, 80]),
    ]);
  });
});
