// out = diag(g)·p + (diag(g)·p)ᵀ for a square p: out[i][j] = p[i][j]·g[i] + p[j][i]·g[j]. It is how
// the gradient of Σ_i g_i·lse_i (each row's log-sum-exp of a Gram matrix u·uᵀ, whose softmax is p)
// reaches the Gram product, whose gradient is then out·u — one pass where TF.js multiplies,
// transposes and adds (three full-size passes and two temporaries). 4×4 blocks: the block at
// (i, j) and the one at (j, i) transposed in registers (symmetric-factor.h), the edges element
// by element. out[i][j] and out[j][i] are the same sum in two orders: symmetric to the bit. Parts
// split the rows of blocks; each element is written once. Same conventions as filter-grad.c: no
// stack, no data, no libc.
#include "symmetric-factor.h"

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
      for (; j + 4 <= n; j += 4)
        store_4x4(out + i * stride + j, stride,
                  symmetric_factor_4x4(p, stride, g, i, j, gi0, gi1, gi2, gi3));
      for (; j < n; j++)
        for (int r = i; r < i + 4; r++) out[r * stride + j] = symmetric_factor_at(p, stride, g, r, j);
    } else {
      for (int r = i; r < n; r++)
        for (int j = 0; j < n; j++) out[r * stride + j] = symmetric_factor_at(p, stride, g, r, j);
    }
  }
}
