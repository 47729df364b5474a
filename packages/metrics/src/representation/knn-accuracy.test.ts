import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tessera/core';
import { describeWithBackends, expectNoLeak, loadGolden } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { knnAccuracy, knnAccuracyAsync } from './knn-accuracy';

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

describeWithBackends('knnAccuracy', () => {
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
