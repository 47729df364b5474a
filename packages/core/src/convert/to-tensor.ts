import { cast, tensor } from '@tensorflow/tfjs-core';
import type {
  DataType,
  Tensor,
  Tensor1D,
  Tensor2D,
  Tensor3D,
  Tensor4D,
} from '@tensorflow/tfjs-core';
import { assertOneOf } from '../assert/assert-one-of';
import { assertRank } from '../assert/assert-rank';
import { formatShape } from '../internal/describe-value';
import { fail } from '../internal/fail';
import { flattenNested } from '../internal/flatten-nested';
import { isTensor } from '../internal/is-tensor';
import type { TensorLike1D, TensorLike2D, TensorLike3D, TensorLike4D } from '../types';
import type { ConvertOptions } from './read-values';
import { toInt32Array } from './to-int32-array';

/** Options of the `toTensorND` conversions. */
export interface ToTensorOptions extends ConvertOptions {
  /** dtype of the result. Default `'float32'`. */
  dtype?: 'float32' | 'int32' | 'bool';
}

const DTYPES = ['float32', 'int32', 'bool'] as const;

/**
 * Turns a tensor or nested array into a tensor of the given rank, checking the rank.
 *
 * Ownership: when `x` is already a tensor of this rank and dtype it is returned as is; otherwise
 * the result is a new tensor. Call it inside `tf.tidy`, or dispose the result when `result !== x`.
 * @internal
 */
export function toTensorOfRank(
  x: unknown,
  rank: number,
  { functionName = `toTensor${rank}D`, argument = 'x', dtype = 'float32' }: ToTensorOptions,
): Tensor {
  assertOneOf(dtype, DTYPES, functionName, 'dtype');
  if (isTensor(x)) {
    assertRank(x, rank, functionName, argument);
    return x.dtype === dtype ? x : cast(x, dtype as DataType);
  }
  const { values, shape } = flattenNested(x, functionName, argument);
  if (shape.length !== rank) {
    fail(
      functionName,
      argument,
      `${argument} must be rank ${rank}, got a nested array of rank ${shape.length} (shape ${formatShape(shape)}).`,
    );
  }
  const typed =
    dtype === 'int32'
      ? toInt32Array(values, { functionName, argument })
      : dtype === 'bool'
        ? Uint8Array.from(values, (v) => (v !== 0 ? 1 : 0))
        : Float32Array.from(values);
  return tensor(typed, shape, dtype);
}

/**
 * A rank-1 tensor from a tensor, a plain array or a typed array.
 * Returns `x` itself when it already is a rank-1 tensor of `dtype`; otherwise a new tensor.
 * @throws {@link InvalidArgumentError} when the rank is not 1 or the input is not numeric.
 * @category Conversions
 */
export function toTensor1D(x: TensorLike1D, options: ToTensorOptions = {}): Tensor1D {
  return toTensorOfRank(x, 1, { functionName: 'toTensor1D', ...options }) as Tensor1D;
}

/**
 * A rank-2 tensor (`[rows, cols]`) from a tensor or a rectangular nested array.
 * Returns `x` itself when it already is a rank-2 tensor of `dtype`; otherwise a new tensor
 * (call inside `tf.tidy`, or dispose it when `result !== x`).
 *
 * @throws {@link InvalidArgumentError} `nms: boxes must be rank 2, got a nested array of rank 1 (shape [4]).`
 * @example
 * ```ts
 * const boxes = toTensor2D([[0, 0, 10, 10], [5, 5, 15, 15]], { functionName: 'nms', argument: 'boxes' });
 * ```
 * @category Conversions
 */
export function toTensor2D(x: TensorLike2D, options: ToTensorOptions = {}): Tensor2D {
  return toTensorOfRank(x, 2, { functionName: 'toTensor2D', ...options }) as Tensor2D;
}

/** A rank-3 tensor from a tensor or a rectangular nested array; see {@link toTensor2D}. @category Conversions */
export function toTensor3D(x: TensorLike3D, options: ToTensorOptions = {}): Tensor3D {
  return toTensorOfRank(x, 3, { functionName: 'toTensor3D', ...options }) as Tensor3D;
}

/**
 * A rank-4 tensor (images: `[batch, height, width, channels]`) from a tensor or nested array;
 * see {@link toTensor2D}.
 * @category Conversions
 */
export function toTensor4D(x: TensorLike4D, options: ToTensorOptions = {}): Tensor4D {
  return toTensorOfRank(x, 4, { functionName: 'toTensor4D', ...options }) as Tensor4D;
}
