import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** The keyword arguments tfjs-layers passes to `call`. @internal */
export interface CallKwargs {
  training?: boolean;
}

/**
 * Makes `layer.call` run `fast(input, kwargs)` where it returns a tensor, and the layer's own call
 * where it returns `null` — for the layers whose class, config and saved models stay tfjs-layers'
 * own while their training step takes a faster path. @internal
 */
export function overrideCall<L extends tfl.layers.Layer>(
  layer: L,
  fast: (input: tf.Tensor, kwargs: CallKwargs | undefined) => tf.Tensor | null,
): L {
  const own = layer as unknown as {
    call(inputs: tf.Tensor | tf.Tensor[], kwargs?: CallKwargs): tf.Tensor | tf.Tensor[];
  };
  const stockCall = own.call.bind(layer);
  own.call = (inputs, kwargs) => {
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    return (input && fast(input, kwargs)) ?? stockCall(inputs, kwargs);
  };
  return layer;
}
