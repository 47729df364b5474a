import { assertInRange, assertInteger, InvalidArgumentError } from '@tessera/core';
import { COCO_RECALL_THRESHOLDS, linspace } from '../internal/interpolated-ap';
import { accumulateCoco } from './coco-accumulate';
import { indexCoco } from './coco-index';
import { type CocoImageMatch, cellIous, matchCell } from './coco-match';
import { summarizeCoco } from './coco-summarize';
import type { CocoDetection, CocoGroundTruth } from './coco-types';

/** Options of {@link evaluateCoco}. @category Detection */
export interface EvaluateCocoOptions {
  /** Three increasing detection limits per image. Default `[1, 10, 100]` (pycocotools). */
  maxDets?: readonly [number, number, number];
  /** IoU thresholds. Default `.50:.05:.95` (`np.linspace(.5, .95, 10)`, bit for bit). */
  iouThresholds?: readonly number[];
  /** Evaluate these images only (pycocotools' `params.imgIds`). Default: every image. */
  imageIds?: readonly number[];
  /** Evaluate these categories only (`params.catIds`). Default: every category. */
  categoryIds?: readonly number[];
  /**
   * Compute the six AP numbers at the largest `maxDets`. pycocotools reads the headline AP at
   * `maxDets = 100` whatever the parameters say, so with `maxDets` `[1, 10, 300]` it reports −1
   * (torchmetrics#584 and others); this option is that fix. Default `false`, so that default
   * numbers equal pycocotools'.
   */
  useMaxDetsForHeadline?: boolean;
}

/** The names of the twelve summary numbers, in pycocotools' order. @category Detection */
export const COCO_STAT_NAMES = [
  'AP',
  'AP50',
  'AP75',
  'APsmall',
  'APmedium',
  'APlarge',
  'AR1',
  'AR10',
  'AR100',
  'ARsmall',
  'ARmedium',
  'ARlarge',
] as const;

/** @category Detection */
export type CocoStatName = (typeof COCO_STAT_NAMES)[number];

/** What {@link evaluateCoco} returns. @category Detection */
export interface CocoEvaluation {
  /** pycocotools' `stats`: AP, AP50, AP75, AP small/medium/large, AR at each maxDets, AR small/medium/large. */
  stats: number[];
  /** The same twelve numbers by name (`AR1`/`AR10`/`AR100` at the three `maxDets`, whatever they are). */
  statsByName: Record<CocoStatName, number>;
  /** Per category (area all, largest `maxDets`): AP@[.5:.95], AP50, AP75; −1 without ground truth. */
  perCategory: { categoryId: number; ap: number; ap50: number; ap75: number }[];
  /** `precision[T, R, K, A, M]` row-major, −1 where undefined (as pycocotools' `eval['precision']`). */
  precision: Float64Array;
  /** `[T, R, K, A, M]`. */
  precisionShape: [number, number, number, number, number];
  /** `recall[T, K, A, M]` row-major, −1 where undefined. */
  recall: Float64Array;
  /** `[T, K, A, M]`. */
  recallShape: [number, number, number, number];
  /** The parameters used, in the arrays' orders. */
  params: {
    imageIds: number[];
    categoryIds: number[];
    iouThresholds: number[];
    recallThresholds: number[];
    maxDets: number[];
    areaRanges: [number, number][];
    areaLabels: string[];
  };
}

const AREA_RANGES: [number, number][] = [
  [0, 1e5 ** 2],
  [0, 32 ** 2],
  [32 ** 2, 96 ** 2],
  [96 ** 2, 1e5 ** 2],
];
const AREA_LABELS = ['all', 'small', 'medium', 'large'];

