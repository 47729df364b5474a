import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { describe, expect, it } from 'vitest';
import golden from '../../../tests/fixtures/golden/augment_ops.json';
import * as A from './index';

// The same ops and pipelines on WebGL (SwiftShader here) as on cpu and in torchvision.

type Case = {
  name: string;
  inputs: { images: number[][][][] };
  params: Record<string, unknown>;
  expected: number[][][][];
};

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const OPS: Record<string, (x: tf.Tensor4D, p: Record<string, unknown>) => tf.Tensor4D> = {
  brightness: (x, p) => A.adjustBrightness(x, p.factor as number[]),
  contrast: (x, p) => A.adjustContrast(x, p.factor as number[]),
  saturation: (x, p) => A.adjustSaturation(x, p.factor as number[]),
  hue: (x, p) => A.adjustHue(x, p.factor as number[]),
  grayscale: (x) => A.rgbToGrayscale(x),
  solarize: (x, p) => A.applySolarize(x, p.threshold as number[]),
  blur: (x, p) =>
    A.applyGaussianBlur(x, p.sigma as number[], { kernelSize: p.kernelSize as number }),
  resized_crop: (x, p) =>
    A.resizedCrop(x, p.boxes as A.CropBox[], p.size as [number, number], {
      antialias: p.antialias as boolean,
    }),
  rotate: (x, p) => A.rotateImages(x, p.angle as number[], { interpolation: 'bilinear' }),
};

describe('augment on webgl (headless Chromium)', () => {
  it('the ops match torchvision 0.14 on webgl', async () => {
    expect(await tf.setBackend('webgl')).toBe(true);
    const checked: string[] = [];
    for (const c of (golden as { cases: Case[] }).cases) {
      const op = OPS[c.params.op as string];
      if (!op) continue;
      const x = tf.tensor4d(c.inputs.images);
      const out = op(x, c.params);
      const diff = maxDiff(out.dataSync(), c.expected.flat(3));
      expect(diff, c.name).toBeLessThan(1e-4);
      checked.push(c.name);
      tf.dispose([x, out]);
    }
    expect(checked.length).toBeGreaterThanOrEqual(20);
  });

  it('the SimCLR recipe with the same parameters gives the same views on webgl and cpu', async () => {
    await tf.setBackend('cpu');
    const t = A.simclrAugment({ size: 24 });
    const shape = { batch: 16, height: 32, width: 32, channels: 3 };
    const images = () => tf.randomUniform([16, 32, 32, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const x = images();
    const { images: onCpu, params } = t.run(x, { seed: 9 });
    const cpuValues = onCpu.dataSync().slice();
    tf.dispose([x, onCpu]);
    await tf.setBackend('webgl');
    const y = images();
    const onGl = t.apply(y, params);
    expect(onGl.shape).toEqual([shape.batch, 24, 24, 3]);
    expect(maxDiff(onGl.dataSync(), cpuValues)).toBeLessThan(1e-3);
    tf.dispose([y, onGl]);
  });
});
