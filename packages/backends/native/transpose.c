// The last two axes of [batch, rows, cols] swapped, 4-byte elements (float32 or int32, copied as
// bits): out[b][j][i] = x[b][i][j]. The strided read of a plain loop misses the cache on every
// element once a row outgrows it; here 64×64 tiles are moved as 4×4 blocks transposed in
// registers (transpose4.h), the edges element by element. Parts split the tiles of
// output rows (input columns) over the batch; their writes are disjoint, so any split gives the
// same bits. Same conventions as filter-grad.c: no stack, no data, no libc.
#include "transpose4.h"

#define TILE 64

static inline int first_task(int part, int parts, int tasks) {
  return (int)((long long)part * tasks / parts);
}

static inline int min_int(int a, int b) { return a < b ? a : b; }

// Rows [i0, i1) × columns [j0, j1) of one matrix.
static void transpose_tile(int *out, const int *x, int rows, int cols, int i0, int i1, int j0,
                           int j1) {
  int i = i0;
  for (; i + 4 <= i1; i += 4) {
    const int *r = x + (long)i * cols;
    int j = j0;
    for (; j + 4 <= j1; j += 4)
      store_4x4(out + (long)j * rows + i, rows, load_transposed_4x4(r + j, cols));
    for (; j < j1; j++)
      for (int k = 0; k < 4; k++) out[(long)j * rows + i + k] = r[(long)k * cols + j];
  }
  for (; i < i1; i++)
    for (int j = j0; j < j1; j++) out[(long)j * rows + i] = x[(long)i * cols + j];
}

__attribute__((export_name("transpose_part"))) void transpose_part(int *out, int part, int parts,
                                                                   const int *x, int batch,
                                                                   int rows, int cols) {
  const int strips = (cols + TILE - 1) / TILE;
  const int t0 = first_task(part, parts, batch * strips);
  const int t1 = first_task(part + 1, parts, batch * strips);
  const long size = (long)rows * cols;
  for (int t = t0; t < t1; t++) {
    const int b = t / strips, j0 = (t % strips) * TILE, j1 = min_int(j0 + TILE, cols);
    for (int i0 = 0; i0 < rows; i0 += TILE)
      transpose_tile(out + b * size, x + b * size, rows, cols, i0, min_int(i0 + TILE, rows), j0, j1);
  }
}
