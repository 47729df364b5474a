import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, type TensorLike1D, toFloat64Array } from '@tessera/core';

/** Scores and 0/1 labels of a binary ranking, validated. @internal */
export interface BinaryInputs {
  scores: Float64Array;
  labels: Uint8Array;
  numPositive: number;
}

/**
 * Reads `scores` and `labels` for a binary metric: equal lengths, finite scores, labels 0/1
 * (booleans allowed). Errors name the argument and the first offending index. @internal
 */
export function readBinaryInputs(
  scores: tf.Tensor1D | TensorLike1D,
  labels: tf.Tensor1D | TensorLike1D | readonly boolean[],
  functionName: string,
): BinaryInputs {
  const s = toFloat64Array(scores, { functionName, argument: 'scores' });
  const rawLabels = isBooleanArray(labels) ? labels.map(Number) : labels;
  const l = toFloat64Array(rawLabels as TensorLike1D, { functionName, argument: 'labels' });
  if (s.length !== l.length)
    throw new InvalidArgumentError({
      functionName,
      argument: 'labels',
      detail: `scores and labels must have the same length, got ${s.length} and ${l.length}.`,
    });
  const out = new Uint8Array(l.length);
  let numPositive = 0;
  for (let i = 0; i < s.length; i++) {
    if (!Number.isFinite(s[i]))
      throw new InvalidArgumentError({
        functionName,
        argument: 'scores',
        detail: `scores must be finite numbers, got ${s[i]} at index ${i}.`,
      });
    const y = l[i] as number;
    if (y !== 0 && y !== 1)
      throw new InvalidArgumentError({
        functionName,
        argument: 'labels',
        detail: `labels must be 0 or 1 (binary), got ${y} at index ${i}.`,
      });
    out[i] = y;
    numPositive += y;
  }
  return { scores: s, labels: out, numPositive };
}

function isBooleanArray(x: unknown): x is readonly boolean[] {
  return Array.isArray(x) && x.length > 0 && typeof x[0] === 'boolean';
}
