/**
 * Area of the intersection of boxes `(ax1, ay1, ax2, ay2)` and `(bx1, by1, bx2, by2)` (corners);
 * exactly 0 for disjoint or touching boxes (and for NaN sides), so `inter / union` is the IoU
 * with pycocotools' `bbIou` and torchvision's conventions. The one scalar IoU core of the NMS
 * loops and COCO matching. @internal
 */
export function intersectionArea(
  ax1: number,
  ay1: number,
  ax2: number,
  ay2: number,
  bx1: number,
  by1: number,
  bx2: number,
  by2: number,
): number {
  const w = Math.min(ax2, bx2) - Math.max(ax1, bx1);
  if (!(w > 0)) return 0;
  const h = Math.min(ay2, by2) - Math.max(ay1, by1);
  if (!(h > 0)) return 0;
  return w * h;
}
