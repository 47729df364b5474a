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

/**
 * `[gr·gc, h·w]`: row (i, j) averages the pixels of cell (i, j) — the outer product of the row
 * window i's weights and the column window j's.
 */
function cellMatrix(
  rows: Array<[number, number]>,
  cols: Array<[number, number]>,
  h: number,
  w: number,
): tf.Tensor2D {
  const m = new Float32Array(rows.length * cols.length * h * w);
  rows.forEach(([r0, r1], i) =>
    cols.forEach(([c0, c1], j) => {
      const base = (i * cols.length + j) * h * w;
      const weight = 1 / ((r1 - r0) * (c1 - c0));
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) m[base + r * w + c] = weight;
    }),
  );
  return tf.tensor2d(m, [rows.length * cols.length, h * w]);
}

/** Below this many entries of the cell matrix ({@link cellMatrix}) the cells are one product. */
const ONE_PRODUCT_ENTRIES = 4096;

/** y[n, i, j, c] = Σ_p K[(i, j), p] · x[n, p, c] over the pixels p: the cells as one product. */
function poolByCellMatrix(x: tf.Tensor4D, K: tf.Tensor2D, gr: number, gc: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const channelsFirst = tf.reshape(tf.transpose(tf.reshape(x, [n, h * w, c]), [0, 2, 1]), [
    n * c,
    h * w,
  ]);
  const cells = tf.reshape(tf.matMul(channelsFirst, K, false, true), [n, c, gr * gc]);
  return tf.reshape(tf.transpose(cells, [0, 2, 1]), [n, gr, gc, c]);
}

/** dx[n, p, c] = Σ_(i, j) K[(i, j), p] · dy[n, i, j, c]: each cell's gradient spread over its pixels. */
function spreadByCellMatrix(dy: tf.Tensor4D, K: tf.Tensor2D, h: number, w: number): tf.Tensor4D {
  const [n, gr, gc, c] = dy.shape;
  const channelsFirst = tf.reshape(tf.transpose(tf.reshape(dy, [n, gr * gc, c]), [0, 2, 1]), [
    n * c,
    gr * gc,
  ]);
  const spread = tf.reshape(tf.matMul(channelsFirst, K), [n, c, h * w]);
  return tf.reshape(tf.transpose(spread, [0, 2, 1]), [n, h, w, c]);
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
 * Pooling into overlapping cells and its gradient: one product with the cell matrix for small
 * maps (a 5 × 5 map in 2 × 2 cells: one `[N·C, 4] × [4, 25]` product, ≈ 3× faster on wasm than two
 * products with a tiny inner size, whose large right operand XNNPACK packs on every call), the
 * row and column products for large ones (where the cell matrix would be large).
 */
function cellProducts(
  rows: Array<[number, number]>,
  cols: Array<[number, number]>,
  h: number,
  w: number,
): {
  pool: (x: tf.Tensor4D) => tf.Tensor4D;
  spread: (dy: tf.Tensor4D) => tf.Tensor4D;
} {
  if (rows.length * cols.length * h * w <= ONE_PRODUCT_ENTRIES)
    return {
      pool: (x) => poolByCellMatrix(x, cellMatrix(rows, cols, h, w), rows.length, cols.length),
      spread: (dy) => spreadByCellMatrix(dy, cellMatrix(rows, cols, h, w), h, w),
    };
  return {
    pool: (x) => poolByMatrices(x, windowMatrix(rows, h), windowMatrix(cols, w)),
    spread: (dy) => spreadByMatrices(dy, windowMatrix(rows, h), windowMatrix(cols, w)),
  };
}

/**
 * Average pooling of an `[N, H, W, C]` map over a `grid × grid` grid of cells, flattened to
 * `[N, grid·grid·C]` (cell-major, channels last). The cells are PyTorch's `adaptive_avg_pool2d`
 * windows: cell i covers rows `⌊i·H/g⌋ … ⌈(i+1)·H/g⌉ − 1`, so cells overlap by a row where `g`
 * does not divide `H`. Where `g` divides both sides the cells are one `avgPool` whose gradient is
 * the output gradient repeated over each cell (a nearest-neighbour resize: TF.js's `AvgPoolGrad`
 * is ~10× slower on wasm); overlapping cells of one size at even steps (7 rows in 2 cells) are one
 * `avgPool` too, with the gradient spread by products with the averaging matrices (one product
 * with the cells' matrix on small maps, one per axis on large ones); other cells are those
 * products both ways.
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
      const products = cellProducts(rows, cols, h, w);
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
              gradFunc: (dy: tf.Tensor) => products.spread(dy as tf.Tensor4D),
            }))(x) as tf.Tensor4D)
          : products.pool(x);
      return tf.reshape(pooled, [n, g * g * c]);
    });
  }
}
tf.serialization.registerClass(GridAveragePooling2D);

/** A {@link GridAveragePooling2D} layer. @internal */
export function gridAveragePooling2d(args: GridPoolingArgs): tfl.layers.Layer {
  return new GridAveragePooling2D(args);
}
