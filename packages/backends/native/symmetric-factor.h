// One 4×4 block of the contrastive gradient's symmetric factor a = diag(g)·p + (diag(g)·p)ᵀ:
// rows i … i + 3, columns j … j + 3 of a square p (rows `stride` floats apart), where
// a[r][k] = p[i + r][j + k]·g[i + r] + p[j + k][i + r]·g[j + k] — the two products, then their
// sum, as the composed ops round them. The mirrored block p[j..j+3][i..i+3] is transposed in
// registers (transpose4.h). g0 … g3 are g[i] … g[i + 3] splatted. Header-only (static inline),
// shared by scaled-symmetric-sum.c (which stores the factor) and scaled-symmetric-matmul.c
// (which multiplies it at once).
#include "transpose4.h"

static inline block_4x4 symmetric_factor_4x4(const float *p, long stride, const float *g, int i,
                                             int j, v128_t g0, v128_t g1, v128_t g2, v128_t g3) {
  const block_4x4 t = load_transposed_4x4(p + j * stride + i, stride);
  const v128_t gj = wasm_v128_load(g + j);
  const float *a = p + i * stride + j;
  return (block_4x4){
      wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(a), g0), wasm_f32x4_mul(t.c0, gj)),
      wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(a + stride), g1), wasm_f32x4_mul(t.c1, gj)),
      wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(a + 2 * stride), g2), wasm_f32x4_mul(t.c2, gj)),
      wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(a + 3 * stride), g3), wasm_f32x4_mul(t.c3, gj))};
}

// One element of the factor, rounded as the block rounds it.
static inline float symmetric_factor_at(const float *p, long stride, const float *g, int r, int c) {
  return p[r * stride + c] * g[r] + p[c * stride + r] * g[c];
}
