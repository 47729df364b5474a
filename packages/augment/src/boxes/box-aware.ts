import type * as tf from '@tensorflow/tfjs-core';
import { assertImages, assertUnitRange, fail } from '../internal/validate';
import { shapeOf } from '../transform/define-transform';
import { resolveRng } from '../transform/resolve-rng';
import type { FlatBoxes, Transform, TransformOptions } from '../transform/types';
import { clipBoxes } from './clip-boxes';

/** Images with their boxes: `boxes[i]` holds image i's boxes as `[x1, y1, x2, y2]` pixels. */
export interface BoxedImages {
  readonly images: tf.Tensor4D;
  /** Per image: `[[x1, y1, x2, y2], …]` or the same flattened (4 numbers per box). */
  readonly boxes: ReadonlyArray<ArrayLike<number> | readonly (readonly number[])[]>;
  /** Per image, one label per box (class ids); dropped together with their boxes. */
  readonly labels?: ReadonlyArray<ArrayLike<number>>;
}

/** What a box-aware transform returns. */
export interface BoxedResult<P> {
  readonly images: tf.Tensor4D;
  /** Per image, the kept boxes in output pixels, flattened (4 numbers per box). */
  readonly boxes: Float32Array[];
  /** Per image, the labels of the kept boxes (when labels were given). */
  readonly labels?: Float64Array[];
  /** Per image, the input indices of the kept boxes. */
  readonly kept: Int32Array[];
  readonly params: P;
}

/** Options of {@link boxAware}. */
export interface BoxAwareOptions {
  /**
   * Drop a box when less than this fraction of its transformed area is left inside the image after
   * clipping. Default `0` — only boxes with nothing left (zero area) are dropped.
   */
  minVisibility?: number;
}

function flatten(b: ArrayLike<number> | readonly (readonly number[])[], i: number): FlatBoxes {
  const first = (b as ArrayLike<unknown>)[0];
  const flat = Array.isArray(first)
    ? (b as readonly (readonly number[])[]).flat()
    : Array.from(b as ArrayLike<number>);
  if (flat.length % 4 !== 0 || !flat.every(Number.isFinite)) {
    fail(
      'boxAware',
      'boxes',
      `boxes[${i}] must hold finite [x1, y1, x2, y2] boxes (4 numbers each), got ${flat.length} numbers.`,
    );
  }
  for (let k = 0; k < flat.length; k += 4) {
    if (flat[k + 2]! < flat[k]! || flat[k + 3]! < flat[k + 1]!) {
      fail(
        'boxAware',
        'boxes',
        `boxes[${i}][${k / 4}] must have x2 >= x1 and y2 >= y1, got [${flat.slice(k, k + 4).join(', ')}].`,
      );
    }
  }
  return Float64Array.from(flat);
}

/**
 * Makes a transform move boxes with the pixels: `{images, boxes, labels}` in, the transformed images
 * with their boxes (clipped to the image; boxes with too little left dropped with their labels) out.
 * Works with any transform, composed ones included: geometric steps move the boxes (rotations and
 * shears give the bounding box of the moved corners), photometric steps leave them.
 *
 * @example
 * ```ts
 * const t = boxAware(compose([randomResizedCrop({ size: 64, scale: [0.5, 1] }), randomHorizontalFlip()]), { minVisibility: 0.3 });
 * const { images: out, boxes, labels } = t({ images, boxes: [[[4, 4, 20, 30]]], labels: [[7]] }, { seed: 1 });
 * ```
 * @category Boxes
 */
export function boxAware<P>(transform: Transform<P>, { minVisibility = 0 }: BoxAwareOptions = {}) {
  const name = 'boxAware';
  if (!(minVisibility >= 0 && minVisibility <= 1)) {
    fail(name, 'minVisibility', `minVisibility must be in [0, 1], got ${minVisibility}.`);
  }
  return (input: BoxedImages, options: TransformOptions = {}): BoxedResult<P> => {
    const { images, boxes, labels } = input ?? ({} as BoxedImages);
    assertImages(images, name);
    const n = images.shape[0];
    if (!Array.isArray(boxes) || boxes.length !== n) {
      fail(
        name,
        'boxes',
        `boxes must have one entry per image (${n}), got ${Array.isArray(boxes) ? boxes.length : typeof boxes}.`,
      );
    }
    const flat = boxes.map(flatten);
    if (labels !== undefined) {
      if (!Array.isArray(labels) || labels.length !== n)
        fail(name, 'labels', `labels must have one entry per image (${n}).`);
      labels.forEach((l, i) => {
        if (l.length * 4 !== flat[i]!.length) {
          fail(
            name,
            'labels',
            `labels[${i}] must have one label per box (${flat[i]!.length / 4}), got ${l.length}.`,
          );
        }
      });
    }
    if (transform.requiresUnitRange) assertUnitRange(images, transform.transformName);
    const shape = shapeOf(images);
    const params = transform.sample(shape, resolveRng(options.seed));
    const out = transform.apply(images, params);
    // boxes clipped after every step (what is visible), and the same boxes never clipped (their
    // full extent, the denominator of the visibility)
    const outShape = transform.outputShape(shape);
    const visible = transform
      .mapBoxes(flat, params, shape, { clipEachStep: true })
      .map((b) => clipBoxes(b, outShape));
    const whole = transform.mapBoxes(flat, params, shape);
    const kept: Int32Array[] = [];
    const outBoxes = visible.map((b, i) => {
      const keep: number[] = [];
      const clipped: number[] = [];
      const full = whole[i]!;
      for (let k = 0; k < b.length; k += 4) {
        const area = (b[k + 2]! - b[k]!) * (b[k + 3]! - b[k + 1]!);
        const fullArea = (full[k + 2]! - full[k]!) * (full[k + 3]! - full[k + 1]!);
        if (area > 0 && area >= minVisibility * fullArea) {
          keep.push(k / 4);
          clipped.push(b[k]!, b[k + 1]!, b[k + 2]!, b[k + 3]!);
        }
      }
      kept.push(Int32Array.from(keep));
      return Float32Array.from(clipped);
    });
    const outLabels = labels?.map((l, i) => Float64Array.from(kept[i]!, (k) => l[k]!));
    return {
      images: out,
      boxes: outBoxes,
      ...(outLabels ? { labels: outLabels } : {}),
      kept,
      params,
    };
  };
}
