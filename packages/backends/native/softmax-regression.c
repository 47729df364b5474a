// Multinomial logistic regression's loss and gradient over rows x ([n, d]) with labels y:
//   z_i = x_i · w + b,  m_i = max_c z_ic,  t_i = Σ_c exp(z_ic − m_i),  p_ic = exp(z_ic − m_i) / t_i,
//   rows[2i] = m_i − z_{i,y_i},  rows[2i + 1] = t_i   (the caller forms the loss m − z_y + log t),
//   gw += Σ_i x_iᵀ (p_i − e_{y_i}),  gb += Σ_i (p_i − e_{y_i}),
// one pass over the rows — where TF.js reads x twice (x·w and xᵀ·(P − Y)) and runs the softmax as
// six kernels over [n, C]. It is the linear probe's objective, evaluated some fifty times per
// fit. w is [d, cp] and b [cp], the classes padded to cp (a multiple of 4) with zero weights and
// a bias of −∞, so padded classes get probability 0 and gradient 0. A part takes rows in blocks
// of 4 — four rows' logits, softmax and gradient while the rows are in cache — and accumulates
// into its own acc ([d·cp] gw, [cp] gb, zeroed by the caller, then 4·cp floats of scratch), each
// sum in order of rows; the caller adds the parts in order, so any thread count gives the same
// bits. Parts split the blocks; a last block of fewer than 4 rows adds a zero residual for the
// rows it lacks. Same conventions as filter-grad.c: no stack, no data, no libc.
#include <wasm_simd128.h>
#include "madd.h"
#include "exp.h"

static inline int first_block(int part, int parts, int blocks) {
  return (int)((long long)part * blocks / parts);
}

