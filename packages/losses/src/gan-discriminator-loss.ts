import * as tf from '@tensorflow/tfjs-core';
import { assertOneOf } from '@tessera/core';
import { checkLogits } from './internal/check-logits';

/** Discriminator objectives of {@link ganDiscriminatorLoss}. */
export type GanDiscriminatorKind = 'minimax' | 'hinge' | 'wasserstein';

const KINDS: readonly GanDiscriminatorKind[] = ['minimax', 'hinge', 'wasserstein'];

/**
 * The discriminator's loss from its logits on real and generated samples:
 * - `'minimax'` (Goodfellow et al. 2014): `mean softplus(−real) + mean softplus(fake)` — the binary
 *   cross-entropy of real → 1 and fake → 0, the two halves **summed** (some code averages them);
 * - `'hinge'`: `mean relu(1 − real) + mean relu(1 + fake)`;
 * - `'wasserstein'` (WGAN critic): `mean fake − mean real`.
 *
 * @param realLogits - Shape `[batch]` or `[batch, 1]`.
 * @param fakeLogits - Shape `[batch]` or `[batch, 1]`.
 * @param options - Options:
 * @param options.kind - Default `'minimax'`.
 * @returns Scalar loss.
 * @category Generative
 */
export function ganDiscriminatorLoss(
  realLogits: tf.Tensor,
  fakeLogits: tf.Tensor,
  { kind = 'minimax' }: { kind?: GanDiscriminatorKind } = {},
): tf.Scalar {
  const fn = 'ganDiscriminatorLoss';
  checkLogits(realLogits, fn, 'realLogits');
  checkLogits(fakeLogits, fn, 'fakeLogits');
  assertOneOf(kind, KINDS, fn, 'kind');
  return tf.tidy(() => {
    if (kind === 'minimax')
      return tf.add(tf.mean(tf.softplus(tf.neg(realLogits))), tf.mean(tf.softplus(fakeLogits)));
    if (kind === 'hinge')
      return tf.add(
        tf.mean(tf.relu(tf.sub(1, realLogits))),
        tf.mean(tf.relu(tf.add(1, fakeLogits))),
      );
    return tf.sub(tf.mean(fakeLogits), tf.mean(realLogits));
  }) as tf.Scalar;
}
