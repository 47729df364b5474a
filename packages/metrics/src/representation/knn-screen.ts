import * as tf from '@tensorflow/tfjs-core';
import { packInt16 } from './integer-rows';

/**
 * Float rows screened by int16 products: unit rows rounded to integers `q = round(x · S)` give
 * every cosine within a known bound at the int16 kernel's speed (eight multiply-adds per SIMD
 * instruction against a float32 product's four), each test row keeps every training row that can
 * be among its `k` nearest, and those few are re-ranked by exact cosines. The neighbours — and so
 * the predictions — are those of exact cosines of the unit rows. @internal
 */
export interface Screen {
  /** `[N, K/2]` and `[M, K/2]` int32: the rounded rows, packed as `TesseraInt16MatMul` takes them. */
  train: tf.Tensor2D;
  test: tf.Tensor2D;
  /** `[N]` and `[M]` float32, every entry 1 / S: scaled products approximate the cosines. */
  trainScale: tf.Tensor1D;
  testScale: tf.Tensor1D;
  /** The unit rows, row-major, for the exact re-rank. */
  trainRows: Float32Array;
  testRows: Float32Array;
  width: number;
  /** Per test row: twice the bound on a screened cosine's error. */
  margins: Float64Array;
  /**
   * Training rows the screen keeps per test row before the bound is checked; doubled (up to 1024)
   * after a block in which more than 1 row in 16 needed every training row ranked.
   */
  candidates: number;
}

/** Training rows kept per test row at first: the k nearest and room for the bound's window. */
export function screenCandidates(k: number, trainRows: number): number {
  return Math.min(trainRows, 4 * k + 64);
}

/** The most candidates blocks widen to (each insertion into a column's top k costs O(k)). */
const MOST_CANDIDATES = 1024;

const INT16_MAX = 32767;
/** Below √(2³¹): rows of norm at most this keep every partial sum Σ|q_x · q_y| within int32. */
const NORM_MAX = 46340;

/**
 * The screen of unit rows `train` `[N, D]` and `test` `[M, D]` (float32, as the kNN normalises
 * them) for `k` neighbours; `null` when a value is not finite (or rows are too wide for int16).
 *
 * The scale S maps the largest |value| to at most 32767 and keeps every row's norm below
 * √(2³¹), so no partial sum of the int16 kernel overflows (|Σ q_x·q_y| ≤ ‖q_x‖·‖q_y‖). With
 * `q = x·S + e`, `|e| ≤ ½` per value, a screened cosine `q_x·q_y / S²` is off the exact
 * `x·y` by at most `(‖x‖₁ + ‖y‖₁) / 2S + D / 4S²`, plus float32's rounding of the kernel's
 * scaling (below 1e-6 for cosines). Taking the largest `‖y‖₁` over training rows gives each test
 * row one bound ε; a training row that is among the exact k nearest screens at most 2ε below the
 * k-th screened cosine.
 */
export function screenRows(train: tf.Tensor2D, test: tf.Tensor2D, k: number): Screen | null {
  const [n, width] = train.shape;
  const m = test.shape[0];
  const trainRows = train.dataSync() as Float32Array;
  const testRows = test.dataSync() as Float32Array;
  let largest = 0;
  for (const rows of [trainRows, testRows])
    for (let i = 0; i < rows.length; i++) largest = Math.max(largest, Math.abs(rows[i]!));
  if (!Number.isFinite(largest)) return null; // NaN or ∞: ranked as the float32 path ranks them
  // the largest |value| maps to at most 32767, and ‖q‖ ≤ S·‖x‖ + ½√D stays below NORM_MAX (unit
  // rows' norms are 1 to float32 rounding)
  const fits = (NORM_MAX - Math.sqrt(width) / 2) / (1 + 1e-6) - 1;
  if (fits < 1) return null; // rows too wide for int16 products
  const scale = Math.min(largest > 0 ? INT16_MAX / largest : 1, fits);
  const l1 = (rows: Float32Array, count: number) => {
    const out = new Float64Array(count);
    for (let r = 0; r < count; r++) {
      let s = 0;
      for (let c = 0; c < width; c++) s += Math.abs(rows[r * width + c]!);
      out[r] = s;
    }
    return out;
  };
  const trainL1 = l1(trainRows, n).reduce((a, b) => Math.max(a, b), 0);
  const margins = l1(testRows, m).map(
    (a) => 2 * ((a + trainL1) / (2 * scale) + width / (4 * scale * scale) + 1e-6),
  );
  const quantized = (rows: Float32Array) => {
    const q = new Int16Array(rows.length);
    for (let i = 0; i < rows.length; i++) q[i] = Math.round(rows[i]! * scale);
    return q;
  };
  const inverse = Math.fround(1 / scale);
  return {
    train: packInt16(quantized(trainRows), n, width),
    test: packInt16(quantized(testRows), m, width),
    trainScale: tf.fill([n], inverse) as tf.Tensor1D,
    testScale: tf.fill([m], inverse) as tf.Tensor1D,
    trainRows,
    testRows,
    width,
    margins,
    candidates: screenCandidates(k, n),
  };
}

