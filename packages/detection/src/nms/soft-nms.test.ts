import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tessera/core';
import { describeWithBackends, loadGolden } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { convertBoxes } from '../convert-boxes';
import { softNms, softNmsAsync } from './soft-nms';

const golden = loadGolden('soft_nms');
type Expected = { indices: number[]; scores: number[] };

describeWithBackends('softNms', ({ epsilon }) => {
  for (const c of golden.cases) {
    it(`equals Bodla et al.'s cpu_soft_nms: ${c.name}`, async () => {
      const p = c.params as {
        method: 'linear' | 'gaussian';
        sigma: number;
        iouThreshold: number;
        scoreThreshold: number;
      };
      const e = c.expected as Expected;
      const got = softNms(c.inputs.boxes as number[][], c.inputs.scores as number[], p);
      expect(Array.from(got.indices)).toEqual(e.indices);
      got.scores.forEach((v, k) => expect(Math.abs(v - e.scores[k]!)).toBeLessThan(1e-12));
      const boxes = tf.tensor2d(c.inputs.boxes as number[][]);
      const scores = tf.tensor1d(c.inputs.scores as number[]);
      const fromTensors = await softNmsAsync(boxes, scores, p);
      expect(Array.from(fromTensors.indices)).toEqual(e.indices);
      tf.dispose([boxes, scores]);
    });
  }

  it('the Gaussian method equals tf.image.nonMaxSuppressionWithScore (σ_TF = σ / 2, no hard cut)', async () => {
    for (const c of golden.cases.filter(
      (g) => (g.params as { method: string }).method === 'gaussian',
    )) {
      const p = c.params as { sigma: number; scoreThreshold: number };
      const n = (c.inputs.scores as number[]).length;
      const yxyx = convertBoxes(c.inputs.boxes as number[][], 'xyxy', 'yxyx');
      const scores = tf.tensor1d(c.inputs.scores as number[]);
      const tfResult = await tf.image.nonMaxSuppressionWithScoreAsync(
        yxyx,
        scores,
        n,
        1,
        p.scoreThreshold,
        p.sigma / 2,
      );
      const ours = softNms(c.inputs.boxes as number[][], c.inputs.scores as number[], {
        sigma: p.sigma,
        scoreThreshold: p.scoreThreshold,
      });
      expect(Array.from(tfResult.selectedIndices!.dataSync())).toEqual(Array.from(ours.indices));
      const tfScores = tfResult.selectedScores!.dataSync();
      ours.scores.forEach((v, k) => expect(Math.abs(v - tfScores[k]!)).toBeLessThan(100 * epsilon));
      tf.dispose([yxyx, scores, tfResult.selectedIndices!, tfResult.selectedScores!]);
    }
  });

  it('rejects bad options and handles empty input', () => {
    expect(softNms([], []).indices).toHaveLength(0);
    const argument = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return InvalidArgumentError.isInstance(e) ? e.argument : String(e);
      }
      return 'none';
    };
    expect(argument(() => softNms([[0, 0, 1, 1]], [1], { method: 'hard' as never }))).toBe(
      'method',
    );
    expect(argument(() => softNms([[0, 0, 1, 1]], [1], { sigma: 0 }))).toBe('sigma');
    expect(argument(() => softNms([[0, 0, 1, 1]], [1, 2]))).toBe('scores');
    expect(
      softNms(
        [
          [0, 0, 10, 10],
          [0, 0, 10, 10],
        ],
        [0.9, 0.8],
        { method: 'linear', iouThreshold: 0.5 },
      ).indices,
    ).toEqual(Int32Array.from([0]));
  });
});
