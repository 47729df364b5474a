import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { jigsawTask } from '@tessera/augment';
import { denseDefaults, train } from './shared';
import type { MethodContext } from './types';

// What the patch-based pretext methods (jigsaw, relative-position) share: the tile representation,
// the encoder applied to patches, and the classifier head.

/** The crop boxes `[top, left, h, w]` of the grid's tiles without jitter, in reading order. */
function tileBoxes([H, W, C]: readonly number[], grid: number, gap?: number): number[][] {
  return tf.tidy(() => {
    const cells = Array.from({ length: grid * grid }, (_, k) => k);
    const probe = tf.zeros([1, H!, W!, C!]) as tf.Tensor4D;
    const task = jigsawTask(probe, {
      grid,
      permutations: [cells],
      ...(gap === undefined ? {} : { gap }),
      jitter: 0,
      seed: 0,
    });
    return task.params.boxes[0]!.map((box) => [...box]);
  });
}

/**
 * `[N, H, W, C]` → `[N, T·D]`: the tiles at `boxes` through the encoder (one network, shared),
 * concatenated in order.
 */
function tileRepresentation(
  encoder: tfl.LayersModel,
  [H, W, C]: readonly number[],
  boxes: number[][],
): tfl.LayersModel {
  const input = tfl.input({ shape: [H!, W!, C!] });
  const features = boxes.map(([top, left, h, w]) => {
    const cropping: [[number, number], [number, number]] = [
      [top!, H! - top! - h!],
      [left!, W! - left! - w!],
    ];
    const tile = tfl.layers.cropping2D({ cropping }).apply(input) as tfl.SymbolicTensor;
    return encoder.apply(tile) as tfl.SymbolicTensor;
  });
  const output = tfl.layers.concatenate().apply(features) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output, name: 'tile_representation' });
}

/**
 * The run's representation: the grid's tiles through the encoder, concatenated, for `'tiles'`
 * where the encoder takes them at their own size; else the encoder.
 */
export function tileRepresentationOr(
  context: MethodContext,
  grid: number,
  representation: 'tiles' | 'encoder',
  gap?: number,
): tfl.LayersModel {
  if (representation !== 'tiles') return context.encoder;
  const boxes = tileBoxes(context.inputShape, grid, gap);
  const [, , h, w] = boxes[0]!;
  return takesSize(context, h!, w!)
    ? tileRepresentation(context.encoder, context.inputShape, boxes)
    : context.encoder;
}

/** A 2-layer classifier head (ReLU between). */
export function classifierHead(
  context: MethodContext,
  name: string,
  inputDim: number,
  hidden: number,
  classes: number,
) {
  return tfl.sequential({
    name,
    layers: [
      tfl.layers.dense({
        inputShape: [inputDim],
        units: hidden,
        activation: 'relu',
        ...denseDefaults(context, inputDim),
      }),
      tfl.layers.dense({ units: classes, ...denseDefaults(context, hidden) }),
    ],
  });
}

/**
 * Whether the encoder takes `[h, w]` inputs as they are (a fully convolutional encoder ending in
 * global pooling, as the papers' conv layers take 64×64 tiles or 96×96 patches), or needs them
 * resized to its input size. Probed once, in inference mode.
 */
function takesSize(context: MethodContext, h: number, w: number): boolean {
  const [H, W, C] = context.inputShape;
  if (h === H && w === W) return true;
  try {
    return tf.tidy(() => {
      // apply, not predict: predict checks inputs against the model's declared input shape
      const y = context.encoder.apply(tf.zeros([1, h, w, C]), { training: false }) as tf.Tensor;
      return y.rank === 2 && y.shape[1] === context.featureDim;
    });
  } catch {
    return false;
  }
}

/**
 * Encodes patches `[M, h, w, C]` in training mode: at their own size when the encoder takes it
 * (the scale of the strokes the full images have; resized up, a 9-pixel tile's blurred strokes
 * taught the encoder features that full images lack), otherwise resized to its input size. The
 * patch size is fixed by the image size and options, so it decides once per run.
 */
export function patchEncoder(context: MethodContext) {
  const [H, W] = context.inputShape;
  let asIs: boolean | undefined;
  return (patches: tf.Tensor4D): tf.Tensor2D => {
    asIs ??= takesSize(context, patches.shape[1], patches.shape[2]);
    return train<tf.Tensor2D>(
      context.encoder,
      asIs ? patches : tf.image.resizeBilinear(patches, [H, W]),
    );
  };
}
