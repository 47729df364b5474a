// Products of int16 rows, exact, then scaled per row and column:
//   out[i, j] = ((float) Σ_k a[i, k] · b[j, k]) · as[i] · bs[j],
// a `[m, kp]`, b `[n, kp]` (kp a multiple of 8, rows zero-padded), the sum in int32 (the caller
// keeps it from overflowing: every partial sum below 2³¹). With `transposed` set the same value
// lands at out[j, i] of an `[n, m]` output: b's rows become the rows, as kNN's top-k per column
// reads them, while the loops — and so the cache's reuse of a's rows — stay as they are. With as and bs the rows' inverse norms it
// is the cosine similarity of integer data — 8-bit pixels — with the dot product exact, where a
// float32 product rounds every partial sum; i32x4.dot_i16x8_s multiplies and pairs eight int16s
// per instruction, twice the work of a float32 multiply and add. Tiles of 2 rows of a by 4 rows
// of b: the 4 rows of b stay in the L1 cache while every row of a streams past them. Parts split
// the columns j in groups of 4 (their writes are disjoint: any split gives the same bits). Same
// conventions as filter-grad.c: no stack, no data, no libc.
#include <wasm_simd128.h>

static inline int first_group(int part, int parts, int groups) {
  return (int)((long long)part * groups / parts);
}

static inline int lanes_sum(v128_t v) {
  return (wasm_i32x4_extract_lane(v, 0) + wasm_i32x4_extract_lane(v, 1)) +
         (wasm_i32x4_extract_lane(v, 2) + wasm_i32x4_extract_lane(v, 3));
}

// The dot product of one row of a and one row of b.
static inline int dot_row(const short *x, const short *y, int kp) {
  v128_t acc = wasm_i32x4_splat(0);
  for (int k = 0; k < kp; k += 8)
    acc = wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(wasm_v128_load(x + k), wasm_v128_load(y + k)));
  return lanes_sum(acc);
}

static inline void put(float *out, int m, int n, int tr, int i, int j, int dot, const float *as,
                       const float *bs) {
  const long long at = tr ? (long long)j * m + i : (long long)i * n + j;
  out[at] = ((float)dot * as[i]) * bs[j];
}

__attribute__((export_name("int16_matmul_part"))) void int16_matmul_part(
    float *out, int part, int parts, const short *a, const short *b, const float *as,
    const float *bs, int m, int n, int kp, int tr) {
  const int groups = (n + 3) / 4;
  const int j0 = 4 * first_group(part, parts, groups);
  int j1 = 4 * first_group(part + 1, parts, groups);
  if (j1 > n) j1 = n;
  int j = j0;
  for (; j + 4 <= j1; j += 4) {
    const short *b0 = b + (long long)j * kp, *b1 = b0 + kp, *b2 = b1 + kp, *b3 = b2 + kp;
    int i = 0;
    for (; i + 2 <= m; i += 2) {
      const short *a0 = a + (long long)i * kp, *a1 = a0 + kp;
      v128_t s00 = wasm_i32x4_splat(0), s01 = s00, s02 = s00, s03 = s00;
      v128_t s10 = s00, s11 = s00, s12 = s00, s13 = s00;
      for (int k = 0; k < kp; k += 8) {
        const v128_t x0 = wasm_v128_load(a0 + k), x1 = wasm_v128_load(a1 + k);
        const v128_t y0 = wasm_v128_load(b0 + k), y1 = wasm_v128_load(b1 + k);
        const v128_t y2 = wasm_v128_load(b2 + k), y3 = wasm_v128_load(b3 + k);
        s00 = wasm_i32x4_add(s00, wasm_i32x4_dot_i16x8(x0, y0));
        s01 = wasm_i32x4_add(s01, wasm_i32x4_dot_i16x8(x0, y1));
        s02 = wasm_i32x4_add(s02, wasm_i32x4_dot_i16x8(x0, y2));
        s03 = wasm_i32x4_add(s03, wasm_i32x4_dot_i16x8(x0, y3));
        s10 = wasm_i32x4_add(s10, wasm_i32x4_dot_i16x8(x1, y0));
        s11 = wasm_i32x4_add(s11, wasm_i32x4_dot_i16x8(x1, y1));
        s12 = wasm_i32x4_add(s12, wasm_i32x4_dot_i16x8(x1, y2));
        s13 = wasm_i32x4_add(s13, wasm_i32x4_dot_i16x8(x1, y3));
      }
      put(out, m, n, tr, i, j, lanes_sum(s00), as, bs);
      put(out, m, n, tr, i, j + 1, lanes_sum(s01), as, bs);
      put(out, m, n, tr, i, j + 2, lanes_sum(s02), as, bs);
      put(out, m, n, tr, i, j + 3, lanes_sum(s03), as, bs);
      put(out, m, n, tr, i + 1, j, lanes_sum(s10), as, bs);
      put(out, m, n, tr, i + 1, j + 1, lanes_sum(s11), as, bs);
      put(out, m, n, tr, i + 1, j + 2, lanes_sum(s12), as, bs);
      put(out, m, n, tr, i + 1, j + 3, lanes_sum(s13), as, bs);
    }
    // an odd row of a left
    for (; i < m; i++)
      for (int c = 0; c < 4; c++) put(out, m, n, tr, i, j + c, dot_row(a + (long long)i * kp, b0 + c * kp, kp), as, bs);
  }
  // fewer than 4 columns left (the last part)
  for (; j < j1; j++)
    for (int i = 0; i < m; i++)
      put(out, m, n, tr, i, j, dot_row(a + (long long)i * kp, b + (long long)j * kp, kp), as, bs);
}
