import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { adaptiveWindows, evenWindows, GridPooling2D, type GridPoolingArgs } from './grid-pooling';

/**
 * Max pooling of an `[N, H, W, C]` map over a `grid × grid` grid of cells, flattened to
 * `[N, grid·grid·C]` (cell-major, channels last): PyTorch's `adaptive_max_pool2d` windows, cell i
 * covering rows `⌊i·H/g⌋ … ⌈(i+1)·H/g⌉ − 1`. Where the windows are one size at even steps (any
 * `g` dividing the sides; 7 rows in 2 cells: 4 rows, step 3) the cells are one `maxPool`, whose
 * gradient goes to each cell's largest value; other windows are pooled cell by cell.
 * @internal
 */
export class GridMaxPooling2D extends GridPooling2D {
  static className = 'TesseraGridMaxPooling2D';

  constructor(args: GridPoolingArgs) {
    super(args, 'gridMaxPooling2d');
  }

  protected override cells(x: tf.Tensor4D): tf.Tensor {
    return tf.tidy(() => {
      const [n, h, w, c] = x.shape;
      const g = this.grid;
      const [rows, cols] = [adaptiveWindows(h, g), adaptiveWindows(w, g)];
      const [even, evenCols] = [evenWindows(rows), evenWindows(cols)];
      if (even && evenCols)
        return tf.reshape(tf.maxPool(x, [even[0], evenCols[0]], [even[1], evenCols[1]], 'valid'), [
          n,
          g * g * c,
        ]);
      const cells = rows.flatMap(([r0, r1]) =>
        cols.map(([c0, c1]) =>
          tf.max(tf.slice(x, [0, r0, c0, 0], [n, r1 - r0, c1 - c0, c]), [1, 2]),
        ),
      );
      return tf.concat(cells, 1);
    });
  }
}
tf.serialization.registerClass(GridMaxPooling2D);

/** A {@link GridMaxPooling2D} layer. @internal */
export function gridMaxPooling2d(args: GridPoolingArgs): tfl.layers.Layer {
  return new GridMaxPooling2D(args);
}
