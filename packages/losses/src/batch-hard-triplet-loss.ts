import * as tf from '@tensorflow/tfjs-core';
import { assertNonNegative } from './internal/validate';
import { assertRank } from '@tessera/core';
import type { Reduction, TensorLike1D } from '@tessera/core';
import { labelClasses } from './internal/label-classes';
import { hardestPairs } from './internal/hardest-pairs';
import { readLabels } from './internal/read-labels';
import { reduceLosses as reduce } from '@tessera/core';

/** Options of {@link batchHardTripletLoss}. */
export interface BatchHardTripletLossOptions {
  /** Margin m ≥ 0, or `'soft'` for the soft margin `softplus(d_ap − d_an)`. Default `0.3`. */
  margin?: number | 'soft';
  /** `'mean'` over anchors (default), `'sum'`, or `'none'` for `[batch]`. */
  reduction?: Reduction;
}

/**
 * Batch-hard triplet loss: for every anchor, its hardest positive (farthest sample of its class)
 * and hardest negative (nearest sample of another class), with Euclidean (not squared) distances:
 * `ℓ_a = max(0, m + max_p d(a, p) − min_n d(a, n))`, or `softplus(max_p d − min_n d)` with the soft margin.
 *
 * The hardest pairs are mined on the `[batch, batch]` squared distances; the loss and its gradient
 * then touch only the two chosen rows per anchor (`‖a − p‖` computed from the rows themselves, the
 * gradient scattered back to `a`, `p` and `n`), as PyTorch's `max(dim)`/`min(dim)` send it: to the
 * first index on ties, and nothing through a zero distance.
 *
 * Reference: Hermans, Beyer & Leibe 2017, "In Defense of the Triplet Loss for Person
 * Re-Identification", https://arxiv.org/abs/1703.07737.
 *
 * @param embeddings - Shape `[batch, dim]`; a P×K batch (P classes, K ≥ 2 samples each).
 * @param labels - Class of each row, int, shape `[batch]`.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on bad shapes, margin < 0, or an anchor without a positive
 *   or a negative in the batch.
 * @category Metric learning
 */
export function batchHardTripletLoss(
  embeddings: tf.Tensor2D,
  labels: tf.Tensor1D | TensorLike1D,
  { margin = 0.3, reduction = 'mean' }: BatchHardTripletLossOptions = {},
): tf.Tensor {
  const fn = 'batchHardTripletLoss';
  assertRank(embeddings, 2, fn, 'embeddings');
  if (margin !== 'soft') {
    assertNonNegative(margin, fn, 'margin');
  }
  const n = embeddings.shape[0];
  const classes = labelClasses(readLabels(labels, n, fn), fn);
  const perAnchor = tf.customGrad((x, save) => {
    const e = x as tf.Tensor2D;
    const { positive, negative } = hardestPairs(e, classes);
    const toPositive = tf.sub(e, tf.gather(e, positive));
    const toNegative = tf.sub(e, tf.gather(e, negative));
    const dPositive = tf.sqrt(tf.sum(tf.square(toPositive), 1));
    const dNegative = tf.sqrt(tf.sum(tf.square(toNegative), 1));
    const gap = tf.sub(dPositive, dNegative);
    (save as tf.GradSaveFunc)([
      positive,
      negative,
      toPositive,
      toNegative,
      dPositive,
      dNegative,
      gap,
    ]);
    return {
      value: margin === 'soft' ? tf.softplus(gap) : tf.relu(tf.add(gap, margin)),
      gradFunc: (dy, saved) => {
        const [pIdx, nIdx, ap, an, dap, dan, g] = saved as [
          tf.Tensor1D,
          tf.Tensor1D,
          tf.Tensor2D,
          tf.Tensor2D,
          tf.Tensor1D,
          tf.Tensor1D,
          tf.Tensor1D,
        ];
        // ∂ℓ/∂gap, then ∂d(a, b)/∂a = (a − b)/d (0 at d = 0) and ∂d(a, b)/∂b = −(a − b)/d
        const slope = margin === 'soft' ? tf.sigmoid(g) : tf.step(tf.add(g, margin));
        const c = tf.mul(dy as tf.Tensor1D, slope);
        const u = tf.mul(ap, tf.expandDims(tf.divNoNan(c, dap), 1));
        const v = tf.mul(an, tf.expandDims(tf.divNoNan(c, dan), 1));
        const scattered = tf.scatterND(
          tf.expandDims(tf.concat([pIdx, nIdx]), 1),
          tf.concat([tf.neg(u), v]),
          e.shape,
        );
        return tf.add(tf.sub(u, v), scattered);
      },
    };
  });
  return tf.tidy(() => reduce(perAnchor(embeddings), reduction, fn));
}
