import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tessera/core';
import { describeWithBackends, goldenCase } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import {
  multiboxDetection,
  multiboxDetectionAsync,
  type MultiboxDetections,
} from './multibox-detection';

const CASES = [
  'multibox_detection_d2l_book_example',
  'multibox_detection_offsets_and_below_pos_threshold',
];

function rows(d: MultiboxDetections): number[][] {
  return Array.from(d.classIds, (c, r) => [
    c,
    d.scores[r]!,
    ...Array.from(d.boxes.subarray(4 * r, 4 * r + 4)),
  ]);
}

function expectRows(actual: number[][], expected: number[][], tol: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, r) =>
    row.forEach((v, k) =>
      expect(Math.abs(v - expected[r]![k]!), `row ${r} col ${k}`).toBeLessThan(tol),
    ),
  );
}

describeWithBackends('multiboxDetection (d2l)', ({ epsilon }) => {
  it.each(CASES)('matches d2l: %s (nested arrays, float64)', (name) => {
    const c = goldenCase('anchors', name);
    const [d] = multiboxDetection(
      c.inputs.cls_probs as number[][][],
      c.inputs.offset_preds as number[][],
      c.inputs.anchors as number[][][],
      {
        nmsThreshold: c.params!.nms_threshold as number,
        posThreshold: c.params!.pos_threshold as number,
      },
    );
    expectRows(rows(d!), (c.expected as number[][][])[0]!, 1e-12);
  });

  it.each(CASES)('matches d2l from tensors, sync and async: %s', async (name) => {
    const c = goldenCase('anchors', name);
    const probs = tf.tensor3d(c.inputs.cls_probs as number[][][]);
    const offsets = tf.tensor2d(c.inputs.offset_preds as number[][]);
    const anchors = tf.tensor3d(c.inputs.anchors as number[][][]);
    const sync = multiboxDetection(probs, offsets, anchors);
    const async = await multiboxDetectionAsync(probs, offsets, anchors);
    expectRows(rows(sync[0]!), (c.expected as number[][][])[0]!, 10 * epsilon);
    expect(rows(async[0]!)).toEqual(rows(sync[0]!));
    tf.dispose([probs, offsets, anchors]);
  });

  it('handles a batch: each image on its own', () => {
    const c = goldenCase('anchors', CASES[1]!);
    const probs = c.inputs.cls_probs as number[][][];
    const offsets = c.inputs.offset_preds as number[][];
    const anchors = (c.inputs.anchors as number[][][])[0]!;
    const both = multiboxDetection([probs[0]!, probs[0]!], [offsets[0]!, offsets[0]!], anchors);
    expect(both).toHaveLength(2);
    expect(rows(both[1]!)).toEqual(rows(both[0]!));
  });

  it('rejects shapes that do not fit', () => {
    const probs = [
      [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
    ]; // 1 class, 2 anchors
    const anchors = [
      [0, 0, 1, 1],
      [0, 0, 0.5, 0.5],
    ];
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return InvalidArgumentError.isInstance(e) ? e.argument : 'other';
      }
      return 'none';
    };
    expect(err(() => multiboxDetection(probs, [[0, 0, 0, 0]], anchors))).toBe('offsetPreds');
    expect(err(() => multiboxDetection(probs, [[0, 0, 0, 0, 0, 0, 0, 0]], [[0, 0, 1, 1]]))).toBe(
      'anchors',
    );
    expect(err(() => multiboxDetection([[[1, 1]]], [[0, 0, 0, 0, 0, 0, 0, 0]], anchors))).toBe(
      'classProbs',
    );
    expect(
      err(() => multiboxDetection(probs, [[0, 0, 0, 0, 0, 0, 0, 0]], anchors, { nmsThreshold: 2 })),
    ).toBe('nmsThreshold');
    expect(multiboxDetection(probs, [[0, 0, 0, 0, 0, 0, 0, 0]], anchors)[0]!.classIds).toHaveLength(
      2,
    );
  });
});
