import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { adaptiveWindows, evenWindows, GridPooling2D, type GridPoolingArgs } from './grid-pooling';

/** Means of the `g × g` equal cells of `x`, as `[N, g, g, C]`; the gradient spreads `dy / cell size` over each cell. */
const tiledMean = (x: tf.Tensor4D, g: number): tf.Tensor4D => {
  const [, h, w] = x.shape;
  const [kh, kw] = [h / g, w / g];
  const f = tf.customGrad((input) => ({
    value: tf.avgPool(input as tf.Tensor4D, [kh, kw], [kh, kw], 'valid'),
    gradFunc: (dy: tf.Tensor) =>
      tf.div(tf.image.resizeNearestNeighbor(dy as tf.Tensor4D, [h, w]), kh * kw),
  }));
  return f(x) as tf.Tensor4D;
};

/** `[cells, size]`: row i averages the rows of window i. */
function windowMatrix(windows: Array<[number, number]>, size: number): tf.Tensor2D {
  const m = new Float32Array(windows.length * size);
  windows.forEach(([a, b], i) => {
    for (let r = a; r < b; r++) m[i * size + r] = 1 / (b - a);
  });
  return tf.tensor2d(m, [windows.length, size]);
}

/** y[n, i, j, c] = Σ_h Σ_w R[i, h] · C[j, w] · x[n, h, w, c]: the cells as two products. */
function poolByMatrices(x: tf.Tensor4D, R: tf.Tensor2D, C: tf.Tensor2D): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const g = R.shape[0];
  const byRow = tf.reshape(tf.transpose(x, [1, 0, 2, 3]), [h, n * w * c]);
  const pooledRows = tf.reshape(tf.matMul(R, byRow), [g, n, w, c]);
  const byCol = tf.reshape(tf.transpose(pooledRows, [2, 1, 0, 3]), [w, n * g * c]);
  const pooled = tf.reshape(tf.matMul(C, byCol), [g, n, g, c]); // [j, n, i, c]
  return tf.transpose(pooled, [1, 2, 0, 3]) as tf.Tensor4D;
}

/** dx[n, h, w, c] = Σ_i Σ_j R[i, h] · C[j, w] · dy[n, i, j, c]: each cell's gradient spread over its window. */
function spreadByMatrices(dy: tf.Tensor4D, R: tf.Tensor2D, C: tf.Tensor2D): tf.Tensor4D {
  const [n, g, , c] = dy.shape;
  const [h, w] = [R.shape[1], C.shape[1]];
  const byRow = tf.reshape(tf.transpose(dy, [1, 0, 2, 3]), [g, n * g * c]);
  const spreadRows = tf.reshape(tf.matMul(R, byRow, true), [h, n, g, c]);
  const byCol = tf.reshape(tf.transpose(spreadRows, [2, 1, 0, 3]), [g, n * h * c]);
  const spread = tf.reshape(tf.matMul(C, byCol, true), [w, n, h, c]);
  return tf.transpose(spread, [1, 2, 0, 3]) as tf.Tensor4D;
}

/**
 * Average pooling of an `[N, H, W, C]` map over a `grid × grid` grid of cells, flattened to
 * `[N, grid·grid·C]` (cell-major, channels last). The cells are PyTorch's `adaptive_avg_pool2d`
 * windows: cell i covers rows `⌊i·H/g⌋ … ⌈(i+1)·H/g⌉ − 1`, so cells overlap by a row where `g`
 * does not divide `H`. Where `g` divides both sides the cells are one `avgPool` whose gradient is
 * the output gradient repeated over each cell (a nearest-neighbour resize: TF.js's `AvgPoolGrad`
 * is ~10× slower on wasm); overlapping cells of one size at even steps (7 rows in 2 cells) are one
 * `avgPool` too, with the gradient spread by two products with the averaging matrices; other
 * cells are those two products both ways.
 * @internal
 */
export class GridAveragePooling2D extends GridPooling2D {
  static className = 'TesseraGridAveragePooling2D';

  constructor(args: GridPoolingArgs) {
    super(args, 'gridAveragePooling2d');
  }

  protected override cells(x: tf.Tensor4D): tf.Tensor {
    return tf.tidy(() => {
      const [n, h, w, c] = x.shape;
      const g = this.grid;
      if (h % g === 0 && w % g === 0) return tf.reshape(tiledMean(x, g), [n, g * g * c]);
      const [rows, cols] = [adaptiveWindows(h, g), adaptiveWindows(w, g)];
      const matrices = (): [tf.Tensor2D, tf.Tensor2D] => [
        windowMatrix(rows, h),
        windowMatrix(cols, w),
      ];
      const [even, evenCols] = [evenWindows(rows), evenWindows(cols)];
      // overlapping cells of one size at even steps are one avgPool (several times faster than
      // the products on wasm); the gradient is the products' either way
      const pooled =
        even && evenCols
          ? (tf.customGrad((input) => ({
              value: tf.avgPool(
                input as tf.Tensor4D,
                [even[0], evenCols[0]],
                [even[1], evenCols[1]],
                'valid',
              ),
              gradFunc: (dy: tf.Tensor) => spreadByMatrices(dy as tf.Tensor4D, ...matrices()),
            }))(x) as tf.Tensor4D)
          : poolByMatrices(x, ...matrices());
      return tf.reshape(pooled, [n, g * g * c]);
    });
  }
}
tf.serialization.registerClass(GridAveragePooling2D);

/** A {@link GridAveragePooling2D} layer. @internal */
export function gridAveragePooling2d(args: GridPoolingArgs): tfl.layers.Layer {
  return new GridAveragePooling2D(args);
}
