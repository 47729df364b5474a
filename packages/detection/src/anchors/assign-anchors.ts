import type * as tf from '@tensorflow/tfjs-core';
import { assertInRange } from '@tessera/core';
import type { TensorLike2D } from '@tessera/core';
import { readFlatBoxes } from '../box-iou-matrix';
import { boxCorners, cornerIou } from '../internal/iou-kernel';

/**
 * Assigns ground-truth boxes to anchors (d2l's `assign_anchor_to_bbox`): first every anchor takes
 * the box it overlaps most if that IoU ≥ `iouThreshold`; then, once per ground-truth box, the
 * largest remaining IoU of the whole matrix (row-major first on ties) force-assigns that anchor to
 * that box and removes both from the search — so every box gets at least one anchor.
 *
 * @param anchors - `[numAnchors, 4]` `xyxy`.
 * @param groundTruth - `[numBoxes, 4]` `xyxy`.
 * @param options - Options:
 * @param options.iouThreshold - Default `0.5`.
 * @returns `Int32Array` `[numAnchors]`: the assigned box index, or −1 for background.
 * @category Anchors
 */
export function assignAnchors(
  anchors: tf.Tensor2D | TensorLike2D,
  groundTruth: tf.Tensor2D | TensorLike2D,
  { iouThreshold = 0.5 }: { iouThreshold?: number } = {},
): Int32Array {
  const fn = 'assignAnchors';
  assertInRange(iouThreshold, 0, 1, fn, 'iouThreshold');
  const a = boxCorners(readFlatBoxes(anchors, fn, 'anchors'), 'xyxy');
  const g = boxCorners(readFlatBoxes(groundTruth, fn, 'groundTruth'), 'xyxy');
  const nA = a.length / 5;
  const nG = g.length / 5;
  const iou = new Float64Array(nA * nG);
  for (let i = 0; i < nA; i++) for (let j = 0; j < nG; j++) iou[i * nG + j] = cornerIou(a, i, g, j);
  const map = new Int32Array(nA).fill(-1);
  for (let i = 0; i < nA; i++) {
    let best = 0;
    for (let j = 1; j < nG; j++)
      if ((iou[i * nG + j] as number) > (iou[i * nG + best] as number)) best = j;
    if (nG > 0 && (iou[i * nG + best] as number) >= iouThreshold) map[i] = best;
  }
  for (let round = 0; round < nG; round++) {
    let arg = 0;
    for (let k = 1; k < iou.length; k++) if ((iou[k] as number) > (iou[arg] as number)) arg = k;
    const anchor = Math.floor(arg / nG);
    const box = arg % nG;
    map[anchor] = box;
    for (let i = 0; i < nA; i++) iou[i * nG + box] = -1;
    for (let j = 0; j < nG; j++) iou[anchor * nG + j] = -1;
  }
  return map;
}
