import * as tf from '@tensorflow/tfjs-core';
import { projectionHead } from '@tessera/models';
import { halves, headDefaults, minimizeStep, train, trainableVariables, views } from './shared';
import type { MethodContext, MethodRun, StepInput } from './types';

/**
 * The run shared by SimCLR and SupCon: two augmented views of every image through one forward pass
 * of the encoder and a 2-layer projection head (so batch norm sees the 2B rows together, as in the
 * PyTorch reference), then `loss` of the two halves' projections and one optimizer step on both
 * models. @internal
 */
export function twoViewHeadRun(
  context: MethodContext,
  {
    name,
    projectionDim,
    hiddenDim = context.featureDim,
    loss,
  }: {
    /** The head's model name (`<method>_head`: checkpoints store it by this name). */
    name: string;
    projectionDim: number;
    hiddenDim?: number;
    /** The loss of the projections of view 1 and view 2 (`[B, projectionDim]` each). */
    loss: (z1: tf.Tensor2D, z2: tf.Tensor2D, input: StepInput) => tf.Scalar;
  },
): MethodRun {
  const head = projectionHead({
    ...headDefaults(context),
    inputDim: context.featureDim,
    hiddenDim,
    outputDim: projectionDim,
    name,
  });
  const optimizer = context.createOptimizer();
  const vars = trainableVariables(context.encoder, head);
  return {
    representation: context.encoder,
    models: { encoder: context.encoder, head },
    optimizers: { optimizer },
    step: (input) =>
      tf.tidy(() => {
        const x = tf.concat(views(context, input.images, input.seed));
        return minimizeStep(optimizer, vars, () => {
          const [z1, z2] = halves<tf.Tensor2D>(train(head, train(context.encoder, x)));
          return loss(z1, z2, input);
        });
      }),
    dispose: () => {
      head.dispose();
      optimizer.dispose();
    },
  };
}