/**
 * The exact `k` nearest of test rows `start …` from their screened candidates (`values` and
 * `indices`, `candidates` per row, descending): every candidate within the row's margin of the
 * k-th screened cosine is re-ranked by its exact cosine (float64 products of the float32 unit
 * rows), the lower index first among equal ones. A row whose window reaches past its candidates
 * — many training rows within the bound — is ranked over every training row instead (in
 * JavaScript: about 30 ns per training row and dimension); when that happens to more than 1 row
 * in 16 the next blocks keep twice the candidates.
 */
export function rerank(
  s: Screen,
  k: number,
  start: number,
  values: ArrayLike<number>,
  indices: ArrayLike<number>,
): [Float64Array, Int32Array] {
  const c = s.candidates;
  const rows = values.length / c;
  const n = s.trainRows.length / s.width;
  const sims = new Float64Array(rows * k);
  const idx = new Int32Array(rows * k);
  const best = new Nearest(k);
  let everyRow = 0;
  for (let r = 0; r < rows; r++) {
    const query = start + r;
    const floor = (values[r * c + k - 1] as number) - s.margins[query]!;
    best.clear();
    if (c < n && (values[r * c + c - 1] as number) >= floor) {
      everyRow++;
      for (let j = 0; j < n; j++) best.offer(cosine(s, query, j), j);
    } else
      for (let j = 0; j < c && (values[r * c + j] as number) >= floor; j++) {
        const i = indices[r * c + j] as number;
        best.offer(cosine(s, query, i), i);
      }
    best.writeTo(sims, idx, r * k);
  }
  if (16 * everyRow > rows) s.candidates = Math.max(c, Math.min(2 * c, MOST_CANDIDATES, n));
  return [sims, idx];
}

/** The exact cosine of test row `q` and training row `t`: their unit rows' product in float64. */
function cosine(s: Screen, q: number, t: number): number {
  const w = s.width;
  const [a, b] = [q * w, t * w];
  let dot = 0;
  for (let d = 0; d < w; d++) dot += s.testRows[a + d]! * s.trainRows[b + d]!;
  return dot;
}

/** The k best (value, index) pairs offered so far: larger value first, lower index on ties. */
class Nearest {
  private readonly values: Float64Array;
  private readonly indices: Int32Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.values = new Float64Array(k);
    this.indices = new Int32Array(k);
  }

  clear(): void {
    this.size = 0;
  }

  offer(v: number, i: number): void {
    const { values, indices, k } = this;
    const ranks = (p: number) => v > values[p]! || (v === values[p]! && i < indices[p]!);
    if (this.size === k && !ranks(k - 1)) return;
    let p = this.size < k ? this.size++ : k - 1;
    while (p > 0 && ranks(p - 1)) {
      values[p] = values[p - 1]!;
      indices[p] = indices[p - 1]!;
      p--;
    }
    values[p] = v;
    indices[p] = i;
  }

  writeTo(values: Float64Array, indices: Int32Array, at: number): void {
    values.set(this.values.subarray(0, this.k), at);
    indices.set(this.indices.subarray(0, this.k), at);
  }
}
