import type * as tf from '@tensorflow/tfjs-core';
import type { TensorLike1D, TensorLike2D } from '@tessera/core';
import { evaluateRetrieval, type RetrievalOptions } from './evaluate-retrieval';

/** Query embeddings `[Q, D]`: a tensor or nested/flat numbers. @category Retrieval */
export type RetrievalQueries = tf.Tensor2D | TensorLike2D;
/** One class label per query `[Q]`. @category Retrieval */
export type RetrievalLabels = tf.Tensor1D | TensorLike1D;
/** Options of the single retrieval metrics: {@link RetrievalOptions} with one `k`. @category Retrieval */
export type RetrievalAtKOptions = Omit<RetrievalOptions, 'ks'> & { k: number };

/**
 * Mean over queries of (relevant items in the top `k`) / `k`. See {@link evaluateRetrieval}.
 * @example
 * ```ts
 * precisionAtK(embeddings, labels, { k: 1 }); // leave-one-out
 * ```
 * @category Retrieval
 */
export function precisionAtK(
  queries: RetrievalQueries,
  queryLabels: RetrievalLabels,
  { k, ...o }: RetrievalAtKOptions,
): number {
  return evaluateRetrieval(queries, queryLabels, { ...o, ks: [k] }, 'precisionAtK').precisionAtK[
    k
  ] as number;
}

/**
 * Mean over queries of (relevant items in the top `k`) / (relevant items in the gallery) —
 * information-retrieval recall. For the metric-learning "Recall@K", use {@link hitRateAtK}.
 * @category Retrieval
 */
export function recallAtK(
  queries: RetrievalQueries,
  queryLabels: RetrievalLabels,
  { k, ...o }: RetrievalAtKOptions,
): number {
  return evaluateRetrieval(queries, queryLabels, { ...o, ks: [k] }, 'recallAtK').recallAtK[
    k
  ] as number;
}

/**
 * Fraction of queries with at least one relevant item in the top `k` — the "Recall@K" of
 * deep-metric-learning papers (Song et al. 2016).
 * @category Retrieval
 */
export function hitRateAtK(
  queries: RetrievalQueries,
  queryLabels: RetrievalLabels,
  { k, ...o }: RetrievalAtKOptions,
): number {
  return evaluateRetrieval(queries, queryLabels, { ...o, ks: [k] }, 'hitRateAtK').hitRateAtK[
    k
  ] as number;
}

/** Mean over queries of the non-interpolated average precision of the whole ranking. @category Retrieval */
export function meanAveragePrecision(
  queries: RetrievalQueries,
  queryLabels: RetrievalLabels,
  options: Omit<RetrievalOptions, 'ks'> = {},
): number {
  return evaluateRetrieval(queries, queryLabels, { ...options, ks: [] }, 'meanAveragePrecision')
    .meanAveragePrecision;
}

/**
 * MAP@R (Musgrave, Belongie & Lim 2020, "A Metric Learning Reality Check"): per query, with R its
 * number of relevant items, (1/R) Σ_{i ≤ R} P@i · rel(i); averaged over queries.
 * @category Retrieval
 */
export function meanAveragePrecisionAtR(
  queries: RetrievalQueries,
  queryLabels: RetrievalLabels,
  options: Omit<RetrievalOptions, 'ks'> = {},
): number {
  return evaluateRetrieval(queries, queryLabels, { ...options, ks: [] }, 'meanAveragePrecisionAtR')
    .meanAveragePrecisionAtR;
}
