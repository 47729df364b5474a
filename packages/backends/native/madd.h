// a · b + c on four floats, the step of every multiply-accumulate loop in the kernels. The
// relaxed-SIMD build (clang -mrelaxed-simd) makes it f32x4.relaxed_madd, which V8 runs as one fused
// multiply-add where the CPU has one (x86 FMA, Arm NEON): half the instructions, and the sum rounds
// once instead of twice, so the last bit may differ between machines. The SIMD128 build, for
// engines without relaxed SIMD, keeps a multiply and an add.
#pragma once
#include <wasm_simd128.h>

static inline v128_t f32x4_madd(v128_t a, v128_t b, v128_t c) {
#ifdef __wasm_relaxed_simd__
  return __builtin_wasm_relaxed_madd_f32x4(a, b, c);
#else
  return wasm_f32x4_add(c, wasm_f32x4_mul(a, b));
#endif
}
