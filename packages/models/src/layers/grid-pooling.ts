import type * as tf from '@tensorflow/tfjs-core';
import * as tfc from '@tensorflow/tfjs-core';
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

/** Arguments of the grid poolings. @internal */
export interface GridPoolingArgs {
  grid: number;
  /** Append the map's global average (C more features) after the cells. Default `false`. */
  appendMean?: boolean;
  name?: string;
  trainable?: boolean;
}

/**
 * What the grid poolings share: the cells per side, the `[N, grid·grid·C]` output (with
 * `appendMean`, `[N, (grid·grid + 1)·C]`: the cells, then the map's global average) and the
 * config that saves them. Subclasses pool the cells in `cells`. @internal
 */
export abstract class GridPooling2D extends tfl.layers.Layer {
  readonly grid: number;
  readonly appendMean: boolean;

  constructor(args: GridPoolingArgs, functionName: string) {
    super(args);
    assertCount(args.grid, functionName, 'grid');
    this.grid = args.grid;
    this.appendMean = args.appendMean ?? false;
  }

  /** The `[N, grid·grid·C]` cells of an `[N, H, W, C]` map. */
  protected abstract cells(x: tf.Tensor4D): tf.Tensor;

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tfc.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const cells = this.cells(x);
      return this.appendMean ? tfc.concat([cells as tf.Tensor2D, tfc.mean(x, [1, 2])], 1) : cells;
    });
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const [n, , , c] = inputShape as tfl.Shape;
    const per = this.grid * this.grid + (this.appendMean ? 1 : 0);
    return [n ?? null, c == null ? null : per * c];
  }

  override getConfig(): tf.serialization.ConfigDict {
    // appendMean is written only when set: models saved before it existed load unchanged
    return {
      ...super.getConfig(),
      grid: this.grid,
      ...(this.appendMean ? { appendMean: true } : {}),
    };
  }
}
