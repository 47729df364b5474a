import * as tf from '@tensorflow/tfjs-core';
import { packInt16 } from './integer-rows';

/**
 * Rows screened by int16 products: each test row keeps the training rows of the largest screened
 * similarities (at the int16 kernel's speed: eight multiply-adds per SIMD instruction against a
 * float32 product's four), and those that can be among its `k` nearest are re-ranked by their
 * exact similarities. A screened similarity is never more than the test row's `slack` below the
 * exact one, so the neighbours — and the predictions — are those of exact similarities. @internal
 */
export interface Screen {
  /** `[N, K/2]` and `[M, K/2]` int32: the screen's int16 rows, packed as `TesseraInt16MatMul` takes them. */
  train: tf.Tensor2D;
  test: tf.Tensor2D;
  /** `[N]` and `[M]` float32, every entry 1 / S: scaled products are the screened similarities. */
  trainScale: tf.Tensor1D;
  testScale: tf.Tensor1D;
  /** Per test row: no exact similarity exceeds its screened one by more than this. */
  slack: Float64Array;
  /**
   * Training rows the screen keeps per test row; doubled (up to 1024) after a block in which the
   * candidates of more than 1 row in 16 ran out before its k nearest were certain.
   */
  candidates: number;
  /** The exact similarity of test row `q` and training row `t`, as the kNN ranks them. */
  exact(q: number, t: number): number;
  /** The screened similarity of test row `q` and training row `t`, computed in JavaScript. */
  screened(q: number, t: number): number;
}

/** Training rows kept per test row at first: the k nearest and room for the bound's window. */
export function screenCandidates(k: number, trainRows: number): number {
  return Math.min(trainRows, 4 * k + 64);
}

/** Rows rounded to int16 `q = round(x · S)` and the bound on their products' error. @internal */
export interface RoundedRows {
  train: Int16Array;
  test: Int16Array;
  width: number;
  /** The float32 nearest 1 / S: `q_x · q_y · inverse²` approximates `x · y`. */
  inverse: number;
  /** Per test row: the bound on `|q_x · q_y / S² − x · y|` over every training row, plus 1e-6. */
  slack: Float64Array;
}

const INT16_MAX = 32767;
/** Below √(2³¹): rows of norm at most this keep every partial sum Σ|q_x · q_y| within int32. */
const NORM_MAX = 46340;

/**
 * Rows of norm at most 1 (to float32 rounding), `width` values each, rounded to int16; `null`
 * when a value is not finite or rows are too wide for int16.
 *
 * The scale S maps the largest |value| to at most 32767 and keeps every row's norm below
 * √(2³¹), so no partial sum of the int16 kernel overflows (|Σ q_x·q_y| ≤ ‖q_x‖·‖q_y‖). With
 * `q = x·S + e`, `|e| ≤ ½` per value, `q_x·q_y / S²` is off `x·y` by at most
 * `(‖x‖₁ + ‖y‖₁) / 2S + D / 4S²`; the slack takes the largest `‖y‖₁` over training rows and adds
 * 1e-6 for float32's rounding of the kernel's scaling (1e-7 relative). @internal
 */
export function roundRows(
  trainRows: ArrayLike<number>,
  testRows: ArrayLike<number>,
  width: number,
): RoundedRows | null {
  let largest = 0;
  for (const rows of [trainRows, testRows])
    for (let i = 0; i < rows.length; i++) largest = Math.max(largest, Math.abs(rows[i]!));
  if (!Number.isFinite(largest)) return null; // NaN or ∞: ranked as the float32 path ranks them
  // the largest |value| maps to at most 32767, and ‖q‖ ≤ S·‖x‖ + ½√D stays below NORM_MAX
  const fits = (NORM_MAX - Math.sqrt(width) / 2) / (1 + 1e-6) - 1;
  if (fits < 1) return null;
  const scale = Math.min(largest > 0 ? INT16_MAX / largest : 1, fits);
  const l1 = (rows: ArrayLike<number>) => {
    const out = new Float64Array(rows.length / width);
    for (let r = 0; r < out.length; r++) {
      let s = 0;
      for (let c = 0; c < width; c++) s += Math.abs(rows[r * width + c]!);
      out[r] = s;
    }
    return out;
  };
  const trainL1 = l1(trainRows).reduce((a, b) => Math.max(a, b), 0);
  const slack = l1(testRows).map(
    (a) => (a + trainL1) / (2 * scale) + width / (4 * scale * scale) + 1e-6,
  );
  const rounded = (rows: ArrayLike<number>) => {
    const q = new Int16Array(rows.length);
    for (let i = 0; i < rows.length; i++) q[i] = Math.round(rows[i]! * scale);
    return q;
  };
  return {
    train: rounded(trainRows),
    test: rounded(testRows),
    width,
    inverse: Math.fround(1 / scale),
    slack,
  };
}

/** The dot product of row `i` of `a` and row `j` of `b`, `width` values each. @internal */
export function rowDot(
  a: ArrayLike<number>,
  i: number,
  b: ArrayLike<number>,
  j: number,
  width: number,
): number {
  const [x, y] = [i * width, j * width];
  let dot = 0;
  for (let d = 0; d < width; d++) dot += a[x + d]! * b[y + d]!;
  return dot;
}

/**
 * The screen of unit rows `train` `[N, D]` and `test` `[M, D]` (float32, as the kNN normalises
 * them) for `k` neighbours: their rows rounded by {@link roundRows}, exact similarities the
 * float64 products of the float32 unit rows; `null` when rounding is not possible.
 */
export function screenRows(train: tf.Tensor2D, test: tf.Tensor2D, k: number): Screen | null {
  const [n, width] = train.shape;
  const trainRows = train.dataSync() as Float32Array;
  const testRows = test.dataSync() as Float32Array;
  const r = roundRows(trainRows, testRows, width);
  if (r === null) return null;
  return {
    ...packRounded(r, n, test.shape[0], k),
    exact: (q, t) => rowDot(testRows, q, trainRows, t, width),
  };
}

/** The tensors, slack, candidates and screened similarities of rounded rows. @internal */
export function packRounded(
  r: RoundedRows,
  n: number,
  m: number,
  k: number,
): Omit<Screen, 'exact'> {
  const squared = r.inverse * r.inverse;
  return {
    train: packInt16(r.train, n, r.width),
    test: packInt16(r.test, m, r.width),
    trainScale: tf.fill([n], r.inverse) as tf.Tensor1D,
    testScale: tf.fill([m], r.inverse) as tf.Tensor1D,
    slack: r.slack,
    candidates: screenCandidates(k, n),
    screened: (q, t) => rowDot(r.test, q, r.train, t, r.width) * squared,
  };
}
