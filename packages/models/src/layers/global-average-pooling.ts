import type * as tf from '@tensorflow/tfjs-core';
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { TESSERA_KERNELS } from '@tessera/core';
import { hasKernels } from '../internal/has-kernels';
import { overrideCall } from './override-call';

type PoolArgs = NonNullable<Parameters<typeof tfl.layers.globalAveragePooling2d>[0]>;

/**
 * Global average pooling (channels last) whose gradient is one write of Tessera's
 * `TesseraGlobalAvgPoolGrad` kernel where the active backend registers it (`@tessera/backends`
 * does for `wasm`): the same values as TF.js's gradient of `tf.mean` (which fills a full-size
 * tensor of ones, multiplies `dy` broadcast against it and divides the product). The output is
 * the stock layer's. Other backends, channels-first data and non-float32 inputs take the stock
 * path. The layer is tfjs-layers' own class: its config and saved models are unchanged.
 * @internal
 */
export function globalAveragePooling2d(args: PoolArgs = {}): tfl.layers.Layer {
  const layer = tfl.layers.globalAveragePooling2d(args);
  const { dataFormat } = layer as unknown as { dataFormat: string };
  return overrideCall(layer, (input) =>
    input.rank === 4 &&
    input.dtype === 'float32' &&
    dataFormat === 'channelsLast' &&
    hasKernels(TESSERA_KERNELS.globalAvgPoolGrad)
      ? meanWithKernelGrad(input)
      : null,
  );
}

/** `tf.mean(x, [1, 2])` with its gradient by `TesseraGlobalAvgPoolGrad`. */
const meanWithKernelGrad = tfc.customGrad((x) => {
  const inputShape = (x as tf.Tensor).shape;
  return {
    value: tfc.mean(x as tf.Tensor, [1, 2]),
    gradFunc: (dy: tf.Tensor) =>
      tfc
        .engine()
        .runKernel(TESSERA_KERNELS.globalAvgPoolGrad, { dy }, { inputShape }) as tf.Tensor,
  };
}) as (x: tf.Tensor) => tf.Tensor;
