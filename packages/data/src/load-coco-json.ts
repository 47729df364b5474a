import { throwInvalidArgument } from '@tessera/core';

/** A COCO image record; only `id` is required (as in pycocotools). */
export interface CocoImage {
  readonly id: number;
  readonly width?: number;
  readonly height?: number;
  readonly file_name?: string;
}

/** A COCO category; only `id` is required. */
export interface CocoCategory {
  readonly id: number;
  readonly name?: string;
  readonly supercategory?: string;
}

/** A COCO object annotation. `bbox` is `[x, y, width, height]` in pixels (COCO's layout, not xyxy). */
export interface CocoAnnotation {
  readonly id: number;
  readonly image_id: number;
  readonly category_id: number;
  readonly bbox: readonly [number, number, number, number];
  readonly area?: number;
  /** 1 for a crowd region (matches any number of detections, counts neither TP nor FN). */
  readonly iscrowd?: 0 | 1;
  readonly segmentation?: unknown;
}

/** A validated COCO dataset with the indices COCO evaluation needs. */
export interface CocoDataset {
  readonly images: readonly CocoImage[];
  readonly annotations: readonly CocoAnnotation[];
  readonly categories: readonly CocoCategory[];
  readonly imageById: ReadonlyMap<number, CocoImage>;
  readonly categoryById: ReadonlyMap<number, CocoCategory>;
  /** Annotations of each image, in file order; every image has an entry (possibly empty). */
  readonly annotationsByImage: ReadonlyMap<number, readonly CocoAnnotation[]>;
  /** Annotations of each category, in file order; every category has an entry. */
  readonly annotationsByCategory: ReadonlyMap<number, readonly CocoAnnotation[]>;
}

const FN = 'loadCocoJson';

/**
 * Validates a COCO annotation file (object detection) and indexes it by image and category, as
 * pycocotools' `COCO.createIndex` does. Every problem is reported with its path:
 * `loadCocoJson: annotations[3].image_id must name an image in images, got 42.`
 *
 * @param json - The file's text or its parsed object: `{images, annotations, categories}`.
 * @returns The records and `imageById`, `categoryById`, `annotationsByImage`, `annotationsByCategory`.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} for malformed JSON, missing arrays, duplicate ids, dangling
 *   references, or a bbox that is not 4 finite numbers with width and height ≥ 0.
 * @category Datasets
 */
export function loadCocoJson(json: string | object): CocoDataset {
  let doc: unknown = json;
  if (typeof json === 'string') {
    try {
      doc = JSON.parse(json);
    } catch (e) {
      fail('json', `json must be valid JSON, got a parse error: ${(e as Error).message}.`);
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    fail(
      'json',
      `json must be an object with images, annotations and categories, got ${Array.isArray(doc) ? 'an array' : typeof doc}.`,
    );
  const { images, annotations = [], categories } = doc as Record<string, unknown>;
  for (const [name, list] of [
    ['images', images],
    ['annotations', annotations],
    ['categories', categories],
  ] as const) {
    if (!Array.isArray(list))
      fail(name, `${name} must be an array, got ${list === undefined ? 'nothing' : typeof list}.`);
  }
  const imageById = indexById(images as unknown[], 'images');
  const categoryById = indexById(categories as unknown[], 'categories');
  const annotationsByImage = new Map<number, CocoAnnotation[]>(
    [...imageById.keys()].map((id) => [id, []]),
  );
  const annotationsByCategory = new Map<number, CocoAnnotation[]>(
    [...categoryById.keys()].map((id) => [id, []]),
  );
  const annIds = new Set<number>();
  (annotations as unknown[]).forEach((raw, i) => {
    const at = `annotations[${i}]`;
    const a = record(raw, at);
    const id = integer(a.id, `${at}.id`);
    if (annIds.has(id)) fail(`${at}.id`, `${at}.id must be unique, got ${id} again.`);
    annIds.add(id);
    const imageId = integer(a.image_id, `${at}.image_id`);
    if (!imageById.has(imageId))
      fail(`${at}.image_id`, `${at}.image_id must name an image in images, got ${imageId}.`);
    const categoryId = integer(a.category_id, `${at}.category_id`);
    if (!categoryById.has(categoryId))
      fail(
        `${at}.category_id`,
        `${at}.category_id must name a category in categories, got ${categoryId}.`,
      );
    const bbox = a.bbox;
    if (
      !Array.isArray(bbox) ||
      bbox.length !== 4 ||
      !bbox.every((v) => typeof v === 'number' && Number.isFinite(v)) ||
      (bbox[2] as number) < 0 ||
      (bbox[3] as number) < 0
    ) {
      fail(
        `${at}.bbox`,
        `${at}.bbox must be [x, y, width, height] with finite numbers and width, height >= 0, got ${JSON.stringify(bbox)}.`,
      );
    }
    if (a.iscrowd !== undefined && a.iscrowd !== 0 && a.iscrowd !== 1)
      fail(`${at}.iscrowd`, `${at}.iscrowd must be 0 or 1, got ${JSON.stringify(a.iscrowd)}.`);
    if (
      a.area !== undefined &&
      !(typeof a.area === 'number' && Number.isFinite(a.area) && a.area >= 0)
    ) {
      fail(`${at}.area`, `${at}.area must be a finite number >= 0, got ${JSON.stringify(a.area)}.`);
    }
    const ann = a as unknown as CocoAnnotation;
    annotationsByImage.get(imageId)!.push(ann);
    annotationsByCategory.get(categoryId)!.push(ann);
  });
  return {
    images: images as CocoImage[],
    annotations: annotations as CocoAnnotation[],
    categories: categories as CocoCategory[],
    imageById: imageById as Map<number, CocoImage>,
    categoryById: categoryById as Map<number, CocoCategory>,
    annotationsByImage,
    annotationsByCategory,
  };
}

function indexById(list: unknown[], name: string): Map<number, unknown> {
  const byId = new Map<number, unknown>();
  list.forEach((raw, i) => {
    const id = integer(record(raw, `${name}[${i}]`).id, `${name}[${i}].id`);
    if (byId.has(id)) fail(`${name}[${i}].id`, `${name}[${i}].id must be unique, got ${id} again.`);
    byId.set(id, raw);
  });
  return byId;
}

function record(raw: unknown, at: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    fail(at, `${at} must be an object, got ${JSON.stringify(raw)}.`);
  return raw as Record<string, unknown>;
}

function integer(v: unknown, at: string): number {
  if (!Number.isSafeInteger(v)) fail(at, `${at} must be an integer, got ${JSON.stringify(v)}.`);
  return v as number;
}

function fail(argument: string, detail: string): never {
  return throwInvalidArgument(FN, argument, detail);
}
