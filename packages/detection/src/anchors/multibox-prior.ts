import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertPositive, InvalidArgumentError } from '@tessera/core';

/** Options of {@link multiboxPrior}. */
export interface MultiboxPriorOptions {
  /** Anchor scales s₁…sₙ, fractions of the image in (0, 1]. */
  sizes: readonly number[];
  /** Aspect ratios r₁…rₘ (width : height), > 0. */
  ratios: readonly number[];
}

/**
 * Anchor boxes centred on every pixel of a feature map (d2l, "Anchor Boxes"): `n + m − 1` per pixel
 * — sizes s₁…sₙ with ratio r₁, then size s₁ with ratios r₂…rₘ — of width `s·√r·H/W` and height
 * `s/√r`, in normalised `xyxy` image coordinates, pixel-major (row, column, anchor).
 *
 * @param featureMapSize - `[height, width]` of the feature map.
 * @returns `[1, height · width · (n + m − 1), 4]`, `xyxy` in [0, 1] (anchors at the border extend past it).
 * @example
 * ```ts
 * multiboxPrior([4, 5], { sizes: [0.75, 0.5, 0.25], ratios: [1, 2, 0.5] }); // shape [1, 100, 4]
 * ```
 * @category Anchors
 */
export function multiboxPrior(
  [height, width]: readonly [number, number],
  { sizes, ratios }: MultiboxPriorOptions,
): tf.Tensor3D {
  const fn = 'multiboxPrior';
  assertInteger(height, fn, 'featureMapSize[0]', { min: 1 });
  assertInteger(width, fn, 'featureMapSize[1]', { min: 1 });
  for (const [name, list] of [
    ['sizes', sizes],
    ['ratios', ratios],
  ] as const) {
    if (!Array.isArray(list) || list.length === 0) {
      throw new InvalidArgumentError({
        functionName: fn,
        argument: name,
        detail: `${name} must be a non-empty array of numbers > 0, got ${JSON.stringify(list)}.`,
      });
    }
    list.forEach((v, i) => assertPositive(v, fn, `${name}[${i}]`));
  }
  const [s0, r0] = [sizes[0] as number, ratios[0] as number];
  const shapes = [
    ...sizes.map((s) => [s, r0] as const),
    ...ratios.slice(1).map((r) => [s0, r] as const),
  ];
  const perPixel = shapes.length;
  const out = new Float32Array(height * width * perPixel * 4);
  let o = 0;
  for (let row = 0; row < height; row++) {
    const cy = (row + 0.5) / height;
    for (let col = 0; col < width; col++) {
      const cx = (col + 0.5) / width;
      for (const [s, r] of shapes) {
        const w = (s * Math.sqrt(r) * height) / width / 2;
        const h = s / Math.sqrt(r) / 2;
        out.set([cx - w, cy - h, cx + w, cy + h], o);
        o += 4;
      }
    }
  }
  return tf.tensor3d(out, [1, height * width * perPixel, 4]);
}
