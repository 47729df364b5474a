/** Parameters of one affine warp, torchvision's order and units. */
export interface AffineParams {
  /** Degrees (torchvision's `affine` convention; `rotateImages` passes −angle, as torchvision's `rotate`). */
  readonly angle: number;
  /** `[tx, ty]` in pixels. */
  readonly translate: readonly [number, number];
  readonly scale: number;
  /** `[sx, sy]` in degrees. */
  readonly shear: readonly [number, number];
}

/**
 * torchvision's `_get_inverse_affine_matrix` with the centre at the origin: output → input,
 * `[a, b, c, d, e, f]` meaning `x_in = a·x + b·y + c`, `y_in = d·x + e·y + f` with coordinates
 * measured from the image centre.
 * @internal
 */
export function inverseAffineMatrix({ angle, translate, scale, shear }: AffineParams): number[] {
  const rot = (angle * Math.PI) / 180;
  const sx = (shear[0] * Math.PI) / 180;
  const sy = (shear[1] * Math.PI) / 180;
  const [tx, ty] = translate;
  const a = Math.cos(rot - sy) / Math.cos(sy);
  const b = (-Math.cos(rot - sy) * Math.tan(sx)) / Math.cos(sy) - Math.sin(rot);
  const c = Math.sin(rot - sy) / Math.cos(sy);
  const d = (-Math.sin(rot - sy) * Math.tan(sx)) / Math.cos(sy) + Math.cos(rot);
  const m = [d, -b, 0, -c, a, 0].map((v) => v / scale);
  m[2] = m[0]! * -tx + m[1]! * -ty;
  m[5] = m[3]! * -tx + m[4]! * -ty;
  return m;
}

/**
 * The same warp as `tf.image.transform`'s 8 numbers (pixel-index coordinates, origin at the top-left
 * pixel centre), for an image of `height × width`: the centre `((W − 1)/2, (H − 1)/2)` is moved in and out.
 * @internal
 */
export function toProjective(m: readonly number[], height: number, width: number): number[] {
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const [a, b, c, d, e, f] = m as [number, number, number, number, number, number];
  return [a, b, c + cx - a * cx - b * cy, d, e, f + cy - d * cx - e * cy, 0, 0];
}

/**
 * Maps a point of the input image to the output image (continuous pixel coordinates, centre
 * `(W/2, H/2)`): the inverse of the output → input matrix. Used to move boxes.
 * @internal
 */
export function forwardPoint(
  m: readonly number[],
  x: number,
  y: number,
  height: number,
  width: number,
): [number, number] {
  const [a, b, c, d, e, f] = m as [number, number, number, number, number, number];
  const det = a * e - b * d;
  const u = x - width / 2 - c;
  const v = y - height / 2 - f;
  return [(e * u - b * v) / det + width / 2, (-d * u + a * v) / det + height / 2];
}
