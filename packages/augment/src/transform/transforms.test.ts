import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, createRng } from '@tessera/core';
import { describeWithBackends, expectNoLeak, expectTensorClose } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import * as A from '../index';
import type { Transform } from './types';

const images = () => tf.randomUniform([6, 12, 10, 3], 0, 1, 'float32', 11) as tf.Tensor4D;

/** Every random transform, built with options that make its randomness visible. */
const RANDOM: Record<string, () => Transform> = {
  randomResizedCrop: () => A.randomResizedCrop({ size: [8, 7], scale: [0.2, 1] }),
  randomCrop: () => A.randomCrop({ size: 9, padding: 2 }),
  randomHorizontalFlip: () => A.randomHorizontalFlip(),
  randomVerticalFlip: () => A.randomVerticalFlip(),
  randomRotation: () => A.randomRotation({ degrees: 30, interpolation: 'bilinear' }),
  randomAffine: () =>
    A.randomAffine({ degrees: 20, translate: [0.1, 0.1], scale: [0.8, 1.2], shear: 10 }),
  colorJitter: () =>
    A.colorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1, p: 0.8 }),
  randomBrightness: () => A.randomBrightness({ factor: 0.5 }),
  randomHue: () => A.randomHue({ factor: 0.2 }),
  randomGrayscale: () => A.randomGrayscale({ p: 0.5 }),
  gaussianBlur: () => A.gaussianBlur({ sigma: [0.1, 2] }),
  solarize: () => A.solarize({ threshold: 0.5, p: 0.5 }),
  randomErasing: () => A.randomErasing({ p: 0.7 }),
  randomApply: () => A.randomApply(A.colorJitter({ brightness: 0.5 }), { p: 0.5 }),
  randomChoice: () => A.randomChoice([A.randomGrayscale({ p: 1 }), A.solarize(), A.gaussianBlur()]),
  simclrAugment: () => A.simclrAugment({ size: 8 }),
  mocoV2Augment: () => A.mocoV2Augment({ size: 8 }),
};

