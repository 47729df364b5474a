import * as tf from '@tensorflow/tfjs-core';

type CustomGradFn = Parameters<typeof tf.customGrad>[0];

/**
 * `log Σ exp(x)` along `axis`, max-shifted (large logits do not overflow), with its exact gradient
 * `dy · softmax(x)` built from the forward pass's own `exp` (no second exponential). tfjs's
 * `logSumExp` differentiates through `max`, whose gradient builds a broadcast `Equal` mask — the
 * slowest kernel of a 2048×2048 NT-Xent backward pass on wasm.
 * @internal
 */
export function logSumExp(x: tf.Tensor, axis: number): tf.Tensor {
  const f = tf.customGrad(((input: tf.Tensor, save: tf.GradSaveFunc) => {
    const max = tf.max(input, axis, true);
    const e = tf.exp(tf.sub(input, max));
    const sum = tf.sum(e, axis, true);
    save([e, sum]);
    return {
      value: tf.squeeze(tf.add(max, tf.log(sum)), [axis < 0 ? input.rank + axis : axis]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [exps, total] = saved as [tf.Tensor, tf.Tensor];
        return tf.mul(tf.div(tf.expandDims(dy, axis), total), exps);
      },
    };
  }) as unknown as CustomGradFn) as (t: tf.Tensor) => tf.Tensor;
  return f(x);
}
