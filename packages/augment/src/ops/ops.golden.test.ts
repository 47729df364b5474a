import * as tf from '@tensorflow/tfjs-core';
import {
  describeWithBackends,
  expectNoLeak,
  expectTensorClose,
  loadGolden,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { affineImages, rotateImages } from './affine';
import { adjustBrightness } from './brightness';
import { adjustContrast } from './contrast';
import { applyGaussianBlur } from './gaussian-blur';
import { rgbToGrayscale } from './grayscale';
import { adjustHue } from './hue';
import { resizedCrop } from './resized-crop';
import { adjustSaturation } from './saturation';
import { applySolarize } from './solarize';
import type { CropBox } from './crop-box';
import type { AffineParams } from './affine-matrix';

type P = Record<string, unknown>;
const golden = loadGolden('augment_ops');

/** Each op of `augment_ops.json`, called with the case's per-image parameters. */
const OPS: Record<string, (x: tf.Tensor4D, p: P) => tf.Tensor4D> = {
  brightness: (x, p) => adjustBrightness(x, p.factor as number[]),
  contrast: (x, p) => adjustContrast(x, p.factor as number[]),
  saturation: (x, p) => adjustSaturation(x, p.factor as number[]),
  hue: (x, p) => adjustHue(x, p.factor as number[]),
  grayscale: (x) => rgbToGrayscale(x),
  solarize: (x, p) => applySolarize(x, p.threshold as number[]),
  blur: (x, p) => applyGaussianBlur(x, p.sigma as number[], { kernelSize: p.kernelSize as number }),
  resized_crop: (x, p) =>
    resizedCrop(x, p.boxes as CropBox[], p.size as [number, number], {
      antialias: p.antialias as boolean,
    }),
  rotate: (x, p) => rotateImages(x, p.angle as number[], { interpolation: 'bilinear' }),
  affine: (x, p) => {
    const n = (p.angle as number[]).length;
    const params: AffineParams[] = Array.from({ length: n }, (_, i) => ({
      angle: (p.angle as number[])[i]!,
      translate: (p.translate as [number, number][])[i]!,
      scale: (p.scale as number[])[i]!,
      shear: (p.shear as [number, number][])[i]!,
    }));
    return affineImages(x, params, { interpolation: 'bilinear' });
  },
};

describeWithBackends('ops against torchvision 0.14 (augment_ops.json)', () => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const params = c.params as P;
      const op = OPS[params.op as string]!;
      const x = tf.tensor4d(c.inputs.images as number[][][][]);
      const out = op(x, params);
      expectTensorClose(out, c.expected as number[][][][], { atol: 2e-5, rtol: 0 });
      out.dispose();
      x.dispose();
    });
  }

  it('every op releases its intermediates', async () => {
    const x = tf.randomUniform([2, 7, 6, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    for (const [name, op] of Object.entries(OPS)) {
      const params: P = {
        factor: [0.3, 0.1],
        threshold: [0.5, 0.2],
        sigma: [0.5, 1.5],
        kernelSize: 3,
        boxes: [
          [0, 0, 7, 6],
          [1, 2, 3, 3],
        ],
        size: [4, 5],
        antialias: true,
        angle: [10, -20],
        translate: [
          [1, 0],
          [0, -1],
        ],
        scale: [1, 1.2],
        shear: [
          [0, 0],
          [5, 0],
        ],
      };
      await expectNoLeak(() => {
        op(x, params).dispose();
      }).catch((e: Error) => {
        throw new Error(`${name}: ${e.message}`);
      });
    }
    x.dispose();
  });

  it('covers every op of the golden file', () => {
    const used = new Set(golden.cases.map((c) => (c.params as P).op));
    expect([...used].sort()).toEqual(Object.keys(OPS).sort());
  });
});
