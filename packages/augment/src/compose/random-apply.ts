import { applyByGroup, applyToSubset } from '../internal/per-image';
import { indicesOf, sampleFlags } from '../internal/sampling';
import { assertProbability, fail } from '../internal/validate';
import { defineTransform } from '../transform/define-transform';
import type { FlatBoxes, ImageShape, Transform } from '../transform/types';

/** Parameters of {@link randomApply}. */
export interface RandomApplyParams {
  /** Whether each image goes through the transform. */
  readonly applied: boolean[];
  /** The inner transform's parameters for the applied images only (in batch order); `null` if none. */
  readonly inner: unknown;
}

function sameShape(a: ImageShape, b: ImageShape): boolean {
  return a.height === b.height && a.width === b.width && a.channels === b.channels;
}

/**
 * Applies `transform` to each image with probability `p`; the others pass unchanged. Only the chosen
 * images are computed. The transform must keep the image size.
 *
 * @example
 * ```ts
 * const t = randomApply(colorJitter({ brightness: 0.8, contrast: 0.8 }), { p: 0.8 });
 * ```
 * @category Composition
 */
export function randomApply(transform: Transform, { p = 0.5 }: { p?: number } = {}): Transform<RandomApplyParams> {
  const name = 'randomApply';
  assertProbability(p, name);
  return defineTransform({
    name,
    unitRange: transform.requiresUnitRange,
    sample: (shape, rng) => {
      if (!sameShape(transform.outputShape(shape), shape)) {
        fail(name, 'transform', `${transform.transformName} changes the image size, so it cannot apply to some images only.`);
      }
      const applied = sampleFlags(shape.batch, p, rng);
      const count = indicesOf(applied).length;
      return { applied, inner: count > 0 ? transform.sample({ ...shape, batch: count }, rng) : null };
    },
    apply: (images, { applied, inner }) =>
      applyToSubset(images, indicesOf(applied), (subset) => transform.apply(subset, inner)),
    mapBoxes: (boxes, { applied, inner }, shape, options) => {
      const chosen = indicesOf(applied);
      const mapped = chosen.length ? transform.mapBoxes(chosen.map((i) => boxes[i]!), inner, { ...shape, batch: chosen.length }, options) : [];
      const out: FlatBoxes[] = boxes.map((b) => Float64Array.from(b));
      chosen.forEach((i, k) => (out[i] = mapped[k]!));
      return out;
    },
  });
}

/** Parameters of {@link randomChoice}. */
export interface RandomChoiceParams {
  /** The transform each image takes (index into the list). */
  readonly choice: number[];
  /** Each transform's parameters for its images (in batch order); `null` where none chose it. */
  readonly inner: unknown[];
}

/**
 * Sends each image through one transform picked at random (uniformly, or with `weights`). Every
 * transform runs once, on its own images. All must give the same output size.
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
  if (w.length !== transforms.length || !w.every((v) => v >= 0) || !(w.reduce((a, b) => a + b, 0) > 0)) {
    fail(name, 'weights', `weights must be ${transforms.length} non-negative numbers with a positive sum, got ${JSON.stringify(weights)}.`);
  }
  const total = w.reduce((a, b) => a + b, 0);
  const outShape = (shape: ImageShape) => {
    const shapes = transforms.map((t) => t.outputShape(shape));
    if (!shapes.every((s) => sameShape(s, shapes[0]!))) {
      fail(name, 'transforms', 'every transform must give the same output size.');
    }
    return shapes[0]!;
  };
  const members = (choice: readonly number[]) =>
    transforms.map((_, k) => choice.flatMap((c, i) => (c === k ? [i] : [])));
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
      const inner = members(choice).map((m, k) =>
        m.length ? transforms[k]!.sample({ ...shape, batch: m.length }, rng) : null,
      );
      return { choice, inner };
    },
    apply: (images, { choice, inner }) =>
      applyByGroup(
        images,
        choice,
        transforms.map((t, k) => (subset) => t.apply(subset, inner[k])),
      ),
    outputShape: outShape,
    mapBoxes: (boxes, { choice, inner }, shape, options) => {
      const out: FlatBoxes[] = boxes.map((b) => Float64Array.from(b));
      members(choice).forEach((m, k) => {
        if (!m.length) return;
        const mapped = transforms[k]!.mapBoxes(m.map((i) => boxes[i]!), inner[k], { ...shape, batch: m.length }, options);
        m.forEach((i, j) => (out[i] = mapped[j]!));
      });
      return out;
    },
  });
}
