import type * as tf from '@tensorflow/tfjs-core';
import {
  assertInRange,
  assertInteger,
  InvalidArgumentError,
  toFloat64Array,
  toFloat64ArrayAsync,
} from '@tessera/core';
import type { TensorLike1D, TensorLike2D } from '@tessera/core';

/** Options shared by the NMS functions. */
export interface NmsOptions {
  /** Suppress a box when its IoU with a kept box is **greater** than this. In [0, 1]. Default `0.5`. */
  iouThreshold?: number;
  /** Consider only boxes with `score > scoreThreshold`. Default `-Infinity` (all, as torchvision). */
  scoreThreshold?: number;
  /** Keep at most this many boxes. Default `Infinity`. */
  maxOutputSize?: number;
}

/** Boxes, scores and options, read and checked. @internal */
export interface NmsInputs {
  boxes: Float64Array;
  scores: Float64Array;
  iouThreshold: number;
  scoreThreshold: number;
  maxOutputSize: number;
}

type Boxes = tf.Tensor2D | TensorLike2D;
type Scores = tf.Tensor1D | TensorLike1D;

/** Reads boxes and scores synchronously and validates everything. @internal */
export function readNmsInputs(
  fn: string,
  boxes: Boxes,
  scores: Scores,
  options: NmsOptions,
): NmsInputs {
  const b = isEmpty(boxes)
    ? new Float64Array(0)
    : toFloat64Array(boxes as tf.Tensor, { functionName: fn, argument: 'boxes' });
  const s = isEmpty(scores)
    ? new Float64Array(0)
    : toFloat64Array(scores as tf.Tensor, { functionName: fn, argument: 'scores' });
  return check(fn, b, s, options);
}

/** {@link readNmsInputs}, reading tensors with `await data()`. @internal */
export async function readNmsInputsAsync(
  fn: string,
  boxes: Boxes,
  scores: Scores,
  options: NmsOptions,
): Promise<NmsInputs> {
  const b = isEmpty(boxes)
    ? new Float64Array(0)
    : await toFloat64ArrayAsync(boxes as tf.Tensor, { functionName: fn, argument: 'boxes' });
  const s = isEmpty(scores)
    ? new Float64Array(0)
    : await toFloat64ArrayAsync(scores as tf.Tensor, { functionName: fn, argument: 'scores' });
  return check(fn, b, s, options);
}

function isEmpty(x: unknown): boolean {
  return Array.isArray(x) && x.length === 0;
}

function check(
  fn: string,
  boxes: Float64Array,
  scores: Float64Array,
  { iouThreshold = 0.5, scoreThreshold = -Infinity, maxOutputSize = Infinity }: NmsOptions,
): NmsInputs {
  assertInRange(iouThreshold, 0, 1, fn, 'iouThreshold');
  if (typeof scoreThreshold !== 'number' || Number.isNaN(scoreThreshold)) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'scoreThreshold',
      detail: `scoreThreshold must be a number, got ${String(scoreThreshold)}.`,
    });
  }
  if (maxOutputSize !== Infinity) assertInteger(maxOutputSize, fn, 'maxOutputSize', { min: 0 });
  if (boxes.length % 4 !== 0) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'boxes',
      detail: `boxes must have shape [numBoxes, 4], got ${boxes.length} values.`,
    });
  }
  const n = boxes.length / 4;
  if (scores.length !== n) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'scores',
      detail: `scores must have one value per box (${n}), got ${scores.length}.`,
    });
  }
  for (let i = 0; i < n; i++) {
    const [x1, y1, x2, y2] = [
      boxes[4 * i],
      boxes[4 * i + 1],
      boxes[4 * i + 2],
      boxes[4 * i + 3],
    ] as number[];
    if (!(x2! >= x1! && y2! >= y1!)) {
      throw new InvalidArgumentError({
        functionName: fn,
        argument: 'boxes',
        detail: `boxes must be xyxy with x2 >= x1 and y2 >= y1, got [${x1}, ${y1}, ${x2}, ${y2}] at index ${i}.`,
      });
    }
    if (Number.isNaN(scores[i])) {
      throw new InvalidArgumentError({
        functionName: fn,
        argument: 'scores',
        detail: `scores must not contain NaN, got NaN at index ${i}.`,
      });
    }
  }
  return { boxes, scores, iouThreshold, scoreThreshold, maxOutputSize };
}
