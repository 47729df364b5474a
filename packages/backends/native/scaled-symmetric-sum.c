// out = diag(g)·p + (diag(g)·p)ᵀ for a square p: out[i][j] = p[i][j]·g[i] + p[j][i]·g[j]. It is how
// the gradient of Σ_i g_i·lse_i (each row's log-sum-exp of a Gram matrix u·uᵀ, whose softmax is p)
// reaches the Gram product, whose gradient is then out·u — one pass where TF.js multiplies,
// transposes and adds (three full-size passes and two temporaries). 4×4 blocks: the block at
// (i, j) and the one at (j, i) transposed in registers (transpose4.h), the edges element
// by element. out[i][j] and out[j][i] are the same sum in two orders: symmetric to the bit. Parts
// split the rows of blocks; each element is written once. Same conventions as filter-grad.c: no
// stack, no data, no libc.
#include "transpose4.h"

static inline int first_block(int part, int parts, int blocks) {
  return (int)((long long)part * blocks / parts);
}

__attribute__((export_name("scaled_symmetric_sum_part"))) void scaled_symmetric_sum_part(
    float *out, int part, int parts, const float *p, const float *g, int n) {
  const int blocks = (n + 3) / 4;
  const int b0 = first_block(part, parts, blocks), b1 = first_block(part + 1, parts, blocks);
  const long stride = n;
  for (int bi = b0; bi < b1; bi++) {
    const int i = 4 * bi;
    if (i + 4 <= n) {
      const v128_t gi0 = wasm_f32x4_splat(g[i]), gi1 = wasm_f32x4_splat(g[i + 1]);
      const v128_t gi2 = wasm_f32x4_splat(g[i + 2]), gi3 = wasm_f32x4_splat(g[i + 3]);
      int j = 0;
      for (; j + 4 <= n; j += 4) {
        // (p[j..j+3][i..i+3])ᵀ: rows i..i+3, columns j..j+3, then each column k scaled by g[j + k]
        const block_4x4 t = load_transposed_4x4(p + j * stride + i, stride);
        const v128_t gj = wasm_v128_load(g + j);
        const float *a = p + i * stride + j;
        float *o = out + i * stride + j;
        wasm_v128_store(o, wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(a), gi0), wasm_f32x4_mul(t.c0, gj)));
        wasm_v128_store(o + stride, wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(a + stride), gi1), wasm_f32x4_mul(t.c1, gj)));
        wasm_v128_store(o + 2 * stride, wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(a + 2 * stride), gi2), wasm_f32x4_mul(t.c2, gj)));
        wasm_v128_store(o + 3 * stride, wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(a + 3 * stride), gi3), wasm_f32x4_mul(t.c3, gj)));
      }
      for (; j < n; j++)
        for (int r = i; r < i + 4; r++) out[r * stride + j] = p[r * stride + j] * g[r] + p[j * stride + r] * g[j];
    } else {
      for (int r = i; r < n; r++)
        for (int j = 0; j < n; j++) out[r * stride + j] = p[r * stride + j] * g[r] + p[j * stride + r] * g[j];
    }
  }
}
