import { intersectionArea } from './intersection-area';
import type { BoxFormat } from '@tessera/core';

/**
 * Boxes as `[x1, y1, x2, y2, area]` rows (float64) from any of the four layouts. The area comes
 * from the layout's own sides — `w·h` for `xywh`/`cxcywh` (as pycocotools computes it), the corner
 * differences for `xyxy`/`yxyx` (as torchvision does) — so each convention's reference is met
 * to the last bit. @internal
 */
export function boxCorners(values: ArrayLike<number>, format: BoxFormat): Float64Array {
  const n = values.length / 4;
  const out = new Float64Array(5 * n);
  for (let i = 0; i < n; i++) {
    const a = values[4 * i] as number;
    const b = values[4 * i + 1] as number;
    const c = values[4 * i + 2] as number;
    const d = values[4 * i + 3] as number;
    let x1: number, y1: number, x2: number, y2: number, area: number;
    if (format === 'xyxy') {
      [x1, y1, x2, y2] = [a, b, c, d];
      area = (c - a) * (d - b);
    } else if (format === 'yxyx') {
      [x1, y1, x2, y2] = [b, a, d, c];
      area = (d - b) * (c - a);
    } else if (format === 'xywh') {
      [x1, y1, x2, y2] = [a, b, a + c, b + d];
      area = c * d;
    } else {
      [x1, y1, x2, y2] = [a - c / 2, b - d / 2, a + c / 2, b + d / 2];
      area = c * d;
    }
    out.set([x1, y1, x2, y2, area], 5 * i);
  }
  return out;
}

/**
 * IoU of box `i` of `a` with box `j` of `b` (rows of {@link boxCorners}). Disjoint or touching
 * boxes give exactly 0 (pycocotools' `bbIou`); with `crowd`, the union is `a`'s own area
 * (COCO's crowd regions). @internal
 */
export function cornerIou(
  a: Float64Array,
  i: number,
  b: Float64Array,
  j: number,
  crowd = false,
): number {
  const p = 5 * i;
  const q = 5 * j;
  const inter = intersectionArea(
    a[p]!,
    a[p + 1]!,
    a[p + 2]!,
    a[p + 3]!,
    b[q]!,
    b[q + 1]!,
    b[q + 2]!,
    b[q + 3]!,
  );
  if (inter === 0) return 0;
  const areaA = a[p + 4] as number;
  return inter / (crowd ? areaA : areaA + (b[q + 4] as number) - inter);
}
