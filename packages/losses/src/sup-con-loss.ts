import * as tf from '@tensorflow/tfjs-core';
import { assertRank, InvalidArgumentError } from '@tessera/core';
import type { Reduction, TensorLike1D } from '@tessera/core';
import { l2Normalize } from '@tessera/core';
import { gramLogSumExpOffDiagonal } from './internal/gram-log-sum-exp';
import { denseClasses } from './internal/label-classes';
import { readLabels } from './internal/read-labels';
import { reduceLosses as reduce } from '@tessera/core';
import { assertTemperature } from './internal/validate';

/** Options of {@link supConLoss}. */
export interface SupConLossOptions {
  /** Temperature τ, > 0. Default `0.07`. */
  temperature?: number;
  /** τ_base; the loss is scaled by τ / τ_base. Default `0.07`. */
  baseTemperature?: number;
  /** `'mean'` over the N·V anchors (default), `'sum'`, or `'none'` for `[views * batch]` (view-major). */
  reduction?: Reduction;
}

/**
 * Supervised contrastive loss L_out (`contrast_mode='all'`). Anchors are every view of every
 * sample, view-major (`features[:, 0]`, then `features[:, 1]`, …), L2-normalised; `P(i)` are the
 * other anchors with i's label and `A(i)` all other anchors:
 *
 * `ℓ_i = −(τ/τ_base) / |P(i)| · Σ_{p∈P(i)} [ s_ip − log Σ_{a∈A(i)} exp(s_ia) ]`, `s = u·uᵀ/τ`.
 *
 * With unique labels and two views it equals {@link ntXentLoss}. The reference code subtracts the
 * row maximum and adds 1e-9 inside the log; this is the exact formula (they differ by ~1e-6).
 *
 * Reference: Khosla et al. 2020, "Supervised Contrastive Learning", https://arxiv.org/abs/2004.11362.
 *
 * @param features - Shape `[batch, views, dim]`.
 * @param labels - Class of each sample, int, shape `[batch]`.
 * @returns Scalar loss (or `[views * batch]` with `reduction: 'none'`).
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on bad shapes, non-integer labels, τ ≤ 0, or an anchor with
 *   no positive (one view and a label seen once).
 * @category Contrastive
 */
export function supConLoss(
  features: tf.Tensor3D,
  labels: tf.Tensor1D | TensorLike1D,
  { temperature = 0.07, baseTemperature = 0.07, reduction = 'mean' }: SupConLossOptions = {},
): tf.Tensor {
  const fn = 'supConLoss';
  assertRank(features, 3, fn, 'features');
  const [n, views, dim] = features.shape;
  const lab = readLabels(labels, n, fn);
  assertTemperature(temperature, fn);
  assertTemperature(baseTemperature, fn, 'baseTemperature');
  const m = n * views;
  const classes = denseClasses(lab);
  // anchors are view-major: anchor i is sample i mod n; it has views·|class| − 1 positives
  const anchorClass = new Int32Array(m);
  const positives = new Float32Array(m);
  for (let i = 0; i < m; i++) {
    const c = classes.index[i % n]!;
    anchorClass[i] = c;
    positives[i] = views * classes.counts[c]! - 1;
    if (positives[i] === 0) {
      throw new InvalidArgumentError({
        functionName: fn,
        argument: 'labels',
        detail: `labels must give every anchor a positive, got label ${lab[i % n]} only once with ${views} view(s).`,
      });
    }
  }
  return tf.tidy(() => {
    // scaled by 1/√τ before the product, so s = u'·u'ᵀ needs no pass over [m, m]
    const u = tf.mul(
      l2Normalize(tf.reshape(tf.transpose(features, [1, 0, 2]), [m, dim])),
      1 / Math.sqrt(temperature),
    ) as tf.Tensor2D;
    // Σ_{p∈P(i)} s_ip = u'_i · (Σ of u' over i's class) − u'_i · u'_i: class sums, no [m, m] mask
    const ownClassSum = classSumOf(u, anchorClass, classes.classes);
    const positiveSum = tf.sub(tf.sum(tf.mul(u, ownClassSum), 1), tf.sum(tf.square(u), 1));
    const meanPositive = tf.div(positiveSum, tf.tensor1d(positives));
    const perAnchor = tf.mul(
      tf.sub(gramLogSumExpOffDiagonal(u), meanPositive),
      temperature / baseTemperature,
    );
    return reduce(perAnchor, reduction, fn);
  });
}

type CustomGradFn = Parameters<typeof tf.customGrad>[0];

/**
 * Each row replaced by the sum of the rows of its class: `H·(Hᵀ·x)` for the one-hot classes `H`
 * (two small products; `Hᵀ` is built as it is used, no transposed operand). The map is symmetric,
 * so its gradient is the same map of the incoming gradient.
 */
function classSumOf(x: tf.Tensor2D, classOfRow: Int32Array, classes: number): tf.Tensor2D {
  const rows = classOfRow.length;
  const byClass = new Float32Array(classes * rows);
  classOfRow.forEach((c, i) => (byClass[c * rows + i] = 1));
  // the one-hot matrices are made where they are used: the gradient runs after the caller's tidy
  const aggregate = (t: tf.Tensor) =>
    tf.tidy(() => {
      const h = tf.oneHot(tf.tensor1d(classOfRow, 'int32'), Math.max(2, classes));
      const sums = tf.matMul(tf.tensor2d(byClass, [classes, rows]), t as tf.Tensor2D);
      return tf.matMul(classes >= 2 ? h : tf.slice(h, [0, 0], [rows, 1]), sums);
    });
  const op = tf.customGrad(((input: tf.Tensor) => ({
    value: aggregate(input),
    gradFunc: (dy: tf.Tensor) => aggregate(dy),
  })) as unknown as CustomGradFn);
  return op(x) as tf.Tensor2D;
}
