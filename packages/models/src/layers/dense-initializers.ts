import type * as tfl from '@tensorflow/tfjs-layers';
import { fail } from '../internal/fail';
import { assertLayerInit, layerInitializers, type LayerInit } from './layer-init';

/**
 * The `kernelInitializer` and `biasInitializer` of a dense layer with `fanIn` inputs that starts as
 * the given framework's would: `'tfjs'` gives `{}` (TF.js's own defaults: Glorot normal truncated
 * at 2σ, zero bias); `'pytorch'` gives `torch.nn.Linear`'s, kernel and bias both U(±1/√fan_in)
 * (`kaiming_uniform_(a=√5)`: gain √(1/3) × √(3/fan_in)). Spread it into `tf.layers.dense`.
 *
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when `init` is not `'tfjs'` or `'pytorch'`, or `fanIn` is not
 *   a positive integer.
 * @example
 * ```ts
 * const layer = tf.layers.dense({ units: 10, ...denseInitializers('pytorch', 128) });
 * ```
 * @category Layers
 */
export function denseInitializers(
  init: LayerInit,
  fanIn: number,
): Pick<
  NonNullable<Parameters<typeof tfl.layers.dense>[0]>,
  'kernelInitializer' | 'biasInitializer'
> {
  assertLayerInit(init, 'denseInitializers');
  if (!Number.isInteger(fanIn) || fanIn < 1)
    fail(
      'denseInitializers',
      'fanIn',
      `fanIn must be a positive integer, got ${JSON.stringify(fanIn)}.`,
    );
  return layerInitializers(init, fanIn);
}
