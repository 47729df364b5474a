// TesseraSoftmaxOffDiagonal on wasm (native/softmax-off-diagonal.c, and the JavaScript loop it
// replaces until the native kernels are ready) against the float64 definition: each row's softmax
// and log-sum-exp without the diagonal. Sizes with and without a tail past the groups of four,
// large and negative logits, rows whose terms underflow; a NaN row stays NaN. Runs here
// single-threaded and from node-threads.test.ts on two.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { expectNoLeak } from '@tessera/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { randomTensor, useNativeKernels } from '../kernel-test-helpers';
import { KERNEL, setNativeKernelsEnabled } from './native-kernels';

const NAME = TESSERA_KERNELS.softmaxOffDiagonal;

/**
 * The definition in float64 from the float32 differences `s − m` (as every float32 implementation
 * forms them, TF.js's composed ops too: for logits far below the row's maximum that rounding, not
 * the exponential, sets the error): p (diagonal 0) and log-sum-exp per row.
 */
function reference(s: Float32Array, n: number) {
  const p = new Float64Array(n * n);
  const lse = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let j = 0; j < n; j++) if (j !== i) m = Math.max(m, s[i * n + j]!);
    let t = 0;
    const e = (j: number) => Math.exp(Math.fround(s[i * n + j]! - m));
    for (let j = 0; j < n; j++) if (j !== i) t += e(j);
    for (let j = 0; j < n; j++) p[i * n + j] = j === i ? 0 : e(j) / t;
    lse[i] = m + Math.log(t);
  }
  return { p, lse };
}

async function ours(s: Float32Array, n: number) {
  const x = tf.tensor2d(s, [n, n]);
  const [p, lse] = tf.engine().runKernel(NAME, { s: x }, {}) as tf.Tensor[];
  const out = { p: (await p!.data()) as Float32Array, lse: (await lse!.data()) as Float32Array };
  tf.dispose([x, p!, lse!]);
  return out;
}

/** Largest error in units of float32's epsilon relative to max(|want|, 1e-30), 0 where both are 0. */
function ulps(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let worst = 0;
  for (let k = 0; k < want.length; k++) {
    const [g, w] = [got[k]!, want[k]!];
    if (g === w) continue;
    worst = Math.max(worst, Math.abs(g - w) / Math.max(Math.abs(w), 1e-30) / 2 ** -23);
  }
  return worst;
}

describe('TesseraSoftmaxOffDiagonal on wasm', () => {
  const native = useNativeKernels();

  it.each([
    { name: 'NT-Xent at N = 256 (512 rows), logits in [−2, 2]', n: 512, scale: 2 },
    { name: 'an odd size (37: a tail of one), τ 0.05-sized logits', n: 37, scale: 20 },
    { name: 'the smallest (2 × 2)', n: 2, scale: 1 },
    { name: 'rows whose terms underflow (logits ±60)', n: 9, scale: 60 },
  ])(
    'matches the float64 definition within a few ulp, native and JavaScript: $name',
    async ({ n, scale }) => {
      const s = (await randomTensor([n, n], n).data()).map((v) => v * scale) as Float32Array;
      const want = reference(s, n);
      const run = vi.spyOn(native().pool, 'run');
      const mine = await ours(s, n);
      expect(run.mock.calls.map((c) => c[0])).toEqual([KERNEL.softmaxOffDiagonalPart]);
      setNativeKernelsEnabled(false);
      const loop = await ours(s, n);
      expect(run).toHaveBeenCalledTimes(1);
      for (const out of [mine, loop]) {
        for (let i = 0; i < n; i++) expect(out.p[i * n + i]).toBe(0);
        // exp within 2 ulp, a row's sum and the division a few more; terms under 1e-30 are 0 or tiny
        const p = Array.from(out.p, (v, k) => (want.p[k]! < 1e-30 ? want.p[k]! : v));
        expect(ulps(p, want.p)).toBeLessThan(16);
        expect(ulps(out.lse, want.lse)).toBeLessThan(8);
      }
    },
  );

  it('a row with NaN gives NaN in its p and log-sum-exp, other rows are untouched', async () => {
    const n = 6;
    const s = (await randomTensor([n, n], 3).data()).slice() as Float32Array;
    s[2 * n + 4] = NaN;
    const out = await ours(s, n);
    expect(Number.isNaN(out.lse[2])).toBe(true);
    expect(Number.isNaN(out.p[2 * n + 1])).toBe(true);
    expect(ulps(out.lse.subarray(3), reference(s, n).lse.subarray(3))).toBeLessThan(8);
  });

  it('leaks nothing; rejects non-square, 1 × 1 and non-float inputs', async () => {
    const s = randomTensor([64, 64], 1);
    await expectNoLeak(() => {
      tf.dispose(tf.engine().runKernel(NAME, { s }, {}) as tf.Tensor[]);
    });
    const run = (x: tf.Tensor) => tf.engine().runKernel(NAME, { s: x }, {});
    expect(() => run(tf.zeros([3, 4]))).toThrow(/square matrix of at least 2 × 2, got \[3,4\]/);
    expect(() => run(tf.zeros([1, 1]))).toThrow(/at least 2 × 2/);
    expect(() => run(tf.zeros([2, 2], 'int32'))).toThrow(/input s must be float32, got int32/);
    s.dispose();
  });
});
