import { assertInRange } from '@tessera/core';
import { voc07Ap, vocAllPointAp } from '../internal/interpolated-ap';
import { indexCoco } from './coco-index';
import type { CocoDetection, CocoGroundTruth } from './coco-types';

/** Options of {@link evaluateVoc}. @category Detection */
export interface EvaluateVocOptions {
  /** A detection is a true positive when its best IoU is **strictly greater** than this. Default `0.5`. */
  iouThreshold?: number;
  /** VOC2007's 11-point AP instead of VOC2010+'s all-point AP. Default `false`. */
  use07Metric?: boolean;
  /** The VOC devkit's pixel convention: widths are `x2 − x1 + 1`. Default `false` (continuous). */
  pixelPlusOne?: boolean;
}

/** Per-category result of {@link evaluateVoc}. @category Detection */
export interface VocCategoryResult {
  categoryId: number;
  /** NaN when the category has no non-difficult ground truth (recall is undefined). */
  ap: number;
  /** Non-difficult ground-truth objects. */
  numPositives: number;
  /** Per detection, in score order: cumulative recall and precision. */
  recall: Float64Array;
  precision: Float64Array;
}

/** What {@link evaluateVoc} returns. @category Detection */
export interface VocEvaluation {
  /** Mean AP over the categories that have ground truth. */
  mAP: number;
  perCategory: VocCategoryResult[];
}

/**
 * PASCAL VOC detection AP per category, as py-faster-rcnn's `voc_eval` (the devkit's
 * `VOCevaldet.m`) on COCO-format input: detections of a category sorted by score (stable); each
 * takes the ground-truth object of its image with the highest IoU among **all** of them; above
 * `iouThreshold` it is a true positive if that object is not taken yet, a false positive if it is;
 * objects flagged `difficult` (or `iscrowd`) are not counted and detections on them are neither.
 * Boxes `[x, y, w, h]` become `[x, y, x + w, y + h]`.
 *
 * @param groundTruth - COCO `{images, categories, annotations}`.
 * @param detections - COCO results.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} as {@link evaluateCoco}, or for a threshold outside [0, 1].
 * @example
 * ```ts
 * const { mAP } = evaluateVoc(gt, detections, { use07Metric: true });
 * ```
 * @category Detection
 */
export function evaluateVoc(
  groundTruth: CocoGroundTruth,
  detections: readonly CocoDetection[],
  { iouThreshold = 0.5, use07Metric = false, pixelPlusOne = false }: EvaluateVocOptions = {},
): VocEvaluation {
  const fn = 'evaluateVoc';
  assertInRange(iouThreshold, 0, 1, fn, 'iouThreshold');
  const index = indexCoco(groundTruth, detections, Infinity, fn);
  const difficult = difficultFlags(groundTruth, index.imageIds, index.categoryIds);
  const one = pixelPlusOne ? 1 : 0;
  const perCategory = index.categoryIds.map((categoryId, k): VocCategoryResult => {
    const cells = index.cells[k]!;
    let numPositives = 0;
    const where: [number, number, number, number][] = []; // image, detection, score, file index
    cells.forEach((cell, i) => {
      if (cell === null) return;
      for (const flag of difficult[k]![i]!) if (!flag) numPositives++;
      for (let d = 0; d < cell.dtScores.length; d++) {
        where.push([i, d, cell.dtScores[d] as number, cell.dtIndex[d] as number]);
      }
    });
    // voc_eval sorts the category's detections stably in file order: ties by file index
    const order = where
      .map((_, p) => p)
      .sort((a, b) => where[b]![2] - where[a]![2] || where[a]![3] - where[b]![3]);
    const taken = cells.map((cell) => new Uint8Array(cell === null ? 0 : cell.gtArea.length));
    const tp = new Float64Array(order.length);
    const fp = new Float64Array(order.length);
    order.forEach((p, j) => {
      const [i, d] = where[p]!;
      const cell = cells[i]!;
      const dt = cell.dtBoxes.subarray(4 * d, 4 * d + 4);
      let best = -Infinity;
      let arg = -1;
      for (let g = 0; g < cell.gtArea.length; g++) {
        const o = vocOverlap(dt, cell.gtBoxes.subarray(4 * g, 4 * g + 4), one);
        if (o > best) [best, arg] = [o, g];
      }
      if (best > iouThreshold) {
        if (difficult[k]![i]![arg]) return;
        if (!taken[i]![arg]) {
          tp[j] = 1;
          taken[i]![arg] = 1;
        } else fp[j] = 1;
      } else fp[j] = 1;
    });
    const recall = new Float64Array(order.length);
    const precision = new Float64Array(order.length);
    let ctp = 0;
    let cfp = 0;
    for (let j = 0; j < order.length; j++) {
      ctp += tp[j] as number;
      cfp += fp[j] as number;
      recall[j] = ctp / numPositives;
      precision[j] = ctp / Math.max(ctp + cfp, Number.EPSILON);
    }
    const ap =
      numPositives === 0
        ? Number.NaN
        : use07Metric
          ? voc07Ap(recall, precision)
          : vocAllPointAp(recall, precision);
    return { categoryId, ap, numPositives, recall, precision };
  });
  const defined = perCategory.filter((c) => c.numPositives > 0);
  const mAP = defined.reduce((s, c) => s + c.ap, 0) / defined.length;
  return { mAP, perCategory };
}

/** IoU of two `[x, y, w, h]` boxes as voc_eval computes it on `[x, y, x + w, y + h]`, with its `+1` option. */
function vocOverlap(d: Float64Array, g: Float64Array, one: number): number {
  const [dx1, dy1, dx2, dy2] = [d[0]!, d[1]!, d[0]! + d[2]!, d[1]! + d[3]!];
  const [gx1, gy1, gx2, gy2] = [g[0]!, g[1]!, g[0]! + g[2]!, g[1]! + g[3]!];
  const iw = Math.max(Math.min(gx2, dx2) - Math.max(gx1, dx1) + one, 0);
  const ih = Math.max(Math.min(gy2, dy2) - Math.max(gy1, dy1) + one, 0);
  const inter = iw * ih;
  const union =
    (dx2 - dx1 + one) * (dy2 - dy1 + one) + (gx2 - gx1 + one) * (gy2 - gy1 + one) - inter;
  return inter / union;
}

/** Per category and image, the difficult flag of each ground-truth object in file order. */
function difficultFlags(
  gt: CocoGroundTruth,
  imageIds: number[],
  categoryIds: number[],
): boolean[][][] {
  const imageIndex = new Map(imageIds.map((id, i) => [id, i]));
  const categoryIndex = new Map(categoryIds.map((id, k) => [id, k]));
  const flags = categoryIds.map(() => imageIds.map((): boolean[] => []));
  for (const a of gt.annotations) {
    const i = imageIndex.get(a.image_id);
    const k = categoryIndex.get(a.category_id);
    if (i !== undefined && k !== undefined)
      flags[k]![i]!.push(Boolean(a.difficult) || Boolean(a.iscrowd));
  }
  return flags;
}
