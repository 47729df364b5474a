// The filter gradient of a 2-D convolution (NHWC input, HWIO filter), as TF.js's
// `Conv2DBackpropFilter`:
//   dw[p, q, c, o] = Σ_{n, i, j} x[n, i·sh + p − pt, j·sw + q − pl, c] · dy[n, i, j, o]
// (terms whose x index falls in the padding are zero). Built for wasm32 + SIMD128 by
// scripts/build-native.mjs into src/wasm/native/kernels-wasm.ts; it runs on tfjs-backend-wasm's own
// memory, reading x and dy where tfjs keeps them and writing into buffers tfjs allocated.
//
// Why not XNNPACK: as a convolution (Tessera's first version), the reduction runs over N·OH·OW
// terms for a tiny output, and XNNPACK's GEMM streams both operands from memory once per output
// tile: memory-bound. Here the reduction goes one output row at a time: the row of dy and the KH
// rows of x it sees stay in L1 while each 4×8 tile of dw is accumulated in registers.
//
// No stack, no data, no libc: every variable is a wasm local, so the module touches no memory but
// the buffers it is given. Callers split the batch into parts, one `filter_grad` call (on any
// thread) per part, each into its own zeroed buffer, then sum the parts in a fixed order.
#include <wasm_simd128.h>
#include "madd.h"
#include "tile.h"

static inline int min_i(int a, int b) { return a < b ? a : b; }

// The first i ≥ 0 with i·s + off ≥ 0, and the first i with i·s + off ≥ limit (capped at n).
static inline int first_valid(int off, int s) { return off >= 0 ? 0 : (-off + s - 1) / s; }
static inline int end_valid(int off, int s, int limit, int n) {
  int span = limit - off; // i·s < span
  if (span <= 0) return 0;
  return min_i(n, (span + s - 1) / s);
}

static void filter_grad(
    const float *x, const float *dy, float *dw, int n0, int n1, int H, int W, int C, int OH, int OW,
    int O, int KH, int KW, int sh, int sw, int pt, int pl) {
  const int xs = sw * C; // x step along an output row
  // One output row at a time: its dy row and the KH input rows it sees stay in L1 while every
  // tile of dw takes its share; the tiles themselves live in L2 between rows.
  for (int n = n0; n < n1; n++)
    for (int i = 0; i < OH; i++) {
      const float *drow = dy + (n * OH + i) * OW * O;
      for (int p = 0; p < KH; p++) {
        const int y = i * sh + p - pt;
        if (y < 0 || y >= H) continue;
        const float *xrow = x + (n * H + y) * W * C;
        for (int q = 0; q < KW; q++) {
          const int j0 = first_valid(q - pl, sw), j1 = end_valid(q - pl, sw, W, OW);
          if (j0 >= j1) continue;
          const int len = j1 - j0;
          const float *x0 = xrow + (j0 * sw + q - pl) * C;
          const float *d0 = drow + j0 * O;
          float *out = dw + (p * KW + q) * C * O;
          int c = 0;
          for (; c + 4 <= C; c += 4) {
            int o = 0;
            for (; o + 8 <= O; o += 8) {
              float *t = out + c * O + o;
              tile_4x8 acc = tile_load(t, O);
              const float *xr = x0 + c;
              const float *dr = d0 + o;
              for (int j = 0; j < len; j++, xr += xs, dr += O)
                acc = tile_step(acc, xr, xr + 1, xr + 2, xr + 3, dr);
              tile_store(t, O, acc);
            }
            for (; o < O; o++) // output channels left over: one column at a time
              for (int r = 0; r < 4; r++) {
                float acc = out[(c + r) * O + o];
                for (int j = 0; j < len; j++) acc += x0[j * xs + c + r] * d0[j * O + o];
                out[(c + r) * O + o] = acc;
              }
          }
          for (; c < C; c++) { // input channels left over (all of them when C < 4): one row at a time
            int o = 0;
            for (; o + 8 <= O; o += 8) {
              float *t = out + c * O + o;
              v128_t a0 = wasm_v128_load(t), a1 = wasm_v128_load(t + 4);
              const float *xr = x0 + c;
              const float *dr = d0 + o;
              for (int j = 0; j < len; j++) {
                const v128_t s = wasm_v128_load32_splat(xr);
                a0 = f32x4_madd(s, wasm_v128_load(dr), a0);
                a1 = f32x4_madd(s, wasm_v128_load(dr + 4), a1);
                xr += xs;
                dr += O;
              }
              wasm_v128_store(t, a0), wasm_v128_store(t + 4, a1);
            }
            for (; o < O; o++) {
              float acc = out[c * O + o];
              for (int j = 0; j < len; j++) acc += x0[j * xs + c] * d0[j * O + o];
              out[c * O + o] = acc;
            }
          }
        }
      }
    }
}

// dst[k] += src[k] for k < count (summing the parts).
__attribute__((export_name("add_into"))) void add_into(float *dst, const float *src, int count) {
  for (int k = 0; k < count; k++) dst[k] += src[k];
}

// Part `part` of `parts` of the batch (images [part·N/parts, (part+1)·N/parts)) into `out`, which
// the caller zeroed: the signature every part kernel has, `(out, part, parts, …args)`.
__attribute__((export_name("filter_grad_part"))) void filter_grad_part(
    float *out, int part, int parts, const float *x, const float *dy, int N, int H, int W, int C,
    int OH, int OW, int O, int KH, int KW, int sh, int sw, int pt, int pl) {
  const int n0 = (int)((long long)part * N / parts), n1 = (int)((long long)(part + 1) * N / parts);
  filter_grad(x, dy, out, n0, n1, H, W, C, OH, OW, O, KH, KW, sh, sw, pt, pl);
}
