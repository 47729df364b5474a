// Batch normalisation's training passes over `[rows, C]` data (every axis but the last flattened):
// the batch statistics and the gradient, with x̂ = (x − μ)·r, r = 1/√(σ² + ε), N = rows,
//   dβ = Σ dy,  dγ = r·Σ dy·(x − μ),  dx = A·dy + B·(x − μ) + D   (A, B, D per channel, from JS).
// Sums run per part (fixed parts, added in order by the caller: the same bits on any thread count),
// each part in blocks of BLOCK rows summed on their own and then added to the part's total — the
// rounding error grows with the block count, not the row count. Same conventions as
// filter-grad.c: no stack, no data; `out` holds the part's totals followed by its block sums.
#include <wasm_simd128.h>

#define BLOCK 128

static inline int first_row(int part, int parts, int rows) {
  return (int)((long long)part * rows / parts);
}

// acc = v (init) or acc + v, four lanes at a time (assignment, not zeroing: a zeroing loop would
// compile to a call to memset, which the module does not have).
static inline v128_t put(v128_t acc, v128_t v, int init) { return init ? v : wasm_f32x4_add(acc, v); }

static inline void add_block(float *total, const float *block, int C, int init) {
  int c = 0;
  for (; c + 4 <= C; c += 4)
    wasm_v128_store(total + c, put(wasm_v128_load(total + c), wasm_v128_load(block + c), init));
  for (; c < C; c++) total[c] = init ? block[c] : total[c] + block[c];
}

// mean == 0: out[c] = Σ x[r, c]; otherwise out[c] = Σ (x[r, c] − mean[c])². `out` has 2·C floats.
// Every part has at least one row (the caller makes at most `rows` parts).
__attribute__((export_name("bn_stats_part"))) void bn_stats_part(
    float *out, int part, int parts, const float *x, const float *mean, int rows, int C) {
  const int r0 = first_row(part, parts, rows), r1 = first_row(part + 1, parts, rows);
  float *block = out + C;
  for (int b = r0; b < r1; b += BLOCK) {
    const int e = b + BLOCK < r1 ? b + BLOCK : r1;
    for (int r = b; r < e; r++) {
      const float *xr = x + (long long)r * C;
      const int init = r == b;
      int c = 0;
      if (mean) {
        for (; c + 4 <= C; c += 4) {
          const v128_t d = wasm_f32x4_sub(wasm_v128_load(xr + c), wasm_v128_load(mean + c));
          wasm_v128_store(block + c, put(wasm_v128_load(block + c), wasm_f32x4_mul(d, d), init));
        }
        for (; c < C; c++) {
          const float d = xr[c] - mean[c];
          block[c] = init ? d * d : block[c] + d * d;
        }
      } else {
        for (; c + 4 <= C; c += 4)
          wasm_v128_store(block + c, put(wasm_v128_load(block + c), wasm_v128_load(xr + c), init));
        for (; c < C; c++) block[c] = init ? xr[c] : block[c] + xr[c];
      }
    }
    add_block(out, block, C, b == r0);
  }
}

// out[c] = Σ dy[r, c], out[C + c] = Σ dy[r, c]·(x[r, c] − mean[c]). `out` has 4·C floats.
__attribute__((export_name("bn_grad_sums_part"))) void bn_grad_sums_part(
    float *out, int part, int parts, const float *dy, const float *x, const float *mean, int rows,
    int C) {
  const int r0 = first_row(part, parts, rows), r1 = first_row(part + 1, parts, rows);
  float *block = out + 2 * C;
  for (int b = r0; b < r1; b += BLOCK) {
    const int e = b + BLOCK < r1 ? b + BLOCK : r1;
    for (int r = b; r < e; r++) {
      const float *xr = x + (long long)r * C, *gr = dy + (long long)r * C;
      const int init = r == b;
      int c = 0;
      for (; c + 4 <= C; c += 4) {
        const v128_t g = wasm_v128_load(gr + c);
        const v128_t d = wasm_f32x4_sub(wasm_v128_load(xr + c), wasm_v128_load(mean + c));
        wasm_v128_store(block + c, put(wasm_v128_load(block + c), g, init));
        wasm_v128_store(block + C + c,
                        put(wasm_v128_load(block + C + c), wasm_f32x4_mul(g, d), init));
      }
      for (; c < C; c++) {
        const float gd = gr[c] * (xr[c] - mean[c]);
        block[c] = init ? gr[c] : block[c] + gr[c];
        block[C + c] = init ? gd : block[C + c] + gd;
      }
    }
    add_block(out, block, 2 * C, b == r0);
  }
}

// out[r, c] = A[c]·dy[r, c] + B[c]·(x[r, c] − mean[c]) + D[c], `coef` = [mean, A, B, D] (C each).
__attribute__((export_name("bn_grad_dx_part"))) void bn_grad_dx_part(
    float *out, int part, int parts, const float *dy, const float *x, const float *coef, int rows,
    int C) {
  const int r0 = first_row(part, parts, rows), r1 = first_row(part + 1, parts, rows);
  const float *mean = coef, *A = coef + C, *B = coef + 2 * C, *D = coef + 3 * C;
  for (int r = r0; r < r1; r++) {
    const float *xr = x + (long long)r * C, *gr = dy + (long long)r * C;
    float *o = out + (long long)r * C;
    int c = 0;
    for (; c + 4 <= C; c += 4) {
      const v128_t d = wasm_f32x4_sub(wasm_v128_load(xr + c), wasm_v128_load(mean + c));
      const v128_t t = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(A + c), wasm_v128_load(gr + c)),
                                      wasm_f32x4_mul(wasm_v128_load(B + c), d));
      wasm_v128_store(o + c, wasm_f32x4_add(t, wasm_v128_load(D + c)));
    }
    for (; c < C; c++) o[c] = A[c] * gr[c] + B[c] * (xr[c] - mean[c]) + D[c];
  }
}
