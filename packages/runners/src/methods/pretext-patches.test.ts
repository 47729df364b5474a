// The patch pretext methods hand the encoder their tiles at the tiles' own size when it is fully
// convolutional (as the papers' conv layers), and resized to its input size when it is not.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { convEncoder } from '@tessera/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { METHODS, mnistAugment, pretrain } from '../index.node';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A dense encoder: it takes only its declared 28×28 input. */
const denseEncoder = () =>
  tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape: [28, 28, 1] }),
      tfl.layers.dense({ units: 16, activation: 'relu' }),
    ],
  });

/** The spatial sizes the encoder saw in training mode during a 2-step run. */
async function sizesSeen(method: 'jigsaw' | 'relative-position', encoder: tfl.LayersModel) {
  const seen = new Set<string>();
  const apply = encoder.apply.bind(encoder);
  encoder.apply = ((x: tf.Tensor, kwargs?: { training?: boolean }) => {
    if (kwargs?.training) seen.add(`${x.shape[1]}×${x.shape[2]}`);
    return apply(x, kwargs);
  }) as typeof encoder.apply;
  const result = await pretrain({
    method,
    methodOptions: method === 'jigsaw' ? { permutations: 6, hiddenDim: 8 } : { hiddenDim: 8 },
    data: { images: new Float32Array(8 * 784).fill(0.5), shape: [8, 28, 28, 1] },
    encoder,
    augment: mnistAugment(),
    batchSize: 4,
    maxSteps: 2,
  });
  result.dispose();
  encoder.dispose();
  return [...seen];
}

describe.each(['jigsaw', 'relative-position'] as const)('%s', (method) => {
  it('gives a fully convolutional encoder its 7×7 tiles as they are', async () => {
    expect(METHODS[method].usesEncoder).toBe(true);
    const encoder = convEncoder({ inputShape: [28, 28, 1], filters: [4, 8] });
    expect(await sizesSeen(method, encoder)).toEqual(['7×7']);
  });

  it('resizes them to 28×28 for an encoder that takes only its input size', async () => {
    expect(await sizesSeen(method, denseEncoder())).toEqual(['28×28']);
  });
});
