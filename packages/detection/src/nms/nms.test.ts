import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@tessera/core';
import { describeWithBackends, loadGolden } from '@tessera/test-utils';
import { describe, expect, it } from 'vitest';
import { convertBoxes } from '../convert-boxes';
import { batchedNms } from './batched-nms';
import { nms, nmsAsync } from './nms';

const cases = loadGolden('nms').cases;
const plain = cases.filter((c) => !('idxs' in c.inputs));
const batched = cases.filter((c) => 'idxs' in c.inputs);

/** Boxes as bench_torch.py draws them: x1, y1 ~ U[0, 1000), w, h ~ U[10, 100); distinct random scores. */
function randomDetections(n: number, seed: number) {
  const rng = createRng(seed);
  const boxes = Array.from({ length: n }, () => {
    const x = rng.uniform(0, 1000);
    const y = rng.uniform(0, 1000);
    return [x, y, x + rng.uniform(10, 100), y + rng.uniform(10, 100)];
  });
  return { boxes, scores: Array.from({ length: n }, () => rng.next()) };
}

const iou = (a: number[], b: number[]) => {
  const w = Math.max(0, Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!));
  const h = Math.max(0, Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!));
  const inter = w * h;
  return inter / ((a[2]! - a[0]!) * (a[3]! - a[1]!) + (b[2]! - b[0]!) * (b[3]! - b[1]!) - inter);
};

describe('nms', () => {
  it.each(plain)('keeps exactly torchvision’s indices, in its order: $name', (c) => {
    const keep = nms(c.inputs.boxes as number[][], c.inputs.scores as number[], {
      iouThreshold: c.params!.iou_threshold as number,
    });
    expect(Array.from(keep)).toEqual(c.expected);
  });

  it.each(batched)('batchedNms keeps torchvision’s set in canonical order: $name', (c) => {
    const keep = batchedNms(
      c.inputs.boxes as number[][],
      c.inputs.scores as number[],
      c.inputs.idxs as number[],
      { iouThreshold: c.params!.iou_threshold as number },
    );
    expect(Array.from(keep)).toEqual(c.expected);
    expect([...keep].sort((a, b) => a - b)).toEqual(
      [...(c.aux!.torchvision_raw_order as number[])].sort((a, b) => a - b),
    );
  });

  it.each([1, 2, 3])(
    'properties on random boxes (seed %i): subset, sorted by score, pairwise IoU ≤ threshold, idempotent',
    (seed) => {
      const { boxes, scores } = randomDetections(400, seed);
      const keep = Array.from(nms(boxes, scores, { iouThreshold: 0.3 }));
      expect(new Set(keep).size).toBe(keep.length);
      for (let k = 1; k < keep.length; k++)
        expect(scores[keep[k - 1]!]!).toBeGreaterThanOrEqual(scores[keep[k]!]!);
      for (let a = 0; a < keep.length; a++)
        for (let b = a + 1; b < keep.length; b++)
          expect(iou(boxes[keep[a]!]!, boxes[keep[b]!]!)).toBeLessThanOrEqual(0.3);
      const again = nms(
        keep.map((i) => boxes[i]!),
        keep.map((i) => scores[i]!),
        { iouThreshold: 0.3 },
      );
      expect(Array.from(again)).toEqual(keep.map((_, k) => k));
    },
  );

  it('scoreThreshold and maxOutputSize', () => {
    const { boxes, scores } = randomDetections(100, 4);
    const all = Array.from(nms(boxes, scores));
    expect(Array.from(nms(boxes, scores, { maxOutputSize: 5 }))).toEqual(all.slice(0, 5));
    expect(Array.from(nms(boxes, scores, { scoreThreshold: 0.5 }))).toEqual(
      all.filter((i) => scores[i]! > 0.5),
    );
  });

  it('empty input gives an empty result', () => {
    expect(nms([], []).length).toBe(0);
    expect(batchedNms([], [], []).length).toBe(0);
  });

  it('throws: mismatched lengths, x2 < x1, NaN scores, thresholds out of range, non-integer classes', () => {
    const boxes = [
      [0, 0, 1, 1],
      [0, 0, 2, 2],
    ];
    expect(() => nms(boxes, [0.5])).toThrow(
      /^nms: scores must have one value per box \(2\), got 1\.$/,
    );
    expect(() => nms([[2, 0, 1, 1]], [0.5])).toThrow(
      /^nms: boxes must be xyxy with x2 >= x1 and y2 >= y1, got \[2, 0, 1, 1\] at index 0\.$/,
    );
    expect(() => nms(boxes, [0.5, Number.NaN])).toThrow(
      /^nms: scores must not contain NaN, got NaN at index 1\.$/,
    );
    expect(() => nms(boxes, [0.5, 0.4], { iouThreshold: 1.5 })).toThrow(
      /^nms: iouThreshold must be in \[0, 1\], got 1\.5\.$/,
    );
    expect(() => batchedNms(boxes, [0.5, 0.4], [0, 0.5])).toThrow(
      /^batchedNms: classes must contain only int32 integers, got 0\.5 at index 1\.$/,
    );
  });
});

