// The augmentation explorer's transforms, shared by the demo page and its end-to-end test (which
// recomputes every output in Node on `cpu` and compares with what the page shows).
import * as tf from '@tensorflow/tfjs-core';
import {
  gaussianBlur,
  randomAffine,
  randomBrightness,
  randomContrast,
  randomErasing,
  randomResizedCrop,
  randomRotation,
  solarize,
  type Transform,
} from '@tessera/augment';
import { mnistAugment } from '@tessera/runners';

/** One transform of the explorer: its call as the reader would write it, and the transform. */
export interface DemoTransform {
  readonly code: string;
  readonly make: () => Transform;
}

export const AUGMENT_DEMO_TRANSFORMS: readonly DemoTransform[] = [
  {
    code: 'randomResizedCrop({ size: 28, scale: [0.2, 1] })',
    make: () => randomResizedCrop({ size: 28, scale: [0.2, 1] }),
  },
  {
    code: "randomRotation({ degrees: 30, interpolation: 'bilinear' })",
    make: () => randomRotation({ degrees: 30, interpolation: 'bilinear' }),
  },
  {
    code: 'randomAffine({ degrees: 0, translate: [0.2, 0.2], scale: [0.8, 1.2], shear: 15 })',
    make: () => randomAffine({ degrees: 0, translate: [0.2, 0.2], scale: [0.8, 1.2], shear: 15 }),
  },
  { code: 'randomBrightness({ factor: 0.6 })', make: () => randomBrightness({ factor: 0.6 }) },
  { code: 'randomContrast({ factor: 0.6 })', make: () => randomContrast({ factor: 0.6 }) },
  {
    code: 'gaussianBlur({ kernelSize: 5, sigma: [0.1, 2] })',
    make: () => gaussianBlur({ kernelSize: 5, sigma: [0.1, 2] }),
  },
  { code: 'solarize({ threshold: 0.5 })', make: () => solarize({ threshold: 0.5 }) },
  { code: 'randomErasing({ p: 1 })', make: () => randomErasing({ p: 1 }) },
];

/** How many views of the SimCLR recipe the explorer shows. */
export const RECIPE_VIEWS = 4;

/** One output of the explorer. */
export interface DemoOutput {
  readonly code: string;
  /** `28·28` floats in [0, 1]. */
  readonly pixels: Float32Array;
  /** The parameters the transform drew, as JSON (numbers to 4 decimals). */
  readonly params: string;
}

/** What {@link runAugmentDemo} returns. */
export interface AugmentDemoResult {
  readonly transforms: readonly DemoOutput[];
  /** The SimCLR recipe's views, and the parameters of all of them. */
  readonly recipe: { readonly views: readonly Float32Array[]; readonly params: string };
}

const json = (params: unknown) =>
  JSON.stringify(params, (_, x) => (typeof x === 'number' ? Math.round(x * 1e4) / 1e4 : x));

/**
 * Runs every transform on one digit (`[28, 28, 1]` in [0, 1]) with `seed`, and the SimCLR recipe
 * of the MNIST runs (`mnistAugment`) on {@link RECIPE_VIEWS} copies of it with the same seed: each
 * copy draws its own parameters, as the two views of a training pair do.
 */
export async function runAugmentDemo(
  digit: Float32Array,
  seed: number,
): Promise<AugmentDemoResult> {
  const transforms: DemoOutput[] = [];
  const image = tf.tensor4d(digit, [1, 28, 28, 1]);
  try {
    for (const { code, make } of AUGMENT_DEMO_TRANSFORMS) {
      const { images, params } = make().run(image, { seed });
      transforms.push({
        code,
        pixels: (await images.data()) as Float32Array,
        params: json(params),
      });
      images.dispose();
    }
    const copies = tf.tile(image, [RECIPE_VIEWS, 1, 1, 1]);
    const { images, params } = mnistAugment().run(copies, { seed });
    const all = (await images.data()) as Float32Array;
    images.dispose();
    copies.dispose();
    const views = Array.from({ length: RECIPE_VIEWS }, (_, v) => all.slice(v * 784, (v + 1) * 784));
    return { transforms, recipe: { views, params: json(params) } };
  } finally {
    image.dispose();
  }
}