describeWithBackends('transforms', ({ epsilon }) => {
  for (const [name, make] of Object.entries(RANDOM)) {
    it(`${name}: same seed → same output, another seed → another, replay equals run, no leak`, async () => {
      const x = images();
      const t = make();
      const a = t.run(x, { seed: 5 });
      const b = t(x, { seed: 5 });
      const c = t(x, { seed: 6 });
      expect(Array.from(b.dataSync())).toEqual(Array.from(a.images.dataSync()));
      expect(Array.from(c.dataSync())).not.toEqual(Array.from(a.images.dataSync()));
      const replay = t.apply(x, a.params);
      expect(Array.from(replay.dataSync())).toEqual(Array.from(a.images.dataSync()));
      expect(JSON.parse(JSON.stringify(a.params))).toEqual(a.params);
      tf.dispose([a.images, b, c, replay]);
      await expectNoLeak(() => {
        t(x, { seed: 1 }).dispose();
      });
      x.dispose();
    });
  }

  it('deterministic transforms, views and recipes leave no tensor behind', async () => {
    const x = images();
    const det: Transform[] = [
      A.centerCrop({ size: 8 }),
      A.resize({ size: [6, 9], antialias: true }),
      A.resize({ size: 16 }),
      A.normalize({ mean: [0.5, 0.4, 0.3], std: 0.2 }),
      A.randomResizedCrop({ size: 7, exact: true, antialias: true }),
      A.randomVerticalFlip({ p: 1 }),
    ];
    await expectNoLeak(() => {
      for (const t of det) t(x, { seed: 1 }).dispose();
      tf.dispose(A.byolAugment({ size: 8 })(x, { seed: 2 }));
      tf.dispose(
        A.multiCrop({
          global: { n: 2, size: 8, scale: [0.4, 1] },
          local: { n: 2, size: 4, scale: [0.1, 0.4] },
        })(x, { seed: 3 }),
      );
      A.boxAware(A.randomRotation({ degrees: 20 }))(
        {
          images: x,
          boxes: x.shape
            .slice(0, 1)
            .flatMap((n) => Array.from({ length: n }, () => [[1, 1, 5, 5]])),
        },
        { seed: 4 },
      ).images.dispose();
    });
    x.dispose();
  });

  it('samples per image: the images of a batch get different parameters', () => {
    const shape = { batch: 16, height: 32, width: 32, channels: 3 };
    const crops = A.randomResizedCrop({ size: 8 }).sample(shape, createRng(1)).boxes;
    expect(new Set(crops.map((b) => b.join())).size).toBeGreaterThan(12);
    const flips = A.randomHorizontalFlip().sample(shape, createRng(2)).flip;
    expect(flips).toContain(true);
    expect(flips).toContain(false);
    const jitter = A.colorJitter({ brightness: 0.4, hue: 0.1 }).sample(shape, createRng(3));
    expect(new Set(jitter.order.map((o) => o.join())).size).toBeGreaterThan(4);
    expect(new Set(jitter.factors.brightness).size).toBe(16);
  });

  it('a transform with fixed parameters equals its op', () => {
    const x = images();
    const jitter = A.colorJitter({ brightness: 0.5 }).run(x, { seed: 3 });
    const f = jitter.params.factors.brightness!.map((v, i) => (jitter.params.applied[i] ? v : 1));
    expectTensorClose(jitter.images, A.adjustBrightness(x, f), { atol: epsilon, rtol: 0 });
    const blur = A.gaussianBlur({ kernelSize: 5 }).run(x, { seed: 4 });
    expectTensorClose(blur.images, A.applyGaussianBlur(x, blur.params.values, { kernelSize: 5 }), {
      atol: epsilon,
      rtol: 0,
    });
    const crop = A.randomResizedCrop({ size: 6 }).run(x, { seed: 5 });
    expectTensorClose(crop.images, A.resizedCrop(x, crop.params.boxes, 6, { exact: false }), {
      atol: epsilon,
      rtol: 0,
    });
    const exact = A.randomResizedCrop({ size: 6, exact: true }).run(x, { seed: 5 });
    expectTensorClose(exact.images, A.resizedCrop(x, exact.params.boxes, 6), {
      atol: epsilon,
      rtol: 0,
    });
    exact.images.dispose();
    const rot = A.randomRotation({ degrees: 40 }).run(x, { seed: 6 });
    expectTensorClose(rot.images, A.rotateImages(x, rot.params.angle), { atol: epsilon, rtol: 0 });
    tf.dispose([x, jitter.images, blur.images, crop.images, rot.images]);
  });

  it('colorJitter gives each image its own ops in its own order, as one image at a time', () => {
    const x = tf.randomUniform([12, 6, 5, 3], 0, 1, 'float32', 21) as tf.Tensor4D;
    const jitter = A.colorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.2 });
    const { images: out, params } = jitter.run(x, { seed: 7 });
    const ops = [A.adjustBrightness, A.adjustContrast, A.adjustSaturation, A.adjustHue];
    const factors = A.COLOR_JITTER_OPS.map((k) => params.factors[k]!);
    // every image has hue at some stage, and the stages differ between images
    expect(new Set(params.order.map((o) => o.indexOf(3))).size).toBeGreaterThan(2);
    for (let i = 0; i < 12; i++) {
      let y = tf.slice(x, [i, 0, 0, 0], [1, -1, -1, -1]) as tf.Tensor4D;
      if (params.applied[i])
        for (const k of params.order[i]!) {
          const next = ops[k]!(y, [factors[k]![i]!]);
          y.dispose();
          y = next;
        }
      const mine = tf.slice(out, [i, 0, 0, 0], [1, -1, -1, -1]);
      expectTensorClose(mine, y, { atol: 10 * epsilon, rtol: 0 });
      tf.dispose([y, mine]);
    }
    tf.dispose([x, out]);
  });

  it('identity parameters give the input back', () => {
    const x = images();
    const n = x.shape[0];
    const none = Array.from({ length: n }, () => false);
    const full = Array.from({ length: n }, () => [0, 0, 12, 10] as const);
    const ones = Array.from({ length: n }, () => 1);
    const identity = [
      A.randomHorizontalFlip().apply(x, { flip: none }),
      A.randomVerticalFlip().apply(x, { flip: none }),
      A.randomResizedCrop({ size: [12, 10] }).apply(x, { boxes: full }),
      A.randomRotation({ degrees: 10 }).apply(x, { angle: ones.map(() => 0) }),
      A.adjustBrightness(x, 1),
      A.adjustContrast(x, ones),
      A.adjustSaturation(x, 1),
      A.adjustHue(x, 0),
      A.resizeImages(x, [12, 10]),
    ];
    for (const y of identity) expectTensorClose(y, x, { atol: 1e-5, rtol: 0 });
    tf.dispose([x, ...identity]);
  });

  it('flips, crops and resize equal their tf.image / tf.slice counterparts', () => {
    const x = images();
    const check = (a: tf.Tensor, b: tf.Tensor) => {
      expectTensorClose(a, b, { atol: epsilon, rtol: 0 });
      tf.dispose([a, b]);
    };
    check(A.flipHorizontal(x), tf.image.flipLeftRight(x));
    check(A.flipVertical(x), tf.reverse(x, 1));
    check(A.resizeImages(x, [7, 15]), tf.image.resizeBilinear(x, [7, 15], false, true));
    check(A.resizeImages(x, [24, 5]), tf.image.resizeBilinear(x, [24, 5], false, true));
    const boxes = [
      [1, 2, 5, 4],
      [0, 0, 5, 4],
      [7, 6, 5, 4],
      [3, 3, 5, 4],
      [2, 5, 5, 4],
      [6, 1, 5, 4],
    ] as const;
    check(
      A.cropImages(x, boxes),
      tf.concat(boxes.map(([t, l, h, w], i) => tf.slice(x, [i, t, l, 0], [1, h, w, 3]))),
    );
    // a resized crop is a crop, then a half-pixel-centre bilinear resize
    const corner = A.resizedCrop(x, boxes, [9, 3], { exact: false });
    const normalized = tf.tensor2d(
      boxes.map(([t, l, h, w]) => [t / 11, l / 9, (t + h - 1) / 11, (l + w - 1) / 9]),
    );
    check(
      corner,
      tf.image.cropAndResize(x, normalized, tf.range(0, 6, 1, 'int32') as tf.Tensor1D, [9, 3]),
    );
    normalized.dispose();
    // unscaled boxes (some on row 0 with an x offset, mixed with scaled ones) are exact copies
    const mixed = [
      [0, 3, 5, 4],
      [0, 0, 8, 8],
      [2, 3, 5, 4],
      [7, 6, 5, 4],
      [0, 1, 12, 9],
      [4, 2, 5, 4],
    ] as const;
    const got = A.resizedCrop(x, mixed, [5, 4], { exact: false });
    [0, 2, 3, 5].forEach((i) => {
      const [t, l] = mixed[i]!;
      check(tf.slice(got, [i, 0, 0, 0], [1, 5, 4, 3]), tf.slice(x, [i, t, l, 0], [1, 5, 4, 3]));
    });
    got.dispose();
    const rc = A.resizedCrop(x, boxes, [9, 3]);
    const ref = tf.concat(
      boxes.map(([t, l, h, w], i) =>
        tf.image.resizeBilinear(
          tf.slice(x, [i, t, l, 0], [1, h, w, 3]) as tf.Tensor4D,
          [9, 3],
          false,
          true,
        ),
      ),
    );
    check(rc, ref);
    const center = A.centerCrop({ size: [6, 4] })(x);
    check(center, tf.slice(x, [0, 3, 3, 0], [6, 6, 4, 3]));
    x.dispose();
  });

  it('multiView gives independent views; view k does not depend on the number of views', () => {
    const x = images();
    const t = A.randomResizedCrop({ size: 8 });
    const two = A.twoViews(t)(x, { seed: 9 });
    const three = A.multiView(t, 3)(x, { seed: 9 });
    expect(Array.from(two[0]!.dataSync())).toEqual(Array.from(three[0]!.dataSync()));
    expect(Array.from(two[1]!.dataSync())).toEqual(Array.from(three[1]!.dataSync()));
    expect(Array.from(two[0]!.dataSync())).not.toEqual(Array.from(two[1]!.dataSync()));
    const byol = A.byolAugment({ size: 8 }).run(x, { seed: 2 });
    expect(byol.views.map((v) => v.shape)).toEqual([
      [6, 8, 8, 3],
      [6, 8, 8, 3],
    ]);
    const crops = A.multiCrop({
      global: { n: 2, size: 8, scale: [0.4, 1] },
      local: { n: 3, size: 4, scale: [0.05, 0.4] },
    })(x, { seed: 1 });
    expect(crops.map((v) => v.shape[1])).toEqual([8, 8, 4, 4, 4]);
    tf.dispose([x, ...two, ...three, ...byol.views, ...crops]);
  });

  it('rejects bad input with InvalidArgumentError naming the function and argument', () => {
    const x = images();
    const bad = (fn: () => unknown, functionName: string, argument: string) => {
      let error: unknown;
      try {
        fn();
      } catch (e) {
        error = e;
      }
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).functionName).toBe(functionName);
      expect((error as InvalidArgumentError).argument).toBe(argument);
    };
    const rank3 = tf.zeros([4, 4, 3]) as unknown as tf.Tensor4D;
    bad(() => A.randomHorizontalFlip()(rank3), 'randomHorizontalFlip', 'images');
    bad(() => A.adjustBrightness(rank3, 1), 'adjustBrightness', 'images');
    const over = tf.mul(x, 2) as tf.Tensor4D;
    bad(() => A.colorJitter({ brightness: 0.2 })(over), 'colorJitter', 'images');
    bad(() => A.simclrAugment({ size: 4 })(over), 'compose', 'images');
    bad(() => A.randomGrayscale({ p: 1.5 }), 'randomGrayscale', 'p');
    bad(() => A.randomApply(A.solarize(), { p: -0.1 }), 'randomApply', 'p');
    bad(() => A.centerCrop({ size: 20 })(x), 'centerCrop', 'size');
    bad(() => A.randomCrop({ size: 13 })(x), 'randomCrop', 'size');
    bad(() => A.randomResizedCrop({ size: 0 }), 'randomResizedCrop', 'size');
    bad(() => A.adjustHue(x, 0.7), 'adjustHue', 'factor');
    bad(() => A.adjustBrightness(x, [1, 2]), 'adjustBrightness', 'factor');
    bad(() => A.applyGaussianBlur(x, 1, { kernelSize: 4 }), 'applyGaussianBlur', 'kernelSize');
    bad(() => A.randomApply(A.randomResizedCrop({ size: 4 }))(x), 'randomApply', 'transform');
    bad(() => A.resizedCrop(x, [[0, 0, 13, 4]] as never, 4), 'resizedCrop', 'boxes');
    bad(() => A.rotationTask(x), 'rotationTask', 'images');
    tf.dispose([rank3, over, x]);
  });
});
