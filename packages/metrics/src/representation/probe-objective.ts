import * as tf from '@tensorflow/tfjs-core';
import { TESSERA_KERNELS } from '@tessera/core';

/**
 * The linear probe's objective on the training rows: the mean softmax cross-entropy of `x·W + b`
 * plus `λ/2 · ‖W‖²` (not the bias) — scikit-learn's multinomial `LogisticRegression` objective
 * with `C = 1 / (n·λ)`, divided by n. @internal
 */
export function probeObjective(
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  x: tf.Tensor2D,
  oneHot: tf.Tensor2D,
  weightDecay: number,
): tf.Scalar {
  return tf.add(
    tf.losses.softmaxCrossEntropy(oneHot, tf.add(tf.matMul(x, w), b)),
    tf.mul(weightDecay / 2, tf.sum(tf.square(w))),
  ) as tf.Scalar;
}

/** The objective's value and gradient at flat parameters, as a full-batch solver reads them. @internal */
export interface ProbeEvaluation {
  value: number;
  gradient: Float64Array;
}

/**
 * The objective's value and exact gradient at flat parameters `[W (D×C row-major), b (C)]`, for a
 * full-batch solver. Where the backend registers `TesseraSoftmaxRegression` (`wasm`), one kernel
 * per evaluation reads the rows once and returns the summed cross-entropy and `xᵀ·(P − Y)`; the
 * mean and the penalty are added here in float64. Elsewhere the composed ops: two products with
 * the rows (`x·W` and `xᵀ·(P − Y)`, the transpose kept once). The parameters go up and the
 * gradient comes back as float64 arrays.
 * @internal
 */
export function probeValueAndGradient(
  x: tf.Tensor2D,
  labels: Int32Array,
  oneHot: tf.Tensor2D,
  weightDecay: number,
): { evaluate(params: Float64Array): Promise<ProbeEvaluation>; dispose(): void } {
  return tf.getKernel(TESSERA_KERNELS.softmaxRegression, tf.getBackend())
    ? fused(x, labels, oneHot.shape[1], weightDecay)
    : composed(x, oneHot, weightDecay);
}

/** The objective by `TesseraSoftmaxRegression`: the kernel's sums, then the mean and penalty. */
function fused(x: tf.Tensor2D, labels: Int32Array, c: number, weightDecay: number) {
  const [n, d] = x.shape;
  const y = tf.tensor1d(labels, 'int32');
  return {
    async evaluate(params: Float64Array): Promise<ProbeEvaluation> {
      const weights = Float32Array.from(params.subarray(0, d * c));
      const inputs = {
        x,
        w: tf.tensor2d(weights, [d, c]),
        b: tf.tensor1d(Float32Array.from(params.subarray(d * c))),
        labels: y,
      };
      const sums = tf.engine().runKernel(TESSERA_KERNELS.softmaxRegression, inputs, {});
      try {
        const [loss, dw, db] = await Promise.all((sums as tf.Tensor[]).map((t) => t.data()));
        const gradient = new Float64Array(d * c + c);
        let penalty = 0;
        for (let k = 0; k < d * c; k++) {
          penalty += weights[k]! * weights[k]!;
          gradient[k] = dw![k]! / n + weightDecay * weights[k]!;
        }
        for (let j = 0; j < c; j++) gradient[d * c + j] = db![j]! / n;
        return { value: loss![0]! / n + (weightDecay / 2) * penalty, gradient };
      } finally {
        tf.dispose([inputs.w, inputs.b, ...(sums as tf.Tensor[])]);
      }
    },
    dispose: () => y.dispose(),
  };
}

/** The objective by composed ops on any backend. */
function composed(x: tf.Tensor2D, oneHot: tf.Tensor2D, weightDecay: number) {
  const [n, d] = x.shape;
  const c = oneHot.shape[1];
  const xt = tf.transpose(x);
  return {
    async evaluate(params: Float64Array): Promise<ProbeEvaluation> {
      const [value, gw, gb] = tf.tidy(() => {
        const w = tf.tensor2d(Float32Array.from(params.subarray(0, d * c)), [d, c]);
        const b = tf.tensor1d(Float32Array.from(params.subarray(d * c)));
        const logp = tf.logSoftmax(tf.add(tf.matMul(x, w), b));
        const crossEntropy = tf.neg(tf.div(tf.sum(tf.mul(oneHot, logp)), n));
        const v = tf.add(crossEntropy, tf.mul(weightDecay / 2, tf.sum(tf.square(w))));
        const residual = tf.div(tf.sub(tf.exp(logp), oneHot), n);
        return [v, tf.add(tf.matMul(xt, residual), tf.mul(weightDecay, w)), tf.sum(residual, 0)];
      });
      try {
        const gradient = new Float64Array(d * c + c);
        gradient.set(await gw.data());
        gradient.set(await gb.data(), d * c);
        return { value: (await value.data())[0] as number, gradient };
      } finally {
        tf.dispose([value, gw, gb]);
      }
    },
    dispose: () => xt.dispose(),
  };
}
