import type * as tf from '@tensorflow/tfjs-core';
import { assertImages, assertUnitRange, fail } from '../internal/validate';
import { shapeOf } from '../transform/define-transform';
import { resolveRng } from '../transform/resolve-rng';
import type { Transform, TransformOptions } from '../transform/types';

/** What {@link MultiView.run} returns: the views and each view's parameters. */
export interface MultiViewRun {
  readonly views: tf.Tensor4D[];
  readonly params: unknown[];
}

/**
 * Several independently augmented views of the same batch: call it to get `Tensor4D[]` (view k of
 * image i is `views[k][i]`); `run` also returns each view's parameters.
 */
export interface MultiView {
  (images: tf.Tensor4D, options?: TransformOptions): tf.Tensor4D[];
  /** The transform of each view. */
  readonly transforms: readonly Transform[];
  run(images: tf.Tensor4D, options?: TransformOptions): MultiViewRun;
}

/**
 * `n` views of each image through `transform` (each view draws its own parameters), or one view
 * per transform of a list (BYOL's asymmetric pair). Views are seeded from one generator forked per
 * view, so view k is the same whatever n is.
 *
 * @example
 * ```ts
 * const [v1, v2] = multiView(simclrAugment({ size: 28 }), 2)(images, { seed: 0 });
 * ```
 * @category Composition
 */
export function multiView(transform: Transform | readonly Transform[], n?: number): MultiView {
  const name = 'multiView';
  let transforms: readonly Transform[];
  if (Array.isArray(transform)) {
    if (transform.length === 0 || n !== undefined) {
      fail(
        name,
        'transform',
        'pass one transform and a count, or a non-empty list of transforms without a count.',
      );
    }
    transforms = transform;
  } else {
    const count = n ?? 2;
    if (!Number.isInteger(count) || count < 1)
      fail(name, 'n', `n must be an integer >= 1, got ${n}.`);
    transforms = Array.from({ length: count }, () => transform as Transform);
  }
  const run = (images: tf.Tensor4D, options: TransformOptions = {}): MultiViewRun => {
    assertImages(images, name);
    if (transforms.some((t) => t.requiresUnitRange)) assertUnitRange(images, name);
    const rng = resolveRng(options.seed);
    const shape = shapeOf(images);
    const forks = transforms.map(() => rng.fork());
    const params = transforms.map((t, k) => t.sample(shape, forks[k]!));
    return { views: transforms.map((t, k) => t.apply(images, params[k])), params };
  };
  const call = (images: tf.Tensor4D, options?: TransformOptions) => run(images, options).views;
  return Object.assign(call, { transforms, run }) as MultiView;
}

/**
 * Two independent views — SimCLR's positive pair.
 * @category Composition
 */
export function twoViews(transform: Transform): MultiView {
  return multiView(transform, 2);
}
