// The gradient of global average pooling over H and W (NHWC), as TF.js's gradient of
// `tf.mean(x, [1, 2])`: dx[n, h, w, c] = dy[n, c] / (H·W) — float32 division, the value TF.js
// gets by rounding the double quotient (the same bits: a double holds over 2·24 + 2 bits). Each
// image's first pixel is computed, the others copied from it (one row in L1), so the pass costs
// one write of dx. Parts split the images (disjoint writes: any split gives the same bits).
// Same conventions as filter-grad.c: no stack, no data.
#include <wasm_simd128.h>

__attribute__((export_name("global_avg_pool_grad_part"))) void global_avg_pool_grad_part(
    float *out, int part, int parts, const float *dy, int N, int HW, int C) {
  const int n0 = (int)((long long)part * N / parts), n1 = (int)((long long)(part + 1) * N / parts);
  const float size = (float)HW;
  const v128_t sizes = wasm_f32x4_splat(size);
  for (int n = n0; n < n1; n++) {
    const float *g = dy + (long long)n * C;
    float *first = out + (long long)n * HW * C;
    int c = 0;
    for (; c + 4 <= C; c += 4) wasm_v128_store(first + c, wasm_f32x4_div(wasm_v128_load(g + c), sizes));
    for (; c < C; c++) first[c] = g[c] / size;
    for (int p = 1; p < HW; p++) {
      float *o = first + (long long)p * C;
      c = 0;
      for (; c + 4 <= C; c += 4) wasm_v128_store(o + c, wasm_v128_load(first + c));
      for (; c < C; c++) o[c] = first[c];
    }
  }
}
