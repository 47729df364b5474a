// The softmax of each row of a square matrix without its diagonal, and what its log-sum-exp needs:
//   m_i = max_{j≠i} s_ij,  e_ij = exp(s_ij − m_i) (j ≠ i),  t_i = Σ_{j≠i} e_ij,
//   p_ij = e_ij / t_i, p_ii = 0,
// written as p and the pairs (m_i, t_i); the caller forms log-sum-exp m_i + log t_i. It is the
// contrastive losses' inner step (NT-Xent, InfoNCE, SupCon: an anchor is never its own negative)
// in one pass over each row while it is in cache, where TF.js runs seven full-size kernels and
// materialises a mask. exp is Cephes' expf (Cody-Waite reduction, degree-6 polynomial, within
// 2 ulp) on four lanes; arguments below −87.33 (results under float32's smallest normal) give 0.
// NaN in a row makes its m, t and p NaN. Parts split the rows. Same conventions as
// filter-grad.c: no stack, no data, no libc.
#include <wasm_simd128.h>
#include "exp.h"

static inline int first_row(int part, int parts, int rows) {
  return (int)((long long)part * rows / parts);
}

// max(a, b), NaN when either is NaN (as f32x4.max).
static inline float nan_max(float a, float b) {
  return (a != a || b != b) ? a + b : (b > a ? b : a);
}

// All ones in the lane of columns j … j + 3 that holds the diagonal element of row i, else zero.
static inline v128_t diagonal_lane(int i, int j) {
  return wasm_i32x4_eq(wasm_i32x4_make(j, j + 1, j + 2, j + 3), wasm_i32x4_splat(i));
}

// Rows [first_row(part), first_row(part + 1)) of the n × n matrix s into p; stats[2i] = m_i,
// stats[2i + 1] = t_i. n ≥ 2.
__attribute__((export_name("softmax_off_diagonal_part"))) void softmax_off_diagonal_part(
    float *p, int part, int parts, const float *s, float *stats, int n) {
  const int r0 = first_row(part, parts, n), r1 = first_row(part + 1, parts, n);
  const int body = n & ~3;
  for (int i = r0; i < r1; i++) {
    const float *row = s + (long long)i * n;
    float *out = p + (long long)i * n;
    // the maximum off the diagonal (NaN propagates through f32x4.max)
    v128_t vmax = wasm_f32x4_splat(-__builtin_inff());
    for (int j = 0; j < body; j += 4) {
      v128_t v = wasm_v128_load(row + j);
      // the diagonal lane counts as −∞
      if (i >= j && i < j + 4)
        v = wasm_v128_bitselect(wasm_f32x4_splat(-__builtin_inff()), v, diagonal_lane(i, j));
      vmax = wasm_f32x4_max(vmax, v);
    }
    float m = nan_max(nan_max(wasm_f32x4_extract_lane(vmax, 0), wasm_f32x4_extract_lane(vmax, 1)),
                      nan_max(wasm_f32x4_extract_lane(vmax, 2), wasm_f32x4_extract_lane(vmax, 3)));
    for (int j = body; j < n; j++)
      if (j != i) m = nan_max(m, row[j]);
    // e = exp(s − m), their sum; the diagonal written as 0
    const v128_t vm = wasm_f32x4_splat(m);
    v128_t vsum = wasm_f32x4_splat(0.0f);
    for (int j = 0; j < body; j += 4) {
      v128_t e = exp_f32x4(wasm_f32x4_sub(wasm_v128_load(row + j), vm));
      if (i >= j && i < j + 4) e = wasm_v128_andnot(e, diagonal_lane(i, j));
      wasm_v128_store(out + j, e);
      vsum = wasm_f32x4_add(vsum, e);
    }
    float t = (wasm_f32x4_extract_lane(vsum, 0) + wasm_f32x4_extract_lane(vsum, 1)) +
              (wasm_f32x4_extract_lane(vsum, 2) + wasm_f32x4_extract_lane(vsum, 3));
    for (int j = body; j < n; j++) {
      const float e = j == i ? 0.0f : exp_f32(row[j] - m);
      out[j] = e;
      t += e;
    }
    // p = e / t
    const v128_t inv = wasm_f32x4_splat(1.0f / t);
    for (int j = 0; j < body; j += 4) wasm_v128_store(out + j, wasm_f32x4_mul(wasm_v128_load(out + j), inv));
    for (int j = body; j < n; j++) out[j] *= 1.0f / t;
    stats[2 * i] = m;
    stats[2 * i + 1] = t;
  }
}
