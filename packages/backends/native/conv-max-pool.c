// A stride-1 2-D convolution (NHWC, 'same' padding, weights packed by `conv_pack` of
// native/conv2d.c) with a bias and an optional ReLU / ReLU6, then a 2×2 max pool of stride 2
// ('valid': an odd last row or column is dropped), in one pass:
//   y[n, i, j, o] = max_{a, b ∈ {0, 1}} act(b[o] + Σ_{p, q, c} x[n, 2i + a + p − pt, 2j + b + q − pl, c] · w[p, q, c, o])
// (terms whose x index falls in the padding are zero). The activations are monotone, so the max of
// the four sums is activated once, with the same result as activating each.
//
// Why: a convolution of a 1-channel image does 9 multiply-adds per output value, so writing its
// full-resolution map and reading it back for the pool costs more than the arithmetic (the small
// CNN's first layer and pool: about a third of an embedding pass). Here the tile of native/tile.h
// holds the 4 pixels of one pool window × 8 channels, and only the pooled pixel is written.
// Windows away from the border take their 4 input pointers from one address; border windows
// read a pixel of zeros where the input falls in the padding.
//
// Like native/filter-grad.c: no stack, no data, no libc; it touches only the buffers it is given.
#include <wasm_simd128.h>
#include "activate.h"
#include "tile.h"

#define TILE_O 8 // output channels per tile: two f32x4 vectors

// The input pixel (n's image `ximg`) at (row, col), or `zeros` in the padding.
static inline const float *pixel(const float *ximg, const float *zeros, int row, int col, int H,
                                 int W, int C) {
  return row >= 0 && row < H && col >= 0 && col < W ? ximg + (row * W + col) * C : zeros;
}

// Pooled rows [r0, r1) of the N·PH pooled rows (PH = ⌊H/2⌋, PW = ⌊W/2⌋).
static void conv_max_pool_rows(
    float *y, const float *x, const float *packed, const float *zeros, int r0, int r1, int H, int W,
    int C, int PH, int PW, int O, int KH, int KW, int pt, int pl, int act) {
  const int blocks = (O + TILE_O - 1) / TILE_O;
  const int block_size = KH * KW * C * TILE_O;
  const float *bias = packed + blocks * block_size;
  for (int r = r0; r < r1; r++) {
    const int n = r / PH, i = 2 * (r - n * PH);
    const float *ximg = x + n * H * W * C;
    float *yrow = y + r * PW * O;
    // whether every tap of this row pair's windows lies inside the image's rows
    const int rows_inside = i - pt >= 0 && i + 1 + KH - 1 - pt < H;
    for (int b = 0; b < blocks; b++) {
      const float *wblock = packed + b * block_size;
      const v128_t b0 = wasm_v128_load(bias + b * TILE_O), b1 = wasm_v128_load(bias + b * TILE_O + 4);
      const int lanes = O - b * TILE_O;
      for (int jp = 0; jp < PW; jp++) {
        const int j = 2 * jp;
        tile_4x8 acc = tile_fill(b0, b1);
        const float *w = wblock;
        if (rows_inside && j - pl >= 0 && j + 1 + KW - 1 - pl < W) {
          const float *corner = ximg + ((i - pt) * W + (j - pl)) * C;
          for (int p = 0; p < KH; p++)
            for (int q = 0; q < KW; q++) {
              const float *x00 = corner + (p * W + q) * C, *x01 = x00 + C;
              const float *x10 = x00 + W * C, *x11 = x10 + C;
              for (int c = 0; c < C; c++, w += TILE_O)
                acc = tile_step(acc, x00 + c, x01 + c, x10 + c, x11 + c, w);
            }
        } else {
          for (int p = 0; p < KH; p++)
            for (int q = 0; q < KW; q++) {
              const int row = i + p - pt, col = j + q - pl;
              const float *x00 = pixel(ximg, zeros, row, col, H, W, C);
              const float *x01 = pixel(ximg, zeros, row, col + 1, H, W, C);
              const float *x10 = pixel(ximg, zeros, row + 1, col, H, W, C);
              const float *x11 = pixel(ximg, zeros, row + 1, col + 1, H, W, C);
              for (int c = 0; c < C; c++, w += TILE_O)
                acc = tile_step(acc, x00 + c, x01 + c, x10 + c, x11 + c, w);
            }
        }
        const v128_t ma = wasm_f32x4_max(wasm_f32x4_max(acc.a0, acc.a1), wasm_f32x4_max(acc.a2, acc.a3));
        const v128_t mb = wasm_f32x4_max(wasm_f32x4_max(acc.b0, acc.b1), wasm_f32x4_max(acc.b2, acc.b3));
        store_lanes(yrow + jp * O + b * TILE_O, activate(ma, act), activate(mb, act), lanes);
      }
    }
  }
}

// Part `part` of `parts` of the N·PH pooled rows into y (`out`; the parts write disjoint rows).
// `zeros` points at C zero floats; act: 0 none, 1 ReLU, 2 ReLU6.
__attribute__((export_name("conv_max_pool_part"))) void conv_max_pool_part(
    float *out, int part, int parts, const float *x, const float *packed, const float *zeros, int N,
    int H, int W, int C, int PH, int PW, int O, int KH, int KW, int pt, int pl, int act) {
  const int rows = N * PH;
  const int r0 = (int)((long long)part * rows / parts), r1 = (int)((long long)(part + 1) * rows / parts);
  conv_max_pool_rows(out, x, packed, zeros, r0, r1, H, W, C, PH, PW, O, KH, KW, pt, pl, act);
}
