import * as tfl from '@tensorflow/tfjs-layers';
import { fail } from '../internal/fail';

/** Which framework's default initialisation a layer starts from. @category Layers */
export type LayerInit = 'tfjs' | 'pytorch';

type Initializer = ReturnType<typeof tfl.initializers.varianceScaling>;

/** Checks a {@link LayerInit}, naming `functionName` in the error. @internal */
export function assertLayerInit(init: unknown, functionName: string): asserts init is LayerInit {
  if (init !== 'tfjs' && init !== 'pytorch')
    fail(functionName, 'init', `init must be 'tfjs' or 'pytorch', got ${JSON.stringify(init)}.`);
}

/**
 * The kernel and bias initialisers of a layer with `fanIn` inputs per output (a dense layer's
 * inputs, a convolution's `kh·kw·c_in`) as `init`'s framework draws them: `'tfjs'` gives `{}`
 * (TF.js's own: Glorot normal truncated at 2σ, zero bias); `'pytorch'` gives `nn.Linear`'s and
 * `nn.Conv2d`'s, kernel and bias both U(±1/√fan_in) (`kaiming_uniform_(a=√5)`: gain √(1/3) ×
 * √(3/fan_in)). Arguments unchecked. @internal
 */
export function layerInitializers(
  init: LayerInit,
  fanIn: number,
): { kernelInitializer?: Initializer; biasInitializer?: Initializer } {
  if (init === 'tfjs') return {};
  const bound = 1 / Math.sqrt(fanIn);
  return {
    kernelInitializer: tfl.initializers.varianceScaling({
      scale: 1 / 3,
      mode: 'fanIn',
      distribution: 'uniform',
    }),
    biasInitializer: tfl.initializers.randomUniform({ minval: -bound, maxval: bound }),
  };
}
