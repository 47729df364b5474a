import type * as tf from '@tensorflow/tfjs-core';
import { adjustBrightness } from '../ops/brightness';
import { adjustContrast } from '../ops/contrast';
import { adjustHue } from '../ops/hue';
import { adjustSaturation } from '../ops/saturation';
import { mapChosenImages } from '../internal/per-image';
import { sampleFlags } from '../internal/sampling';
import { assertProbability, fail, readJitter } from '../internal/validate';
import { defineTransform } from '../transform/define-transform';
import type { Transform } from '../transform/types';

/** The four colour adjustments, in torchvision's `fn_idx` numbering. */
export const COLOR_JITTER_OPS = ['brightness', 'contrast', 'saturation', 'hue'] as const;

/** Options of {@link colorJitter}: each a number `v` (→ `[1 − v, 1 + v]`, hue `[−v, v]`) or a `[min, max]` range. */
export interface ColorJitterOptions {
  brightness?: number | readonly [number, number];
  contrast?: number | readonly [number, number];
  saturation?: number | readonly [number, number];
  /** `v` in [0, 0.5], or a range inside [−0.5, 0.5]. */
  hue?: number | readonly [number, number];
  /** Probability that an image is jittered at all (lightly's `cj_prob`). Default `1`. */
  p?: number;
}

/** Parameters of {@link colorJitter}, per image. */
export interface ColorJitterParams {
  /** Whether each image is jittered. */
  readonly applied: boolean[];
  /** Each image's order of the four ops (indices into `COLOR_JITTER_OPS`), as torchvision's `randperm(4)`. */
  readonly order: number[][];
  /** Each op's factor per image; `null` where the op is off. */
  readonly factors: {
    brightness: number[] | null;
    contrast: number[] | null;
    saturation: number[] | null;
    hue: number[] | null;
  };
}

const OPS: ReadonlyArray<(x: tf.Tensor4D, f: number[]) => tf.Tensor4D> = [
  adjustBrightness,
  adjustContrast,
  adjustSaturation,
  adjustHue,
];

/**
 * Randomly changes brightness, contrast, saturation and hue — torchvision's `ColorJitter`, with
 * every image drawing its own factors **and its own order** of the four ops (torchvision draws one
 * for the whole batch). Each stage runs each op once on the whole batch, with identity factors for
 * the images whose turn it is not.
 *
 * @example
 * ```ts
 * const jitter = colorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1, p: 0.8 });
 * const { images: out, params } = jitter.run(images, { seed: 3 }); // params.order[i], params.factors
 * ```
 * @category Photometric
 */
export function colorJitter(options: ColorJitterOptions = {}): Transform<ColorJitterParams> {
  const name = 'colorJitter';
  const p = options.p ?? 1;
  assertProbability(p, name);
  const ranges = [
    readJitter(options.brightness, name, 'brightness', { centre: 1, min: 0 }),
    readJitter(options.contrast, name, 'contrast', { centre: 1, min: 0 }),
    readJitter(options.saturation, name, 'saturation', { centre: 1, min: 0 }),
    readJitter(options.hue, name, 'hue', { centre: 0, min: -0.5, max: 0.5 }),
  ] as const;
  if (typeof options.hue === 'number' && options.hue > 0.5) {
    fail(name, 'hue', `hue must be in [0, 0.5], got ${options.hue}.`);
  }
  return defineTransform({
    name,
    channels: [1, 3],
    unitRange: true,
    sample: ({ batch }, rng) => {
      const applied = sampleFlags(batch, p, rng);
      const order: number[][] = [];
      const factors: (number[] | null)[] = ranges.map((r) => (r ? [] : null));
      for (let i = 0; i < batch; i++) {
        order.push(Array.from(rng.permutation(4)));
        ranges.forEach((r, k) => factors[k]?.push(r ? rng.uniform(r[0], r[1]) : 0));
      }
      const [brightness, contrast, saturation, hue] = factors as [
        number[] | null,
        number[] | null,
        number[] | null,
        number[] | null,
      ];
      return { applied, order, factors: { brightness, contrast, saturation, hue } };
    },
    apply: (images, { applied, order, factors }) => {
      const n = images.shape[0];
      const f = COLOR_JITTER_OPS.map((k) => factors[k]);
      // Stage s applies, to every image at once, each op with the image's factor where the op is the
      // image's s-th and an identity factor elsewhere (exact for brightness, contrast, saturation);
      // hue, whose round trip is not bit-exact and is the dearest op, runs on those images only.
      const active = f.map((v) => v !== null);
      const stages = active.filter(Boolean).length;
      const turns = Array.from({ length: n }, (_, i) => order[i]!.filter((k) => active[k]));
      let x = images;
      for (let stage = 0; stage < stages; stage++) {
        for (let k = 0; k < 4; k++) {
          const values = f[k];
          if (!values) continue;
          const mine = turns.map((t, i) => applied[i]! && t[stage] === k);
          if (!mine.some(Boolean)) continue;
          const prev = x;
          x =
            k === 3
              ? mapChosenImages(
                  mine,
                  (some, at) =>
                    OPS[k]!(
                      some,
                      at.map((i) => values[i]!),
                    ),
                  prev,
                )
              : OPS[k]!(
                  prev,
                  values.map((v, i) => (mine[i] ? v : 1)),
                );
          if (prev !== images) prev.dispose();
        }
      }
      return x === images ? x.clone() : x;
    },
  });
}
