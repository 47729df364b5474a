import type * as tf from '@tensorflow/tfjs-core';
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { batchNormTraining } from './batch-norm-training';
import { overrideCall } from './override-call';

type BatchNormArgs = NonNullable<Parameters<typeof tfl.layers.batchNormalization>[0]>;

/** The fields of tfjs-layers' `BatchNormalization` that the training path reads. */
interface BatchNormFields {
  axis: number;
  momentum: number;
  epsilon: number;
  center: boolean;
  scale: boolean;
  gamma: { read(): tf.Tensor; write(value: tf.Tensor): void } | null;
  beta: { read(): tf.Tensor; write(value: tf.Tensor): void } | null;
  movingMean: { read(): tf.Tensor; write(value: tf.Tensor): void };
  movingVariance: { read(): tf.Tensor; write(value: tf.Tensor): void };
}

/**
 * tfjs-layers' `BatchNormalization` layer whose training step uses {@link batchNormTraining}'s
 * fused gradient when it normalises over every axis but the last (the conv nets here). Inference,
 * other axes, `center`/`scale` off and non-float32 inputs take the stock path. The layer is the
 * stock class — its config, weights and saved models are unchanged, and a saved model loads
 * anywhere TF.js runs (with the stock, slower, training gradient).
 * @internal
 */
export function batchNormalization(args: BatchNormArgs = {}): tfl.layers.Layer {
  const layer = tfl.layers.batchNormalization(args);
  const bn = layer as unknown as BatchNormFields;
  return overrideCall(layer, (input, kwargs) => {
    const axis = bn.axis < 0 ? bn.axis + input.rank : bn.axis;
    if (
      !kwargs?.training ||
      input.dtype !== 'float32' ||
      axis !== input.rank - 1 ||
      !bn.center ||
      !bn.scale ||
      !bn.gamma ||
      !bn.beta
    )
      return null;
    return tfc.tidy(() => {
      const { y, mean, variance } = batchNormTraining(
        input,
        bn.gamma!.read() as tf.Tensor1D,
        bn.beta!.read() as tf.Tensor1D,
        bn.epsilon,
      );
      // the moving averages exactly as the stock layer updates them
      for (const [variable, value] of [
        [bn.movingMean, mean],
        [bn.movingVariance, variance],
      ] as const) {
        const current = variable.read();
        variable.write(tfc.sub(current, tfc.mul(tfc.sub(current, value), 1 - bn.momentum)));
      }
      tfc.dispose([mean, variance]);
      return y;
    });
  });
}