/**
 * COCO bounding-box evaluation, the same numbers as pycocotools' `COCOeval(gt, dt, 'bbox')` with
 * its default parameters — every step of `evaluate`/`accumulate`/`summarize` reproduced: per image
 * and category the top-`maxDets` detections by score, greedy matching at each IoU threshold
 * (≥, preferring objects that count, crowd regions absorbing any number of detections), 101-point
 * interpolated precision, AP/AR over area ranges split at 32² and 96² (on the annotations'
 * `area`). IoUs come from `@tessera/detection`'s `boxIouMatrix` in float64.
 *
 * Differences from pycocotools, none of which changes a number on valid COCO data: detections on
 * unknown images or categories are errors (pycocotools asserts the former, drops the latter);
 * a missing ground-truth `area` defaults to `w·h`; a ground-truth `id` of 0 is matched normally
 * (pycocotools records matches by id and so loses it).
 *
 * @param groundTruth - COCO `{images, categories, annotations}` (`bbox` = `[x, y, w, h]`).
 * @param detections - COCO results: `{image_id, category_id, bbox, score}`.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} for malformed JSON, unknown `image_id`/`category_id` (with
 *   the detection's index), a negative width or height, a non-finite score or bad options.
 * @example
 * ```ts
 * const gt = { images: [{ id: 1 }], categories: [{ id: 1 }],
 *   annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [10, 10, 50, 50], area: 2500 }] };
 * const { statsByName } = evaluateCoco(gt, [{ image_id: 1, category_id: 1, bbox: [12, 10, 50, 50], score: 0.9 }]);
 * statsByName.AP50; // 1
 * ```
 * @category Detection
 */
export function evaluateCoco(
  groundTruth: CocoGroundTruth,
  detections: readonly CocoDetection[],
  options: EvaluateCocoOptions = {},
): CocoEvaluation {
  const fn = 'evaluateCoco';
  const maxDets = [...(options.maxDets ?? [1, 10, 100])];
  if (maxDets.length !== 3)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'options.maxDets',
      detail: `maxDets must hold three limits (for AR1, AR10, AR100), got ${maxDets.length}.`,
    });
  maxDets.forEach((m) => assertInteger(m, fn, 'options.maxDets', { min: 1 }));
  maxDets.sort((a, b) => a - b);
  const iouThresholds = [...(options.iouThresholds ?? linspace(0.5, 0.95, 10))];
  iouThresholds.forEach((t) => assertInRange(t, 0, 1, fn, 'options.iouThresholds'));
  const recallThresholds = [...COCO_RECALL_THRESHOLDS];
  const maxDet = maxDets[2] as number;

  const index = indexCoco(groundTruth, detections, maxDet, fn, options);
  const K = index.categoryIds.length;
  const A = AREA_RANGES.length;
  const matches: (CocoImageMatch | null)[][][] = index.cells.map((row) => {
    const ious = row.map((cell) => (cell === null ? null : cellIous(cell)));
    return AREA_RANGES.map((range) =>
      row.map((cell, i) =>
        cell === null ? null : matchCell(cell, ious[i]!, range, iouThresholds),
      ),
    );
  });
  const curves = accumulateCoco(index, matches, iouThresholds.length, recallThresholds, A, maxDets);
  const shape = { iouThresholds, R: recallThresholds.length, K, A, maxDets };
  const headline = options.useMaxDetsForHeadline ? maxDet : 100;
  const [m0, m1, m2] = maxDets as [number, number, number];
  const ap = (area: number, m: number, iou?: number): number =>
    summarizeCoco(curves, shape, 'ap', area, m, iou);
  const ar = (area: number, m: number): number => summarizeCoco(curves, shape, 'ar', area, m);
  const stats = [
    ap(0, headline),
    ap(0, m2, 0.5),
    ap(0, m2, 0.75),
    ap(1, m2),
    ap(2, m2),
    ap(3, m2),
    ar(0, m0),
    ar(0, m1),
    ar(0, m2),
    ar(1, m2),
    ar(2, m2),
    ar(3, m2),
  ];
  const perCategory = index.categoryIds.map((categoryId, k) => ({
    categoryId,
    ap: summarizeCoco(curves, shape, 'ap', 0, maxDet, undefined, k),
    ap50: summarizeCoco(curves, shape, 'ap', 0, maxDet, 0.5, k),
    ap75: summarizeCoco(curves, shape, 'ap', 0, maxDet, 0.75, k),
  }));
  return {
    stats,
    statsByName: Object.fromEntries(COCO_STAT_NAMES.map((name, j) => [name, stats[j]])) as Record<
      CocoStatName,
      number
    >,
    perCategory,
    precision: curves.precision,
    precisionShape: [iouThresholds.length, recallThresholds.length, K, A, maxDets.length],
    recall: curves.recall,
    recallShape: [iouThresholds.length, K, A, maxDets.length],
    params: {
      imageIds: index.imageIds,
      categoryIds: index.categoryIds,
      iouThresholds,
      recallThresholds,
      maxDets,
      areaRanges: AREA_RANGES.map((r) => [...r] as [number, number]),
      areaLabels: [...AREA_LABELS],
    },
  };
}
