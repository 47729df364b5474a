import * as tf from '@tensorflow/tfjs-core';
import { selectImages } from '../internal/per-image';
import { sampleFlags } from '../internal/sampling';
import { assertProbability, fail } from '../internal/validate';
import { defineTransform } from '../transform/define-transform';
import type { FlatBoxes, ImageShape, Transform } from '../transform/types';

/** Parameters of {@link randomApply}. */
export interface RandomApplyParams {
  /** Whether each image goes through the transform. */
  readonly applied: boolean[];
  /** The inner transform's parameters, drawn for the whole batch (used where `applied`). */
  readonly inner: unknown;
}

function sameShape(a: ImageShape, b: ImageShape): boolean {
  return a.height === b.height && a.width === b.width && a.channels === b.channels;
}

/**
 * Applies `transform` to each image with probability `p`; the others pass unchanged. The
 * transform must keep the image size.
 *
 * @example
 * ```ts
 * const t = randomApply(colorJitter({ brightness: 0.8, contrast: 0.8 }), { p: 0.8 });
 * ```
 * @category Composition
 */
export function randomApply(
  transform: Transform,
  { p = 0.5 }: { p?: number } = {},
): Transform<RandomApplyParams> {
  const name = 'randomApply';
  assertProbability(p, name);
  return defineTransform({
    name,
    unitRange: transform.requiresUnitRange,
    sample: (shape, rng) => {
      if (!sameShape(transform.outputShape(shape), shape)) {
        fail(
          name,
          'transform',
          `${transform.transformName} changes the image size, so it cannot apply to some images only.`,
        );
      }
      const applied = sampleFlags(shape.batch, p, rng);
      return { applied, inner: transform.sample(shape, rng) };
    },
    apply: (images, { applied, inner }) =>
      selectImages(applied, () => transform.apply(images, inner), images),
    mapBoxes: (boxes, { applied, inner }, shape, options) => {
      const mapped = transform.mapBoxes(boxes, inner, shape, options);
      return boxes.map((b, i): FlatBoxes => (applied[i] ? mapped[i]! : Float64Array.from(b)));
    },
  });
}

/** Parameters of {@link randomChoice}. */
export interface RandomChoiceParams {
  /** The transform each image takes (index into the list). */
  readonly choice: number[];
  /** Each transform's parameters, drawn for the whole batch (used by the images that chose it). */
  readonly inner: unknown[];
}

/**
 * Sends each image through one transform picked at random (uniformly, or with `weights`). All must
 * give the same output size.
 * @category Composition
 */
export function randomChoice(
  transforms: readonly Transform[],
  { weights }: { weights?: readonly number[] } = {},
): Transform<RandomChoiceParams> {
  const name = 'randomChoice';
  if (!Array.isArray(transforms) || transforms.length === 0) {
    fail(name, 'transforms', 'transforms must be a non-empty array of transforms.');
  }
  const w = weights ?? transforms.map(() => 1);
  if (
    w.length !== transforms.length ||
    !w.every((v) => v >= 0) ||
    !(w.reduce((a, b) => a + b, 0) > 0)
  ) {
    fail(
      name,
      'weights',
      `weights must be ${transforms.length} non-negative numbers with a positive sum, got ${JSON.stringify(weights)}.`,
    );
  }
  const total = w.reduce((a, b) => a + b, 0);
  const outShape = (shape: ImageShape) => {
    const shapes = transforms.map((t) => t.outputShape(shape));
    if (!shapes.every((s) => sameShape(s, shapes[0]!))) {
      fail(name, 'transforms', 'every transform must give the same output size.');
    }
    return shapes[0]!;
  };
  return defineTransform({
    name,
    unitRange: transforms.some((t) => t.requiresUnitRange),
    sample: (shape, rng) => {
      outShape(shape);
      const choice = Array.from({ length: shape.batch }, () => {
        let u = rng.uniform(0, total);
        let k = 0;
        while (k < w.length - 1 && u >= w[k]!) u -= w[k++]!;
        return k;
      });
      return { choice, inner: transforms.map((t) => t.sample(shape, rng)) };
    },
    apply: (images, { choice, inner }) => {
      let out: tf.Tensor4D | null = null;
      transforms.forEach((t, k) => {
        const mine = choice.map((c) => c === k);
        if (!mine.some(Boolean)) return;
        const y = t.apply(images, inner[k]);
        const next: tf.Tensor4D = out ? selectImages(mine, y, out) : y;
        if (out && next !== out) tf.dispose([out, y]);
        out = next;
      });
      return out ?? tf.clone(images);
    },
    outputShape: outShape,
    mapBoxes: (boxes, { choice, inner }, shape, options) => {
      const mapped = transforms.map((t, k) =>
        choice.includes(k) ? t.mapBoxes(boxes, inner[k], shape, options) : null,
      );
      return boxes.map((_, i): FlatBoxes => mapped[choice[i]!]![i]!);
    },
  });
}
