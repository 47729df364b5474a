/**
 * Names of the kernels Tessera's packages run when the active backend has them registered — fast
 * paths a backend package provides (`@tessera/backends` registers them for `wasm`) — and fall
 * back from to stock TF.js ops when it does not. The names are the contract between the package
 * that runs a kernel and the one that registers it, so neither depends on the other.
 *
 * - `batchNormStats`: inputs `{ x }` (float32, channels last); no attributes; outputs
 *   `[mean, variance]`, each `[C]`: the mean and the biased variance over every axis but the last,
 *   as `tf.moments(x, [0, …, rank − 2])`.
 * - `batchNormGrad`: inputs `{ dy, x, mean, variance, scale }` (`dy` and `x` the shape of the
 *   input, the others `[C]`); attributes `{ varianceEpsilon }`; outputs `[dx, dScale, dOffset]`,
 *   the gradient of `scale · (x − mean) / √(variance + ε) + offset` when `mean` and `variance` are
 *   the batch statistics of `x` (their own gradient included in `dx`).
 * - `reluGrad`: inputs `{ dy, x }` (float32, the same shape); no attributes; output `dx`, the
 *   gradient of `relu(x)` exactly as TF.js's: `dy · step(x)`, where `step` is 1 for `x > 0`, 0
 *   otherwise and NaN for NaN (so `dy = ∞` at `x ≤ 0` gives NaN, and `dy < 0` there gives −0).
 * - `globalAvgPoolGrad`: input `{ dy }` (float32 `[N, C]`); attributes `{ inputShape }`
 *   (`[N, H, W, C]`); output `dx` of that shape, `dx[n, h, w, c] = dy[n, c] / (H·W)` in float32:
 *   the gradient of `tf.mean(x, [1, 2])` (global average pooling, channels last) exactly as TF.js's.
 * - `softmaxOffDiagonal`: input `{ s }` (float32 `[n, n]`, n ≥ 2); no attributes; outputs
 *   `[p, lse]`: `p[i, j] = exp(s[i, j] − lse[i])` for `j ≠ i` and 0 on the diagonal, and
 *   `lse[i] = log Σ_{j≠i} exp(s[i, j])` — each row's softmax and log-sum-exp leaving out the
 *   diagonal (an anchor is never its own negative), to float32 rounding.
 * - `int16MatMul`: inputs `{ a, b, aScale, bScale }`: `a` int32 `[M, K/2]` and `b` int32
 *   `[N, K/2]` holding int16 rows packed in pairs (element 2k in the low half of int32 k, as an
 *   `Int16Array` viewed as an `Int32Array` on a little-endian machine), K a multiple of 8 (rows
 *   zero-padded); `aScale` float32 `[M]`, `bScale` float32 `[N]`; attributes
 *   `{ transposeOutput? }` (default `false`); output float32 `[M, N]`:
 *   `out[i, j] = (float32(Σ_k a[i, k] · b[j, k]) · aScale[i]) · bScale[j]`, the sum exact in int32
 *   (the caller keeps every partial sum, e.g. K · max|a| · max|b|, below 2³¹), or with
 *   `transposeOutput` its `[N, M]` transpose — similarities laid out for `topKColumns`. With
 *   inverse row norms as scales it is the cosine similarity of integer data (8-bit pixels) from
 *   exact dot products.
 * - `gram`: input `{ u }` (float32 `[m, k]`); no attributes; output float32 `[m, m]`:
 *   `g[i, j] = Σ_k u[i, k] · u[j, k]` (`u · uᵀ`, the similarity matrix of the contrastive losses),
 *   symmetric to the bit (`g[i, j]` and `g[j, i]` are the same float32).
 * - `hardestPairs`: inputs `{ gram, norms, classes }`: `gram` float32 `[n, n]` (`e · eᵀ`), `norms`
 *   float32 `[n]` (`‖e_i‖²`), `classes` int32 `[n]`; no attributes; outputs int32 `[positive,
 *   negative]`, each `[n]`: with `d_ij = (norms_i + norms_j) − 2·gram_ij` in float32, `positive_i`
 *   the first `j ≠ i` of i's class with the largest `d_ij` and `negative_i` the first `j` of
 *   another class with the smallest; −1 where there is none. Batch-hard triplet mining.
 * - `scaledSymmetricSum`: inputs `{ p, g }` (float32 `[n, n]` and `[n]`); no attributes; output
 *   float32 `[n, n]`: `out[i, j] = p[i, j]·g[i] + p[j, i]·g[j]`, symmetric to the bit — how the
 *   gradient `g` of each row's log-sum-exp (softmax `p`) of a Gram matrix `u·uᵀ` reaches the
 *   product, whose gradient is then `out·u`.
 * - `scaledSymmetricMatMul`: inputs `{ p, g, u }` (float32 `[n, n]`, `[n]` and `[n, d]`); no
 *   attributes; output float32 `[n, d]`: `out[i, c] = Σ_j a_ij·u[j, c]` summed in order of `j`,
 *   with `a_ij = p[i, j]·g[i] + p[j, i]·g[j]` rounded as `scaledSymmetricSum` rounds it — that
 *   kernel and the product with `u` in one, without the `[n, n]` factor in memory: the whole
 *   gradient of the contrastive losses' denominators with respect to the rows `u`.
 * - `topKColumns`: input `{ x }` (float32 `[n, m]`); attributes `{ k }` (an integer in `[1, n]`);
 *   outputs `[values, indices]`, float32 and int32 `[m, k]`: each column's `k` largest values in
 *   descending order and their row indices, the lower index first among equal values, NaN below
 *   every number — `tf.topk(tf.transpose(x), k)` for data without NaN. kNN's neighbour search on
 *   similarities laid out as `train · queryᵀ`, with no transpose.
 * - `softmaxRegression`: inputs `{ x, w, b, labels }`: float32 `[n, d]`, `[d, c]`, `[c]` and int32
 *   `[n]` with every label in `[0, c)`; no attributes; outputs float32 `[loss, dw, db]`: with
 *   `z = x·w + b` and `p` each row's softmax, `loss` (a scalar) `= Σ_i (log Σ_j exp z_ij − z_iy_i)`,
 *   `dw` (`[d, c]`) `= xᵀ·(p − onehot(labels))` and `db` (`[c]`) its column sums, to float32
 *   rounding — the summed cross-entropy of a multinomial logistic regression and its gradient, in
 *   one pass over the rows (the linear probe's objective; the caller divides by n and adds any
 *   penalty).
 * - `conv2dMaxPool`: inputs `{ x, filter, bias }`: float32 `[N, H, W, C]` (channels last),
 *   `[KH, KW, C, O]` and `[O]`; attributes `{ activation? }` (`'linear'` — the default —,
 *   `'relu'` or `'relu6'`); output float32 `[N, ⌊H/2⌋, ⌊W/2⌋, O]`: a stride-1 convolution with
 *   `'same'` padding, the bias and the activation, then a 2×2 max pool of stride 2 (`'valid'`) —
 *   `tf.maxPool(tf.fused.conv2d({ x, filter, bias, strides: 1, pad: 'same', activation }), 2, 2,
 *   'valid')` to float32 rounding, without the full-resolution map in memory (a CNN's first layer
 *   and pool in inference).
 *
 * @example
 * ```ts
 * if (tf.getKernel(TESSERA_KERNELS.batchNormStats, tf.getBackend())) {
 *   const [mean, variance] = tf.engine().runKernel(TESSERA_KERNELS.batchNormStats, { x }, {});
 * }
 * ```
 * @category Kernels
 */
export const TESSERA_KERNELS = {
  batchNormStats: 'TesseraBatchNormStats',
  batchNormGrad: 'TesseraBatchNormGrad',
  reluGrad: 'TesseraReluGrad',
  globalAvgPoolGrad: 'TesseraGlobalAvgPoolGrad',
  softmaxOffDiagonal: 'TesseraSoftmaxOffDiagonal',
  int16MatMul: 'TesseraInt16MatMul',
  gram: 'TesseraGram',
  hardestPairs: 'TesseraHardestPairs',
  scaledSymmetricSum: 'TesseraScaledSymmetricSum',
  scaledSymmetricMatMul: 'TesseraScaledSymmetricMatMul',
  topKColumns: 'TesseraTopKColumns',
  softmaxRegression: 'TesseraSoftmaxRegression',
  conv2dMaxPool: 'TesseraConv2DMaxPool',
} as const;
