import type { Tensor, Tensor1D, Tensor2D, Tensor3D, Tensor4D } from '@tensorflow/tfjs-core';

/**
 * Box layouts. `xyxy` = `[x1, y1, x2, y2]` is Tessera's default (torchvision, COCO results);
 * `xywh` = `[x, y, width, height]` (COCO annotations); `cxcywh` = `[centerX, centerY, width, height]`;
 * `yxyx` = `[y1, x1, y2, x2]` (TF.js's `tf.image.nonMaxSuppression`, `cropAndResize`).
 * @category Types
 */
export type BoxFormat = 'xyxy' | 'xywh' | 'cxcywh' | 'yxyx';

/** Every {@link BoxFormat}, for validation and iteration. @category Types */
export const BOX_FORMATS: readonly BoxFormat[] = Object.freeze(['xyxy', 'xywh', 'cxcywh', 'yxyx']);

/**
 * How a loss reduces its per-element values: `'none'` keeps them, `'mean'` averages, `'sum'` adds.
 * @category Types
 */
export type Reduction = 'none' | 'mean' | 'sum';

/** Every {@link Reduction}. @category Types */
export const REDUCTIONS: readonly Reduction[] = Object.freeze(['none', 'mean', 'sum']);

/** The typed arrays Tessera reads numbers from. @category Types */
export type TypedArray =
  | Float32Array
  | Float64Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

/** Flat numbers: a plain array or any typed array. @category Types */
export type NumericArray = readonly number[] | TypedArray;

/**
 * A nested array of numbers of any depth, e.g. `number[][]` for a matrix; the innermost rows may be
 * typed arrays. @category Types
 */
export type NestedArray = number | NumericArray | readonly NestedArray[];

/** Anything with a shape, such as a `tf.Tensor`. @category Types */
export interface HasShape {
  readonly shape: readonly number[];
}

/** A rank-1 input: a tensor, a plain array or a typed array. @category Types */
export type TensorLike1D = Tensor1D | NumericArray;

/** A rank-2 input: a tensor or a rectangular nested array (`number[][]`). @category Types */
export type TensorLike2D = Tensor2D | readonly (readonly number[])[] | readonly NumericArray[];

/** A rank-3 input: a tensor or a rectangular nested array. @category Types */
export type TensorLike3D = Tensor3D | readonly (readonly (readonly number[])[])[];

/** A rank-4 input: a tensor or a rectangular nested array. @category Types */
export type TensorLike4D = Tensor4D | readonly (readonly (readonly (readonly number[])[])[])[];

/** Any input Tessera's conversions accept: a tensor, flat numbers, or a nested array. @category Types */
export type TensorLikeAny = Tensor | NumericArray | NestedArray;
