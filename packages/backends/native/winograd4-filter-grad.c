// The filter gradient of a 3×3 stride-1 convolution by Winograd F(3×3, 4×4): each 4×4 tile e of
// dy and the 6×6 input patch d it sees contribute Gᵀ[(A e Aᵀ) ⊙ (Bᵀ d B)]G to the 3×3 taps of
// dw — 36 products per tile and channel pair for its 16 · 9 terms, against F(3×3, 2×2)'s 16 for
// 4 · 9 (native/winograd-filter-grad.c) — and the sum over tiles and images runs in the
// transform domain, with one output transform at the end:
//   M[k][c][o] = Σ_tiles V[k][tile][c] · U[k][tile][o],   dw[·, ·, c, o] = Gᵀ M[·][c][o] G.
// F(4, 3)'s matrices (native/winograd4.c) with the roles of A and G swapped: where F(4, 3) gives
// y_i = Σ_k d_{i+k} g_k = (Aᵀ[(G g) ⊙ (Bᵀ d)])_i, the same identity read the other way gives
// z_k = Σ_i d_{i+k} e_i = (Gᵀ[(A e) ⊙ (Bᵀ d)])_k — so the input transform is the forward's, the
// gradient transform is A (integers: 1, 2, 4, 8) and the fractions of G (¼, ⅙, 1/12, 1/24) come
// once, at the end. Rounding: ≈ 4e-6 of the largest tap with 32 channels on 28×28 (simulated in
// numpy float32), against ≈ 6e-7 for F(3×3, 2×2).
//   A = [1 0 0 0; 1 1 1 1; 1 −1 1 −1; 1 2 4 8; 1 −2 4 −8; 0 0 0 1],
//   Gᵀ = [¼ −⅙ −⅙ 1/24 1/24 0; 0 −⅙ ⅙ 1/12 −1/12 0; 0 −⅙ −⅙ ⅙ ⅙ 1].
// Same conventions as filter-grad.c: no stack, no data, no libc; each part sums into its own M.
#include <wasm_simd128.h>
#include "filter-grad-rows.h"

// Small fixed loops are unrolled in full, so their arrays live in registers (the kernels have no stack).
#define UNROLL _Pragma("clang loop unroll(full)")

void winograd4_input_transform(
    float *V, int stride, const float *ximg, int i0, int H, int W, int C, int blocks, int count,
    int pt, int pl);

static inline v128_t mul_by(v128_t v, float k) { return wasm_f32x4_mul(v, wasm_f32x4_splat(k)); }

// r = A e for one line of 4 vectors (6 out).
#define A6(e, r)                                                                                  \
  do {                                                                                            \
    const v128_t s02 = wasm_f32x4_add(e[0], e[2]), s13 = wasm_f32x4_add(e[1], e[3]);             \
    const v128_t p = wasm_f32x4_add(e[0], mul_by(e[2], 4));                                      \
    const v128_t q = mul_by(wasm_f32x4_add(e[1], mul_by(e[3], 4)), 2);                           \
    r[0] = e[0];                                                                                  \
    r[1] = wasm_f32x4_add(s02, s13);                                                              \
    r[2] = wasm_f32x4_sub(s02, s13);                                                              \
    r[3] = wasm_f32x4_add(p, q);                                                                  \
    r[4] = wasm_f32x4_sub(p, q);                                                                  \
    r[5] = e[3];                                                                                  \
  } while (0)

// r = Gᵀ m for one line of 6 vectors (3 out).
#define GT6(m, r)                                                                                 \
  do {                                                                                            \
    const v128_t s12 = wasm_f32x4_add(m[1], m[2]), s34 = wasm_f32x4_add(m[3], m[4]);             \
    r[0] = wasm_f32x4_add(wasm_f32x4_sub(mul_by(m[0], 0.25f), mul_by(s12, 1.0f / 6)),            \
                          mul_by(s34, 1.0f / 24));                                                \
    r[1] = wasm_f32x4_add(mul_by(wasm_f32x4_sub(m[2], m[1]), 1.0f / 6),                          \
                          mul_by(wasm_f32x4_sub(m[3], m[4]), 1.0f / 12));                        \
    r[2] = wasm_f32x4_add(mul_by(wasm_f32x4_sub(s34, s12), 1.0f / 6), m[5]);                     \
  } while (0)

