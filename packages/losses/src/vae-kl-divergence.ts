import * as tf from '@tensorflow/tfjs-core';
import { assertRank, assertSameShape } from '@tessera/core';
import type { Reduction } from '@tessera/core';
import { reduceLosses as reduce } from '@tessera/core';

/**
 * The VAE's KL divergence of `N(mu, exp(logVar))` from `N(0, I)`, in closed form, summed over the
 * latent dimensions and averaged over the batch: `KL = −½ Σ_j (1 + logVar − mu² − e^{logVar})`.
 *
 * Reference: Kingma & Welling 2014, appendix B, https://arxiv.org/abs/1312.6114.
 *
 * @param mu - Means, shape `[batch, latentDim]`.
 * @param logVar - Log-variances, shape `[batch, latentDim]`.
 * @param options - Options:
 * @param options.reduction - Over the batch: `'mean'` (default), `'sum'`, or `'none'` for `[batch]`.
 * @category Generative
 */
export function vaeKlDivergence(
  mu: tf.Tensor2D,
  logVar: tf.Tensor2D,
  { reduction = 'mean' }: { reduction?: Reduction } = {},
): tf.Tensor {
  const fn = 'vaeKlDivergence';
  assertRank(mu, 2, fn, 'mu');
  assertSameShape(mu, logVar, fn, 'mu', 'logVar');
  return tf.tidy(() => {
    const terms = tf.sub(tf.sub(tf.add(1, logVar), tf.square(mu)), tf.exp(logVar));
    return reduce(tf.mul(tf.sum(terms, 1), -0.5), reduction, fn);
  });
}
