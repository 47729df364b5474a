import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { gramProduct } from './gram';

/** Bias that keeps a pair out of a row's arg-extreme: far beyond any squared distance. */
const RULED_OUT = 3e38;

/**
 * Index of each anchor's hardest positive (farthest same-class sample) and hardest negative
 * (nearest other-class sample), the first index on ties as PyTorch's `max(dim)`/`min(dim)`.
 *
 * Squared distances rank as distances do, and come from one product of `[e, ‖e‖², 1]` with
 * `[−2e, 1, ‖e‖²]` (no broadcasting passes over the `[n, n]` matrix). The classes enter as a bias
 * from the product of the scaled one-hot classes: exactly `RULED_OUT` for same-class pairs and 0
 * otherwise, so the negatives' scores are `d² + bias` and the positives' `d² + (bias − RULED_OUT)`
 * — exactly `d²` on a row's candidates (the bias is 0 there), out of reach elsewhere. The anchor
 * itself stays among the positives: it wins only when every positive sits at its own rounding
 * error from it (duplicates), where `‖a − p‖ = 0` either way. Where the backend has `TesseraHardestPairs` (`@tessera/backends`
 * on wasm), one pass over the rows of the Gram matrix does the mining instead (the anchor left
 * out). No gradient flows through the indices. @internal
 */
export function hardestPairs(
  embeddings: tf.Tensor2D,
  classes: { index: Int32Array; classes: number },
): { positive: tf.Tensor1D; negative: tf.Tensor1D } {
  if (embeddings.dtype === 'float32' && tf.getKernel(TESSERA_KERNELS.hardestPairs, tf.getBackend()))
    return tf.tidy(() => {
      const [positive, negative] = tf.engine().runKernel(
        TESSERA_KERNELS.hardestPairs,
        {
          gram: gramProduct(embeddings),
          norms: tf.sum(tf.square(embeddings), 1),
          classes: tf.tensor1d(classes.index, 'int32'),
        },
        {},
      ) as tf.Tensor1D[];
      return { positive: positive!, negative: negative! };
    });
  return tf.tidy(() => {
    const norms = tf.sum(tf.square(embeddings), 1, true);
    const ones = tf.onesLike(norms);
    const left = tf.concat([embeddings, norms, ones], 1);
    const right = tf.concat([tf.mul(embeddings, -2), ones, norms], 1);
    const squared = tf.matMul(left, right, false, true);
    const oneHot = tf.oneHot(tf.tensor1d(classes.index, 'int32'), classes.classes);
    const sameClass = tf.matMul(tf.mul(oneHot, RULED_OUT), oneHot, false, true);
    const negatives = tf.add(squared, sameClass);
    const positives = tf.add(squared, tf.sub(sameClass, RULED_OUT));
    return {
      positive: tf.argMax(positives, 1) as tf.Tensor1D,
      negative: tf.argMin(negatives, 1) as tf.Tensor1D,
    };
  });
}
