import * as tf from '@tensorflow/tfjs-core';
import { assertRank, InvalidArgumentError, l2Normalize, safeSqrt } from '@tessera/core';

/**
 * Cosine similarity of every row of `a` with every row of `b`: `l2n(a) · l2n(b)ᵀ`.
 *
 * @param a - Shape `[n, dim]`.
 * @param b - Shape `[m, dim]`.
 * @returns Shape `[n, m]`, values in [−1, 1].
 * @category Distances
 */
export function pairwiseCosineSimilarity(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  checkPair(a, b, 'pairwiseCosineSimilarity');
  return tf.tidy(() => tf.matMul(l2Normalize(a), l2Normalize(b), false, true));
}

/**
 * Euclidean distance of every row of `a` to every row of `b`, from the Gram matrix:
 * `d² = ‖a‖² + ‖b‖² − 2 a·bᵀ`, clamped at 0 (rounding can make it slightly negative), then a square
 * root whose gradient is 0 where the distance is 0. O(n·m) memory, not O(n·m·dim).
 *
 * @param a - Shape `[n, dim]`.
 * @param b - Shape `[m, dim]`.
 * @param options - Options:
 * @param options.squared - Return `d²` instead of `d`. Default `false`.
 * @returns Shape `[n, m]`.
 * @category Distances
 */
export function pairwiseEuclideanDistance(
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  { squared = false }: { squared?: boolean } = {},
): tf.Tensor2D {
  checkPair(a, b, 'pairwiseEuclideanDistance');
  return tf.tidy(() => {
    const aa = tf.sum(tf.square(a), 1, true);
    const bb = tf.reshape(tf.sum(tf.square(b), 1), [1, -1]);
    const d2 = tf.relu(tf.sub(tf.add(aa, bb), tf.mul(tf.matMul(a, b, false, true), 2)));
    return (squared ? d2 : safeSqrt(d2)) as tf.Tensor2D;
  });
}

function checkPair(a: tf.Tensor, b: tf.Tensor, fn: string): void {
  assertRank(a, 2, fn, 'a');
  assertRank(b, 2, fn, 'b');
  if (a.shape[1] !== b.shape[1]) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'b',
      detail: `a and b must have the same dim, got [${a.shape}] and [${b.shape}].`,
    });
  }
}
