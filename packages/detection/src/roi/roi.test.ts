import * as tf from '@tensorflow/tfjs-core';
import { registerWasmTrainingKernels } from '@tessera/backends';
import { InvalidArgumentError } from '@tessera/core';
import {
  describeWithBackends,
  expectNoLeak,
  expectTensorClose,
  loadGolden,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { roiAlign } from './roi-align';
import { roiPool } from './roi-pool';

type P = Record<string, unknown>;
const golden = loadGolden('roi');

/** NCHW nested arrays (torchvision) → NHWC tensor. */
const nhwc = (x: unknown) =>
  tf.tidy(() => tf.transpose(tf.tensor4d(x as number[][][][]), [0, 2, 3, 1])) as tf.Tensor4D;

function run(features: tf.Tensor4D, rois: number[][], p: P): tf.Tensor4D {
  const outputSize = p.output_size as [number, number];
  const spatialScale = p.spatial_scale as number;
  return p.kind === 'roi_pool'
    ? roiPool(features, rois, { outputSize, spatialScale })
    : roiAlign(features, rois, {
        outputSize,
        spatialScale,
        samplingRatio: p.sampling_ratio as number,
        aligned: p.aligned as boolean,
      });
}

describeWithBackends(
  'roiPool / roiAlign against torchvision 0.14 (roi.json)',
  ({ backend, epsilon }) => {
    for (const c of golden.cases) {
      it(c.name, () => {
        const features = nhwc(c.inputs.features);
        const out = run(features, c.inputs.rois as number[][], c.params as P);
        const expected = nhwc(c.expected);
        expectTensorClose(out, expected, { atol: 10 * epsilon, rtol: 1e-5 });
        tf.dispose([features, out, expected]);
      });
    }

    it('roiAlign gradient with respect to the features matches torch', () => {
      // gather's gradient is UnsortedSegmentSum, which wasm 4.22 lacks until @tessera/backends adds it
      if (backend === 'wasm') registerWasmTrainingKernels();
      for (const c of golden.cases.filter((g) => (g.params as P).kind === 'roi_align')) {
        const features = nhwc(c.inputs.features);
        // torch's weights: linspace(-1, 1) over the [K, C, outH, outW] output, row-major
        const [k, ch, oh, ow] = [
          (c.inputs.rois as number[][]).length,
          features.shape[3],
          ...((c.params as P).output_size as [number, number]),
        ];
        const count = k * ch * oh * ow;
        const linspace = Float32Array.from({ length: count }, (_, i) => -1 + (2 * i) / (count - 1));
        const weights = tf.tidy(() =>
          tf.transpose(tf.tensor4d(linspace, [k, ch, oh, ow]), [0, 2, 3, 1]),
        );
        const grad = tf.grad((f) =>
          tf.sum(
            tf.mul(run(f as tf.Tensor4D, c.inputs.rois as number[][], c.params as P), weights),
          ),
        )(features);
        const expected = nhwc(c.aux!.grad_of_weighted_sum);
        expectTensorClose(grad, expected, { atol: 10 * epsilon, rtol: 1e-5 });
        tf.dispose([features, weights, grad, expected]);
      }
    });

    it('leaves no tensor behind and rejects bad input', async () => {
      const f = tf.zeros([1, 6, 6, 2]) as tf.Tensor4D;
      await expectNoLeak(() => {
        roiAlign(f, [[0, 1, 1, 4, 4]], { outputSize: 2 }).dispose();
        roiPool(
          f,
          [
            [0, 1, 1, 4, 4],
            [0, 9, 9, 12, 12],
          ],
          { outputSize: [2, 3] },
        ).dispose();
      });
      const argumentOf = (fn: () => unknown) => {
        try {
          fn();
        } catch (e) {
          return InvalidArgumentError.isInstance(e) ? e.argument : String(e);
        }
        return 'none';
      };
      expect(argumentOf(() => roiAlign(f, [[1, 0, 0, 2, 2]], { outputSize: 2 }))).toBe('rois');
      expect(argumentOf(() => roiAlign(f, [[0, 0, 2, 2]], { outputSize: 2 }))).toBe('rois');
      expect(argumentOf(() => roiAlign(f, [[0, 0, 0, 2, 2]], { outputSize: 0 }))).toBe(
        'outputSize',
      );
      expect(
        argumentOf(() => roiPool(f, [[0, 0, 0, 2, 2]], { outputSize: 2, spatialScale: 0 })),
      ).toBe('spatialScale');
      expect(
        argumentOf(() => roiAlign(f, [[0, 0, 0, 2, 2]], { outputSize: 2, samplingRatio: 0 })),
      ).toBe('samplingRatio');
      expect(
        argumentOf(() =>
          roiPool(tf.zeros([6, 6, 2]) as unknown as tf.Tensor4D, [[0, 0, 0, 2, 2]], {
            outputSize: 2,
          }),
        ),
      ).toBe('features');
      f.dispose();
    });
  },
);
