import type * as tf from '@tensorflow/tfjs-core';
import {
  assertInteger,
  assertOneOf,
  InvalidArgumentError,
  type TensorLike1D,
  type TensorLike2D,
} from '@tessera/core';
import { readLabels, readMatrix } from '../internal/read-matrix';
import { type RetrievalSimilarity, normalizeRows, rankGallery } from './rank-gallery';

/** Options of {@link evaluateRetrieval} and the single-metric functions. @category Retrieval */
export interface RetrievalOptions {
  /** `[G, D]` gallery to search. Default: the queries themselves, leave-one-out (each query's own row is skipped). */
  gallery?: tf.Tensor2D | TensorLike2D;
  /** Labels of the gallery rows (required with `gallery`). */
  galleryLabels?: tf.Tensor1D | TensorLike1D;
  /** `'cosine'` (default) or `'euclidean'`. */
  similarity?: RetrievalSimilarity;
  /** Cut-offs for the `@K` metrics. Default `[1, 5, 10]`. */
  ks?: readonly number[];
}

/** Everything {@link evaluateRetrieval} computes, averaged over queries. @category Retrieval */
export interface RetrievalResult {
  /** (relevant in the top k) / k. */
  precisionAtK: Record<number, number>;
  /** Information-retrieval recall: (relevant in the top k) / (relevant in the gallery). */
  recallAtK: Record<number, number>;
  /** 1 when any relevant item is in the top k — the "Recall@K" of metric-learning papers (Song et al. 2016). */
  hitRateAtK: Record<number, number>;
  /** Mean over queries of the non-interpolated AP of the full ranking. */
  meanAveragePrecision: number;
  /** MAP@R (Musgrave et al. 2020): AP truncated at R = the query's number of relevant items. */
  meanAveragePrecisionAtR: number;
  numQueries: number;
}

/**
 * Ranks the gallery for every query (float64, stable: ties by lower gallery index) and computes the
 * retrieval metrics at once. A gallery item is relevant when its label equals the query's. Queries
 * without any relevant item count 0 in recall, AP and MAP@R.
 *
 * @param queries - `[Q, D]` embeddings.
 * @param queryLabels - `[Q]` labels (any numbers; equality decides relevance).
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on mismatched shapes or counts, non-finite values, a
 *   gallery without labels, or a `k` that is not a positive integer.
 * @example
 * ```ts
 * const r = evaluateRetrieval(embeddings, labels, { ks: [1, 5] }); // leave-one-out
 * r.hitRateAtK[1]; // Recall@1 of metric-learning papers
 * ```
 * @category Retrieval
 */
export function evaluateRetrieval(
  queries: tf.Tensor2D | TensorLike2D,
  queryLabels: tf.Tensor1D | TensorLike1D,
  options: RetrievalOptions = {},
  functionName = 'evaluateRetrieval',
): RetrievalResult {
  const fn = functionName;
  const { similarity = 'cosine', ks = [1, 5, 10] } = options;
  assertOneOf(similarity, ['cosine', 'euclidean'] as const, fn, 'similarity');
  ks.forEach((k) => assertInteger(k, fn, 'k', { min: 1 }));
  const rawQ = readMatrix(queries, fn, 'queries');
  const q = similarity === 'cosine' ? normalizeRows(rawQ) : rawQ;
  const ql = readLabels(queryLabels, q.rows, fn, 'queryLabels');
  const leaveOneOut = options.gallery === undefined;
  if (!leaveOneOut && options.galleryLabels === undefined)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'galleryLabels',
      detail: 'galleryLabels is required with a gallery.',
    });
  const rawG = leaveOneOut ? rawQ : readMatrix(options.gallery!, fn, 'gallery');
  const g = leaveOneOut ? q : similarity === 'cosine' ? normalizeRows(rawG) : rawG;
  const gl = leaveOneOut ? ql : readLabels(options.galleryLabels!, g.rows, fn, 'galleryLabels');
  if (g.cols !== q.cols)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'gallery',
      detail: `queries and gallery must have the same width, got ${q.cols} and ${g.cols}.`,
    });
  const sums = {
    p: new Float64Array(ks.length),
    r: new Float64Array(ks.length),
    h: new Float64Array(ks.length),
  };
  let apSum = 0;
  let aprSum = 0;
  for (let i = 0; i < q.rows; i++) {
    const order = rankGallery(q, i, g, similarity, leaveOneOut ? i : -1);
    let relevant = 0;
    for (const j of order) if (gl[j] === ql[i]) relevant++;
    let hits = 0;
    let ap = 0;
    let apr = 0;
    const hitsAt = new Float64Array(order.length + 1);
    for (let r = 0; r < order.length; r++) {
      if (gl[order[r] as number] === ql[i]) {
        hits++;
        ap += hits / (r + 1);
        if (r < relevant) apr += hits / (r + 1);
      }
      hitsAt[r + 1] = hits;
    }
    ks.forEach((k, j) => {
      const h = hitsAt[Math.min(k, order.length)] as number;
      sums.p[j]! += h / k;
      sums.r[j]! += relevant > 0 ? h / relevant : 0;
      sums.h[j]! += h > 0 ? 1 : 0;
    });
    apSum += relevant > 0 ? ap / relevant : 0;
    aprSum += relevant > 0 ? apr / relevant : 0;
  }
  const per = (v: Float64Array): Record<number, number> =>
    Object.fromEntries(ks.map((k, j) => [k, (v[j] as number) / q.rows]));
  return {
    precisionAtK: per(sums.p),
    recallAtK: per(sums.r),
    hitRateAtK: per(sums.h),
    meanAveragePrecision: apSum / q.rows,
    meanAveragePrecisionAtR: aprSum / q.rows,
    numQueries: q.rows,
  };
}
