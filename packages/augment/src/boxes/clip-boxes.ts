import type { FlatBoxes, ImageShape } from '../transform/types';

/** Boxes clipped to a `height × width` image (a box wholly outside collapses to zero area). @internal */
export function clipBoxes(
  boxes: FlatBoxes,
  { height, width }: Pick<ImageShape, 'height' | 'width'>,
): FlatBoxes {
  const out = new Float64Array(boxes.length);
  for (let k = 0; k < boxes.length; k += 4) {
    out[k] = Math.min(Math.max(boxes[k]!, 0), width);
    out[k + 1] = Math.min(Math.max(boxes[k + 1]!, 0), height);
    out[k + 2] = Math.min(Math.max(boxes[k + 2]!, 0), width);
    out[k + 3] = Math.min(Math.max(boxes[k + 3]!, 0), height);
  }
  return out;
}
