import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@tessera/core';
import type { StepInput } from '../methods/types';
import { deriveSeed, SALT } from './seeds';
import type { ImageData } from './types';

/** What a step's batch is made of (the loop adds the seed and step). @internal */
export type Batch = Omit<StepInput, 'seed' | 'step'>;

/**
 * Reads step `s`'s batch: the next `batchSize` items of epoch `⌊s / stepsPerEpoch⌋`'s seeded
 * permutation (the last partial batch of an epoch dropped), or the items the method chooses
 * (`batchIndices`, e.g. P×K class-balanced batches). One staging buffer is reused; each call
 * returns new tensors the caller disposes.
 * @internal
 */
export function createBatchReader(
  data: ImageData,
  batchSize: number,
  seed: number,
  chooseIndices?: (step: number, seed: number) => Int32Array,
): (step: number, stepSeed: number) => Batch {
  const [n, h, w, c] = data.shape;
  const stepsPerEpoch = Math.floor(n / batchSize);
  const itemSize = h * w * c;
  const values = new Float32Array(batchSize * itemSize);
  const labelValues = new Int32Array(batchSize);
  let order: Int32Array | null = null;
  let orderEpoch = -1;
  const permuted = (step: number): Int32Array => {
    const epoch = Math.floor(step / stepsPerEpoch);
    if (epoch !== orderEpoch) {
      order = createRng(deriveSeed(seed, epoch, SALT.dataOrder)).permutation(n);
      orderEpoch = epoch;
    }
    const start = (step % stepsPerEpoch) * batchSize;
    return (order as Int32Array).slice(start, start + batchSize);
  };
  return (step, stepSeed) => {
    const indices = chooseIndices
      ? chooseIndices(step, deriveSeed(stepSeed, 0, SALT.batchIndices))
      : permuted(step);
    for (let i = 0; i < batchSize; i++) {
      const item = indices[i] as number;
      values.set(data.images.subarray(item * itemSize, (item + 1) * itemSize), i * itemSize);
      if (data.labels) labelValues[i] = data.labels[item] as number;
    }
    const images = tf.tensor4d(values, [batchSize, h, w, c]);
    if (!data.labels) return { images, indices };
    return {
      images,
      labels: tf.tensor1d(labelValues, 'int32'),
      labelValues: labelValues.slice(),
      indices,
    };
  };
}
