// Winograd F(4×4, 3×3) for 3×3 stride-1 convolutions (Lavin & Gray, 2016): each 4×4 block of
// outputs comes from a 6×6 input patch d as Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A, so the sum over input
// channels becomes 36 small matrix products — 36 multiplications per 16 outputs, against 64 for
// F(2×2, 3×3) (native/conv2d.c) and 144 for the direct sum. The products run on the same 4 × 8
// register tile; the transforms cost more than F(2×2)'s (constants 2, 4, 5, 8 and, in G, ¼, ⅙,
// 1/12, 1/24), and the rounding error is larger (≈ 3e-6 of the largest output for 64 channels,
// against ≈ 3e-7), still far below what float32 training notices.
//   Bᵀ = [4 0 −5 0 1 0; 0 −4 −4 1 1 0; 0 4 −4 −1 1 0; 0 −2 −1 2 1 0; 0 2 −1 −2 1 0; 0 4 0 −5 0 1],
//   G = [¼ 0 0; −⅙ −⅙ −⅙; −⅙ ⅙ −⅙; 1/24 1/12 ⅙; 1/24 −1/12 ⅙; 0 0 1],
//   Aᵀ = [1 1 1 1 1 0; 0 1 −1 2 −2 0; 0 1 1 4 4 0; 0 1 −1 8 −8 1].
// Same conventions as filter-grad.c: no stack, no data; parts write disjoint output rows.
#include <wasm_simd128.h>
#include "activate.h"
#include "tile.h"

#define TILE_O 8 // output channels per tile: two f32x4 vectors
// Small fixed loops are unrolled in full, so their arrays live in registers (the kernels have no stack).
#define UNROLL _Pragma("clang loop unroll(full)")

// Packs a [3, 3, C, O] filter (O a multiple of 8) as U = G g Gᵀ in 36 blocks [O / 8][C][8] (one
// per element of the 6×6 transform), then the O bias values (zero where `bias` is 0).
__attribute__((export_name("winograd4_pack"), no_builtin("memset"))) void winograd4_pack(
    const float *w, const float *bias, float *packed, int C, int O) {
  for (int c = 0; c < C; c++)
    for (int o = 0; o < O; o++) {
      float g[3][3], t[6][3];
      UNROLL for (int p = 0; p < 3; p++)
        UNROLL for (int q = 0; q < 3; q++) g[p][q] = w[((p * 3 + q) * C + c) * O + o];
      UNROLL for (int q = 0; q < 3; q++) { // t = G g
        t[0][q] = g[0][q] / 4;
        t[1][q] = -(g[0][q] + g[1][q] + g[2][q]) / 6;
        t[2][q] = -(g[0][q] - g[1][q] + g[2][q]) / 6;
        t[3][q] = g[0][q] / 24 + g[1][q] / 12 + g[2][q] / 6;
        t[4][q] = g[0][q] / 24 - g[1][q] / 12 + g[2][q] / 6;
        t[5][q] = g[2][q];
      }
      UNROLL for (int r = 0; r < 6; r++) { // U = t Gᵀ
        const float *a = t[r];
        const float u[6] = {a[0] / 4,
                            -(a[0] + a[1] + a[2]) / 6,
                            -(a[0] - a[1] + a[2]) / 6,
                            a[0] / 24 + a[1] / 12 + a[2] / 6,
                            a[0] / 24 - a[1] / 12 + a[2] / 6,
                            a[2]};
        UNROLL for (int s = 0; s < 6; s++)
          packed[((r * 6 + s) * (O / TILE_O) + o / TILE_O) * C * TILE_O + c * TILE_O + o % TILE_O] =
              u[s];
      }
    }
  float *b = packed + 36 * C * O;
  for (int o = 0; o < O; o++) b[o] = bias ? bias[o] : 0;
}

static inline v128_t mul_by(v128_t v, float k) { return wasm_f32x4_mul(v, wasm_f32x4_splat(k)); }

// r = Bᵀ x for one line of 6 vectors.
#define BT6(x, r)                                                                                 \
  do {                                                                                            \
    r[0] = wasm_f32x4_add(wasm_f32x4_sub(mul_by(x[0], 4), mul_by(x[2], 5)), x[4]);               \
    r[1] = wasm_f32x4_sub(wasm_f32x4_add(x[3], x[4]), mul_by(wasm_f32x4_add(x[1], x[2]), 4));    \
    r[2] = wasm_f32x4_add(wasm_f32x4_sub(x[4], x[3]), mul_by(wasm_f32x4_sub(x[1], x[2]), 4));    \
    r[3] = wasm_f32x4_add(wasm_f32x4_sub(x[4], x[2]), mul_by(wasm_f32x4_sub(x[3], x[1]), 2));    \
    r[4] = wasm_f32x4_add(wasm_f32x4_sub(x[4], x[2]), mul_by(wasm_f32x4_sub(x[1], x[3]), 2));    \
    r[5] = wasm_f32x4_add(wasm_f32x4_sub(mul_by(x[1], 4), mul_by(x[3], 5)), x[5]);               \
  } while (0)

