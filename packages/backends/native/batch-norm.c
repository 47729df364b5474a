// Batch normalisation with given statistics, as TF.js's `FusedBatchNorm` over the last axis:
//   y[r, c] = (x[r, c] − mean[c]) · k[c] + offset[c],   k[c] = scale[c] / √(variance[c] + ε)
// with `coef` = [mean (C), k (C), offset (C)] computed by the caller. wasm 4.22's shipped kernel
// takes an integer remainder per element and operand; this one is one SIMD pass over the rows.
// Same conventions as filter-grad.c: no stack, no data; parts split the rows.
#include <wasm_simd128.h>

__attribute__((export_name("batch_norm_part"))) void batch_norm_part(
    float *out, int part, int parts, const float *x, const float *coef, int rows, int C) {
  const int r0 = (int)((long long)part * rows / parts), r1 = (int)((long long)(part + 1) * rows / parts);
  const float *mean = coef, *k = coef + C, *off = coef + 2 * C;
  for (int r = r0; r < r1; r++) {
    const float *xr = x + (long long)r * C;
    float *yr = out + (long long)r * C;
    int c = 0;
    for (; c + 4 <= C; c += 4) {
      const v128_t d = wasm_f32x4_sub(wasm_v128_load(xr + c), wasm_v128_load(mean + c));
      wasm_v128_store(yr + c, wasm_f32x4_add(wasm_f32x4_mul(d, wasm_v128_load(k + c)),
                                             wasm_v128_load(off + c)));
    }
    for (; c < C; c++) yr[c] = (xr[c] - mean[c]) * k[c] + off[c];
  }
}
