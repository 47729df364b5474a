import type * as tf from '@tensorflow/tfjs-core';
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { overrideCall } from './override-call';

type Conv2DArgs = Parameters<typeof tfl.layers.conv2d>[0];

/** The fields of tfjs-layers' `Conv2D` that decide the path. */
interface ConvFields {
  rank: number;
  useBias: boolean;
  activation: { getClassName(): string };
  dataFormat: string;
  dilationRate: number | number[];
  strides: number[];
  padding: string;
  kernel: { read(): tf.Tensor4D };
}

/**
 * 2-D convolution without bias or activation (the convolutions before batch norm) whose training
 * graph computes the input's gradient only where something needs it. tfjs-layers runs every
 * convolution as `tf.fused.conv2d`, whose gradient is a `customGrad` that always computes both the
 * filter's and the input's — so a network's first layer computed the gradient of its input images
 * on every training step (a `Conv2DBackpropInput` whose result nobody reads: ≈ 3 % of the small
 * CNN's SimCLR step on wasm). Here it is `tf.conv2d`, whose registered gradient computes each
 * input's part on demand. The output is the stock layer's (a fused convolution without bias or
 * activation runs the same kernel); a bias, an activation, dilation or channels-first data take
 * the stock path. The layer is tfjs-layers' own `Conv2D` class: its config and saved models are
 * unchanged and load anywhere TF.js runs.
 * @internal
 */
export function conv2d(args: Conv2DArgs): tfl.layers.Layer {
  const layer = tfl.layers.conv2d(args);
  const own = layer as unknown as ConvFields;
  return overrideCall(layer, (input) => {
    const dilations = [own.dilationRate].flat();
    const plain =
      own.rank === 2 &&
      !own.useBias &&
      own.activation.getClassName() === 'linear' &&
      own.dataFormat === 'channelsLast' &&
      dilations.every((d) => d === 1) &&
      (own.padding === 'same' || own.padding === 'valid') &&
      input.rank === 4;
    if (!plain) return null;
    return tfc.conv2d(
      input as tf.Tensor4D,
      own.kernel.read(),
      own.strides as [number, number],
      own.padding as 'same' | 'valid',
      'NHWC',
    );
  });
}
