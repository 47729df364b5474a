import * as tf from '@tensorflow/tfjs-core';
import {
  describeWithBackends,
  expectGoldenLoss,
  expectNoLeak,
  expectTrainsWithoutLeak,
  loadGolden,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { ciouLoss } from './ciou-loss';
import { diouLoss } from './diou-loss';
import { giouLoss } from './giou-loss';

// Values from tests/fixtures/reference/gen_golden_detection_losses.py (torchvision 0.14, float64).
const cases = loadGolden('detection_losses').cases.filter((c) =>
  String(c.params!.kind).endsWith('_loss'),
);
const LOSSES = { giou_loss: giouLoss, diou_loss: diouLoss, ciou_loss: ciouLoss } as const;

describeWithBackends('giouLoss, diouLoss, ciouLoss', () => {
  it.each(cases)('values and gradients match torchvision: $name', (c) => {
    const f = LOSSES[c.params!.kind as keyof typeof LOSSES];
    expectGoldenLoss({
      golden: c,
      loss: ({ predictions, targets }) => f(predictions as tf.Tensor2D, targets as tf.Tensor2D),
    });
  });

  it("reduction 'none' gives one loss per pair; an empty batch gives 0", () => {
    const l = giouLoss(
      [
        [0, 0, 1, 1],
        [0, 0, 2, 2],
      ],
      [
        [0, 0, 1, 1],
        [1, 1, 3, 3],
      ],
      { reduction: 'none' },
    );
    expect(l.shape).toEqual([2]);
    expect(l.dataSync()[0]).toBeCloseTo(0, 5);
    const empty = ciouLoss([], []);
    expect(empty.dataSync()[0]).toBe(0);
    tf.dispose([l, empty]);
  });

  it('throws: mismatched pair counts', () => {
    expect(() =>
      diouLoss(
        [[0, 0, 1, 1]],
        [
          [0, 0, 1, 1],
          [0, 0, 2, 2],
        ],
      ),
    ).toThrow(
      /^diouLoss: predicted and target must have the same shape, got \[1,4\] and \[2,4\]\.$/,
    );
  });

  it('does not leak tensors, and trains a box toward its target', async () => {
    const pred = tf.tensor2d([
      [0, 0, 10, 10],
      [20, 20, 30, 40],
    ]);
    const target = tf.tensor2d([
      [4, 3, 16, 12],
      [22, 18, 35, 37],
    ]);
    await expectNoLeak(() => {
      for (const f of Object.values(LOSSES)) f(pred, target).dispose();
    });
    for (const f of Object.values(LOSSES))
      expectTrainsWithoutLeak(
        ([p]) => f(p as tf.Variable<tf.Rank.R2>, target) as tf.Scalar,
        [pred],
        { learningRate: 0.5 },
      );
    tf.dispose([pred, target]);
  });
});
