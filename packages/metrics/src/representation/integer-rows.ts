import * as tf from '@tensorflow/tfjs-core';

/** Rows of integer data as `TesseraInt16MatMul` takes them. @internal */
export interface IntegerRows {
  /** `[rows, K/2]` int32: each row's int16 values in pairs, K its width rounded up to 8 (zero-padded). */
  packed: tf.Tensor2D;
  /** `[rows]` float32: 1 / ‖row‖ (0 for a zero row), so that scaled products are cosines. */
  inverseNorms: tf.Tensor1D;
  /** The packed values unpacked: the kept columns of each row, `width` per row. */
  values: Int16Array;
  width: number;
  /** Each row's norm over every column (float64 of the exact sum of squares). */
  norms: Float64Array;
  /** Each row's sum of squares over the kept columns (exact). */
  keptSquares: Float64Array;
  /** {@link IntegerRows.inverseNorms}' values. */
  inverse: Float32Array;
}

/** The steps tried: integers stored as they are, and 8-bit values stored divided by 255. */
const STEPS = [1, 255] as const;
const INT16_MAX = 32767;

/**
 * Both matrices as int16 rows when every value of both is `q / step` for one step of
 * {@link STEPS} and integers `|q| ≤ 32767` (exactly: the value is the float32 nearest `q / step`),
 * and their dot products cannot overflow int32 (width · max|q|² < 2³¹); `null` otherwise. Cosine
 * similarity does not depend on the step, so the integers give the same similarities, with exact
 * dot products. A column that is zero in every row of either matrix adds nothing to any product
 * (the blank border of digit images): the packed rows leave it out — less work, the same sums —
 * while the norms count every column. @internal
 */
export function integerRows(
  a: tf.Tensor2D,
  b: tf.Tensor2D,
): { a: IntegerRows; b: IntegerRows } | null {
  const width = a.shape[1];
  const values = [a, b].map((t) => t.dataSync() as Float32Array);
  for (const step of STEPS) {
    const ints = values.map((v) => quantize(v, step));
    if (ints.some((q) => q === null)) continue;
    const largest = Math.max(...ints.map((q) => q!.largest));
    if (width * largest * largest >= 2 ** 31) return null;
    const [qa, qb] = ints as [Quantized, Quantized];
    const [ra, rb] = [a.shape[0], b.shape[0]];
    const kept = sharedColumns(qa.values, ra, qb.values, rb, width);
    return { a: pack(qa.values, ra, width, kept), b: pack(qb.values, rb, width, kept) };
  }
  return null;
}

/** The columns with a non-zero value in some row of `a` and in some row of `b`. */
function sharedColumns(
  a: Int16Array,
  rowsA: number,
  b: Int16Array,
  rowsB: number,
  width: number,
): Int32Array {
  const used = (values: Int16Array, rows: number) => {
    const any = new Uint8Array(width);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < width; c++) if (values[r * width + c] !== 0) any[c] = 1;
    return any;
  };
  const [inA, inB] = [used(a, rowsA), used(b, rowsB)];
  return Int32Array.from({ length: width }, (_, c) => c).filter((c) => inA[c] && inB[c]);
}

interface Quantized {
  values: Int16Array;
  largest: number;
}

/** `round(v · step)` as int16 when each value is the float32 nearest it over `step`; else `null`. */
function quantize(v: Float32Array, step: number): Quantized | null {
  // the float32 nearest q / step for every int16 q, looked up instead of divided per value
  const nearest = Float32Array.from(
    { length: 2 * INT16_MAX + 1 },
    (_, i) => (i - INT16_MAX) / step,
  );
  const out = new Int16Array(v.length);
  let largest = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    const q = Math.round(x * step);
    if (!(Math.abs(q) <= INT16_MAX) || nearest[q + INT16_MAX] !== x) return null;
    out[i] = q;
    if (q > largest) largest = q;
    else if (-q > largest) largest = -q;
  }
  return { values: out, largest };
}

/**
 * Exact inverse norms over every column, then the `kept` columns of each row packed (zero-padded
 * to a multiple of 8, pairs in int32s).
 */
function pack(values: Int16Array, rows: number, width: number, kept: Int32Array): IntegerRows {
  const inverse = new Float32Array(rows);
  const norms = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let squares = 0; // exact: below 2⁵³
    for (let c = 0; c < width; c++) squares += values[r * width + c]! ** 2;
    norms[r] = Math.sqrt(squares);
    inverse[r] = squares > 0 ? 1 / norms[r]! : 0;
  }
  let columns = values;
  let keptSquares = norms.map((x) => x * x);
  if (kept.length < width) {
    columns = new Int16Array(rows * kept.length);
    keptSquares = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let squares = 0;
      for (let j = 0; j < kept.length; j++) {
        const v = values[r * width + kept[j]!]!;
        columns[r * kept.length + j] = v;
        squares += v * v;
      }
      keptSquares[r] = squares;
    }
  }
  return {
    packed: packInt16(columns, rows, kept.length),
    inverseNorms: tf.tensor1d(inverse),
    values: columns,
    width: kept.length,
    norms,
    keptSquares,
    inverse,
  };
}

/** Row `row` of integer rows as a unit row (its kept columns over its norm; zeros for a zero row) into `out`. @internal */
export function unitRow(rows: IntegerRows, row: number, out: Float32Array): void {
  const norm = rows.norms[row]!;
  for (let d = 0; d < rows.width; d++)
    out[d] = norm > 0 ? rows.values[row * rows.width + d]! / norm : 0;
}

/**
 * Int16 rows `[rows, width]` as `TesseraInt16MatMul` takes them: each row zero-padded to a
 * multiple of 8, pairs packed into int32s, `[rows, K/2]`. @internal
 */
export function packInt16(values: Int16Array, rows: number, width: number): tf.Tensor2D {
  const k = Math.ceil(width / 8) * 8;
  const padded = new Int16Array(rows * k);
  for (let r = 0; r < rows; r++) padded.set(values.subarray(r * width, (r + 1) * width), r * k);
  // element 2c in the low half of int32 c, on every little-endian platform that runs wasm
  const words = new Int32Array(padded.buffer);
  return tf.tensor2d(words, [rows, k / 2], 'int32');
}
