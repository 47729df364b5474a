// A 2-D convolution (NHWC input, weights packed by `conv_pack`), with an optional bias and ReLU /
// ReLU6, as TF.js's `Conv2D` and `FusedConv2D`:
//   y[n, i, j, o] = act(b[o] + Σ_{p, q, c} x[n, i·sh + p − pt, j·sw + q − pl, c] · w[p, q, c, o])
// (terms whose x index falls in the padding are zero). The input gradient runs through it too (as
// a convolution of the output gradient with the flipped filter; see conv2d-backprop-input.ts).
//
// Why not XNNPACK: its convolution (indirect GEMM, ≈ 66 GFLOP/s on two threads here) is slower on
// these small images than a direct loop that keeps a 4-pixel × 8-channel tile of y in registers,
// streams the packed weights of those 8 channels (KH·KW·C·8 floats, L1-resident) and reads each
// input pixel's C channels contiguously. Pixels whose input falls in the padding (or past the end
// of a row) read a row of zeros instead, so every tile runs the same loop.
//
// Like native/filter-grad.c: no stack, no data, no libc; it touches only the buffers it is given.
#include <wasm_simd128.h>
#include "activate.h"
#include "tile.h"

#define TILE_O 8 // output channels per tile: two f32x4 vectors
#define TILE_J 4 // output pixels per tile

// Packs the filter for the convolution with `Ci` input and `Co` output channels into `packed`:
// ceil(Co / 8) blocks of [KH][KW][Ci][8] floats (channels past Co zero), then ceil(Co / 8)·8 bias
// values (zero where `bias` is 0). w is [KH, KW, Ci, Co]. (no_builtin: its zero fills must not
// become calls to a memset this module does not have.)
__attribute__((export_name("conv_pack"), no_builtin("memset"))) void conv_pack(
    const float *w, const float *bias, float *packed, int KH, int KW, int Ci, int Co) {
  const int blocks = (Co + TILE_O - 1) / TILE_O;
  float *dst = packed;
  for (int b = 0; b < blocks; b++)
    for (int p = 0; p < KH; p++)
      for (int q = 0; q < KW; q++)
        for (int ci = 0; ci < Ci; ci++)
          for (int k = 0; k < TILE_O; k++) {
            const int co = b * TILE_O + k;
            *dst++ = co < Co ? w[((p * KW + q) * Ci + ci) * Co + co] : 0;
          }
  for (int k = 0; k < blocks * TILE_O; k++) *dst++ = bias && k < Co ? bias[k] : 0;
}

// Rows [r0, r1) of the N·OH output rows.
static void conv_rows(
    float *y, const float *x, const float *packed, const float *zeros, int r0, int r1, int H, int W,
    int C, int OH, int OW, int O, int KH, int KW, int sh, int sw, int pt, int pl, int act) {
  const int blocks = (O + TILE_O - 1) / TILE_O;
  const int block_size = KH * KW * C * TILE_O;
  const float *bias = packed + blocks * block_size;
  for (int r = r0; r < r1; r++) {
    const int n = r / OH, i = r - n * OH;
    const float *ximg = x + n * H * W * C;
    float *yrow = y + r * OW * O;
    for (int b = 0; b < blocks; b++) {
      const float *wblock = packed + b * block_size;
      const v128_t b0 = wasm_v128_load(bias + b * TILE_O), b1 = wasm_v128_load(bias + b * TILE_O + 4);
      const int lanes = O - b * TILE_O;
      for (int j0 = 0; j0 < OW; j0 += TILE_J) {
        tile_4x8 acc = tile_fill(b0, b1);
        for (int p = 0; p < KH; p++) {
          const int yy = i * sh + p - pt;
          if (yy < 0 || yy >= H) continue;
          const float *xrow = ximg + yy * W * C;
          const float *wp = wblock + p * KW * C * TILE_O;
          for (int q = 0; q < KW; q++, wp += C * TILE_O) {
            // the input pixel each of the tile's 4 outputs sees at tap (p, q), or zeros
            const int col = j0 * sw + q - pl;
            const float *x0 = j0 < OW && col >= 0 && col < W ? xrow + col * C : zeros;
            const float *x1 = j0 + 1 < OW && col + sw >= 0 && col + sw < W ? xrow + (col + sw) * C : zeros;
            const float *x2 =
                j0 + 2 < OW && col + 2 * sw >= 0 && col + 2 * sw < W ? xrow + (col + 2 * sw) * C : zeros;
            const float *x3 =
                j0 + 3 < OW && col + 3 * sw >= 0 && col + 3 * sw < W ? xrow + (col + 3 * sw) * C : zeros;
            const float *w = wp;
            for (int c = 0; c < C; c++, w += TILE_O) acc = tile_step(acc, x0 + c, x1 + c, x2 + c, x3 + c, w);
          }
        }
        float *out = yrow + j0 * O + b * TILE_O;
        store_lanes(out, activate(acc.a0, act), activate(acc.b0, act), lanes);
        if (j0 + 1 < OW) store_lanes(out + O, activate(acc.a1, act), activate(acc.b1, act), lanes);
        if (j0 + 2 < OW) store_lanes(out + 2 * O, activate(acc.a2, act), activate(acc.b2, act), lanes);
        if (j0 + 3 < OW) store_lanes(out + 3 * O, activate(acc.a3, act), activate(acc.b3, act), lanes);
      }
    }
  }
}

