import type * as tf from '@tensorflow/tfjs-core';
import {
  InvalidArgumentError,
  type TensorLike1D,
  type TensorLike2D,
  toFloat64Array,
} from '@tessera/core';

/** A row-major float64 matrix. @internal */
export interface Matrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

/** Reads a `[rows, cols]` tensor or nested array into float64 (exact for plain arrays). @internal */
export function readMatrix(
  x: tf.Tensor2D | TensorLike2D,
  functionName: string,
  argument: string,
): Matrix {
  const rank =
    (x as { shape?: number[] }).shape?.length ??
    ((Array.isArray(x) && Array.isArray(x[0])) || ArrayBuffer.isView((x as unknown[])[0]) ? 2 : -1);
  const data = toFloat64Array(x, { functionName, argument });
  const rows = (x as { shape?: number[] }).shape?.[0] ?? (x as unknown[]).length;
  if (rank !== 2 || rows === 0)
    throw new InvalidArgumentError({
      functionName,
      argument,
      detail: `${argument} must be a non-empty [rows, dims] matrix.`,
    });
  for (let i = 0; i < data.length; i++)
    if (!Number.isFinite(data[i]))
      throw new InvalidArgumentError({
        functionName,
        argument,
        detail: `${argument} must be finite, got ${data[i]} at row ${Math.floor(i / (data.length / rows))}.`,
      });
  return { data, rows, cols: data.length / rows };
}

/** Reads labels, checking their count. @internal */
export function readLabels(
  x: tf.Tensor1D | TensorLike1D,
  expected: number,
  functionName: string,
  argument: string,
): Float64Array {
  const labels = toFloat64Array(x, { functionName, argument });
  if (labels.length !== expected)
    throw new InvalidArgumentError({
      functionName,
      argument,
      detail: `${argument} must have one label per row (${expected}), got ${labels.length}.`,
    });
  return labels;
}

/** Class labels as non-negative integers (see {@link assertLabelsBelow} for an upper bound). @internal */
export function readClassLabels(
  x: tf.Tensor1D | TensorLike1D,
  expected: number,
  functionName: string,
  argument: string,
): Int32Array {
  const labels = readLabels(x, expected, functionName, argument);
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i] as number;
    if (!Number.isInteger(v) || v < 0)
      throw new InvalidArgumentError({
        functionName,
        argument,
        detail: `${argument} must be non-negative integer class ids, got ${v} at index ${i}.`,
      });
    out[i] = v;
  }
  return out;
}

/** Throws unless every label is below `numClasses`, naming the first that is not. @internal */
export function assertLabelsBelow(
  labels: Int32Array,
  numClasses: number,
  functionName: string,
  argument: string,
): void {
  const at = labels.findIndex((label) => label >= numClasses);
  if (at >= 0)
    throw new InvalidArgumentError({
      functionName,
      argument,
      detail: `${argument} must be below numClasses (${numClasses}), got ${labels[at]} at index ${at}.`,
    });
}
