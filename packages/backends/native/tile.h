// The 4 × 8 register tile every native kernel accumulates on: 4 rows (output pixels, 2×2 blocks
// or input channels) × 8 columns (output channels, two f32x4 vectors). Each step adds, for every
// row r, the splat of one float s_r times the same 8 contiguous floats e — 2 loads, 4 splats, 8
// multiply-adds (madd.h: fused in the relaxed-SIMD build), which V8 keeps in registers.
// Header-only (static inline), so each kernel's loop compiles to the same code as written out.
#include <wasm_simd128.h>
#include "madd.h"

typedef struct {
  v128_t a0, b0, a1, b1, a2, b2, a3, b3;
} tile_4x8;

// A tile with every row equal to [a, b] (zero, or a bias).
static inline tile_4x8 tile_fill(v128_t a, v128_t b) {
  return (tile_4x8){a, b, a, b, a, b, a, b};
}

// The tile stored at m, rows `stride` floats apart.
static inline tile_4x8 tile_load(const float *m, int stride) {
  return (tile_4x8){wasm_v128_load(m),              wasm_v128_load(m + 4),
                    wasm_v128_load(m + stride),     wasm_v128_load(m + stride + 4),
                    wasm_v128_load(m + 2 * stride), wasm_v128_load(m + 2 * stride + 4),
                    wasm_v128_load(m + 3 * stride), wasm_v128_load(m + 3 * stride + 4)};
}

static inline void tile_store(float *m, int stride, tile_4x8 t) {
  wasm_v128_store(m, t.a0), wasm_v128_store(m + 4, t.b0);
  wasm_v128_store(m + stride, t.a1), wasm_v128_store(m + stride + 4, t.b1);
  wasm_v128_store(m + 2 * stride, t.a2), wasm_v128_store(m + 2 * stride + 4, t.b2);
  wasm_v128_store(m + 3 * stride, t.a3), wasm_v128_store(m + 3 * stride + 4, t.b3);
}

// t[r] += *s_r · e[0..8) for r = 0…3.
static inline tile_4x8 tile_step(
    tile_4x8 t, const float *s0, const float *s1, const float *s2, const float *s3,
    const float *e) {
  const v128_t e0 = wasm_v128_load(e), e1 = wasm_v128_load(e + 4);
  v128_t s = wasm_v128_load32_splat(s0);
  t.a0 = f32x4_madd(s, e0, t.a0);
  t.b0 = f32x4_madd(s, e1, t.b0);
  s = wasm_v128_load32_splat(s1);
  t.a1 = f32x4_madd(s, e0, t.a1);
  t.b1 = f32x4_madd(s, e1, t.b1);
  s = wasm_v128_load32_splat(s2);
  t.a2 = f32x4_madd(s, e0, t.a2);
  t.b2 = f32x4_madd(s, e1, t.b2);
  s = wasm_v128_load32_splat(s3);
  t.a3 = f32x4_madd(s, e0, t.a3);
  t.b3 = f32x4_madd(s, e1, t.b3);
  return t;
}

// The K products M[k] = V[k] · U[k] of a Winograd transform domain, summed over C channels on the
// tile (4 blocks × 8 output channels at a time): V is [K][T4][C] (T4 a multiple of 4), U the packed
// filter [K][O / 8][C][8], M [K][T4][O] (O a multiple of 8).
static inline void tile_products(float *M, const float *V, const float *U, int K, int T4, int C, int O) {
  const int blocks = O / 8;
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int k = 0; k < K; k++)
    for (int b = 0; b < blocks; b++) {
      const float *u = U + (k * blocks + b) * C * 8;
      for (int t = 0; t < T4; t += 4) {
        const float *v0 = V + (k * T4 + t) * C, *v1 = v0 + C, *v2 = v1 + C, *v3 = v2 + C;
        tile_4x8 acc = tile_fill(zero, zero);
        const float *w = u;
        for (int c = 0; c < C; c++, w += 8) acc = tile_step(acc, v0 + c, v1 + c, v2 + c, v3 + c, w);
        tile_store(M + (k * T4 + t) * O + b * 8, O, acc);
      }
    }
}

// Adds the K products Σ_t V[k][t] · U[k][t] of a Winograd filter gradient into M [K][C][O]: V is
// [K][stride][C], U [K][stride][O], t < count (C a multiple of 4, O of 8), on the tile (4 input
// channels × 8 output channels at a time).
static inline void tile_sum_products(
    float *M, const float *V, const float *U, int K, int stride, int count, int C, int O) {
  for (int k = 0; k < K; k++)
    for (int c = 0; c < C; c += 4)
      for (int o = 0; o < O; o += 8) {
        float *m = M + (k * C + c) * O + o;
        tile_4x8 acc = tile_load(m, O);
        const float *v = V + k * stride * C + c, *u = U + k * stride * O + o;
        for (int t = 0; t < count; t++, v += C, u += O) acc = tile_step(acc, v, v + 1, v + 2, v + 3, u);
        tile_store(m, O, acc);
      }
}

// Stores the first `n` lanes (1…8) of the pair [a, b] at dst.
static inline void store_lanes(float *dst, v128_t a, v128_t b, int n) {
  if (n >= 8) {
    wasm_v128_store(dst, a), wasm_v128_store(dst + 4, b);
    return;
  }
  if (n >= 4) {
    wasm_v128_store(dst, a);
    dst += 4, n -= 4, a = b;
  }
  if (n > 0) dst[0] = wasm_f32x4_extract_lane(a, 0);
  if (n > 1) dst[1] = wasm_f32x4_extract_lane(a, 1);
  if (n > 2) dst[2] = wasm_f32x4_extract_lane(a, 2);
}
