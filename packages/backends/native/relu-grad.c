// ReLU's gradient exactly as TF.js computes it (`dy · step(x)`), in one pass instead of two:
//   dx = dy · s,  s = 1 where x > 0, NaN where x is NaN, 0 otherwise,
// so infinities and NaNs in dy, and the sign of zero, come out as TF.js's. Parts split the elements
// at multiples of 4 (their writes are disjoint: any split gives the same bits); the last part also
// takes the tail. Same conventions as filter-grad.c: no stack, no data.
#include <wasm_simd128.h>

static inline int first_group(int part, int parts, int groups) {
  return (int)((long long)part * groups / parts);
}

__attribute__((export_name("relu_grad_part"))) void relu_grad_part(
    float *out, int part, int parts, const float *dy, const float *x, int count) {
  const int groups = count / 4;
  const int g0 = first_group(part, parts, groups), g1 = first_group(part + 1, parts, groups);
  const v128_t one = wasm_f32x4_splat(1.0f), zero = wasm_f32x4_splat(0.0f);
  for (int g = g0; g < g1; g++) {
    const v128_t v = wasm_v128_load(x + 4 * g);
    // x where x is NaN (a NaN), +0 elsewhere; then 1 where x > 0
    const v128_t s = wasm_v128_bitselect(one, wasm_v128_and(v, wasm_f32x4_ne(v, v)),
                                         wasm_f32x4_gt(v, zero));
    wasm_v128_store(out + 4 * g, wasm_f32x4_mul(wasm_v128_load(dy + 4 * g), s));
  }
  if (part != parts - 1) return;
  for (int i = groups * 4; i < count; i++) {
    const float v = x[i];
    out[i] = dy[i] * (v > 0 ? 1.0f : v != v ? v : 0.0f);
  }
}
