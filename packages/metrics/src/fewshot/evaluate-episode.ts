import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, type TensorLike3D, toFloat64Array } from '@tessera/core';

/** What {@link evaluateEpisode} returns. @category Few-shot */
export interface EpisodeResult {
  /** Fraction of queries classified correctly. */
  accuracy: number;
  /** Mean cross-entropy of the logits −‖q − cₖ‖² (the prototypical-network loss). */
  loss: number;
  /** Predicted class per query row (query row `c·Q + j` has class `c`). */
  predictions: Int32Array;
  /** The true class per query row. */
  labels: Int32Array;
  /** `[N, D]` class means of the support embeddings, row-major. */
  prototypes: Float64Array;
  /** `[N·Q, N]` squared Euclidean distances of queries to prototypes, row-major. */
  squaredDistances: Float64Array;
}

/**
 * Scores one C-way K-shot episode of frozen embeddings the prototypical-network way (Snell et al.
 * 2017), in float64: prototypes are the class means of the support set, each query goes to the
 * nearest prototype in squared Euclidean distance (lowest class on ties).
 *
 * @param support - `[N, K, D]`: K support embeddings per class.
 * @param query - `[N, Q, D]`: Q query embeddings per class, same class order.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when the shapes are not `[N, K, D]` / `[N, Q, D]` with the same N and D.
 * @example
 * ```ts
 * const { accuracy } = evaluateEpisode(support, query); // support [5, 1, 64], query [5, 15, 64]
 * ```
 * @category Few-shot
 */
export function evaluateEpisode(
  support: tf.Tensor3D | TensorLike3D,
  query: tf.Tensor3D | TensorLike3D,
): EpisodeResult {
  const fn = 'evaluateEpisode';
  const [N, K, D] = shape3(support, fn, 'support');
  const [Nq, Q, Dq] = shape3(query, fn, 'query');
  if (Nq !== N || Dq !== D)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'query',
      detail: `query must be [${N}, Q, ${D}] like support's classes and width, got [${Nq}, ${Q}, ${Dq}].`,
    });
  const s = toFloat64Array(support, { functionName: fn, argument: 'support' });
  const q = toFloat64Array(query, { functionName: fn, argument: 'query' });
  return evaluateFlatEpisode(s, q, { ways: N, shots: K, queries: Q, dim: D });
}

/**
 * {@link evaluateEpisode} on flat row-major arrays — `support` `[ways·shots·dim]`, `query`
 * `[ways·queries·dim]`, classes in the same order — for evaluation loops over many episodes that
 * gather rows into reused buffers instead of building nested arrays. Sizes are not checked.
 * @category Few-shot
 */
export function evaluateFlatEpisode(
  s: Float64Array,
  q: Float64Array,
  {
    ways: N,
    shots: K,
    queries: Q,
    dim: D,
  }: { ways: number; shots: number; queries: number; dim: number },
): EpisodeResult {
  const prototypes = new Float64Array(N * D);
  for (let c = 0; c < N; c++)
    for (let d = 0; d < D; d++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += s[(c * K + k) * D + d] as number;
      prototypes[c * D + d] = sum / K;
    }
  const rows = N * Q;
  const squaredDistances = new Float64Array(rows * N);
  const predictions = new Int32Array(rows);
  const labels = new Int32Array(rows);
  let lossSum = 0;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    labels[r] = Math.floor(r / Q);
    let best = 0;
    for (let c = 0; c < N; c++) {
      let d2 = 0;
      for (let d = 0; d < D; d++)
        d2 += ((q[r * D + d] as number) - (prototypes[c * D + d] as number)) ** 2;
      squaredDistances[r * N + c] = d2;
      if (d2 < (squaredDistances[r * N + best] as number)) best = c;
    }
    predictions[r] = best;
    if (best === labels[r]) correct++;
    // cross-entropy of logits −d²: log Σ exp(−d²_c) + d²_y, shifted by the smallest distance
    const m = squaredDistances[r * N + best] as number;
    let z = 0;
    for (let c = 0; c < N; c++) z += Math.exp(m - (squaredDistances[r * N + c] as number));
    lossSum += Math.log(z) - m + (squaredDistances[r * N + (labels[r] as number)] as number);
  }
  return {
    accuracy: correct / rows,
    loss: lossSum / rows,
    predictions,
    labels,
    prototypes,
    squaredDistances,
  };
}

/**
 * Accuracy of one episode: {@link evaluateEpisode}`(support, query).accuracy`.
 * @category Few-shot
 */
export function episodeAccuracy(
  support: tf.Tensor3D | TensorLike3D,
  query: tf.Tensor3D | TensorLike3D,
): number {
  return evaluateEpisode(support, query).accuracy;
}

function shape3(
  x: tf.Tensor3D | TensorLike3D,
  functionName: string,
  argument: string,
): [number, number, number] {
  const shape =
    (x as { shape?: number[] }).shape ??
    (Array.isArray(x) && Array.isArray(x[0]) && Array.isArray((x[0] as unknown[])[0])
      ? [x.length, (x[0] as unknown[]).length, ((x[0] as unknown[])[0] as unknown[]).length]
      : undefined);
  if (shape?.length !== 3 || shape.some((v) => v === 0))
    throw new InvalidArgumentError({
      functionName,
      argument,
      detail: `${argument} must be a non-empty [classes, shots, dims] array or tensor.`,
    });
  return shape as [number, number, number];
}
