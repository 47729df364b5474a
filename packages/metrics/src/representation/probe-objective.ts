import * as tf from '@tensorflow/tfjs-core';

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

/**
 * The objective's value and exact gradient at flat parameters `[W (D×C row-major), b (C)]`, for a
 * full-batch solver: two products with the training rows (`x·W` and `xᵀ·(P − Y)`, the transpose
 * kept once) per evaluation; the parameters go up and the gradient comes back as float64 arrays.
 * @internal
 */
export function probeValueAndGradient(
  x: tf.Tensor2D,
  oneHot: tf.Tensor2D,
  weightDecay: number,
): {
  evaluate(params: Float64Array): Promise<{ value: number; gradient: Float64Array }>;
  dispose(): void;
} {
  const [n, d] = x.shape;
  const c = oneHot.shape[1];
  const xt = tf.transpose(x);
  return {
    async evaluate(params) {
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
