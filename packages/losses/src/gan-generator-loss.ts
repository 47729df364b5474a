import * as tf from '@tensorflow/tfjs-core';
import { assertOneOf } from '@tessera/core';
import { checkLogits } from './internal/check-logits';

/** Generator objectives of {@link ganGeneratorLoss}. */
export type GanGeneratorKind = 'non-saturating' | 'minimax' | 'hinge' | 'wasserstein';

const KINDS: readonly GanGeneratorKind[] = ['non-saturating', 'minimax', 'hinge', 'wasserstein'];

/**
 * The generator's loss from the discriminator's logits on generated samples:
 * - `'non-saturating'` (the default, Goodfellow et al.'s practical choice): `mean softplus(−fake)` = −log D(G(z));
 * - `'minimax'`: `−mean softplus(fake)` = mean log(1 − D(G(z))) (saturates early in training);
 * - `'hinge'` and `'wasserstein'`: `−mean fake`.
 *
 * @param fakeLogits - Shape `[batch]` or `[batch, 1]`.
 * @returns Scalar loss.
 * @category Generative
 */
export function ganGeneratorLoss(
  fakeLogits: tf.Tensor,
  { kind = 'non-saturating' }: { kind?: GanGeneratorKind } = {},
): tf.Scalar {
  const fn = 'ganGeneratorLoss';
  checkLogits(fakeLogits, fn, 'fakeLogits');
  assertOneOf(kind, KINDS, fn, 'kind');
  return tf.tidy(() => {
    if (kind === 'non-saturating') return tf.mean(tf.softplus(tf.neg(fakeLogits)));
    if (kind === 'minimax') return tf.neg(tf.mean(tf.softplus(fakeLogits)));
    return tf.neg(tf.mean(fakeLogits));
  }) as tf.Scalar;
}
