import { fail } from '../internal/validate';

/** A crop of one image: `[top, left, height, width]` in whole pixels (torchvision's order). */
export type CropBox = readonly [top: number, left: number, height: number, width: number];

/** Checks one crop box per image, each inside the `height × width` image. @internal */
export function readCropBoxes(
  boxes: readonly CropBox[],
  n: number,
  height: number,
  width: number,
  functionName: string,
  argument = 'boxes',
): void {
  if (!Array.isArray(boxes) || boxes.length !== n) {
    fail(
      functionName,
      argument,
      `${argument} must be one [top, left, height, width] per image (${n}), got ${Array.isArray(boxes) ? `${boxes.length}` : typeof boxes}.`,
    );
  }
  boxes.forEach((b, i) => {
    const ok =
      Array.isArray(b) &&
      b.length === 4 &&
      b.every((v) => Number.isInteger(v)) &&
      b[0]! >= 0 &&
      b[1]! >= 0 &&
      b[2]! >= 1 &&
      b[3]! >= 1 &&
      b[0]! + b[2]! <= height &&
      b[1]! + b[3]! <= width;
    if (!ok) {
      fail(
        functionName,
        argument,
        `${argument}[${i}] must be integers [top, left, height, width] inside the ${height}×${width} image, got ${JSON.stringify(b)}.`,
      );
    }
  });
}
