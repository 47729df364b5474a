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
  const kept = new Uint8Array(n);
  for (const order of byClass(ranked, cls))
    for (const i of greedyNms(input.boxes, order, input.iouThreshold, input.maxOutputSize))
      kept[i] = 1;
  // the kept boxes in the ranking's order (score descending, index ascending), up to the cap
  const out: number[] = [];
  for (let k = 0; k < ranked.length && out.length < input.maxOutputSize; k++)
    if (kept[ranked[k]!]) out.push(ranked[k]!);
  return Int32Array.from(out);
}

/** The ranked candidates split by class, each class's list in the ranking's order (a counting sort). */
function byClass(ranked: Int32Array, cls: Int32Array): Int32Array[] {
  const slotOf = new Map<number, number>();
  const slots = new Int32Array(ranked.length);
  const counts: number[] = [];
  for (let k = 0; k < ranked.length; k++) {
    const c = cls[ranked[k]!]!;
    let slot = slotOf.get(c);
    if (slot === undefined) {
      slot = counts.length;
      slotOf.set(c, slot);
      counts.push(0);
    }
    slots[k] = slot;
    counts[slot]! += 1;
  }
  const starts = new Int32Array(counts.length + 1);
  for (let c = 0; c < counts.length; c++) starts[c + 1] = starts[c]! + counts[c]!;
  const grouped = new Int32Array(ranked.length);
  const next = starts.slice(0, counts.length);
  for (let k = 0; k < ranked.length; k++) grouped[next[slots[k]!]!++] = ranked[k]!;
  return counts.map((_, c) => grouped.subarray(starts[c]!, starts[c + 1]!));
}
