import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { InvalidArgumentError } from '@tessera/core';

/**
 * `(input − mean) / std` as a layer of the model being built: `Rescaling` when every channel
 * shares one mean and std, else a 1×1 depthwise convolution with fixed weights `1 / std_c` and bias
 * `−mean_c / std_c` (not trainable, saved with the model like any layer). @internal
 */
export function standardizeInput(
  input: tfl.SymbolicTensor,
  { mean, std }: { mean: number | readonly number[]; std: number | readonly number[] },
  functionName: string,
): tfl.SymbolicTensor {
  const channels = input.shape[input.shape.length - 1] as number;
  const means = typeof mean === 'number' ? [mean] : [...mean];
  const stds = typeof std === 'number' ? [std] : [...std];
  for (const [argument, values] of [
    ['normalize.mean', means],
    ['normalize.std', stds],
  ] as const)
    if (
      !(values.length === 1 || values.length === channels) ||
      values.some((v) => !Number.isFinite(v)) ||
      (argument === 'normalize.std' && values.some((v) => !(v > 0)))
    )
      throw new InvalidArgumentError({
        functionName,
        argument,
        detail: `${argument} must be one finite number or one per channel (${channels})${argument === 'normalize.std' ? ', each > 0' : ''}, got ${JSON.stringify(typeof (argument === 'normalize.mean' ? mean : std) === 'number' ? values[0] : values)}.`,
      });
  const uniform = (v: number[]) => v.every((x) => x === v[0]);
  if (uniform(means) && uniform(stds))
    return tfl.layers
      .rescaling({ scale: 1 / stds[0]!, offset: -means[0]! / stds[0]! })
      .apply(input) as tfl.SymbolicTensor;
  const at = (v: number[], c: number) => (v.length === 1 ? v[0]! : v[c]!);
  const layer = tfl.layers.depthwiseConv2d({
    kernelSize: 1,
    depthMultiplier: 1,
    useBias: true,
    trainable: false,
  });
  const output = layer.apply(input) as tfl.SymbolicTensor; // builds the weights in the layer's scope
  const weights = [
    tf.tensor4d(
      Array.from({ length: channels }, (_, c) => 1 / at(stds, c)),
      [1, 1, channels, 1],
    ),
    tf.tensor1d(Array.from({ length: channels }, (_, c) => -at(means, c) / at(stds, c))),
  ];
  layer.setWeights(weights);
  tf.dispose(weights);
  return output;
}
