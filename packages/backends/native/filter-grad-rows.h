// The part loop both Winograd filter gradients share (native/winograd-filter-grad.c, F(3×3, 2×2);
// native/winograd4-filter-grad.c, F(3×3, 4×4)): part `part` of `parts` of the N·ceil(OH/m) rows
// of m×m tiles of dy, a chunk of `chunk` rows at a time — each chunk's input patches and dy tiles
// transformed into this part's area of `scratch` (K = (m + 2)² elements each: V [K][chunk·TR][C],
// U [K][chunk·TR][O]), then their products summed into `out`'s M [K][C][O]. Always inlined, with
// m and the two transforms constant, so each kernel compiles to its own loop with direct calls.
#include "tile.h"

typedef void (*winograd_transform_in)(
    float *V, int stride, const float *ximg, int i0, int H, int W, int C, int blocks, int count,
    int pt, int pl);
typedef void (*winograd_transform_dy)(
    float *U, int stride, const float *dyimg, int i0, int OH, int OW, int O, int count);

static inline __attribute__((always_inline)) void winograd_filter_grad_rows(
    float *out, int part, int parts, const float *x, const float *dy, float *scratch, int N, int H,
    int W, int C, int OH, int OW, int O, int pt, int pl, int chunk, const int m,
    winograd_transform_in input, winograd_transform_dy gradient) {
  const int K = (m + 2) * (m + 2);
  const int TH = (OH + m - 1) / m, TR = (OW + m - 1) / m, TC = chunk * TR, rows = N * TH;
  const int r0 = (int)((long long)part * rows / parts), r1 = (int)((long long)(part + 1) * rows / parts);
  float *V = scratch + part * K * TC * (C + O), *U = V + K * TC * C;
  for (int r = r0; r < r1; r += chunk) {
    int count = 0;
    for (int rr = r; rr < r1 && rr < r + chunk; rr++, count += TR) {
      const int n = rr / TH, i0 = m * (rr - n * TH);
      input(V + count * C, TC, x + n * H * W * C, i0, H, W, C, TR, TR, pt, pl);
      gradient(U + count * O, TC, dy + n * OH * OW * O, i0, OH, OW, O, TR);
    }
    tile_sum_products(out, V, U, K, TC, count, C, O);
  }
}
