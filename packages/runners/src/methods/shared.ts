import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { multiView } from '@tessera/augment';
import { denseInitializers } from '@tessera/models';
import { defaultsValues } from '../framework-defaults';
import type { MethodContext } from './types';

/**
 * What a method's projection and prediction heads take from the run's framework defaults
 * (`context.defaults`): the dense initialisation and the batch norms' ε and momentum. @internal
 */
export function headDefaults(context: MethodContext) {
  const d = defaultsValues(context.defaults ?? 'tfjs', 'pretrain');
  return {
    init: d.init,
    batchNormEpsilon: d.batchNormEpsilon,
    batchNormMomentum: d.headBatchNormMomentum,
  };
}

/** A dense layer's initializers under the run's framework defaults (`fanIn` inputs). @internal */
export function denseDefaults(context: MethodContext, fanIn: number) {
  return denseInitializers(context.defaults ?? 'tfjs', fanIn);
}

/** The trainable variables of some models, in a stable order (Adam pairs its moments by position). @internal */
export function trainableVariables(...models: tfl.LayersModel[]): tf.Variable[] {
  return models.flatMap((m) => m.trainableWeights.map((w) => w.read() as tf.Variable));
}

/** One optimizer step on `loss` over `vars`; returns the loss before the update. @internal */
export function minimizeStep(
  optimizer: tf.Optimizer,
  vars: tf.Variable[],
  loss: () => tf.Scalar,
): tf.Scalar {
  const cost = optimizer.minimize(loss, true, vars);
  if (!cost) throw new Error('optimizer.minimize returned no loss');
  return cost;
}

/** `n` independent augmented views of a batch (view k is drawn from its own fork of the seed). @internal */
export function views(
  context: MethodContext,
  images: tf.Tensor4D,
  seed: number,
  n = 2,
): tf.Tensor4D[] {
  const start = performance.now();
  const out = multiView(context.augment, n)(images, { seed });
  context.recordAugmentSeconds?.((performance.now() - start) / 1000);
  return out;
}

/** `head(encoder(x))` as one functional model sharing their weights (for momentum copies). @internal */
export function stack(
  name: string,
  inputShape: readonly [number, number, number],
  ...models: tfl.LayersModel[]
): tfl.LayersModel {
  const input = tfl.input({ shape: [...inputShape] });
  let x = input as tfl.SymbolicTensor;
  for (const m of models) x = m.apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: x, name });
}

/** Applies a model in training mode (batch statistics, updated running averages). @internal */
export function train<T extends tf.Tensor>(model: tfl.LayersModel, x: tf.Tensor): T {
  return model.apply(x, { training: true }) as T;
}

/** Splits `[2B, …]` into its two halves. @internal */
export function halves<T extends tf.Tensor>(x: T): [T, T] {
  return tf.split(x, 2, 0) as [T, T];
}