// Part `part` of `parts` of the N·OH output rows into y (`out`; the parts write disjoint rows).
// `zeros` points at C zero floats; act: 0 none, 1 ReLU, 2 ReLU6.
__attribute__((export_name("conv_part"))) void conv_part(
    float *out, int part, int parts, const float *x, const float *packed, const float *zeros, int N,
    int H, int W, int C, int OH, int OW, int O, int KH, int KW, int sh, int sw, int pt, int pl,
    int act) {
  const int rows = N * OH;
  const int r0 = (int)((long long)part * rows / parts), r1 = (int)((long long)(part + 1) * rows / parts);
  conv_rows(out, x, packed, zeros, r0, r1, H, W, C, OH, OW, O, KH, KW, sh, sw, pt, pl, act);
}

// ---------------------------------------------------------------------------------------------
// Winograd F(2×2, 3×3) for 3×3 stride-1 convolutions with small outputs (larger ones run
// F(4×4, 3×3), native/winograd4.c; the wrapper chooses) (Lavin & Gray, 2016): each 2×2 block of
// outputs comes from a 4×4 input patch d as Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A, so the sum over input
// channels becomes 16 small matrix products with 16 multiplications per 4 outputs instead of 36.
// The products run on the same 4 × 8 register tile as the direct loop above; the transforms (adds
// only, over 4 channels at a time) cost a few percent of that. The transforms' constants (0, ±1,
// ±½) are exact in float32, so results differ from the direct sum only by rounding.
//   Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1],  G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1],
//   Aᵀ = [1 1 1 0; 0 1 −1 −1].

// Packs a [3, 3, C, O] filter (O a multiple of 8) as U = G g Gᵀ in 16 blocks [O / 8][C][8] (one per
// element of the 4×4 transform), then the O bias values (zero where `bias` is 0).
__attribute__((export_name("winograd_pack"), no_builtin("memset"))) void winograd_pack(
    const float *w, const float *bias, float *packed, int C, int O) {
  for (int c = 0; c < C; c++)
    for (int o = 0; o < O; o++) {
      float g[3][3], t[4][3];
      for (int p = 0; p < 3; p++)
        for (int q = 0; q < 3; q++) g[p][q] = w[((p * 3 + q) * C + c) * O + o];
      for (int q = 0; q < 3; q++) { // t = G g
        t[0][q] = g[0][q];
        t[1][q] = 0.5f * (g[0][q] + g[1][q] + g[2][q]);
        t[2][q] = 0.5f * (g[0][q] - g[1][q] + g[2][q]);
        t[3][q] = g[2][q];
      }
      for (int r = 0; r < 4; r++) { // U = t Gᵀ
        const float u[4] = {t[r][0], 0.5f * (t[r][0] + t[r][1] + t[r][2]),
                            0.5f * (t[r][0] - t[r][1] + t[r][2]), t[r][2]};
        for (int s = 0; s < 4; s++)
          packed[((r * 4 + s) * (O / TILE_O) + o / TILE_O) * C * TILE_O + c * TILE_O + o % TILE_O] = u[s];
      }
    }
  float *b = packed + 16 * C * O;
  for (int o = 0; o < O; o++) b[o] = bias ? bias[o] : 0;
}

// The rows of a 4×4 patch: Bᵀ d B for one row pair, written as (Bᵀ d) then (· B).
#define BT_ROWS(d0, d1, d2, d3, t0, t1, t2, t3) \
  t0 = wasm_f32x4_sub(d0, d2), t1 = wasm_f32x4_add(d1, d2), t2 = wasm_f32x4_sub(d2, d1), \
  t3 = wasm_f32x4_sub(d1, d3)

