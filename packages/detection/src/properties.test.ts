import * as tf from '@tensorflow/tfjs-core';
import { BOX_FORMATS } from '@tessera/core';
import { describeWithBackends } from '@tessera/test-utils';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { decodeOffsets } from './anchors/decode-offsets';
import { encodeOffsets } from './anchors/encode-offsets';
import { boxIou } from './box-iou';
import { boxIouMatrix } from './box-iou-matrix';
import { convertBoxes } from './convert-boxes';
import { nms } from './nms/nms';
import { softNms } from './nms/soft-nms';

const SEED = Number(process.env.FC_SEED ?? 20261122);
const RUNS = { numRuns: 40, seed: SEED };

/** A positive-area xyxy box on a 100×100 canvas. */
const box = fc
  .tuple(
    fc.double({ min: 0, max: 90, noNaN: true }),
    fc.double({ min: 0, max: 90, noNaN: true }),
    fc.double({ min: 0.5, max: 40, noNaN: true }),
    fc.double({ min: 0.5, max: 40, noNaN: true }),
  )
  .map(([x, y, w, h]) => [x, y, x + w, y + h]);
const boxes = (min: number, max: number) => fc.array(box, { minLength: min, maxLength: max });

describeWithBackends('detection properties (fast-check)', ({ epsilon }) => {
  it('boxIou is symmetric, in [0, 1], and 1 on the diagonal', () => {
    fc.assert(
      fc.property(boxes(1, 12), boxes(1, 12), (a, b) => {
        const ab = tf.tidy(() => boxIou(a, b).arraySync());
        const ba = tf.tidy(() => boxIou(b, a).arraySync());
        const aa = tf.tidy(() => boxIou(a, a).arraySync());
        ab.forEach((row, i) =>
          row.forEach((v, j) => {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1 + epsilon);
            expect(Math.abs(v - ba[j]![i]!)).toBeLessThan(epsilon);
          }),
        );
        aa.forEach((row, i) => expect(Math.abs(row[i]! - 1)).toBeLessThan(10 * epsilon));
        // and the float64 matrix agrees with the tensor
        const exact = boxIouMatrix(a, b);
        ab.forEach((row, i) =>
          row.forEach((v, j) =>
            expect(Math.abs(v - exact[i * b.length + j]!)).toBeLessThan(10 * epsilon),
          ),
        );
      }),
      RUNS,
    );
  });

  it('convertBoxes round-trips through every format', () => {
    fc.assert(
      fc.property(boxes(1, 8), fc.constantFrom(...BOX_FORMATS), (a, format) => {
        const back = tf.tidy(() =>
          convertBoxes(convertBoxes(a, 'xyxy', format), format, 'xyxy').arraySync(),
        );
        back.forEach((row, i) =>
          row.forEach((v, k) => expect(Math.abs(v - a[i]![k]!)).toBeLessThan(1e-4)),
        );
      }),
      RUNS,
    );
  });

  it('decodeOffsets(encodeOffsets(b)) ≈ b', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(box, box), { minLength: 1, maxLength: 8 }), (pairs) => {
        const anchors = pairs.map((p) => p[0]);
        const targets = pairs.map((p) => p[1]);
        const back = tf.tidy(() =>
          decodeOffsets(anchors, encodeOffsets(anchors, targets)).arraySync(),
        );
        // the 1e-6 inside encodeOffsets' log scales the size by (1 + 1e-6 · w_a / w_b)
        back.forEach((row, i) =>
          row.forEach((v, k) => expect(Math.abs(v - targets[i]![k]!)).toBeLessThan(1e-3)),
        );
      }),
      RUNS,
    );
  });
});

it('nms: a subset, best first, no kept pair above the threshold, idempotent', () => {
  fc.assert(
    fc.property(
      boxes(0, 60),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (b, threshold, seed) => {
        let s = seed;
        const scores = b.map(() => ((s = (s * 1103515245 + 12345) % 2 ** 31) % 1000) / 1000); // ties included
        const keep = Array.from(nms(b, scores, { iouThreshold: threshold }));
        expect(new Set(keep).size).toBe(keep.length);
        keep.forEach((i) => expect(i >= 0 && i < b.length).toBe(true));
        for (let k = 1; k < keep.length; k++) {
          const [p, q] = [keep[k - 1]!, keep[k]!];
          expect(scores[p]! > scores[q]! || (scores[p] === scores[q] && p < q)).toBe(true);
        }
        const kept = keep.map((i) => b[i]!);
        const iou = boxIouMatrix(kept, kept);
        for (let i = 0; i < kept.length; i++)
          for (let j = i + 1; j < kept.length; j++)
            expect(iou[i * kept.length + j]!).toBeLessThanOrEqual(threshold);
        const again = Array.from(
          nms(
            kept,
            keep.map((i) => scores[i]!),
            { iouThreshold: threshold },
          ),
        );
        expect(again).toEqual(keep.map((_, k) => k));
      },
    ),
    RUNS,
  );
});

it('softNms: scores never grow, come out non-increasing, and the best box is picked first', () => {
  fc.assert(
    fc.property(boxes(1, 40), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (b, seed) => {
      let s = seed;
      const scores = b.map(() => 0.01 + ((s = (s * 1103515245 + 12345) % 2 ** 31) % 990) / 1000);
      const { indices, scores: decayed } = softNms(b, scores, { method: 'gaussian', sigma: 0.5 });
      indices.forEach((i, k) => expect(decayed[k]!).toBeLessThanOrEqual(scores[i]! + 1e-15));
      for (let k = 1; k < decayed.length; k++)
        expect(decayed[k]!).toBeLessThanOrEqual(decayed[k - 1]!);
      expect(indices[0]).toBe(scores.indexOf(Math.max(...scores)));
    }),
    RUNS,
  );
});
