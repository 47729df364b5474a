// The filter gradient of a 3×3 stride-1 convolution by Winograd F(3×3, 2×2): each 2×2 tile g of
// dy and the 4×4 input patch d it sees contribute Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A to the 3×3 taps of
// dw, and the sum over tiles and images runs in the transform domain — 16 products per tile and
// channel pair instead of 36 — with one output transform at the end:
//   M[k][c][o] = Σ_tiles V[k][tile][c] · U[k][tile][o],   dw[·, ·, c, o] = Aᵀ M[·][c][o] A.
// Bᵀ is the forward kernel's (native/conv2d.c, whose input transform this reuses; its last row
// d1 − d3 is the negative of the textbook F(3, 2)'s, so G's last row is negated to match):
//   G = [1 0; ½ ½; ½ −½; 0 −1],  Aᵀ = [1 1 1 0; 0 1 −1 0; 0 1 1 1].
// The products run on a 4 (input channels) × 8 (output channels) register tile over the tiles of
// a chunk of block rows, as native/filter-grad.c runs its direct sum. No stack, no data, no libc.
#include <wasm_simd128.h>
#include "filter-grad-rows.h"

void winograd_input_transform(
    float *V, int stride, const float *ximg, int i0, int H, int W, int C, int blocks, int count,
    int pt, int pl);

// U[k·stride + t][o] = (G g Gᵀ)[k] of the 2×2 tile t of one image's dy (rows i0, i0 + 1, columns
// 2t, 2t + 1; zero past OH, OW), 4 channels at a time.
static void gradient_transform(
    float *U, int stride, const float *dyimg, int i0, int OH, int OW, int O, int count) {
  const v128_t zero = wasm_f32x4_splat(0.0f), half = wasm_f32x4_splat(0.5f);
  for (int t = 0; t < count; t++)
    for (int o = 0; o < O; o += 4) {
      v128_t g[2][2], h[4][2];
      for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++)
          g[a][b] = i0 + a < OH && 2 * t + b < OW
                        ? wasm_v128_load(dyimg + ((i0 + a) * OW + 2 * t + b) * O + o)
                        : zero;
      for (int b = 0; b < 2; b++) { // h = G g
        h[0][b] = g[0][b];
        h[1][b] = wasm_f32x4_mul(half, wasm_f32x4_add(g[0][b], g[1][b]));
        h[2][b] = wasm_f32x4_mul(half, wasm_f32x4_sub(g[0][b], g[1][b]));
        h[3][b] = wasm_f32x4_neg(g[1][b]);
      }
      for (int a = 0; a < 4; a++) { // U = h Gᵀ
        float *u = U + (a * 4 * stride + t) * O + o;
        wasm_v128_store(u, h[a][0]);
        wasm_v128_store(u + stride * O, wasm_f32x4_mul(half, wasm_f32x4_add(h[a][0], h[a][1])));
        wasm_v128_store(u + 2 * stride * O, wasm_f32x4_mul(half, wasm_f32x4_sub(h[a][0], h[a][1])));
        wasm_v128_store(u + 3 * stride * O, wasm_f32x4_neg(h[a][1]));
      }
    }
}

// Part `part` of `parts` of the N·ceil(OH/2) block rows: adds its M [16][C][O] into `out` (zeroed
// by the caller), a chunk of `chunk` block rows at a time. `scratch` holds `parts` areas of
// 16·chunk·ceil(OW/2)·(C + O) floats, one per part. C must be a multiple of 4, O of 8.
__attribute__((export_name("winograd_filter_grad_part"))) void winograd_filter_grad_part(
    float *out, int part, int parts, const float *x, const float *dy, float *scratch, int N, int H,
    int W, int C, int OH, int OW, int O, int pt, int pl, int chunk) {
  winograd_filter_grad_rows(out, part, parts, x, dy, scratch, N, H, W, C, OH, OW, O, pt, pl, chunk, 2,
                            winograd_input_transform, gradient_transform);
}

// dw [3, 3, C, O] = Aᵀ M A from the summed M [16][C][O].
__attribute__((export_name("winograd_filter_grad_finish"))) void winograd_filter_grad_finish(
    const float *M, float *dw, int C, int O) {
  for (int c = 0; c < C; c++)
    for (int o = 0; o < O; o += 4) {
      v128_t m[16], s[3][4];
      for (int k = 0; k < 16; k++) m[k] = wasm_v128_load(M + (k * C + c) * O + o);
      for (int b = 0; b < 4; b++) { // s = Aᵀ m (over rows)
        s[0][b] = wasm_f32x4_add(wasm_f32x4_add(m[b], m[4 + b]), m[8 + b]);
        s[1][b] = wasm_f32x4_sub(m[4 + b], m[8 + b]);
        s[2][b] = wasm_f32x4_add(wasm_f32x4_add(m[4 + b], m[8 + b]), m[12 + b]);
      }
      for (int p = 0; p < 3; p++) { // dw = s A (over columns)
        float *d = dw + (p * 3 * C + c) * O + o;
        wasm_v128_store(d, wasm_f32x4_add(wasm_f32x4_add(s[p][0], s[p][1]), s[p][2]));
        wasm_v128_store(d + C * O, wasm_f32x4_sub(s[p][1], s[p][2]));
        wasm_v128_store(d + 2 * C * O, wasm_f32x4_add(wasm_f32x4_add(s[p][1], s[p][2]), s[p][3]));
      }
    }
}
