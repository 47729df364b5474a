import * as tfl from '@tensorflow/tfjs-layers';
import { assertCount, fail } from '../internal/fail';
import { readImageShape } from '../internal/read-image-shape';
import { downStack, upStack } from './conv-stack';

/**
 * DCGAN's generator (Radford et al. 2016): dense → reshape → stride-2 transposed convolutions with
 * batch norm and ReLU → `outputShape`, through a sigmoid (pixels in [0, 1], as Tessera's images)
 * or tanh.
 *
 * @returns `[N, latentDim]` → `[N, H, W, C]`.
 * @category Generative
 */
export function dcganGenerator({
  latentDim,
  outputShape,
  filters = [64, 128],
  activation = 'sigmoid',
}: {
  latentDim: number;
  outputShape: readonly [number, number, number];
  filters?: readonly number[];
  activation?: 'sigmoid' | 'tanh';
}): tfl.LayersModel {
  const fn = 'dcganGenerator';
  assertCount(latentDim, fn, 'latentDim');
  const shape = readImageShape(outputShape, filters.length, fn, 'outputShape');
  if (activation !== 'sigmoid' && activation !== 'tanh')
    fail(
      fn,
      'activation',
      `activation must be 'sigmoid' or 'tanh', got ${JSON.stringify(activation)}.`,
    );
  const z = tfl.input({ shape: [latentDim] });
  const logits = upStack(z, shape, filters, 'gen', true);
  const out = tfl.layers.activation({ activation }).apply(logits) as tfl.SymbolicTensor;
  return tfl.model({ inputs: z, outputs: out, name: 'dcgan_generator' });
}

/** What {@link dcganDiscriminator} returns. */
export interface DcganDiscriminator {
  /** `[N, H, W, C]` → `[N, 1]` real/fake logit. */
  readonly model: tfl.LayersModel;
  /** The same network up to the flattened features: the representation (the "GAN as feature learner" reading). */
  readonly features: tfl.LayersModel;
}

/**
 * DCGAN's discriminator: stride-2 convolutions with LeakyReLU(0.2) (batch norm after the first),
 * flatten, one logit. Its features serve as a representation.
 * @category Generative
 */
export function dcganDiscriminator({
  inputShape,
  filters = [64, 128],
}: {
  inputShape: readonly [number, number, number];
  filters?: readonly number[];
}): DcganDiscriminator {
  const shape = readImageShape(inputShape, filters.length, 'dcganDiscriminator');
  const x = tfl.input({ shape: [...shape] });
  const h = downStack(x, filters, 'disc', true, true);
  const logit = tfl.layers.dense({ units: 1, name: 'disc_logit' }).apply(h) as tfl.SymbolicTensor;
  return {
    model: tfl.model({ inputs: x, outputs: logit, name: 'dcgan_discriminator' }),
    features: tfl.model({ inputs: x, outputs: h, name: 'dcgan_features' }),
  };
}
