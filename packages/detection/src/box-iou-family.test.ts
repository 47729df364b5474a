import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@tessera/core';
import {
  describeWithBackends,
  expectNoLeak,
  expectTensorClose,
  loadGolden,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { boxArea } from './box-area';
import { boxIou } from './box-iou';
import { completeBoxIou } from './complete-box-iou';
import { convertBoxes } from './convert-boxes';
import { distanceBoxIou } from './distance-box-iou';
import { generalizedBoxIou } from './generalized-box-iou';

const golden = loadGolden('boxes');
const pairCases = golden.cases.filter((c) => 'boxes1' in c.inputs);
const convertCase = golden.cases.find((c) => c.name.startsWith('box_convert'))!;
const ATOL = { rtol: 1e-5, atol: 1e-6 }; // golden README: IoU-type matrices atol 1e-6

function randomBoxes(n: number, seed: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const x = rng.uniform(0, 100);
    const y = rng.uniform(0, 100);
    return [x, y, x + rng.uniform(1, 50), y + rng.uniform(1, 50)];
  });
}

describeWithBackends('box IoU family', () => {
  it.each(pairCases)('area, IoU, GIoU, DIoU, CIoU match torchvision 0.14: $name', (c) => {
    const e = c.expected as Record<string, number[] | number[][]>;
    const [b1, b2] = [c.inputs.boxes1 as number[][], c.inputs.boxes2 as number[][]];
    const results: Array<[tf.Tensor, unknown]> = [
      [boxArea(b1), e.area1],
      [boxArea(b2), e.area2],
      [boxIou(b1, b2), e.iou],
      [generalizedBoxIou(b1, b2), e.giou],
      [distanceBoxIou(b1, b2), e.diou],
      [completeBoxIou(b1, b2), e.ciou],
    ];
    for (const [actual, expected] of results) {
      expectTensorClose(actual, expected as number[], ATOL);
      actual.dispose();
    }
  });

  it('convertBoxes matches torchvision box_convert for every pair of formats, zero-area rows included', () => {
    const boxes = convertCase.inputs.boxes as number[][];
    for (const [key, expected] of Object.entries(
      convertCase.expected as Record<string, number[][]>,
    )) {
      const [from, to] = key.split('->') as [
        'xyxy' | 'xywh' | 'cxcywh',
        'xyxy' | 'xywh' | 'cxcywh',
      ];
      const out = convertBoxes(boxes, from, to);
      expectTensorClose(out, expected, ATOL);
      out.dispose();
    }
  });

  it('properties on random boxes: IoU symmetric, in [0, 1], diagonal 1; round trips through every format', () => {
    const a = randomBoxes(30, 1);
    const b = randomBoxes(20, 2);
    const ab = boxIou(a, b).arraySync();
    const ba = boxIou(b, a).arraySync();
    for (let i = 0; i < 30; i++)
      for (let j = 0; j < 20; j++) {
        expect(ab[i]![j]!).toBeGreaterThanOrEqual(0);
        expect(ab[i]![j]!).toBeLessThanOrEqual(1);
        expect(ab[i]![j]!).toBeCloseTo(ba[j]![i]!, 6);
      }
    const self = tf.tidy(() => tf.sum(tf.mul(boxIou(a, a), tf.eye(30)), 1));
    expectTensorClose(self, new Array(30).fill(1), ATOL);
    for (const f of ['xywh', 'cxcywh', 'yxyx'] as const) {
      const back = tf.tidy(() => convertBoxes(convertBoxes(a, 'xyxy', f), f, 'xyxy'));
      expectTensorClose(back, a, { rtol: 1e-5, atol: 1e-4 });
      back.dispose();
    }
    self.dispose();
  });

  it('is differentiable: the GIoU gradient is finite and moves a box toward its target', () => {
    const box = tf.tensor2d([[0, 0, 10, 10]]);
    const target = tf.tensor2d([[5, 5, 15, 15]]);
    const g = tf.grad((b: tf.Tensor) => tf.sum(generalizedBoxIou(b as tf.Tensor2D, target)))(box);
    const [gx1, gy1, gx2, gy2] = Array.from(g.dataSync());
    expect([gx1, gy1, gx2, gy2].every(Number.isFinite)).toBe(true);
    expect(gx2!).toBeGreaterThan(0); // growing x2 toward 15 increases GIoU
    tf.dispose([box, target, g]);
  });

  it('empty inputs give empty results', () => {
    const iou = boxIou([], [[0, 0, 1, 1]]);
    expect(iou.shape).toEqual([0, 1]);
    iou.dispose();
  });

  it('throws: wrong shapes and unknown formats', () => {
    expect(() => boxIou([[0, 0, 1]], [[0, 0, 1, 1]])).toThrow(
      /^boxIou: boxes1 must have shape \[\*,4\], got \[1,3\]\.$/,
    );
    expect(() => convertBoxes([[0, 0, 1, 1]], 'xyxy', 'xxyy' as never)).toThrow(
      /^convertBoxes: to must be one of 'xyxy', 'xywh', 'cxcywh', 'yxyx', got 'xxyy'\.$/,
    );
    expect(() => boxArea([0, 0, 1, 1] as never)).toThrow(
      /^boxArea: boxes must be rank 2, got a nested array of rank 1/,
    );
  });

  it('does not leak tensors', async () => {
    const a = randomBoxes(5, 3);
    await expectNoLeak(() => {
      for (const f of [boxIou, generalizedBoxIou, distanceBoxIou, completeBoxIou])
        f(a, a).dispose();
      convertBoxes(a, 'xyxy', 'cxcywh').dispose();
      boxArea(a).dispose();
    });
  });
});
