// A 4×4 block of 4-byte elements transposed in registers: rows a, b, c, d in, columns out, by two
// rounds of shuffles (pairs of rows interleaved, then pairs of pairs). Header-only (static inline):
// the outputs stay in registers, so kernels that use it keep to filter-grad.c's no-stack rule.
#include <wasm_simd128.h>

typedef struct {
  v128_t c0, c1, c2, c3;
} block_4x4;

static inline block_4x4 transpose_4x4(v128_t a, v128_t b, v128_t c, v128_t d) {
  const v128_t ab01 = wasm_i32x4_shuffle(a, b, 0, 4, 1, 5), ab23 = wasm_i32x4_shuffle(a, b, 2, 6, 3, 7);
  const v128_t cd01 = wasm_i32x4_shuffle(c, d, 0, 4, 1, 5), cd23 = wasm_i32x4_shuffle(c, d, 2, 6, 3, 7);
  return (block_4x4){wasm_i32x4_shuffle(ab01, cd01, 0, 1, 4, 5),
                     wasm_i32x4_shuffle(ab01, cd01, 2, 3, 6, 7),
                     wasm_i32x4_shuffle(ab23, cd23, 0, 1, 4, 5),
                     wasm_i32x4_shuffle(ab23, cd23, 2, 3, 6, 7)};
}

// The block whose rows start at m (`stride` elements apart), transposed.
static inline block_4x4 load_transposed_4x4(const void *m, long stride) {
  const float *p = (const float *)m;
  return transpose_4x4(wasm_v128_load(p), wasm_v128_load(p + stride), wasm_v128_load(p + 2 * stride),
                       wasm_v128_load(p + 3 * stride));
}

// Stores the block's columns as rows at m, `stride` elements apart.
static inline void store_4x4(void *m, long stride, block_4x4 t) {
  float *p = (float *)m;
  wasm_v128_store(p, t.c0);
  wasm_v128_store(p + stride, t.c1);
  wasm_v128_store(p + 2 * stride, t.c2);
  wasm_v128_store(p + 3 * stride, t.c3);
}
