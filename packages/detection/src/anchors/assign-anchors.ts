import type * as tf from '@tensorflow/tfjs-core';
import { assertInRange, InvalidArgumentError, toFloat64Array } from '@tessera/core';
import type { TensorLike2D } from '@tessera/core';

/**
 * Assigns ground-truth boxes to anchors (d2l's `assign_anchor_to_bbox`): first every anchor takes
 * the box it overlaps most if that IoU ≥ `iouThreshold`; then, once per ground-truth box, the
 * largest remaining IoU of the whole matrix (row-major first on ties) force-assigns that anchor to
 * that box and removes both from the search — so every box gets at least one anchor.
 *
 * @param anchors - `[numAnchors, 4]` `xyxy`.
 * @param groundTruth - `[numBoxes, 4]` `xyxy`.
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
  const a = readBoxes(anchors, fn, 'anchors');
  const g = readBoxes(groundTruth, fn, 'groundTruth');
  const nA = a.length / 4;
  const nG = g.length / 4;
  const iou = new Float64Array(nA * nG);
  for (let i = 0; i < nA; i++)
    for (let j = 0; j < nG; j++) iou[i * nG + j] = boxPairIou(a, i, g, j);
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

function readBoxes(x: tf.Tensor2D | TensorLike2D, fn: string, argument: string): Float64Array {
  if (Array.isArray(x) && x.length === 0) return new Float64Array(0);
  const v = toFloat64Array(x as tf.Tensor, { functionName: fn, argument });
  if (v.length % 4 !== 0)
    throw new InvalidArgumentError({
      functionName: fn,
      argument,
      detail: `${argument} must have shape [n, 4], got ${v.length} values.`,
    });
  return v;
}

function boxPairIou(a: Float64Array, i: number, b: Float64Array, j: number): number {
  const [ax1, ay1, ax2, ay2] = a.subarray(4 * i, 4 * i + 4) as unknown as number[];
  const [bx1, by1, bx2, by2] = b.subarray(4 * j, 4 * j + 4) as unknown as number[];
  const inter =
    Math.max(0, Math.min(ax2!, bx2!) - Math.max(ax1!, bx1!)) *
    Math.max(0, Math.min(ay2!, by2!) - Math.max(ay1!, by1!));
  return inter / ((ax2! - ax1!) * (ay2! - ay1!) + (bx2! - bx1!) * (by2! - by1!) - inter);
}
