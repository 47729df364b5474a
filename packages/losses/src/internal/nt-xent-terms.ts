import * as tf from '@tensorflow/tfjs-core';
import {
  canFuse,
  gramLogSumExpOffDiagonal,
  gramSoftmax,
  symmetricFactorTimes,
} from './gram-log-sum-exp';

type CustomGradFn = Parameters<typeof tf.customGrad>[0];

/** Rows `[n, 2n)` then `[0, n)`: each row's partner view. */
function partners(u: tf.Tensor2D): tf.Tensor2D {
  const n = u.shape[0] / 2;
  return tf.concat([tf.slice(u, [n, 0], [n, -1]), tf.slice(u, [0, 0], [n, -1])]);
}

/**
 * NT-Xent's per-anchor terms from the two views' rows stacked (`u`, `[2N, D]`, already normalised
 * and scaled by `1/√τ`): `ℓ_i = log Σ_{k≠i} exp(u_i·u_k) − u_i·u_{p(i)}` with `p(i) = (i + N) mod 2N`.
 * Where the backend has the fused softmax it is one op: its gradient is
 * `(diag(g)·P + (diag(g)·P)ᵀ)·u − (g + g∘p) ⊙ u∘p` from the saved softmax `P` (`p` is its own
 * inverse), without differentiating the partners' slices and products kernel by kernel.
 * Elsewhere the same terms from composed ops.
 * @internal
 */
export function ntXentTerms(u: tf.Tensor2D): tf.Tensor1D {
  if (canFuse(u)) return fused(u) as tf.Tensor1D;
  return tf.sub(gramLogSumExpOffDiagonal(u), tf.sum(tf.mul(u, partners(u)), 1));
}

const fused = tf.customGrad(((u: tf.Tensor2D, save: tf.GradSaveFunc) => {
  const partner = partners(u);
  const [p, lse] = gramSoftmax(u);
  save([p, u, partner]);
  return {
    value: tf.sub(lse, tf.sum(tf.mul(u, partner), 1)),
    gradFunc: (dy: tf.Tensor1D, saved: tf.Tensor[]) => {
      const [softmax, rows, partnerRows] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const n = dy.shape[0] / 2;
      const pairWeight = tf.add(dy, tf.concat([tf.slice(dy, n, n), tf.slice(dy, 0, n)]));
      return tf.sub(
        symmetricFactorTimes(softmax, dy, rows),
        tf.mul(partnerRows, tf.expandDims(pairWeight, 1)),
      );
    },
  };
}) as unknown as CustomGradFn) as (u: tf.Tensor2D) => tf.Tensor;
