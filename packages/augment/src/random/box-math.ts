import type { CropBox } from '../ops/crop-box';
import type { FlatBoxes } from '../transform/types';

/** Boxes of a crop `[top, left, h, w]` resized to `oh × ow`: shift, then scale. @internal */
export function cropBoxes(boxes: FlatBoxes, [top, left, h, w]: CropBox, oh: number, ow: number): FlatBoxes {
  const sx = ow / w;
  const sy = oh / h;
  const out = new Float64Array(boxes.length);
  for (let k = 0; k < boxes.length; k += 4) {
    out[k] = (boxes[k]! - left) * sx;
    out[k + 1] = (boxes[k + 1]! - top) * sy;
    out[k + 2] = (boxes[k + 2]! - left) * sx;
    out[k + 3] = (boxes[k + 3]! - top) * sy;
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
export function warpBoxes(boxes: FlatBoxes, map: (x: number, y: number) => [number, number]): FlatBoxes {
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