// max over the lanes, NaN when any lane is NaN.
static inline float lanes_max(v128_t v) {
  const v128_t h = wasm_f32x4_max(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  return wasm_f32x4_extract_lane(wasm_f32x4_max(h, wasm_i32x4_shuffle(h, h, 1, 0, 3, 2)), 0);
}

static inline float lanes_sum(v128_t v) {
  return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
         (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
}

#define MADD(acc, s, v) acc = f32x4_madd(wasm_v128_load32_splat(s), v, acc)

// z[r·cp + c] = b[c] + Σ_k x_r[k] · w[k·cp + c] for the four rows x0 … x3: two vectors of classes
// at a time (8 accumulators, each x splat used twice), then a last single vector.
static inline void logits(float *z, const float *x0, const float *x1, const float *x2,
                          const float *x3, const float *w, const float *b, int d, int cp) {
  int c = 0;
  for (; c + 8 <= cp; c += 8) {
    v128_t a0 = wasm_f32x4_splat(0.0f), a1 = a0, a2 = a0, a3 = a0;
    v128_t e0 = a0, e1 = a0, e2 = a0, e3 = a0;
    for (int k = 0; k < d; k++) {
      const v128_t wk = wasm_v128_load(w + (long long)k * cp + c);
      const v128_t vk = wasm_v128_load(w + (long long)k * cp + c + 4);
      const v128_t s0 = wasm_v128_load32_splat(x0 + k), s1 = wasm_v128_load32_splat(x1 + k);
      const v128_t s2 = wasm_v128_load32_splat(x2 + k), s3 = wasm_v128_load32_splat(x3 + k);
      a0 = f32x4_madd(s0, wk, a0);
      e0 = f32x4_madd(s0, vk, e0);
      a1 = f32x4_madd(s1, wk, a1);
      e1 = f32x4_madd(s1, vk, e1);
      a2 = f32x4_madd(s2, wk, a2);
      e2 = f32x4_madd(s2, vk, e2);
      a3 = f32x4_madd(s3, wk, a3);
      e3 = f32x4_madd(s3, vk, e3);
    }
    const v128_t bc = wasm_v128_load(b + c), bd = wasm_v128_load(b + c + 4);
    wasm_v128_store(z + c, wasm_f32x4_add(a0, bc));
    wasm_v128_store(z + c + 4, wasm_f32x4_add(e0, bd));
    wasm_v128_store(z + cp + c, wasm_f32x4_add(a1, bc));
    wasm_v128_store(z + cp + c + 4, wasm_f32x4_add(e1, bd));
    wasm_v128_store(z + 2 * cp + c, wasm_f32x4_add(a2, bc));
    wasm_v128_store(z + 2 * cp + c + 4, wasm_f32x4_add(e2, bd));
    wasm_v128_store(z + 3 * cp + c, wasm_f32x4_add(a3, bc));
    wasm_v128_store(z + 3 * cp + c + 4, wasm_f32x4_add(e3, bd));
  }
  for (; c < cp; c += 4) {
    v128_t a0 = wasm_f32x4_splat(0.0f), a1 = a0, a2 = a0, a3 = a0;
    for (int k = 0; k < d; k++) {
      const v128_t wk = wasm_v128_load(w + (long long)k * cp + c);
      MADD(a0, x0 + k, wk);
      MADD(a1, x1 + k, wk);
      MADD(a2, x2 + k, wk);
      MADD(a3, x3 + k, wk);
    }
    const v128_t bc = wasm_v128_load(b + c);
    wasm_v128_store(z + c, wasm_f32x4_add(a0, bc));
    wasm_v128_store(z + cp + c, wasm_f32x4_add(a1, bc));
    wasm_v128_store(z + 2 * cp + c, wasm_f32x4_add(a2, bc));
    wasm_v128_store(z + 3 * cp + c, wasm_f32x4_add(a3, bc));
  }
}

// Row z (cp logits) becomes its residual p − e_y; writes the row's (m − z_y, t).
static inline void residual(float *z, int cp, int y, float *stats) {
  v128_t vmax = wasm_f32x4_splat(-__builtin_inff());
  for (int c = 0; c < cp; c += 4) vmax = wasm_f32x4_max(vmax, wasm_v128_load(z + c));
  const float m = lanes_max(vmax);
  const float zy = z[y];
  const v128_t vm = wasm_f32x4_splat(m);
  v128_t vsum = wasm_f32x4_splat(0.0f);
  for (int c = 0; c < cp; c += 4) {
    const v128_t e = exp_f32x4(wasm_f32x4_sub(wasm_v128_load(z + c), vm));
    wasm_v128_store(z + c, e);
    vsum = wasm_f32x4_add(vsum, e);
  }
  const float t = lanes_sum(vsum);
  const v128_t vt = wasm_f32x4_splat(t);
  for (int c = 0; c < cp; c += 4) wasm_v128_store(z + c, wasm_f32x4_div(wasm_v128_load(z + c), vt));
  z[y] -= 1.0f;
  stats[0] = m - zy;
  stats[1] = t;
}

// Residual vector c of rows 0 … 3 (zero for rows from `count` on).
#define RESIDUALS(r0, r1, r2, r3, c)                                      \
  const v128_t r0 = wasm_v128_load(z + (c));                              \
  const v128_t r1 = count > 1 ? wasm_v128_load(z + cp + (c)) : zero;      \
  const v128_t r2 = count > 2 ? wasm_v128_load(z + 2 * cp + (c)) : zero;  \
  const v128_t r3 = count > 3 ? wasm_v128_load(z + 3 * cp + (c)) : zero

// gw[k·cp + c] += Σ_r x_r[k] · z[r·cp + c] and gb += Σ_r z_r, rows in order; rows from `count`
// on add a zero residual. Two vectors of classes at a time (each x splat used twice), then a last
// single vector.
static inline void accumulate(float *gw, float *gb, const float *z, int count, const float *x0,
                              const float *x1, const float *x2, const float *x3, int d, int cp) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int c = 0; c < cp; c += 4) {
    RESIDUALS(r0, r1, r2, r3, c);
    const v128_t g = wasm_v128_load(gb + c);
    const v128_t sum = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_add(g, r0), r1), r2);
    wasm_v128_store(gb + c, wasm_f32x4_add(sum, r3));
  }
  int c = 0;
  for (; c + 8 <= cp; c += 8) {
    RESIDUALS(r0, r1, r2, r3, c);
    RESIDUALS(q0, q1, q2, q3, c + 4);
    for (int k = 0; k < d; k++) {
      float *g = gw + (long long)k * cp + c;
      const v128_t s0 = wasm_v128_load32_splat(x0 + k), s1 = wasm_v128_load32_splat(x1 + k);
      const v128_t s2 = wasm_v128_load32_splat(x2 + k), s3 = wasm_v128_load32_splat(x3 + k);
      v128_t a = wasm_v128_load(g), e = wasm_v128_load(g + 4);
      a = f32x4_madd(s0, r0, a);
      e = f32x4_madd(s0, q0, e);
      a = f32x4_madd(s1, r1, a);
      e = f32x4_madd(s1, q1, e);
      a = f32x4_madd(s2, r2, a);
      e = f32x4_madd(s2, q2, e);
      a = f32x4_madd(s3, r3, a);
      e = f32x4_madd(s3, q3, e);
      wasm_v128_store(g, a);
      wasm_v128_store(g + 4, e);
    }
  }
  for (; c < cp; c += 4) {
    RESIDUALS(r0, r1, r2, r3, c);
    for (int k = 0; k < d; k++) {
      float *g = gw + (long long)k * cp + c;
      v128_t a = wasm_v128_load(g);
      MADD(a, x0 + k, r0);
      MADD(a, x1 + k, r1);
      MADD(a, x2 + k, r2);
      MADD(a, x3 + k, r3);
      wasm_v128_store(g, a);
    }
  }
}

__attribute__((export_name("softmax_regression_part"))) void softmax_regression_part(
    float *acc, int part, int parts, const float *x, const float *w, const float *b,
    const int *labels, float *rows, int n, int d, int cp) {
  const int blocks = (n + 3) / 4;
  const int i0 = 4 * first_block(part, parts, blocks);
  int i1 = 4 * first_block(part + 1, parts, blocks);
  if (i1 > n) i1 = n;
  float *gw = acc, *gb = acc + (long long)d * cp, *z = gb + cp;
  for (int i = i0; i < i1; i += 4) {
    const int count = i1 - i < 4 ? i1 - i : 4;
    const float *x0 = x + (long long)i * d, *x1 = x0 + (count > 1 ? d : 0);
    const float *x2 = x1 + (count > 2 ? d : 0), *x3 = x2 + (count > 3 ? d : 0);
    logits(z, x0, x1, x2, x3, w, b, d, cp);
    for (int r = 0; r < count; r++) residual(z + r * cp, cp, labels[i + r], rows + 2LL * (i + r));
    accumulate(gw, gb, z, count, x0, x1, x2, x3, d, cp);
  }
}
