// The Gram matrix of the rows of u ([m, k], row-major): g[i][j] = Σ_kk u[i][kk] · u[j][kk], summed
// in order of kk — the similarity matrix of the contrastive losses. g is symmetric, so only the
// 4 × 8 tiles that reach the diagonal or above it are computed (half the products of a general
// matmul), each element once, and written to both g[i][j] and g[j][i]: the result is symmetric to
// the bit and the same whichever part computes which tile. The rows of u are read as splats; the
// 8 columns of a tile come from u packed by gram_pack as panels [m/8][k][8] (zero past row m).
// Parts split the row blocks into shares of equal triangular area. Same conventions as
// filter-grad.c: no stack, no data, no libc.
#include "tile.h"
#include "transpose4.h"

// Panels of 8 rows of u, each [k][8]: packed[(b·k + kk)·8 + c] = u[8b + c][kk], 0 past row m.
__attribute__((export_name("gram_pack"))) void gram_pack(const float *u, float *packed, int m,
                                                         int k) {
  const int panels = (m + 7) / 8;
  for (int b = 0; b < panels; b++)
    for (int kk = 0; kk < k; kk++)
      for (int c = 0; c < 8; c++) {
        const int row = 8 * b + c;
        packed[((long)b * k + kk) * 8 + c] = row < m ? u[(long)row * k + kk] : 0.0f;
      }
}

// First row block of a part: blocks [0, nb) split so that each part's share of the upper
// triangle (block I holds about nb − I tiles) is about the same.
static inline int first_block(int part, int parts, int nb) {
  if (part >= parts) return nb;
  const double left = 1.0 - (double)part / parts;
  return nb - (int)(nb * __builtin_sqrt(left) + 0.5);
}

// g[i][j] and g[j][i] for one element of an edge tile: inside the matrix and on or above the diagonal.
#define EDGE(v, r, c, lane)                                      \
  do {                                                           \
    const int i = i0 + (r), j = j0 + (c);                        \
    if (i < m && j < m && j >= i) {                              \
      const float x = wasm_f32x4_extract_lane(v, lane);          \
      g[(long)i * m + j] = x;                                    \
      g[(long)j * m + i] = x;                                    \
    }                                                            \
  } while (0)
#define EDGE_ROW(a, b, r) \
  EDGE(a, r, 0, 0); EDGE(a, r, 1, 1); EDGE(a, r, 2, 2); EDGE(a, r, 3, 3); \
  EDGE(b, r, 4, 0); EDGE(b, r, 5, 1); EDGE(b, r, 6, 2); EDGE(b, r, 7, 3)

__attribute__((export_name("gram_part"))) void gram_part(float *g, int part, int parts,
                                                         const float *u, const float *packed,
                                                         int m, int k) {
  const int nb = (m + 3) / 4;
  const int b0 = first_block(part, parts, nb), b1 = first_block(part + 1, parts, nb);
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int ib = b0; ib < b1; ib++) {
    const int i0 = 4 * ib;
    // rows past m read row m − 1 (their results are not stored)
    const float *r0 = u + (long)i0 * k;
    const float *r1 = u + (long)(i0 + 1 < m ? i0 + 1 : m - 1) * k;
    const float *r2 = u + (long)(i0 + 2 < m ? i0 + 2 : m - 1) * k;
    const float *r3 = u + (long)(i0 + 3 < m ? i0 + 3 : m - 1) * k;
    for (int j0 = (i0 / 8) * 8; j0 < m; j0 += 8) {
      const float *p = packed + (long)(j0 / 8) * k * 8;
      tile_4x8 t = tile_fill(zero, zero);
      for (int kk = 0; kk < k; kk++) t = tile_step(t, r0 + kk, r1 + kk, r2 + kk, r3 + kk, p + 8 * kk);
      if (j0 >= i0 + 4 && j0 + 8 <= m && i0 + 4 <= m) {
        // wholly above the diagonal: the tile, and its transpose below
        tile_store(g + (long)i0 * m + j0, m, t);
        store_4x4(g + (long)j0 * m + i0, m, transpose_4x4(t.a0, t.a1, t.a2, t.a3));
        store_4x4(g + (long)(j0 + 4) * m + i0, m, transpose_4x4(t.b0, t.b1, t.b2, t.b3));
      } else {
        EDGE_ROW(t.a0, t.b0, 0);
        EDGE_ROW(t.a1, t.b1, 1);
        EDGE_ROW(t.a2, t.b2, 2);
        EDGE_ROW(t.a3, t.b3, 3);
      }
    }
  }
}
