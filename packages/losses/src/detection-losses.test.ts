import * as tf from '@tensorflow/tfjs-core';
import {
  describeWithBackends,
  expectGoldenLoss,
  expectNoLeak,
  expectTrainsWithoutLeak,
  loadGolden,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { focalLoss } from './focal-loss';
import { smoothL1Loss } from './smooth-l1-loss';

// Values from tests/fixtures/reference/gen_golden_detection_losses.py (torch 1.13 / torchvision 0.14, float64).
const cases = loadGolden('detection_losses').cases.filter((c) =>
  ['smooth_l1', 'focal'].includes(c.params!.kind as string),
);

describeWithBackends('smoothL1Loss and focalLoss', () => {
  it.each(cases)('values and gradients match PyTorch/torchvision: $name', (c) => {
    const p = c.params as { kind: string; beta?: number; alpha?: number; gamma?: number };
    expectGoldenLoss({
      golden: c,
      loss:
        p.kind === 'smooth_l1'
          ? ({ predictions, targets }) => smoothL1Loss(predictions!, targets!, { beta: p.beta! })
          : ({ logits, targets }) =>
              focalLoss(logits!, targets!, { alpha: p.alpha!, gamma: p.gamma! }),
    });
  });

  it('throws: shape mismatch, negative beta, alpha > 1', () => {
    const a = tf.zeros([2, 4]);
    expect(() => smoothL1Loss(a, tf.zeros([2, 3]))).toThrow(
      /^smoothL1Loss: predictions and targets must have the same shape, got \[2,4\] and \[2,3\]\.$/,
    );
    expect(() => smoothL1Loss(a, a, { beta: -1 })).toThrow(
      /^smoothL1Loss: beta must be >= 0, got -1\.$/,
    );
    expect(() => focalLoss(a, a, { alpha: 2 })).toThrow(
      /^focalLoss: alpha must be in \[-Infinity, 1\], got 2\.$/,
    );
    a.dispose();
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const x = tf.randomNormal([4, 4], 0, 1, 'float32', 1);
    const t = tf.tensor2d([
      [1, 0, 0, 1],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [1, 1, 0, 0],
    ]);
    await expectNoLeak(() => {
      smoothL1Loss(x, t).dispose();
      focalLoss(x, t).dispose();
    });
    expectTrainsWithoutLeak(([v]) => smoothL1Loss(v!, t) as tf.Scalar, [x]);
    expectTrainsWithoutLeak(([v]) => focalLoss(v!, t) as tf.Scalar, [x]);
    tf.dispose([x, t]);
  });
});