// The input transform of the 2×2 blocks t < `count` of one block row (output rows i0, i0 + 1):
// V[k·stride + t][c] = (Bᵀ d B)[k] of block t's 4×4 patch d of `ximg` (one image), zero past
// `blocks` (padding to a multiple of 4), 4 channels at a time. Also used by the Winograd filter
// gradient (native/winograd-filter-grad.c).
void winograd_input_transform(
    float *V, int stride, const float *ximg, int i0, int H, int W, int C, int blocks, int count,
    int pt, int pl) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int t = 0; t < count; t++) {
    const float *rows[4];
    int cols[4];
    for (int k = 0; k < 4; k++) {
      const int yy = i0 - pt + k, xx = 2 * t - pl + k;
      rows[k] = t < blocks && yy >= 0 && yy < H ? ximg + yy * W * C : 0;
      cols[k] = xx >= 0 && xx < W ? xx * C : -1;
    }
    for (int c = 0; c < C; c += 4) {
      v128_t d[4][4];
      for (int a = 0; a < 4; a++)
        for (int b = 0; b < 4; b++)
          d[a][b] = rows[a] && cols[b] >= 0 ? wasm_v128_load(rows[a] + cols[b] + c) : zero;
      v128_t e[4][4], v[4][4];
      for (int b = 0; b < 4; b++) BT_ROWS(d[0][b], d[1][b], d[2][b], d[3][b], e[0][b], e[1][b], e[2][b], e[3][b]);
      for (int a = 0; a < 4; a++) BT_ROWS(e[a][0], e[a][1], e[a][2], e[a][3], v[a][0], v[a][1], v[a][2], v[a][3]);
      for (int k = 0; k < 16; k++) wasm_v128_store(V + (k * stride + t) * C + c, v[k / 4][k % 4]);
    }
  }
}

// Rows [r0, r1) of the N·ceil(OH/2) rows of 2×2 output blocks; `scratch` holds this part's
// V [16][T4][C] and M [16][T4][O] (T4: the blocks of a row, rounded up to 4).
static void winograd_rows(
    float *y, const float *x, const float *packed, float *scratch, int r0, int r1, int H, int W,
    int C, int OH, int OW, int O, int pt, int pl, int act) {
  const int TH = (OH + 1) / 2, TR = (OW + 1) / 2, T4 = (TR + 3) & ~3;
  const float *bias = packed + 16 * C * O;
  float *V = scratch, *M = scratch + 16 * T4 * C;
  for (int r = r0; r < r1; r++) {
    const int n = r / TH, i0 = 2 * (r - n * TH);
    winograd_input_transform(V, T4, x + n * H * W * C, i0, H, W, C, TR, T4, pt, pl);
    tile_products(M, V, packed, 16, T4, C, O);
    // output transform: the 2×2 block Aᵀ M A, plus the bias, activated, where inside y
    for (int t = 0; t < TR; t++)
      for (int o = 0; o < O; o += 4) {
        v128_t m[16];
        for (int k = 0; k < 16; k++) m[k] = wasm_v128_load(M + (k * T4 + t) * O + o);
        v128_t u0[4], u1[4];
        for (int b = 0; b < 4; b++) {
          u0[b] = wasm_f32x4_add(wasm_f32x4_add(m[b], m[4 + b]), m[8 + b]);
          u1[b] = wasm_f32x4_sub(wasm_f32x4_sub(m[4 + b], m[8 + b]), m[12 + b]);
        }
        const v128_t bo = wasm_v128_load(bias + o);
        const v128_t out[2][2] = {
            {wasm_f32x4_add(wasm_f32x4_add(u0[0], u0[1]), u0[2]),
             wasm_f32x4_sub(wasm_f32x4_sub(u0[1], u0[2]), u0[3])},
            {wasm_f32x4_add(wasm_f32x4_add(u1[0], u1[1]), u1[2]),
             wasm_f32x4_sub(wasm_f32x4_sub(u1[1], u1[2]), u1[3])}};
        for (int a = 0; a < 2; a++)
          for (int b = 0; b < 2; b++)
            if (i0 + a < OH && 2 * t + b < OW)
              wasm_v128_store(y + ((n * OH + i0 + a) * OW + 2 * t + b) * O + o,
                              activate(wasm_f32x4_add(out[a][b], bo), act));
      }
  }
}

// Part `part` of `parts` of the N·ceil(OH/2) block rows into y (`out`). `scratch` holds `parts`
// areas of 16·T4·(C + O) floats, one per part. C must be a multiple of 4, O of 8.
__attribute__((export_name("winograd_part"))) void winograd_part(
    float *out, int part, int parts, const float *x, const float *packed, float *scratch, int N,
    int H, int W, int C, int OH, int OW, int O, int pt, int pl, int act) {
  const int rows = N * ((OH + 1) / 2), T4 = (((OW + 1) / 2) + 3) & ~3;
  const int r0 = (int)((long long)part * rows / parts), r1 = (int)((long long)(part + 1) * rows / parts);
  winograd_rows(out, x, packed, scratch + part * 16 * T4 * (C + O), r0, r1, H, W, C, OH, OW, O, pt,
                pl, act);
}
