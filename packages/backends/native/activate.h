// The activations the native convolutions apply after the bias: 0 none, 1 ReLU, 2 ReLU6.
// Header-only (static inline).
#include <wasm_simd128.h>

static inline v128_t activate(v128_t v, int act) {
  if (act >= 1) v = wasm_f32x4_max(v, wasm_f32x4_splat(0.0f)); // relu
  if (act == 2) v = wasm_f32x4_min(v, wasm_f32x4_splat(6.0f)); // relu6
  return v;
}
