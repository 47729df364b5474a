// exp on four float32 lanes without libc: Cephes' expf (Cody-Waite reduction, degree-6
// polynomial, within 2 ulp) for arguments ≤ 0, as the softmax kernels need them (each subtracts
// its row's maximum first); arguments below −87.33 (results under float32's smallest normal) give
// 0, −∞ included; NaN stays NaN.
#pragma once
#include <wasm_simd128.h>

// exp(x) for x ≤ 0 on four lanes.
static inline v128_t exp_f32x4(v128_t x) {
  const v128_t too_small = wasm_f32x4_lt(x, wasm_f32x4_splat(-87.33654475f));
  const v128_t n = wasm_f32x4_nearest(wasm_f32x4_mul(x, wasm_f32x4_splat(1.44269504088896341f)));
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(-2.12194440e-4f)));
  v128_t p = wasm_f32x4_splat(1.9875691500e-4f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.3981999507e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(8.3334519073e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(4.1665795894e-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.6666665459e-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(5.0000001201e-1f));
  p = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(p, r), r), r),
                     wasm_f32x4_splat(1.0f));
  // 2^n from the exponent bits (n in [−126, 0] where the result is kept)
  const v128_t scale = wasm_i32x4_shl(
      wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
  const v128_t y = wasm_f32x4_mul(p, scale);
  // NaN stays NaN (its lanes compare false); results under the smallest normal become 0
  return wasm_v128_andnot(y, too_small);
}

// exp of one value through the vector path (lane 0), so tails round as the body does.
static inline float exp_f32(float x) {
  return wasm_f32x4_extract_lane(exp_f32x4(wasm_f32x4_splat(x)), 0);
}
