import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';
import { type IntegerRows, unitRow } from './integer-rows';

/** Test rows the estimate ranks exactly (evenly spaced). */
const PROBES = 32;

/**
 * Whether a projection screen on `basis` (float64 `[r, width]`, orthonormal) is likely to pay:
 * for 32 test rows, their exact k-th nearest cosine over every training row (one int16 product)
 * and the bound `a_x · a_y + ρ_x ρ_y` over the `sample` of training unit rows (float32: an
 * estimate) give the training rows each would re-rank; the screen pays when at most 1 probe in
 * 32 would need more than `candidates`. On data whose cosines crowd closer than the bound's
 * slack (dense images), this costs one product of 32 rows instead of a projection of every row.
 * @internal
 */
export function projectionPays(
  train: IntegerRows,
  test: IntegerRows,
  basis: Float64Array,
  sample: Float32Array,
  k: number,
  candidates: number,
): boolean {
  const { width } = train;
  const [n, m, count] = [train.norms.length, test.norms.length, sample.length / width];
  const probes = Int32Array.from({ length: Math.min(PROBES, m) }, (_, i) =>
    Math.floor((i * m) / Math.min(PROBES, m)),
  );
  const over = tf.tidy(() => {
    const exact = tf.engine().runKernel(TESSERA_KERNELS.int16MatMul, {
      a: tf.gather(test.packed, probes),
      b: train.packed,
      aScale: tf.gather(test.inverseNorms, probes),
      bScale: train.inverseNorms,
    }) as tf.Tensor2D;
    const kth = tf.slice(tf.topk(exact, k, true).values, [0, k - 1], [-1, 1]);
    const probeRows = new Float32Array(probes.length * width);
    probes.forEach((row, i) => unitRow(test, row, probeRows.subarray(i * width, (i + 1) * width)));
    const unit = tf.tensor2d(probeRows, [probes.length, width]);
    const p = tf.tensor2d(Float32Array.from(basis), [basis.length / width, width]);
    const lift = (x: tf.Tensor2D) => {
      const a = tf.matMul(x, p, false, true);
      const rest = tf.sub(tf.sum(tf.square(x), 1, true), tf.sum(tf.square(a), 1, true));
      return tf.concat([a, tf.sqrt(tf.relu(rest))], 1);
    };
    const bound = tf.matMul(lift(unit), lift(tf.tensor2d(sample, [count, width])), false, true);
    const kept = tf.sum(tf.cast(tf.greaterEqual(bound, kth), 'float32'), 1);
    // each sample row stands for n / count training rows
    return tf.sum(tf.cast(tf.greater(tf.mul(kept, n / count), candidates), 'float32'));
  });
  const crowded = over.dataSync()[0]!;
  over.dispose();
  return 32 * crowded <= probes.length;
}
