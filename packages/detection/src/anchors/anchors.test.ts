import * as tf from '@tensorflow/tfjs-core';
import {
  describeWithBackends,
  expectNoLeak,
  expectTensorClose,
  goldenCase,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { assignAnchors } from './assign-anchors';
import { decodeOffsets } from './decode-offsets';
import { encodeOffsets } from './encode-offsets';
import { multiboxPrior } from './multibox-prior';
import { multiboxTarget } from './multibox-target';

const TOL = { rtol: 1e-5, atol: 1e-6 };

describeWithBackends('anchors (d2l)', () => {
  it('multiboxPrior matches the book on a 4×5 map: 5 anchors per pixel', () => {
    const c = goldenCase('anchors', 'multibox_prior_4x5');
    const { sizes, ratios } = c.params as { sizes: number[]; ratios: number[] };
    const anchors = multiboxPrior(c.inputs.feature_map_hw as [number, number], { sizes, ratios });
    expect(anchors.shape).toEqual([1, 100, 4]);
    expectTensorClose(anchors, c.expected as number[][][], TOL);
    anchors.dispose();
  });

  it.each(['assign_and_target_d2l_book_example', 'assign_and_target_4x5_anchors_3_gt'])(
    'assignAnchors and multiboxTarget match the book: %s',
    (name) => {
      const c = goldenCase('anchors', name);
      const e = c.expected as Record<string, number[] | number[][]>;
      const gt = c.inputs.ground_truth as number[][];
      const anchors = c.inputs.anchors as number[][];
      expect(
        Array.from(
          assignAnchors(
            anchors,
            gt.map((r) => r.slice(1)),
          ),
        ),
      ).toEqual(e.anchors_bbox_map);
      // Labels as plain arrays are read in float64: an IoU at the threshold is decided as in the reference.
      const t = multiboxTarget(anchors, [gt]);
      expectTensorClose(t.offsets, e.bbox_offset as number[][], { rtol: 1e-4, atol: 1e-4 });
      expectTensorClose(t.mask, e.bbox_mask as number[][]);
      expect(t.classLabels.arraySync()).toEqual(e.class_labels);
      tf.dispose([t.offsets, t.mask, t.classLabels]);
    },
  );

  it('encodeOffsets and decodeOffsets match offset_boxes / offset_inverse', () => {
    const c = goldenCase('anchors', 'offset_boxes_and_inverse');
    const e = c.expected as Record<string, number[][]>;
    const anchors = c.inputs.anchors as number[][];
    const enc = encodeOffsets(anchors, c.inputs.assigned_bb as number[][]);
    expectTensorClose(enc, e.offsets!, { rtol: 1e-5, atol: 1e-5 });
    const back = decodeOffsets(anchors, enc);
    expectTensorClose(back, e.inverse_of_offsets!, { rtol: 1e-5, atol: 1e-5 });
    const dec = decodeOffsets(anchors, c.inputs.offset_preds as number[][]);
    expectTensorClose(dec, e.inverse_of_offset_preds!, { rtol: 1e-5, atol: 1e-5 });
    tf.dispose([enc, back, dec]);
  });

  it('throws: bad feature map size, ratios, threshold', () => {
    expect(() => multiboxPrior([0, 5], { sizes: [0.5], ratios: [1] })).toThrow(
      /^multiboxPrior: featureMapSize\[0\] must be an integer >= 1, got 0\.$/,
    );
    expect(() => multiboxPrior([2, 2], { sizes: [0.5], ratios: [] })).toThrow(
      /^multiboxPrior: ratios must be a non-empty array of numbers > 0, got \[\]\.$/,
    );
    expect(() => assignAnchors([[0, 0, 1, 1]], [[0, 0, 1, 1]], { iouThreshold: 2 })).toThrow(
      /^assignAnchors: iouThreshold must be in \[0, 1\], got 2\.$/,
    );
  });

  it('does not leak tensors', async () => {
    await expectNoLeak(() => {
      multiboxPrior([2, 3], { sizes: [0.5, 0.25], ratios: [1, 2] }).dispose();
      const anchors = [
        [0, 0, 0.5, 0.5],
        [0.5, 0.5, 1, 1],
      ];
      encodeOffsets(anchors, anchors).dispose();
      decodeOffsets(anchors, [
        [0, 0, 0, 0],
        [1, 1, 0, 0],
      ]).dispose();
      const labels = tf.tensor3d([[[0, 0, 0, 0.4, 0.4]]]);
      const t = multiboxTarget(anchors, labels);
      tf.dispose([labels, t.offsets, t.mask, t.classLabels]);
    });
  });
});
