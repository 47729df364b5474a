/**
 * One row per output pixel, one column per input pixel: the weights with which bilinear
 * interpolation reads input pixels `start … start + length − 1` (a crop, inside an axis of
 * `inSize` pixels) to make `outSize` output pixels. Exactly PyTorch's `interpolate(mode='bilinear',
 * align_corners=False)` — half-pixel centres, clamped at the crop's edges — or, with `antialias`,
 * its separable triangle filter widened by the downscaling factor (`antialias=True`).
 * `flip` reverses the output order (a horizontal or vertical flip folded into the same matrix).
 * @internal
 */
export function resampleWeights(
  inSize: number,
  outSize: number,
  start: number,
  length: number,
  { antialias = false, flip = false }: { antialias?: boolean; flip?: boolean } = {},
  target: Float32Array = new Float32Array(outSize * inSize),
  offset = 0,
): Float32Array {
  const scale = Math.fround(length / outSize);
  for (let o = 0; o < outSize; o++) {
    const row = offset + (flip ? outSize - 1 - o : o) * inSize + start;
    if (antialias) {
      triangleRow(target, row, o, scale, length);
    } else {
      const src = Math.max(Math.fround(scale * (o + 0.5) - 0.5), 0);
      const i0 = Math.floor(src);
      const i1 = i0 < length - 1 ? i0 + 1 : i0;
      const l1 = Math.min(Math.max(src - i0, 0), 1);
      target[row + i0]! += 1 - l1;
      target[row + i1]! += l1;
    }
  }
  return target;
}

/** PyTorch's `_compute_indices_weights_aa` for the bilinear (triangle) filter. */
function triangleRow(
  target: Float32Array,
  row: number,
  o: number,
  scale: number,
  length: number,
): void {
  const support = scale >= 1 ? scale : 1;
  const invscale = scale >= 1 ? 1 / scale : 1;
  const center = scale * (o + 0.5);
  const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
  const xsize = Math.min(Math.trunc(center + support + 0.5), length) - xmin;
  let total = 0;
  const w = new Float64Array(xsize);
  for (let j = 0; j < xsize; j++) {
    const x = Math.abs((j + xmin - center + 0.5) * invscale);
    w[j] = x < 1 ? 1 - x : 0;
    total += w[j]!;
  }
  for (let j = 0; j < xsize; j++) target[row + xmin + j]! += total !== 0 ? w[j]! / total : 0;
}
