import * as tf from '@tensorflow/tfjs-core';
import { toInt32Array, type TensorLike1D, type TensorLike2D } from '@tessera/core';
import { fail } from '../internal/fail';

/** What {@link prototypeClassifier} returns. */
export interface PrototypeClassifier {
  /** `[numClasses, dim]`: the mean support embedding of each class (class c in row c). */
  readonly prototypes: tf.Tensor2D;
  /** `[Q, numClasses]`: `−‖q − c_k‖²` (ProtoNet's logits). */
  logits(query: tf.Tensor2D | TensorLike2D): tf.Tensor2D;
  /** `[Q]` int32: the nearest prototype's class. */
  predict(query: tf.Tensor2D | TensorLike2D): tf.Tensor1D;
  dispose(): void;
}

/**
 * Prototypical networks' classifier (Snell et al. 2017): class prototypes are the means of the
 * support embeddings; a query goes to the prototype at the smallest squared Euclidean distance.
 * Labels must be 0 … C − 1, each with at least one support example.
 *
 * @param supportEmbeddings - `[S, dim]`.
 * @param supportLabels - `[S]` integers in 0 … C − 1.
 * @example
 * ```ts
 * const clf = prototypeClassifier(encoder.predict(support), supportLabels);
 * const predicted = clf.predict(encoder.predict(query));
 * ```
 * @category Few-shot
 */
export function prototypeClassifier(
  supportEmbeddings: tf.Tensor2D | TensorLike2D,
  supportLabels: tf.Tensor1D | TensorLike1D,
): PrototypeClassifier {
  const name = 'prototypeClassifier';
  const labels = toInt32Array(supportLabels, { functionName: name, argument: 'supportLabels' });
  const support =
    supportEmbeddings instanceof tf.Tensor
      ? supportEmbeddings
      : tf.tensor2d(supportEmbeddings as number[][]);
  if (support.rank !== 2 || support.shape[0] !== labels.length) {
    if (support !== supportEmbeddings) support.dispose();
    fail(
      name,
      'supportLabels',
      `supportLabels must have one label per support row (${support.shape[0]}), got ${labels.length}.`,
    );
  }
  const classes = labels.reduce((m, v) => Math.max(m, v + 1), 0);
  const counts = new Float32Array(classes);
  labels.forEach((v, i) => {
    if (v < 0) fail(name, 'supportLabels', `supportLabels[${i}] = ${v} must be >= 0.`);
    counts[v]!++;
  });
  counts.forEach((c, k) => {
    if (c === 0)
      fail(
        name,
        'supportLabels',
        `class ${k} has no support example (labels must be 0 … ${classes - 1}, each present).`,
      );
  });
  const prototypes = tf.tidy(() => {
    // one-hot matrix product rather than unsortedSegmentSum, which wasm 4.22 lacks
    const oneHot = tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), classes), 'float32');
    const sums = tf.matMul(oneHot, tf.cast(support, 'float32'), true, false);
    return tf.div(sums, tf.tensor2d(counts, [classes, 1])) as tf.Tensor2D;
  });
  if (support !== supportEmbeddings) support.dispose();
  const logits = (query: tf.Tensor2D | TensorLike2D) =>
    tf.tidy(() => {
      const q = query instanceof tf.Tensor ? query : tf.tensor2d(query as number[][]);
      if (q.rank !== 2 || q.shape[1] !== prototypes.shape[1]) {
        fail(
          name,
          'query',
          `query must be [Q, ${prototypes.shape[1]}], got [${q.shape.join(', ')}].`,
        );
      }
      // differences, not the ‖q‖² − 2q·c + ‖c‖² expansion: no cancellation for nearby points
      const diff = tf.sub(tf.expandDims(q, 1), tf.expandDims(prototypes, 0));
      return tf.neg(tf.sum(tf.square(diff), 2)) as tf.Tensor2D;
    });
  return {
    prototypes,
    logits,
    predict: (query) => tf.tidy(() => tf.argMax(logits(query), 1) as tf.Tensor1D),
    dispose: () => prototypes.dispose(),
  };
}
