import type { CropBox } from '../ops/crop-box';
import type { FlatBoxes } from '../transform/types';

/**
 * Boxes of a crop `[top, left, h, w]` resized to `oh × ow`. Half-pixel sampling maps `x` to
 * `(x − left)·ow/w`; corner-aligned sampling (`cropAndResize`) puts the crop's first and last pixel
 * centres on the output's, `x → (x − ½ − left)·(ow − 1)/(w − 1) + ½`.
 * @internal
 */
export function cropBoxes(
  boxes: FlatBoxes,
  [top, left, h, w]: CropBox,
  oh: number,
  ow: number,
  corners = false,
): FlatBoxes {
  const axis = (start: number, size: number, out: number) =>
    corners && size > 1 && out > 1
      ? (v: number) => (v - 0.5 - start) * ((out - 1) / (size - 1)) + 0.5
      : (v: number) => (v - start) * (out / size);
  const fx = axis(left, w, ow);
  const fy = axis(top, h, oh);
  const out = new Float64Array(boxes.length);
  for (let k = 0; k < boxes.length; k += 4) {
    out[k] = fx(boxes[k]!);
    out[k + 1] = fy(boxes[k + 1]!);
    out[k + 2] = fx(boxes[k + 2]!);
    out[k + 3] = fy(boxes[k + 3]!);
  }
  return out;
}

/** Boxes mirrored in an axis of `size` pixels (`axis` 0 = x, 1 = y). @internal */
export function flipBoxes(boxes: FlatBoxes, size: number, axis: 0 | 1): FlatBoxes {
  const out = Float64Array.from(boxes);
  for (let k = 0; k < boxes.length; k += 4) {
    out[k + axis] = size - boxes[k + axis + 2]!;
    out[k + axis + 2] = size - boxes[k + axis]!;
  }
  return out;
}

/** Each box's four corners through `map`, then their bounding box. @internal */
export function warpBoxes(
  boxes: FlatBoxes,
  map: (x: number, y: number) => [number, number],
): FlatBoxes {
  const out = new Float64Array(boxes.length);
  for (let k = 0; k < boxes.length; k += 4) {
    const [x1, y1, x2, y2] = [boxes[k]!, boxes[k + 1]!, boxes[k + 2]!, boxes[k + 3]!];
    const corners = [map(x1, y1), map(x2, y1), map(x1, y2), map(x2, y2)];
    out[k] = Math.min(...corners.map((c) => c[0]));
    out[k + 1] = Math.min(...corners.map((c) => c[1]));
    out[k + 2] = Math.max(...corners.map((c) => c[0]));
    out[k + 3] = Math.max(...corners.map((c) => c[1]));
  }
  return out;
}
