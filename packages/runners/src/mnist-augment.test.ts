import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import {
  compose,
  randomApply,
  randomBrightness,
  randomContrast,
  randomResizedCrop,
  randomRotation,
} from '@tessera/augment';
import { createRng } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistAugment } from './mnist-augment';

const rng = createRng(7);
const images = () =>
  tf.tensor4d(
    Float32Array.from({ length: 4 * 28 * 28 }, () => rng.next() ** 3),
    [4, 28, 28, 1],
  );

/** The reference recipe written out, with the crop's resampling chosen. */
const recipe = (exact: boolean) =>
  compose([
    randomResizedCrop({ size: [28, 28], scale: [0.2, 1], ratio: [3 / 4, 4 / 3], exact }),
    randomRotation({ degrees: 10, interpolation: 'bilinear' }),
    randomApply(compose([randomBrightness({ factor: 0.4 }), randomContrast({ factor: 0.4 })]), {
      p: 0.8,
    }),
  ]);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('mnistAugment', () => {
  it.each([false, true])('is the reference recipe (exactCrop %s)', (exact) => {
    const x = images();
    const got = mnistAugment({ exactCrop: exact })(x, { seed: 3 });
    const want = recipe(exact)(x, { seed: 3 });
    expect(Array.from(got.dataSync())).toEqual(Array.from(want.dataSync()));
    tf.dispose([x, got, want]);
  });

  it('exactCrop changes only the resampling: the same draws, close but different pixels', () => {
    const x = images();
    const corner = mnistAugment()(x, { seed: 5 });
    const exact = mnistAugment({ exactCrop: true })(x, { seed: 5 });
    const params = (t: ReturnType<typeof mnistAugment>) => {
      const run = t.run(x, { seed: 5 });
      run.images.dispose();
      return run.params;
    };
    expect(params(mnistAugment({ exactCrop: true }))).toEqual(params(mnistAugment()));
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(corner, exact))).dataSync()[0]!);
    expect(diff).toBeGreaterThan(0);
    tf.dispose([x, corner, exact]);
  });

  it('minScale sets the crop’s smallest area; outside (0, 1] it throws', () => {
    const x = images();
    const got = mnistAugment({ minScale: 0.5 })(x, { seed: 6 });
    const want = compose([
      randomResizedCrop({ size: [28, 28], scale: [0.5, 1], ratio: [3 / 4, 4 / 3] }),
      randomRotation({ degrees: 10, interpolation: 'bilinear' }),
      randomApply(compose([randomBrightness({ factor: 0.4 }), randomContrast({ factor: 0.4 })]), {
        p: 0.8,
      }),
    ])(x, { seed: 6 });
    expect(Array.from(got.dataSync())).toEqual(Array.from(want.dataSync()));
    for (const minScale of [0, 1.2]) expect(() => mnistAugment({ minScale })).toThrow(/minScale/);
    tf.dispose([x, got, want]);
  });
});
