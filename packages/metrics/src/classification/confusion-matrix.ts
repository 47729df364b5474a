import type * as tf from '@tensorflow/tfjs-core';
import {
  assertInteger,
  InvalidArgumentError,
  type TensorLike1D,
  toFloat64Array,
} from '@tessera/core';

/** Options of {@link confusionMatrix}. @category Classification */
export interface ConfusionMatrixOptions {
  /** Number of classes `C`; labels must lie in `[0, C)`. Default: 1 + the largest label seen. */
  numClasses?: number;
}

/**
 * The confusion matrix of integer class labels, scikit-learn's orientation: `matrix[i][j]` counts
 * items of true class `i` predicted as class `j` (rows: truth, columns: prediction).
 *
 * @param yTrue - Integer labels in `[0, numClasses)`.
 * @param yPred - Integer labels, same length.
 * @returns `numClasses` rows of `numClasses` counts.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on different lengths, a non-integer or negative label, or a
 *   label ≥ `numClasses` (naming the argument and index).
 * @example
 * ```ts
 * confusionMatrix([0, 1, 2, 2], [0, 2, 2, 1]); // [[1, 0, 0], [0, 0, 1], [0, 1, 1]]
 * ```
 * @category Classification
 */
export function confusionMatrix(
  yTrue: tf.Tensor1D | TensorLike1D,
  yPred: tf.Tensor1D | TensorLike1D,
  { numClasses }: ConfusionMatrixOptions = {},
): number[][] {
  const fn = 'confusionMatrix';
  const t = toFloat64Array(yTrue, { functionName: fn, argument: 'yTrue' });
  const p = toFloat64Array(yPred, { functionName: fn, argument: 'yPred' });
  if (t.length !== p.length)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'yPred',
      detail: `yTrue and yPred must have the same length, got ${t.length} and ${p.length}.`,
    });
  if (numClasses !== undefined) assertInteger(numClasses, fn, 'numClasses', { min: 1 });
  let largest = -1;
  for (const [name, v] of [
    ['yTrue', t],
    ['yPred', p],
  ] as const)
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as number;
      if (!Number.isInteger(x) || x < 0)
        throw new InvalidArgumentError({
          functionName: fn,
          argument: name,
          detail: `${name} must hold non-negative integer class labels, got ${x} at index ${i}.`,
        });
      if (numClasses !== undefined && x >= numClasses)
        throw new InvalidArgumentError({
          functionName: fn,
          argument: name,
          detail: `${name}[${i}] = ${x} is not below numClasses = ${numClasses}.`,
        });
      if (x > largest) largest = x;
    }
  const c = numClasses ?? largest + 1;
  const matrix = Array.from({ length: c }, () => new Array<number>(c).fill(0));
  for (let i = 0; i < t.length; i++) (matrix[t[i] as number] as number[])[p[i] as number]! += 1;
  return matrix;
}
