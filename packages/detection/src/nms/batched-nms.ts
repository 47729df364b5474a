import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, toInt32Array } from '@tessera/core';
import type { TensorLike1D, TensorLike2D } from '@tessera/core';
import { greedyNms, rankByScore } from './greedy-nms';
import { type NmsOptions, readNmsInputs } from './nms-inputs';

/**
 * Class-aware NMS (torchvision's `batched_nms`): boxes of different classes never suppress each
 * other. The kept **set** equals torchvision's; the order is canonical — score descending, then
 * index ascending (torchvision's own order for tied scores depends on its code path).
 *
 * @param boxes - `[numBoxes, 4]` `xyxy`.
 * @param scores - `[numBoxes]`.
 * @param classes - Class of each box, integers, `[numBoxes]`.
 * @param options - As {@link nms}; `maxOutputSize` caps the merged result.
 * @returns Kept indices, score descending.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} as {@link nms}, or for non-integer classes of the wrong length.
 * @category NMS
 */
export function batchedNms(
  boxes: tf.Tensor2D | TensorLike2D,
  scores: tf.Tensor1D | TensorLike1D,
  classes: tf.Tensor1D | TensorLike1D,
  options: NmsOptions = {},
): Int32Array {
  const fn = 'batchedNms';
  const input = readNmsInputs(fn, boxes, scores, options);
  const n = input.scores.length;
  const cls =
    Array.isArray(classes) && classes.length === 0
      ? new Int32Array(0)
      : toInt32Array(classes as tf.Tensor, { functionName: fn, argument: 'classes' });
  if (cls.length !== n) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'classes',
      detail: `classes must have one value per box (${n}), got ${cls.length}.`,
    });
  }
  const ranked = rankByScore(input.scores, input.scoreThreshold);
  const byClass = new Map<number, number[]>();
  for (const i of ranked) {
    const list = byClass.get(cls[i] as number);
    if (list) list.push(i);
    else byClass.set(cls[i] as number, [i]);
  }
  const kept: number[] = [];
  for (const order of byClass.values())
    kept.push(
      ...greedyNms(input.boxes, Int32Array.from(order), input.iouThreshold, input.maxOutputSize),
    );
  const s = input.scores;
  kept.sort((a, b) => (s[b] as number) - (s[a] as number) || a - b);
  return Int32Array.from(
    kept.slice(0, input.maxOutputSize === Infinity ? kept.length : input.maxOutputSize),
  );
}
