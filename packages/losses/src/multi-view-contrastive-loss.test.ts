import * as tf from '@tensorflow/tfjs-core';
import {
  describeWithBackends,
  expectGoldenLoss,
  expectNoLeak,
  expectTensorClose,
  expectTrainsWithoutLeak,
  loadGolden,
  randomMatrix,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { infoNceLoss } from './info-nce-loss';
import { multiViewContrastiveLoss, type MultiViewMode } from './multi-view-contrastive-loss';

// Values from tests/fixtures/reference/gen_golden_cmc_nce.py (torch, float64).
const cases = loadGolden('cmc_nce').cases.filter((c) => c.params!.kind === 'cmc');

describeWithBackends('multiViewContrastiveLoss', () => {
  it.each(cases)('values and gradients match the reference: $name', (c) => {
    const views = c.inputs.views as number[][][];
    const grads = (c.grad as { views: number[][][] }).views;
    const { temperature, mode } = c.params as { temperature: number; mode: MultiViewMode };
    const inputs = Object.fromEntries(views.map((v, i) => [`v${i}`, v]));
    const grad = Object.fromEntries(grads.map((g, i) => [`v${i}`, g]));
    expectGoldenLoss({
      golden: { ...c, inputs },
      grad,
      loss: (t) =>
        multiViewContrastiveLoss(
          views.map((_, i) => t[`v${i}`] as tf.Tensor2D),
          { temperature, mode },
        ),
      rtol: temperature <= 0.07 ? 1e-3 : 1e-4,
    });
  });

  it('with two views it is the symmetric InfoNCE with in-batch negatives', () => {
    const a = tf.tensor2d(randomMatrix(4, 3, 1));
    const b = tf.tensor2d(randomMatrix(4, 3, 2));
    const cmc = multiViewContrastiveLoss([a, b], { temperature: 0.3 });
    const byHand = tf.tidy(() => {
      const rowCe = (x: tf.Tensor2D, y: tf.Tensor2D) => {
        const logits = tf.div(
          tf.matMul(
            tf.div(x, tf.norm(x, 2, 1, true)),
            tf.div(y, tf.norm(y, 2, 1, true)),
            false,
            true,
          ),
          0.3,
        );
        return tf.mean(tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), tf.eye(4)), 1)));
      };
      return tf.add(rowCe(a, b), rowCe(b, a));
    });
    expectTensorClose(cmc, byHand.dataSync() as Float32Array, { rtol: 1e-5 });
    expect(infoNceLoss).toBeTypeOf('function');
    tf.dispose([a, b, cmc, byHand]);
  });

  it('throws: one view, shape mismatch, unknown mode', () => {
    const a = tf.zeros([3, 2]) as tf.Tensor2D;
    expect(() => multiViewContrastiveLoss([a])).toThrow(
      /^multiViewContrastiveLoss: views must be an array of at least 2 tensors, got 1\.$/,
    );
    expect(() => multiViewContrastiveLoss([a, tf.zeros([3, 4]) as tf.Tensor2D])).toThrow(
      /views\[0\] and views\[1\] must have the same shape, got \[3,2\] and \[3,4\]/,
    );
    expect(() => multiViewContrastiveLoss([a, a], { mode: 'star' as never })).toThrow(
      /mode must be one of 'full-graph', 'core-view', got 'star'/,
    );
    a.dispose();
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const vs = [1, 2, 3].map((s) => tf.tensor2d(randomMatrix(5, 4, s)));
    await expectNoLeak(() => multiViewContrastiveLoss(vs as tf.Tensor2D[]).dispose());
    expectTrainsWithoutLeak(
      (xs) => multiViewContrastiveLoss(xs as tf.Variable<tf.Rank.R2>[], { temperature: 0.5 }),
      vs,
    );
    tf.dispose(vs);
  });
});
