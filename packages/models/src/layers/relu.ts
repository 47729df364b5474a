import type * as tf from '@tensorflow/tfjs-core';
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { TESSERA_KERNELS } from '@tessera/core';
import { hasKernels } from '../internal/has-kernels';
import { overrideCall } from './override-call';

type ReluArgs = NonNullable<Parameters<typeof tfl.layers.reLU>[0]>;

/**
 * ReLU whose gradient is one pass of Tessera's `TesseraReluGrad` kernel where the active backend
 * registers it (`@tessera/backends` does for `wasm`): the same values as TF.js's `Relu` gradient
 * (`dy · step(x)`, a `Step` and a `Multiply`: two full-size passes and a full-size temporary),
 * ≈ 8 % of a small CNN's training step on wasm. The output is `tf.relu`'s. Other backends, a
 * `maxValue` and non-float32 inputs take the stock path. The layer is tfjs-layers' own `ReLU`
 * class: its config and saved models are unchanged and load anywhere TF.js runs.
 * @internal
 */
export function reLU(args: ReluArgs = {}): tfl.layers.Layer {
  const layer = tfl.layers.reLU(args);
  const { maxValue } = layer as unknown as { maxValue?: number | null };
  return overrideCall(layer, (input) =>
    input.dtype === 'float32' && maxValue == null && hasKernels(TESSERA_KERNELS.reluGrad)
      ? reluWithKernelGrad(input)
      : null,
  );
}

/** `tf.relu(x)` with its gradient by `TesseraReluGrad` (the caller checked it is registered). */
const reluWithKernelGrad = tfc.customGrad((x, save) => {
  (save as tf.GradSaveFunc)([x as tf.Tensor]);
  return {
    value: tfc.relu(x as tf.Tensor),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
      tfc
        .engine()
        .runKernel(TESSERA_KERNELS.reluGrad, { dy, x: saved[0] as tf.Tensor }, {}) as tf.Tensor,
  };
}) as (x: tf.Tensor) => tf.Tensor;
