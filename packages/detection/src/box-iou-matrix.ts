import type * as tf from '@tensorflow/tfjs-core';
import {
  type BoxFormat,
  BOX_FORMATS,
  assertOneOf,
  InvalidArgumentError,
  type NumericArray,
  type TensorLike2D,
  toFloat64Array,
} from '@tessera/core';
import { boxCorners, cornerIou } from './internal/iou-kernel';

/** Options of {@link boxIouMatrix}. @category Box ops */
export interface BoxIouMatrixOptions {
  /** Layout of both box sets. Default `'xyxy'`. */
  format?: BoxFormat;
  /**
   * Per box of `boxes2`, whether it is a crowd region (COCO `iscrowd`): for those columns the
   * union is replaced by the area of the `boxes1` box, i.e. the fraction of that box inside the
   * region, as pycocotools' `bbIou` computes it.
   */
  crowd?: ArrayLike<boolean | number>;
}

/**
 * IoU of every pair of boxes, in float64 on the CPU: `Float64Array` of `n·m` values, row-major
 * (`iou[i * m + j]` pairs `boxes1[i]` with `boxes2[j]`). This is the evaluation-side twin of the
 * differentiable {@link boxIou}: same values as torchvision's `box_iou` for `xyxy` and as
 * pycocotools' `bbIou` for `xywh` (areas are `w·h` there), bit for bit, so matching at an IoU of
 * exactly 0.5 is decided as those references decide it. Disjoint or touching pairs give 0 —
 * also for two zero-area boxes, where `boxIou` gives torchvision's NaN.
 *
 * @param boxes1 - `[n, 4]`: a tensor, nested array or flat array of `4n` numbers.
 * @param boxes2 - `[m, 4]`, same layout.
 * @returns `Float64Array` `[n·m]`.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when a set is not `[·, 4]`, or `crowd` has not `m` entries.
 * @example
 * ```ts
 * boxIouMatrix([[0, 0, 2, 2]], [[1, 1, 2, 2]], { format: 'xywh' }); // Float64Array [1 / 7]
 * ```
 * @category Box ops
 */
export function boxIouMatrix(
  boxes1: tf.Tensor2D | TensorLike2D | NumericArray,
  boxes2: tf.Tensor2D | TensorLike2D | NumericArray,
  { format = 'xyxy', crowd }: BoxIouMatrixOptions = {},
): Float64Array {
  const fn = 'boxIouMatrix';
  assertOneOf(format, BOX_FORMATS, fn, 'format');
  const a = boxCorners(readFlatBoxes(boxes1, fn, 'boxes1'), format);
  const b = boxCorners(readFlatBoxes(boxes2, fn, 'boxes2'), format);
  const n = a.length / 5;
  const m = b.length / 5;
  if (crowd !== undefined && crowd.length !== m)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'crowd',
      detail: `crowd must have one entry per box of boxes2 (${m}), got ${crowd.length}.`,
    });
  const out = new Float64Array(n * m);
  for (let j = 0; j < m; j++) {
    const isCrowd = crowd !== undefined && Boolean(crowd[j]);
    for (let i = 0; i < n; i++) out[i * m + j] = cornerIou(a, i, b, j, isCrowd);
  }
  return out;
}

/** Flat float64 box values, `4n` of them; an empty array is zero boxes. @internal */
export function readFlatBoxes(
  x: tf.Tensor2D | TensorLike2D | NumericArray,
  functionName: string,
  argument: string,
): Float64Array {
  if (Array.isArray(x) && x.length === 0) return new Float64Array(0);
  const v = toFloat64Array(x as tf.Tensor, { functionName, argument });
  if (v.length % 4 !== 0)
    throw new InvalidArgumentError({
      functionName,
      argument,
      detail: `${argument} must have shape [n, 4], got ${v.length} values.`,
    });
  return v;
}
