import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectGoldenLoss, loadGolden } from '@tessera/test-utils';
import { it } from 'vitest';

// Siamese networks with a logit head train with plain binary cross-entropy. TF.js's own
// tf.losses.sigmoidCrossEntropy is that loss (stable logits form), so Tessera does not add another:
// these cases check that it matches PyTorch's BCEWithLogits, including logits of ±100.
describeWithBackends('siamese BCE through tf.losses.sigmoidCrossEntropy', () => {
  it.each(loadGolden('siamese_bce').cases)('matches PyTorch BCEWithLogits: $name', (c) => {
    const loss =
      'logits' in c.inputs
        ? ({ logits, targets }: Record<string, tf.Tensor>) =>
            tf.losses.sigmoidCrossEntropy(targets!, logits!)
        : ({ h1, h2, w, targets }: Record<string, tf.Tensor>) =>
            tf.losses.sigmoidCrossEntropy(
              targets!,
              tf.add(tf.sum(tf.mul(tf.abs(tf.sub(h1!, h2!)), w!), 1), c.params!.b as number),
            );
    expectGoldenLoss({ golden: c, loss });
  });
});
