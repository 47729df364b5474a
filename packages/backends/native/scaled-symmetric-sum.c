// out = diag(g)·p + (diag(g)·p)ᵀ for a square p: out[i][j] = p[i][j]·g[i] + p[j][i]·g[j]. It is how
// the gradient of Σ_i g_i·lse_i (each row's log-sum-exp of a Gram matrix u·uᵀ, whose softmax is p)
// reaches the Gram product, whose gradient is then out·u — one pass where TF.js multiplies,
// transposes and adds (three full-size passes and two temporaries). 4×4 blocks: the block at
// (i, j) and the one at (j, i) transposed in registers (two rounds of shuffles), the edges element
// by element. out[i][j] and out[j][i] are the same sum in two orders: symmetric to the bit. Parts
// split the rows of blocks; each element is written once. Same conventions as filter-grad.c: no
// stack, no data, no libc.
#include <wasm_simd128.h>

static inline int first_block(int part, int parts, int blocks) {
  return (int)((long long)part * blocks / parts);
}

// Rows r..r+3 of a 4×4 block at `m` (rows `n` apart), transposed.
static inline void load_transposed(const float *m, long n, v128_t *c0, v128_t *c1, v128_t *c2,
                                   v128_t *c3) {
  const v128_t a = wasm_v128_load(m), b = wasm_v128_load(m + n);
  const v128_t c = wasm_v128_load(m + 2 * n), d = wasm_v128_load(m + 3 * n);
  const v128_t ab01 = wasm_i32x4_shuffle(a, b, 0, 4, 1, 5), ab23 = wasm_i32x4_shuffle(a, b, 2, 6, 3, 7);
  const v128_t cd01 = wasm_i32x4_shuffle(c, d, 0, 4, 1, 5), cd23 = wasm_i32x4_shuffle(c, d, 2, 6, 3, 7);
  *c0 = wasm_i32x4_shuffle(ab01, cd01, 0, 1, 4, 5);
  *c1 = wasm_i32x4_shuffle(ab01, cd01, 2, 3, 6, 7);
  *c2 = wasm_i32x4_shuffle(ab23, cd23, 0, 1, 4, 5);
  *c3 = wasm_i32x4_shuffle(ab23, cd23, 2, 3, 6, 7);
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
        v128_t t0, t1, t2, t3;
        load_transposed(p + j * stride + i, stride, &t0, &t1, &t2, &t3);
        const v128_t gj = wasm_v128_load(g + j);
        const float *a = p + i * stride + j;
        float *o = out + i * stride + j;
        wasm_v128_store(o, wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(a), gi0), wasm_f32x4_mul(t0, gj)));
        wasm_v128_store(o + stride, wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(a + stride), gi1), wasm_f32x4_mul(t1, gj)));
        wasm_v128_store(o + 2 * stride, wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(a + 2 * stride), gi2), wasm_f32x4_mul(t2, gj)));
        wasm_v128_store(o + 3 * stride, wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(a + 3 * stride), gi3), wasm_f32x4_mul(t3, gj)));
      }
      for (; j < n; j++)
        for (int r = i; r < i + 4; r++) out[r * stride + j] = p[r * stride + j] * g[r] + p[j * stride + r] * g[j];
    } else {
      for (int r = i; r < n; r++)
        for (int j = 0; j < n; j++) out[r * stride + j] = p[r * stride + j] * g[r] + p[j * stride + r] * g[j];
    }
  }
}
