// The k largest values of each column of s ([n, m], row-major) and their row indices, each column's
// in descending order, the lower index first among equal values (as tf.topk of sᵀ). NaN ranks
// below every number (and equal to another NaN). It is kNN's neighbour search: s holds the
// similarities of n training rows to m queries, as a matrix product gives them, so no transpose
// is needed and no [m, n] copy is sorted. Each row of s streams by once; a block of 16 columns
// (one cache line) compares four vectors with its columns' k-th best so far and leaves the scalar
// path — an insertion into a sorted list of k — only when a value can enter one: after the first
// rows, rarely (about k · ln(n / k) times per column for data in random order). Parts split the
// columns in groups of 4 (columns are independent: any split gives the same bits). Same
// conventions as filter-grad.c: no stack, no data, no libc.
#include <wasm_simd128.h>

static inline int first_group(int part, int parts, int groups) {
  return (int)((long long)part * groups / parts);
}

// a ranks above b: larger, or a number where b is NaN.
static inline int above(float a, float b) {
  return a > b || (a == a && b != b);
}

// Inserts (v, i) into column j's list (values[j·k …], indices[j·k …]) of `len` entries (len ≤ k),
// after every entry that ranks at or above v; the last entry drops out when the list is full.
static inline void insert(float *values, int *indices, int j, int k, int len, float v, int i) {
  float *vals = values + (long long)j * k;
  int *idx = indices + (long long)j * k;
  int p = len < k ? len : k - 1;
  while (p > 0 && above(v, vals[p - 1])) {
    vals[p] = vals[p - 1];
    idx[p] = idx[p - 1];
    p--;
  }
  vals[p] = v;
  idx[p] = i;
}

// Offers s[i, j] to column j's full list.
static inline void offer(float *values, int *indices, int j, int k, float v, int i) {
  if (above(v, values[(long long)j * k + k - 1])) insert(values, indices, j, k, k, v, i);
}

// The k-th best values of columns j … j + 3.
static inline v128_t thresholds(const float *values, int j, int k) {
  const float *t = values + (long long)j * k + k - 1;
  return wasm_f32x4_make(t[0], t[k], t[2 * k], t[3 * k]);
}

// Lanes of v that may enter their column's list: all but those ≤ their threshold (NaN on either
// side goes to the exact check).
static inline int candidates(v128_t v, v128_t t) {
  return 0xf & ~wasm_i32x4_bitmask(wasm_f32x4_le(v, t));
}

__attribute__((export_name("top_k_columns_part"))) void top_k_columns_part(
    float *values, int part, int parts, int *indices, const float *s, int n, int m, int k) {
  const int groups = (m + 3) / 4;
  const int j0 = 4 * first_group(part, parts, groups);
  int j1 = 4 * first_group(part + 1, parts, groups);
  if (j1 > m) j1 = m;
  // the first k rows fill every list
  for (int i = 0; i < k; i++)
    for (int j = j0; j < j1; j++) insert(values, indices, j, k, i, s[(long long)i * m + j], i);
  int j = j0;
  // blocks of 16 columns: four vectors per row
  for (; j + 16 <= j1; j += 16) {
    v128_t t0 = thresholds(values, j, k), t1 = thresholds(values, j + 4, k);
    v128_t t2 = thresholds(values, j + 8, k), t3 = thresholds(values, j + 12, k);
    for (int i = k; i < n; i++) {
      const float *row = s + (long long)i * m + j;
      const int c0 = candidates(wasm_v128_load(row), t0);
      const int c1 = candidates(wasm_v128_load(row + 4), t1);
      const int c2 = candidates(wasm_v128_load(row + 8), t2);
      const int c3 = candidates(wasm_v128_load(row + 12), t3);
      if ((c0 | c1 | c2 | c3) == 0) continue;
      const int mask = c0 | (c1 << 4) | (c2 << 8) | (c3 << 12);
      for (int c = 0; c < 16; c++)
        if (mask & (1 << c)) offer(values, indices, j + c, k, row[c], i);
      t0 = thresholds(values, j, k), t1 = thresholds(values, j + 4, k);
      t2 = thresholds(values, j + 8, k), t3 = thresholds(values, j + 12, k);
    }
  }
  // groups of 4 columns: one vector per row
  for (; j + 4 <= j1; j += 4) {
    v128_t t = thresholds(values, j, k);
    for (int i = k; i < n; i++) {
      const float *row = s + (long long)i * m + j;
      const int mask = candidates(wasm_v128_load(row), t);
      if (mask == 0) continue;
      for (int c = 0; c < 4; c++)
        if (mask & (1 << c)) offer(values, indices, j + c, k, row[c], i);
      t = thresholds(values, j, k);
    }
  }
  // fewer than 4 columns left (the last part)
  for (; j < j1; j++)
    for (int i = k; i < n; i++) offer(values, indices, j, k, s[(long long)i * m + j], i);
}
