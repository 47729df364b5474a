import { InvalidArgumentError } from '@tessera/core';
import { stableArgsortDescending } from '../internal/ranked-curve';
import type { CocoDetection, CocoGroundTruth } from './coco-types';

/** Ground truth and detections of one (category, image) pair, ready to match. @internal */
export interface CocoCell {
  /** `[G, 4]` xywh, file order. */
  gtBoxes: Float64Array;
  gtArea: Float64Array;
  gtCrowd: Uint8Array;
  /** `[D, 4]` xywh, by score descending (ties in file order), at most `maxDets` of them. */
  dtBoxes: Float64Array;
  dtScores: Float64Array;
  dtArea: Float64Array;
  /** Each detection's index in the `detections` array. */
  dtIndex: Int32Array;
}

/** The evaluated ids (sorted, as pycocotools sorts them) and the cells, `cells[k][i]`. @internal */
export interface CocoIndex {
  imageIds: number[];
  categoryIds: number[];
  /** `null` where the pair has neither ground truth nor detections (pycocotools' `None`). */
  cells: (CocoCell | null)[][];
}

interface Group {
  gtBoxes: number[];
  area: number[];
  crowd: number[];
  dtBoxes: number[];
  scores: number[];
  indices: number[];
}

/**
 * Validates COCO ground truth and detections and groups them per (category, image), keeping file
 * order inside a group — pycocotools' `_prepare` plus the per-pair sort and top-`maxDets` cut of
 * `computeIoU`. Detections on unknown images or categories are errors (pycocotools asserts the
 * former and silently drops the latter). @internal
 */
export function indexCoco(
  gt: CocoGroundTruth,
  detections: readonly CocoDetection[],
  maxDets: number,
  functionName: string,
  selection: { imageIds?: readonly number[]; categoryIds?: readonly number[] } = {},
): CocoIndex {
  if (
    gt === null ||
    typeof gt !== 'object' ||
    !Array.isArray(gt.images) ||
    !Array.isArray(gt.categories) ||
    !Array.isArray(gt.annotations)
  )
    throw new InvalidArgumentError({
      functionName,
      argument: 'groundTruth',
      detail: 'groundTruth must be a COCO object with images, categories and annotations arrays.',
    });
  if (!Array.isArray(detections))
    throw new InvalidArgumentError({
      functionName,
      argument: 'detections',
      detail: 'detections must be an array of COCO results.',
    });
  const allImages = new Set(gt.images.map((im) => im.id));
  const allCategories = new Set(gt.categories.map((c) => c.id));
  const imageIds = sortedUnique(selection.imageIds ?? [...allImages]);
  const categoryIds = sortedUnique(selection.categoryIds ?? [...allCategories]);
  const imageIndex = new Map(imageIds.map((id, i) => [id, i]));
  const categoryIndex = new Map(categoryIds.map((id, k) => [id, k]));
  const groups: (Group | undefined)[] = new Array(imageIds.length * categoryIds.length);
  const group = (k: number, i: number): Group =>
    (groups[k * imageIds.length + i] ??= {
      gtBoxes: [],
      area: [],
      crowd: [],
      dtBoxes: [],
      scores: [],
      indices: [],
    });

  gt.annotations.forEach((a, n) => {
    const where = `groundTruth.annotations[${n}]`;
    const box = readBox(a.bbox, functionName, 'groundTruth', where);
    const i = imageIndex.get(a.image_id);
    const k = categoryIndex.get(a.category_id);
    if (i === undefined || k === undefined) return; // not evaluated (pycocotools filters by params)
    const g = group(k, i);
    g.gtBoxes.push(...box);
    g.area.push(a.area ?? box[2] * box[3]);
    g.crowd.push(a.iscrowd ? 1 : 0);
  });
  detections.forEach((d, n) => {
    const where = `detections[${n}]`;
    if (!allImages.has(d.image_id))
      throw new InvalidArgumentError({
        functionName,
        argument: 'detections',
        detail: `${where}.image_id ${String(d.image_id)} is not an image of groundTruth.`,
      });
    if (!allCategories.has(d.category_id))
      throw new InvalidArgumentError({
        functionName,
        argument: 'detections',
        detail: `${where}.category_id ${String(d.category_id)} is not a category of groundTruth.`,
      });
    if (typeof d.score !== 'number' || !Number.isFinite(d.score))
      throw new InvalidArgumentError({
        functionName,
        argument: 'detections',
        detail: `${where}.score must be a finite number, got ${String(d.score)}.`,
      });
    const box = readBox(d.bbox, functionName, 'detections', where);
    const i = imageIndex.get(d.image_id);
    const k = categoryIndex.get(d.category_id);
    if (i === undefined || k === undefined) return;
    const g = group(k, i);
    g.scores.push(d.score);
    g.indices.push(n);
    g.dtBoxes.push(...box);
  });

  const cells = categoryIds.map((_, k) =>
    imageIds.map((_, i) => {
      const g = groups[k * imageIds.length + i];
      return g === undefined ? null : toCell(g, maxDets);
    }),
  );
  return { imageIds, categoryIds, cells };
}

function toCell(g: Group, maxDets: number): CocoCell {
  const boxes = g.dtBoxes;
  const scores = g.scores;
  const kept = stableArgsortDescending(scores).slice(0, Math.min(maxDets, scores.length));
  const dtBoxes = new Float64Array(4 * kept.length);
  const dtScores = new Float64Array(kept.length);
  const dtArea = new Float64Array(kept.length);
  const dtIndex = new Int32Array(kept.length);
  kept.forEach((j, d) => {
    const at = 4 * j;
    for (let c = 0; c < 4; c++) dtBoxes[4 * d + c] = boxes[at + c] as number;
    dtScores[d] = scores[j] as number;
    dtIndex[d] = g.indices[j] as number;
    dtArea[d] = (boxes[at + 2] as number) * (boxes[at + 3] as number); // pycocotools loadRes: w·h
  });
  return {
    gtBoxes: Float64Array.from(g.gtBoxes),
    gtArea: Float64Array.from(g.area),
    gtCrowd: Uint8Array.from(g.crowd),
    dtBoxes,
    dtScores,
    dtArea,
    dtIndex,
  };
}

function readBox(
  bbox: unknown,
  functionName: string,
  argument: string,
  where: string,
): [number, number, number, number] {
  if (
    !Array.isArray(bbox) ||
    bbox.length !== 4 ||
    !bbox.every((v) => typeof v === 'number' && Number.isFinite(v))
  )
    throw new InvalidArgumentError({
      functionName,
      argument,
      detail: `${where}.bbox must be 4 finite numbers [x, y, width, height], got ${JSON.stringify(bbox)}.`,
    });
  const [x, y, w, h] = bbox as [number, number, number, number];
  if (w < 0 || h < 0)
    throw new InvalidArgumentError({
      functionName,
      argument,
      detail: `${where}.bbox has a negative width or height: ${JSON.stringify(bbox)}.`,
    });
  return [x, y, w, h];
}

function sortedUnique(ids: readonly number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}
