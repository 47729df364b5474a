import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { type IntegerRows, packInt16, unitRow } from './integer-rows';
import { packRounded, roundRows, rowDot, type Screen, screenCandidates } from './knn-screen';
import { projectionPays } from './projection-pays';
import { principalBasis } from './principal-basis';

/** Integer rows at least this wide are screened in a projection; narrower ones take exact products. */
export const PROJECTION_MIN_WIDTH = 128;

/**
 * The most energy the rows may have outside the basis: beyond it the bound's `ρ_x ρ_y` is too
 * loose to leave few candidates, and exact products of every column are faster.
 */
const MOST_RESIDUAL = 0.05;

/**
 * A screen of integer rows (8-bit pixels) in about a quarter of their width: each unit row
 * `x = q / ‖q‖` is split into its projection `a = P x` on r orthonormal leading directions and
 * the rest, whose cosine is at most the product of the rests' norms `ρ` (Cauchy–Schwarz), so
 * `x · y ≤ a_x · a_y + ρ_x ρ_y` — the dot product of the (r + 1)-wide rows `[a, ρ]`, which the
 * int16 screen ranks. Its candidates are re-ranked by the exact cosines the kNN computes without
 * a screen (the same float32 values), so predictions do not change.
 *
 * Exact to the bound: P is rounded to int16 `Q = round(P · T)` and applied to the integer rows
 * by the int16 kernel (exact sums; float32 rounds each once, 6e-8 relative); with
 * `λ ≥ ‖Q / T‖₂²` (one plus the Frobenius norm of `QQᵀ / T² − I`), `x · y ≤ (a_x · a_y + ρ_x ρ_y) / λ`
 * for `a = Q x / T`, `ρ² = λ ‖x‖² − ‖a‖²`. `null` when the rows are narrower than
 * {@link PROJECTION_MIN_WIDTH} or more than 5 % of their energy lies outside the basis, where the
 * screen would not pay. @internal
 */
export function projectionScreen(a: IntegerRows, b: IntegerRows, k: number): Screen | null {
  const width = a.width;
  if (width < PROJECTION_MIN_WIDTH) return null;
  const [n, m] = [a.norms.length, b.norms.length];
  const { basis, residual, sample } = principalBasis(
    (row, out) => unitRow(a, row, out),
    n,
    width,
    8 * Math.ceil(width / 32) - 1,
  );
  const r = basis.length / width;
  if (r === 0 || 8 * Math.ceil((r + 1) / 8) > width / 2 || residual > MOST_RESIDUAL) return null;
  if (!projectionPays(a, b, basis, sample, k, screenCandidates(k, n))) return null;
  const largestNorm = Math.max(
    ...[a.norms, b.norms].map((x) => x.reduce((s, v) => Math.max(s, v), 0)),
  );
  const largestEntry = basis.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
  // |Σ Q_i q| ≤ ‖Q_i‖ ‖q‖ ≤ (T + ½√w) ‖q‖ stays below 2³¹; every entry of Q fits int16
  const scale = Math.min(
    32767 / largestEntry,
    (2 ** 31 - 1) / largestNorm / (1 + 1e-9) - Math.sqrt(width) / 2,
  );
  if (!(scale >= 1024)) return null;
  const q = Int16Array.from(basis, (v) => Math.round(v * scale));
  const lambda = gramBound(q, r, width, scale);
  const [va, vb] = [lifted(a, q, r, scale, lambda), lifted(b, q, r, scale, lambda)];
  const rounded = roundRows(va, vb, r + 1);
  if (rounded === null) return null;
  // float32's one rounding of each projected value (≤ 2e-7 on a · a) and of the exact cosines
  rounded.slack.forEach((v, i) => (rounded.slack[i] = v + 1e-6));
  return {
    ...packRounded(rounded, n, m, k),
    exact: (t, u) => {
      const dot = rowDot(b.values, t, a.values, u, width); // exact: integers below 2⁵³
      return Math.fround(Math.fround(Math.fround(dot) * b.inverse[t]!) * a.inverse[u]!);
    },
  };
}

/** An upper bound on the largest eigenvalue of `QQᵀ / T²`: 1 + ‖QQᵀ / T² − I‖_F, rounded up. */
function gramBound(q: Int16Array, r: number, width: number, scale: number): number {
  let squares = 0;
  for (let i = 0; i < r; i++)
    for (let j = i; j < r; j++) {
      const e = rowDot(q, i, q, j, width) / (scale * scale) - (i === j ? 1 : 0);
      squares += (i === j ? 1 : 2) * e * e;
    }
  return 1 + Math.sqrt(squares) * (1 + 1e-9) + 1e-12;
}

/** The rows `[a, ρ] / √λ` (float64 `[rows, r + 1]`) of integer rows' unit rows. */
function lifted(
  rows: IntegerRows,
  q: Int16Array,
  r: number,
  scale: number,
  lambda: number,
): Float64Array {
  const count = rows.norms.length;
  // Q as the small left operand stays in cache while the rows stream by once; the transposed
  // output is [rows, r]
  const products = tf.tidy(() => {
    const ones = (length: number) => tf.ones([length]) as tf.Tensor1D;
    return tf
      .engine()
      .runKernel(
        TESSERA_KERNELS.int16MatMul,
        { a: packInt16(q, r, rows.width), b: rows.packed, aScale: ones(r), bScale: ones(count) },
        { transposeOutput: true },
      ) as tf.Tensor2D;
  });
  const z = products.dataSync() as Float32Array; // float32(Σ Q_i q): exact to 2⁻²⁴ relative
  products.dispose();
  const out = new Float64Array(count * (r + 1));
  const root = Math.sqrt(lambda);
  for (let row = 0; row < count; row++) {
    const norm = rows.norms[row]!;
    if (norm === 0) continue; // a zero row: cosine 0 with every row, screened 0
    let projected = 0;
    for (let i = 0; i < r; i++) {
      const v = z[row * r + i]! / (scale * norm);
      out[row * (r + 1) + i] = v / root;
      projected += v * v;
    }
    const kept = rows.keptSquares[row]!;
    // ‖a‖² ≥ ‖ã‖² (1 − 2⁻²³) for ã float32's rounding of a
    const rest = (lambda * kept) / (norm * norm) - projected * (1 - 2 ** -22) + 1e-12;
    out[row * (r + 1) + r] = Math.sqrt(Math.max(0, rest)) / root;
  }
  return out;
}