// U[k·stride + t][o] = (A e Aᵀ)[k] of the 4×4 tile t of one image's dy (rows i0 … i0 + 3, columns
// 4t … 4t + 3; zero past OH, OW), 4 channels at a time.
static void gradient_transform(
    float *U, int stride, const float *dyimg, int i0, int OH, int OW, int O, int count) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int t = 0; t < count; t++) {
    const float *rows[4];
    int cols[4];
    UNROLL for (int k = 0; k < 4; k++) {
      rows[k] = i0 + k < OH ? dyimg + (i0 + k) * OW * O : 0;
      cols[k] = 4 * t + k < OW ? (4 * t + k) * O : -1;
    }
    for (int o = 0; o < O; o += 4) {
      v128_t h[6][4];
      UNROLL for (int b = 0; b < 4; b++) { // columns: h[·][b] = A e[·][b]
        v128_t e[4], r[6];
        UNROLL for (int a = 0; a < 4; a++)
          e[a] = rows[a] && cols[b] >= 0 ? wasm_v128_load(rows[a] + cols[b] + o) : zero;
        A6(e, r);
        UNROLL for (int a = 0; a < 6; a++) h[a][b] = r[a];
      }
      UNROLL for (int a = 0; a < 6; a++) { // rows: u[a][·] = h[a][·] Aᵀ
        v128_t r[6];
        A6(h[a], r);
        UNROLL for (int b = 0; b < 6; b++) wasm_v128_store(U + ((a * 6 + b) * stride + t) * O + o, r[b]);
      }
    }
  }
}

// Part `part` of `parts` of the N·ceil(OH/4) block rows: adds its M [36][C][O] into `out` (zeroed
// by the caller), a chunk of `chunk` block rows at a time. `scratch` holds `parts` areas of
// 36·chunk·ceil(OW/4)·(C + O) floats, one per part. C must be a multiple of 4, O of 8.
__attribute__((export_name("winograd4_filter_grad_part"))) void winograd4_filter_grad_part(
    float *out, int part, int parts, const float *x, const float *dy, float *scratch, int N, int H,
    int W, int C, int OH, int OW, int O, int pt, int pl, int chunk) {
  winograd_filter_grad_rows(out, part, parts, x, dy, scratch, N, H, W, C, OH, OW, O, pt, pl, chunk, 4,
                            winograd4_input_transform, gradient_transform);
}

// dw [3, 3, C, O] = Gᵀ M G from the summed M [36][C][O].
__attribute__((export_name("winograd4_filter_grad_finish"))) void winograd4_filter_grad_finish(
    const float *M, float *dw, int C, int O) {
  for (int c = 0; c < C; c++)
    for (int o = 0; o < O; o += 4) {
      v128_t s[3][6];
      UNROLL for (int b = 0; b < 6; b++) { // columns: s[·][b] = Gᵀ m[·][b]
        v128_t m[6], r[3];
        UNROLL for (int a = 0; a < 6; a++) m[a] = wasm_v128_load(M + ((a * 6 + b) * C + c) * O + o);
        GT6(m, r);
        UNROLL for (int p = 0; p < 3; p++) s[p][b] = r[p];
      }
      UNROLL for (int p = 0; p < 3; p++) { // rows: dw[p][·] = s[p][·] G
        v128_t r[3];
        GT6(s[p], r);
        UNROLL for (int q = 0; q < 3; q++) wasm_v128_store(dw + ((p * 3 + q) * C + c) * O + o, r[q]);
      }
    }
}
