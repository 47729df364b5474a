// out = (diag(g)·p + (diag(g)·p)ᵀ)·u for a square p [n, n], g [n] and u [n, d]:
//   out[i][c] = Σ_j a_ij · u[j][c],  a_ij = p[i][j]·g[i] + p[j][i]·g[j],
// summed in order of j. It is the whole gradient that reaches the rows u of a Gram matrix u·uᵀ
// from the gradient g of each row's log-sum-exp (softmax p) — NT-Xent's and SupCon's backward —
// in one pass, where the composed path writes the [n, n] factor a and then multiplies it: here a
// is formed 4 rows × KC columns at a time in a part's scratch (symmetric-factor.h: the mirrored
// half read as 4×4 blocks transposed in registers) and multiplied at once on the 4 × 8 tile
// (tile.h) by u, packed by ssmm_pack as panels of 8 columns [d/8][n][8] (zero past column d). Each a_ij is rounded as the
// composed ops round it (two products, then their sum), and each output is summed in the same
// order whichever part computes it: every part count gives the same bits. Outputs accumulate in
// acc ([n rounded up to 4][d rounded up to 8]), copied to out by each part for its own rows.
// Parts split the row quads. Same conventions as filter-grad.c: no stack, no data, no libc.
#include "symmetric-factor.h"
#include "tile.h"

// Columns of a formed in one block: the block of packed u it multiplies ([KC][8] for each of the
// d/8 panels) stays in cache across the part's row quads.
#define KC 256
// Row quads formed at a time: their rows of a ([MQ][4][KC], 64 KB) meet each panel of u in turn.
#define MQ 16

// Panels of 8 columns of u, each [n][8]: packed[(b·n + j)·8 + c] = u[j][8b + c], 0 past column d.
__attribute__((export_name("ssmm_pack"))) void ssmm_pack(const float *u, float *packed, int n,
                                                         int d) {
  const int panels = (d + 7) / 8;
  for (int b = 0; b < panels; b++)
    for (int j = 0; j < n; j++)
      for (int c = 0; c < 8; c++) {
        const int col = 8 * b + c;
        packed[((long)b * n + j) * 8 + c] = col < d ? u[(long)j * d + col] : 0.0f;
      }
}

static inline int first_quad(int part, int parts, int quads) {
  return (int)((long long)part * quads / parts);
}

// a rows i … i + 3, columns j0 … j1 − 1, into form[r·KC + (j − j0)].
static inline void form_rows(float *form, const float *p, const float *g, int n, int i, int j0,
                             int j1) {
  const long stride = n;
  if (i + 4 <= n) {
    const v128_t g0 = wasm_f32x4_splat(g[i]), g1 = wasm_f32x4_splat(g[i + 1]);
    const v128_t g2 = wasm_f32x4_splat(g[i + 2]), g3 = wasm_f32x4_splat(g[i + 3]);
    int j = j0;
    for (; j + 4 <= j1; j += 4)
      store_4x4(form + (j - j0), KC, symmetric_factor_4x4(p, stride, g, i, j, g0, g1, g2, g3));
    for (; j < j1; j++)
      for (int r = 0; r < 4; r++) form[r * KC + (j - j0)] = symmetric_factor_at(p, stride, g, i + r, j);
  } else {
    // rows past n are left as they are: a tile's rows are independent, and theirs are not copied out
    for (int r = 0; i + r < n; r++)
      for (int j = j0; j < j1; j++) form[r * KC + (j - j0)] = symmetric_factor_at(p, stride, g, i + r, j);
  }
}

// Row quads [first_quad(part), first_quad(part + 1)) of out. scratch holds acc ([n4][d8]) and
// then each part's form ([MQ][4][KC]).
__attribute__((export_name("scaled_symmetric_matmul_part"))) void scaled_symmetric_matmul_part(
    float *out, int part, int parts, const float *p, const float *g, const float *packed,
    float *scratch, int n, int d) {
  const int quads = (n + 3) / 4, panels = (d + 7) / 8, d8 = 8 * panels;
  const int q0 = first_quad(part, parts, quads), q1 = first_quad(part + 1, parts, quads);
  float *acc = scratch;
  float *form = scratch + (long)4 * quads * d8 + (long)part * MQ * 4 * KC;
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int j0 = 0; j0 < n; j0 += KC) {
    const int j1 = j0 + KC < n ? j0 + KC : n;
    for (int qb = q0; qb < q1; qb += MQ) {
      const int qe = qb + MQ < q1 ? qb + MQ : q1;
      for (int q = qb; q < qe; q++) form_rows(form + (q - qb) * 4 * KC, p, g, n, 4 * q, j0, j1);
      // each panel of u (KC × 8) stays in the first-level cache across the block's quads
      for (int b = 0; b < panels; b++) {
        const float *e0 = packed + ((long)b * n + j0) * 8;
        for (int q = qb; q < qe; q++) {
          const float *f0 = form + (q - qb) * 4 * KC, *f1 = f0 + KC, *f2 = f1 + KC, *f3 = f2 + KC;
          float *o = acc + (long)4 * q * d8 + 8 * b;
          tile_4x8 t = j0 == 0 ? tile_fill(zero, zero) : tile_load(o, d8);
          const float *e = e0;
          for (int j = 0; j < j1 - j0; j++, e += 8) t = tile_step(t, f0 + j, f1 + j, f2 + j, f3 + j, e);
          tile_store(o, d8, t);
        }
      }
    }
  }
  // this part's rows of acc into out [n][d]
  const int r1 = 4 * q1 < n ? 4 * q1 : n;
  for (int i = 4 * q0; i < r1; i++)
    for (int c = 0; c < d; c++) out[(long)i * d + c] = acc[(long)i * d8 + c];
}