describeWithBackends('nms with tensors', () => {
  it('nmsAsync reads tensors and agrees with nms', async () => {
    const { boxes, scores } = randomDetections(200, 5);
    const b = tf.tensor2d(boxes);
    const s = tf.tensor1d(scores);
    expect(Array.from(await nmsAsync(b, s, { iouThreshold: 0.4 }))).toEqual(
      Array.from(nms(b, s, { iouThreshold: 0.4 })),
    );
    tf.dispose([b, s]);
  });

  it.each([6, 7])(
    'agrees with tf.image.nonMaxSuppression on random boxes without tied scores (seed %i)',
    async (seed) => {
      const { boxes, scores } = randomDetections(300, seed);
      const yxyx = convertBoxes(boxes, 'xyxy', 'yxyx');
      const s = tf.tensor1d(scores);
      const theirs = await tf.image.nonMaxSuppressionAsync(yxyx, s, 300, 0.5);
      // TF.js computes IoU in float32 and its boxes are float32: compare on the same float32 inputs.
      const ours = nms(
        await yxyx.data().then((d) => convertYxyx(d as Float32Array)),
        await s.data(),
        { iouThreshold: 0.5 },
      );
      expect(Array.from(ours)).toEqual(Array.from(await theirs.data()));
      tf.dispose([yxyx, s, theirs]);
    },
  );
});

function convertYxyx(d: Float32Array): number[][] {
  return Array.from({ length: d.length / 4 }, (_, i) => [
    d[4 * i + 1]!,
    d[4 * i]!,
    d[4 * i + 3]!,
    d[4 * i + 2]!,
  ]);
}

/** The all-pairs greedy loop over `order`: keep the best box left, drop every box overlapping it. */
function allPairsNms(boxes: number[][], order: number[], threshold: number): number[] {
  const kept: number[] = [];
  const suppressed = new Set<number>();
  for (const i of order) {
    if (suppressed.has(i)) continue;
    kept.push(i);
    for (const j of order)
      if (!suppressed.has(j) && !kept.includes(j) && iou(boxes[i]!, boxes[j]!) > threshold)
        suppressed.add(j);
  }
  return kept;
}

describe('nms grid path', () => {
  it.each([11, 12])(
    'equals the all-pairs greedy loop on 3 000 boxes with a few huge ones (seed %i)',
    (seed) => {
      const { boxes, scores } = randomDetections(3000, seed);
      boxes[5] = [0, 0, 900, 900];
      boxes[17] = [100, 400, 1050, 700];
      const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
      expect(Array.from(nms(boxes, scores, { iouThreshold: 0.5 }))).toEqual(
        allPairsNms(boxes, order, 0.5),
      );
    },
  );

  it('batchedNms on 3 000 boxes of 4 classes (the grid per class) equals the all-pairs loop per class, merged by score, capped', () => {
    const { boxes, scores } = randomDetections(3000, 13);
    scores[40] = scores[41]!; // a tie: the lower index first
    const classes = scores.map((_, i) => (i * 7) % 4);
    const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
    const kept = new Set(
      [0, 1, 2, 3].flatMap((c) =>
        allPairsNms(
          boxes,
          order.filter((i) => classes[i] === c),
          0.5,
        ),
      ),
    );
    const expected = order.filter((i) => kept.has(i));
    expect(Array.from(batchedNms(boxes, scores, classes, { iouThreshold: 0.5 }))).toEqual(expected);
    const capped = batchedNms(boxes, scores, classes, { iouThreshold: 0.5, maxOutputSize: 100 });
    expect(Array.from(capped)).toEqual(expected.slice(0, 100));
  });
});
