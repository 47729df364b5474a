import type * as tf from '@tensorflow/tfjs-core';
import type { TensorLike1D, TensorLike2D } from '@tessera/core';
import { greedyNms, rankByScore } from './greedy-nms';
import { type NmsInputs, type NmsOptions, readNmsInputs, readNmsInputsAsync } from './nms-inputs';

/**
 * Non-maximum suppression with torchvision's semantics, on the CPU: boxes are visited by score,
 * highest first, **ties by lower index** (torchvision's stable CPU sort); a box is dropped when its
 * IoU with an already kept box is **strictly greater** than `iouThreshold` (IoU equal to the
 * threshold is kept); two zero-area boxes (IoU = NaN) never suppress each other. Coordinates are
 * continuous (no +1). Empty input gives an empty result.
 *
 * Reads tensors synchronously (`dataSync`); use {@link nmsAsync} on GPU backends.
 *
 * @param boxes - `[numBoxes, 4]` `xyxy` (tensor, nested or typed-row array). Convert TF.js's `yxyx`
 *   with `convertBoxes(boxes, 'yxyx', 'xyxy')`.
 * @param scores - `[numBoxes]`.
 * @returns Kept indices, best first.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} for mismatched lengths, `x2 < x1` or `y2 < y1`, NaN scores,
 *   or thresholds out of range.
 * @example
 * ```ts
 * nms([[0, 0, 10, 10], [1, 1, 11, 11], [50, 50, 60, 60]], [0.9, 0.8, 0.7], { iouThreshold: 0.5 }); // Int32Array [0, 2]
 * ```
 * @category NMS
 */
export function nms(
  boxes: tf.Tensor2D | TensorLike2D,
  scores: tf.Tensor1D | TensorLike1D,
  options: NmsOptions = {},
): Int32Array {
  return run(readNmsInputs('nms', boxes, scores, options));
}

/**
 * {@link nms}, reading tensors with `await data()` so a GPU backend is not blocked.
 * @category NMS
 */
export async function nmsAsync(
  boxes: tf.Tensor2D | TensorLike2D,
  scores: tf.Tensor1D | TensorLike1D,
  options: NmsOptions = {},
): Promise<Int32Array> {
  return run(await readNmsInputsAsync('nmsAsync', boxes, scores, options));
}

function run({
  boxes,
  scores,
  iouThreshold,
  scoreThreshold,
  maxOutputSize,
}: NmsInputs): Int32Array {
  return Int32Array.from(
    greedyNms(boxes, rankByScore(scores, scoreThreshold), iouThreshold, maxOutputSize),
  );
}
