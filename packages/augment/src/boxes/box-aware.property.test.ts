import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { compose } from '../compose/compose';
import { randomAffine, randomRotation } from '../random/affine';
import { centerCrop, randomCrop, resize } from '../random/crop';
import { randomHorizontalFlip, randomVerticalFlip } from '../random/flips';
import { randomResizedCrop } from '../random/random-resized-crop';
import type { Transform } from '../transform/types';
import { boxAware } from './box-aware';

const SIZE = 48;

/**
 * Every geometric transform; output boxes must follow the pixels. For rotations and shears the
 * bounding box of a rectangle the frame cuts is larger than that of its visible pixels, so those
 * are compared only when the moved box is wholly inside the output.
 */
const ROTATES = new Set(['randomRotation', 'randomAffine', 'compose']);
const GEOMETRIC: Record<string, () => Transform> = {
  randomHorizontalFlip: () => randomHorizontalFlip({ p: 0.5 }),
  randomVerticalFlip: () => randomVerticalFlip({ p: 0.5 }),
  randomResizedCrop: () => randomResizedCrop({ size: [40, 44], scale: [0.5, 1] }),
  randomCrop: () => randomCrop({ size: 40, padding: 4 }),
  centerCrop: () => centerCrop({ size: [36, 40] }),
  resize: () => resize({ size: [64, 30] }),
  randomRotation: () => randomRotation({ degrees: 30 }),
  randomAffine: () => randomAffine({ degrees: 15, translate: [0.1, 0.1], scale: [0.9, 1.1] }),
  compose: () =>
    compose([
      randomResizedCrop({ size: 40, scale: [0.6, 1] }),
      randomHorizontalFlip(),
      randomRotation({ degrees: 10 }),
    ]),
};

/** Bounding box [x1, y1, x2, y2] of the pixels above 0.5 in channel 0, or null. */
function maskBox(mask: Float32Array, h: number, w: number): number[] | null {
  let x1 = Infinity,
    y1 = Infinity,
    x2 = -Infinity,
    y2 = -Infinity;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (mask[y * w + x]! > 0.5) {
        x1 = Math.min(x1, x);
        y1 = Math.min(y1, y);
        x2 = Math.max(x2, x + 1);
        y2 = Math.max(y2, y + 1);
      }
    }
  }
  return x1 === Infinity ? null : [x1, y1, x2, y2];
}

function iou(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const iw = Math.max(0, Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!));
  const ih = Math.max(0, Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!));
  const inter = iw * ih;
  return inter / ((a[2]! - a[0]!) * (a[3]! - a[1]!) + (b[2]! - b[0]!) * (b[3]! - b[1]!) - inter);
}

/** Integer box with sides ≥ 14 px inside the SIZE × SIZE image. */
const boxArb = fc
  .tuple(
    fc.integer({ min: 0, max: SIZE - 14 }),
    fc.integer({ min: 0, max: SIZE - 14 }),
    fc.integer({ min: 14, max: 34 }),
    fc.integer({ min: 14, max: 34 }),
  )
  .map(([x, y, w, h]) => [x, y, Math.min(SIZE, x + w), Math.min(SIZE, y + h)]);

describeWithBackends('boxAware: boxes follow the pixels (fast-check)', () => {
  for (const [name, make] of Object.entries(GEOMETRIC)) {
    it(`${name}: the mask of a filled box lands where the transformed box says (IoU ≥ 0.9)`, () => {
      const transform = make();
      const t = boxAware(transform);
      fc.assert(
        fc.property(boxArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (box, seed) => {
          const [x1, y1, x2, y2] = box as [number, number, number, number];
          const mask = new Float32Array(SIZE * SIZE);
          for (let y = y1; y < y2; y++) mask.fill(1, y * SIZE + x1, y * SIZE + x2);
          const images = tf.tensor4d(mask, [1, SIZE, SIZE, 1]);
          const out = t({ images, boxes: [[box]] }, { seed });
          const [, h, w] = out.images.shape;
          const found = maskBox(out.images.dataSync() as Float32Array, h, w);
          tf.dispose([images, out.images]);
          const moved = out.boxes[0]!;
          if (ROTATES.has(name)) {
            const shape = { batch: 1, height: SIZE, width: SIZE, channels: 1 };
            const raw = transform.mapBoxes([Float64Array.from(box)], out.params, shape, {
              clipEachStep: true,
            })[0]!;
            if (raw[0]! < 0 || raw[1]! < 0 || raw[2]! > w || raw[3]! > h) return true;
          }
          // boxes mostly cut away are too small to compare at pixel precision
          if (moved.length === 0 || found === null)
            return moved.length === 0 || (moved[2]! - moved[0]!) * (moved[3]! - moved[1]!) < 100;
          // slivers of a few pixels (a box the crop nearly removed) say nothing at pixel precision
          if (moved[2]! - moved[0]! < 4 || moved[3]! - moved[1]! < 4) return true;
          // the mask's box is whole pixels: small boxes are held to ±1.5 px per edge instead of IoU
          if (moved[2]! - moved[0]! < 24 || moved[3]! - moved[1]! < 24) {
            return found.every((v, k) => Math.abs(v - moved[k]!) <= 1.5);
          }
          return iou(moved, found) >= 0.9;
        }),
        { numRuns: 25, seed: Number(process.env.FC_SEED ?? 20261122) },
      );
    });
  }

  it('drops boxes that leave the image, with their labels, and keeps the rest', async () => {
    const images = tf.zeros([1, 20, 20, 1]) as tf.Tensor4D;
    const t = randomCrop({ size: 10 });
    const boxes = [
      [
        [1, 1, 5, 5],
        [12, 2, 18, 6],
        [8, 12, 14, 16],
      ],
    ];
    const moved = t.mapBoxes(
      [Float64Array.from(boxes[0]!.flat())],
      { boxes: [[10, 10, 10, 10]] },
      { batch: 1, height: 20, width: 20, channels: 1 },
    );
    expect(Array.from(moved[0]!)).toEqual([-9, -9, -5, -5, 2, -8, 8, -4, -2, 2, 4, 6]);
    const result = boxAware(t, { minVisibility: 0.5 })(
      { images, boxes, labels: [[3, 4, 5]] },
      { seed: 0 },
    );
    // whatever the crop, every kept box is inside the 10×10 output and its label follows it
    for (let k = 0; k < result.kept[0]!.length; k++) {
      expect(result.labels![0]![k]).toBe([3, 4, 5][result.kept[0]![k]!]);
      expect(Math.min(...result.boxes[0]!)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...result.boxes[0]!)).toBeLessThanOrEqual(10);
    }
    result.images.dispose();
    await expectNoLeak(() => {
      boxAware(t)({ images, boxes }, { seed: 1 }).images.dispose();
    });
    images.dispose();
  });
});
