import * as tf from '@tensorflow/tfjs-core';
import { reduceLosses as reduce } from '@tessera/core';
import type { Reduction } from '@tessera/core';
import { l2Normalize } from '@tessera/core';
import { ntXentTerms } from './internal/nt-xent-terms';

import { assertMinRows, assertPairOfEmbeddings, assertTemperature } from './internal/validate';

/** Options of {@link ntXentLoss}. */
export interface NtXentLossOptions {
  /** Softmax temperature τ, > 0. Default `0.5`. */
  temperature?: number;
  /** `'mean'` over the 2N anchors (default), `'sum'`, or `'none'` for the `[2 * batch]` per-anchor losses. */
  reduction?: Reduction;
}

/**
 * NT-Xent (normalized temperature-scaled cross entropy) from SimCLR, with InvaSpread's in-batch
 * negatives. With `z = [z1; z2]` (2N rows), `u = l2n(z)`, `s_ij = u_i·u_j / τ` and `pos(i) = (i + N) mod 2N`:
 *
 * `ℓ_i = −log( exp(s_{i,pos(i)}) / Σ_{k≠i} exp(s_ik) )`, `L = mean_i ℓ_i` over all 2N anchors.
 *
 * The denominator has 2N − 1 terms: the positive and 2N − 2 negatives from both views, never the
 * anchor itself (the SimCLR paper's reading; see the golden README for the variants). Stable for
 * small τ (max-shifted log-sum-exp).
 *
 * Reference: Chen et al. 2020, "A Simple Framework for Contrastive Learning of Visual
 * Representations", https://arxiv.org/abs/2002.05709; Ye et al. 2019 (InvaSpread).
 *
 * @param z1 - Projections of view 1, shape `[batch, dim]`, float32; need not be normalised.
 * @param z2 - Projections of view 2, shape `[batch, dim]`; `z2[i]` is the positive of `z1[i]`.
 * @returns Scalar loss, or `[2 * batch]` per-anchor losses with `reduction: 'none'`.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} if the ranks or shapes differ, batch < 2, or τ ≤ 0.
 * @example
 * ```ts
 * const loss = ntXentLoss(tf.randomNormal([8, 128]), tf.randomNormal([8, 128]), { temperature: 0.1 });
 * ```
 * @category Contrastive
 */
export function ntXentLoss(
  z1: tf.Tensor2D,
  z2: tf.Tensor2D,
  { temperature = 0.5, reduction = 'mean' }: NtXentLossOptions = {},
): tf.Tensor {
  const fn = 'ntXentLoss';
  assertPairOfEmbeddings(z1, z2, fn, 'z1', 'z2');
  assertMinRows(z1, 2, fn, 'z1', 'each anchor needs a negative');
  assertTemperature(temperature, fn);
  return tf.tidy(() => {
    // both views normalised in one call and scaled by 1/√τ, so u·uᵀ is the logits s
    const u = tf.mul(l2Normalize(tf.concat([z1, z2])), 1 / Math.sqrt(temperature));
    return reduce(ntXentTerms(u as tf.Tensor2D), reduction, fn);
  });
}
