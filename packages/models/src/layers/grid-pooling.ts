import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { assertCount } from '../internal/fail';

/** The `[start, end)` rows of each of `cells` windows over `size` rows, as `adaptive_avg_pool2d`'s. @internal */
export function adaptiveWindows(size: number, cells: number): Array<[number, number]> {
  return Array.from({ length: cells }, (_, i) => [
    Math.floor((i * size) / cells),
    Math.ceil(((i + 1) * size) / cells),
  ]);
}

/** `[size, stride]` when the windows are one size at even steps (7 rows in 2 cells: 4 rows, step 3), else `null`. @internal */
export function evenWindows(windows: Array<[number, number]>): [number, number] | null {
  const [a, b] = windows[0]!;
  const size = b - a;
  const stride = windows.length > 1 ? windows[1]![0] - a : size;
  return windows.every(([s, e], i) => s === i * stride && e - s === size) ? [size, stride] : null;
}

/**
 * What the grid poolings share: the cells per side, the `[N, grid·grid·C]` output shape and the
 * config that saves them. Subclasses pool in `call`. @internal
 */
export abstract class GridPooling2D extends tfl.layers.Layer {
  readonly grid: number;

  constructor(args: { grid: number; name?: string; trainable?: boolean }, functionName: string) {
    super(args);
    assertCount(args.grid, functionName, 'grid');
    this.grid = args.grid;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const [n, , , c] = inputShape as tfl.Shape;
    return [n ?? null, c == null ? null : this.grid * this.grid * c];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), grid: this.grid };
  }
}
