// The gradient of a 2-D max pool (NHWC), as TF.js's cpu `MaxPoolGrad`: each output gradient goes
// to its window's first maximum in row-major order — the first value strictly greater than the
// best so far, starting from −∞, so a window of NaN or −∞ passes nothing; padding is never a
// maximum. Four channels at a time with SIMD compares and selects. Same conventions as
// filter-grad.c: no stack, no data; parts split the batch (their images' gradients are disjoint),
// and each part zeroes its own images of `out` before adding to them (on every thread, while the
// image is about to be used, instead of one fill of the whole tensor before the job).
#include <wasm_simd128.h>

static inline int max_i(int a, int b) { return a > b ? a : b; }
static inline int min_i(int a, int b) { return a < b ? a : b; }

__attribute__((export_name("max_pool_grad_part"), no_builtin("memset"))) void max_pool_grad_part(
    float *out, int part, int parts, const float *x, const float *dy, int N, int H, int W, int C,
    int OH, int OW, int fh, int fw, int sh, int sw, int pt, int pl) {
  const int n0 = (int)((long long)part * N / parts), n1 = (int)((long long)(part + 1) * N / parts);
  const v128_t lanes = wasm_i32x4_make(0, 1, 2, 3);
  for (int n = n0; n < n1; n++) {
    float *image = out + (long long)n * H * W * C;
    const int size = H * W * C;
    int z = 0;
    for (; z + 4 <= size; z += 4) wasm_v128_store(image + z, wasm_f32x4_splat(0.0f));
    for (; z < size; z++) image[z] = 0;
    for (int oy = 0; oy < OH; oy++) {
      const int y0 = max_i(oy * sh - pt, 0), y1 = min_i(oy * sh - pt + fh, H);
      for (int ox = 0; ox < OW; ox++) {
        const int x0 = max_i(ox * sw - pl, 0), x1 = min_i(ox * sw - pl + fw, W);
        const float *g = dy + ((n * OH + oy) * OW + ox) * C;
        int k = 0;
        for (; k + 4 <= C; k += 4) {
          v128_t best = wasm_f32x4_splat(-__builtin_inff());
          v128_t at = wasm_i32x4_splat(-1);
          for (int iy = y0; iy < y1; iy++)
            for (int ix = x0; ix < x1; ix++) {
              const int i = ((n * H + iy) * W + ix) * C + k;
              const v128_t v = wasm_v128_load(x + i);
              const v128_t greater = wasm_f32x4_gt(v, best);
              best = wasm_v128_bitselect(v, best, greater);
              at = wasm_v128_bitselect(wasm_i32x4_add(wasm_i32x4_splat(i), lanes), at, greater);
            }
          const int a0 = wasm_i32x4_extract_lane(at, 0), a1 = wasm_i32x4_extract_lane(at, 1);
          const int a2 = wasm_i32x4_extract_lane(at, 2), a3 = wasm_i32x4_extract_lane(at, 3);
          if (a0 >= 0) out[a0] += g[k];
          if (a1 >= 0) out[a1] += g[k + 1];
          if (a2 >= 0) out[a2] += g[k + 2];
          if (a3 >= 0) out[a3] += g[k + 3];
        }
        for (; k < C; k++) {
          float best = -__builtin_inff();
          int at = -1;
          for (int iy = y0; iy < y1; iy++)
            for (int ix = x0; ix < x1; ix++) {
              const int i = ((n * H + iy) * W + ix) * C + k;
              if (x[i] > best) best = x[i], at = i;
            }
          if (at >= 0) out[at] += g[k];
        }
      }
    }
  }
}
