/** A COCO image record; only `id` is read. @category Detection */
export interface CocoImageRecord {
  readonly id: number;
}

/** A COCO category; only `id` is read. @category Detection */
export interface CocoCategoryRecord {
  readonly id: number;
  readonly name?: string;
}

/** A ground-truth object, COCO's annotation layout. @category Detection */
export interface CocoGroundTruthAnnotation {
  readonly id?: number;
  readonly image_id: number;
  readonly category_id: number;
  /** `[x, y, width, height]`. */
  readonly bbox: readonly number[];
  /**
   * The object's area, which COCO bins into small/medium/large (the segmentation's area in COCO
   * files, not the box's). Default: `width · height`.
   */
  readonly area?: number;
  /** 1 (or `true`) for a crowd region: detections inside it are ignored, it never counts as missed. */
  readonly iscrowd?: number | boolean;
  /** VOC's "difficult" flag, read by {@link evaluateVoc} only. */
  readonly difficult?: number | boolean;
}

/**
 * COCO ground truth: the `images`/`categories`/`annotations` object of an instances JSON file
 * (what `@tessera/data`'s `loadCocoJson` returns fits). @category Detection
 */
export interface CocoGroundTruth {
  readonly images: readonly CocoImageRecord[];
  readonly categories: readonly CocoCategoryRecord[];
  readonly annotations: readonly CocoGroundTruthAnnotation[];
}

/** One detection, COCO's results layout. @category Detection */
export interface CocoDetection {
  readonly image_id: number;
  readonly category_id: number;
  /** `[x, y, width, height]`. */
  readonly bbox: readonly number[];
  readonly score: number;
}
