import * as tf from '@tensorflow/tfjs-core';
import {
  describeWithBackends,
  expectGoldenLoss,
  expectNoLeak,
  expectTensorClose,
  expectTrainsWithoutLeak,
  loadGolden,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { contentLoss } from './content-loss';
import { gramMatrix } from './gram-matrix';
import { styleLoss } from './style-loss';
import { totalVariationLoss } from './total-variation-loss';

const cases = loadGolden('style_transfer').cases;
// The golden inputs are PyTorch's NCHW; Tessera's images are NHWC.
const nhwc = (x: tf.Tensor) => tf.transpose(x, [0, 2, 3, 1]) as tf.Tensor4D;

describeWithBackends('gramMatrix, contentLoss, styleLoss, totalVariationLoss', () => {
  it.each(cases)('match d2l, values and gradients: $name', (c) => {
    const e = c.expected as Record<string, unknown>;
    const g = c.grad as Record<string, Record<string, unknown>> | undefined;
    const gram = gramMatrix(nhwc(tf.tensor(c.inputs.Y_hat as number[])));
    expectTensorClose(tf.squeeze(gram, [0]), e.gram_Y_hat as number[][]);
    gram.dispose();
    const style = ({ Y_hat, Y_style }: Record<string, tf.Tensor>) =>
      styleLoss(nhwc(Y_hat!), gramMatrix(nhwc(Y_style!)));
    const content = ({ Y_hat, Y_content }: Record<string, tf.Tensor>) =>
      contentLoss(nhwc(Y_hat!), nhwc(Y_content!));
    const tv = ({ Y_hat }: Record<string, tf.Tensor>) => totalVariationLoss(nhwc(Y_hat!));
    const total = (t: Record<string, tf.Tensor>) =>
      tf.addN([content(t), tf.mul(style(t), 1e3), tf.mul(tv(t), 10)]);
    for (const [key, loss] of [
      ['content_loss', content],
      ['style_loss', style],
      ['tv_loss', tv],
      ['total_d2l_weights', total],
    ] as const) {
      expectGoldenLoss({ golden: c, expected: e[key] as number, grad: g ? g[key] : null, loss });
    }
  });

  it('throws: ranks, channel mismatch, images too small', () => {
    const x = tf.zeros([1, 4, 4, 3]) as tf.Tensor4D;
    expect(() => gramMatrix(tf.zeros([4, 4, 3]) as never)).toThrow(
      /^gramMatrix: features must be rank 4, got rank 3/,
    );
    expect(() => styleLoss(x, tf.zeros([2, 2]) as tf.Tensor2D)).toThrow(
      /^styleLoss: targetGram must be \[3,3\] for 3 channels, got \[2,2\]\.$/,
    );
    expect(() => totalVariationLoss(tf.zeros([1, 1, 4, 3]) as tf.Tensor4D)).toThrow(
      /^totalVariationLoss: images must be at least 2×2, got 1×4\.$/,
    );
    expect(() => contentLoss(x, tf.zeros([1, 4, 4, 2]) as tf.Tensor4D)).toThrow(
      /contentLoss: features and target must have the same shape/,
    );
    x.dispose();
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const img = tf.randomUniform([1, 6, 6, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const target = tf.randomUniform([1, 6, 6, 3], 0, 1, 'float32', 4) as tf.Tensor4D;
    const gram = gramMatrix(target);
    await expectNoLeak(() => {
      contentLoss(img, target).dispose();
      styleLoss(img, gram).dispose();
      totalVariationLoss(img).dispose();
    });
    expectTrainsWithoutLeak(
      ([x]) =>
        tf.add(
          styleLoss(x as tf.Variable<tf.Rank.R4>, gram),
          totalVariationLoss(x as tf.Variable<tf.Rank.R4>),
        ) as tf.Scalar,
      [img],
    );
    tf.dispose([img, target, gram]);
  });
});