// r = Aᵀ m for one line of 6 vectors.
#define AT6(m, r)                                                                                 \
  do {                                                                                            \
    const v128_t s12 = wasm_f32x4_add(m[1], m[2]), d12 = wasm_f32x4_sub(m[1], m[2]);             \
    const v128_t s34 = wasm_f32x4_add(m[3], m[4]), d34 = wasm_f32x4_sub(m[3], m[4]);             \
    r[0] = wasm_f32x4_add(wasm_f32x4_add(m[0], s12), s34);                                        \
    r[1] = wasm_f32x4_add(d12, mul_by(d34, 2));                                                   \
    r[2] = wasm_f32x4_add(s12, mul_by(s34, 4));                                                   \
    r[3] = wasm_f32x4_add(wasm_f32x4_add(d12, mul_by(d34, 8)), m[5]);                             \
  } while (0)

// The input transform of the 4×4 blocks t < `count` of one block row (output rows i0 … i0 + 3):
// V[k·stride + t][c] = (Bᵀ d B)[k] of block t's 6×6 patch d of `ximg` (one image), zero past
// `blocks`, 4 channels at a time.
void winograd4_input_transform(
    float *V, int stride, const float *ximg, int i0, int H, int W, int C, int blocks, int count,
    int pt, int pl) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int t = 0; t < count; t++) {
    const float *rows[6];
    int cols[6];
    UNROLL for (int k = 0; k < 6; k++) {
      const int yy = i0 - pt + k, xx = 4 * t - pl + k;
      rows[k] = t < blocks && yy >= 0 && yy < H ? ximg + yy * W * C : 0;
      cols[k] = xx >= 0 && xx < W ? xx * C : -1;
    }
    for (int c = 0; c < C; c += 4) {
      v128_t e[6][6];
      UNROLL for (int b = 0; b < 6; b++) { // columns: e[·][b] = Bᵀ d[·][b]
        v128_t d[6], r[6];
        UNROLL for (int a = 0; a < 6; a++)
          d[a] = rows[a] && cols[b] >= 0 ? wasm_v128_load(rows[a] + cols[b] + c) : zero;
        BT6(d, r);
        UNROLL for (int a = 0; a < 6; a++) e[a][b] = r[a];
      }
      UNROLL for (int a = 0; a < 6; a++) { // rows: v[a][·] = e[a][·] B
        v128_t r[6];
        BT6(e[a], r);
        UNROLL for (int b = 0; b < 6; b++) wasm_v128_store(V + ((a * 6 + b) * stride + t) * C + c, r[b]);
      }
    }
  }
}

// Rows [r0, r1) of the N·ceil(OH/4) rows of 4×4 output blocks; `scratch` holds this part's
// V [36][T4][C] and M [36][T4][O] (T4: the blocks of a row, rounded up to 4).
static void winograd4_rows(
    float *y, const float *x, const float *packed, float *scratch, int r0, int r1, int H, int W,
    int C, int OH, int OW, int O, int pt, int pl, int act) {
  const int TH = (OH + 3) / 4, TR = (OW + 3) / 4, T4 = (TR + 3) & ~3;
  const float *bias = packed + 36 * C * O;
  float *V = scratch, *M = scratch + 36 * T4 * C;
  for (int r = r0; r < r1; r++) {
    const int n = r / TH, i0 = 4 * (r - n * TH);
    winograd4_input_transform(V, T4, x + n * H * W * C, i0, H, W, C, TR, T4, pt, pl);
    tile_products(M, V, packed, 36, T4, C, O);
    // output transform: the 4×4 block Aᵀ M A, plus the bias, activated, where inside y
    for (int t = 0; t < TR; t++)
      for (int o = 0; o < O; o += 4) {
        v128_t u[4][6];
        UNROLL for (int b = 0; b < 6; b++) { // columns: u[·][b] = Aᵀ m[·][b]
          v128_t m[6], q[4];
          UNROLL for (int a = 0; a < 6; a++) m[a] = wasm_v128_load(M + ((a * 6 + b) * T4 + t) * O + o);
          AT6(m, q);
          UNROLL for (int a = 0; a < 4; a++) u[a][b] = q[a];
        }
        const v128_t bo = wasm_v128_load(bias + o);
        UNROLL for (int a = 0; a < 4; a++) {
          if (i0 + a >= OH) continue;
          v128_t out[4];
          AT6(u[a], out);
          float *yrow = y + ((n * OH + i0 + a) * OW + 4 * t) * O + o;
          UNROLL for (int b = 0; b < 4; b++)
            if (4 * t + b < OW) wasm_v128_store(yrow + b * O, activate(wasm_f32x4_add(out[b], bo), act));
        }
      }
  }
}

// Part `part` of `parts` of the N·ceil(OH/4) block rows into y (`out`). `scratch` holds `parts`
// areas of 36·T4·(C + O) floats, one per part. C must be a multiple of 4, O of 8.
__attribute__((export_name("winograd4_part"))) void winograd4_part(
    float *out, int part, int parts, const float *x, const float *packed, float *scratch, int N,
    int H, int W, int C, int OH, int OW, int O, int pt, int pl, int act) {
  const int rows = N * ((OH + 3) / 4), T4 = (((OW + 3) / 4) + 3) & ~3;
  const int r0 = (int)((long long)part * rows / parts), r1 = (int)((long long)(part + 1) * rows / parts);
  winograd4_rows(out, x, packed, scratch + part * 36 * T4 * (C + O), r0, r1, H, W, C, OH, OW, O,
                 pt, pl, act);
}
