import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@tessera/core';
import type { ImageSource } from '@tessera/data';
import type { StepInput } from '../methods/types';
import { deriveSeed, SALT } from './seeds';

/** What a step's batch is made of (the loop adds the seed and step). @internal */
export type Batch = Omit<StepInput, 'seed' | 'step'>;

/**
 * Reads step `s`'s batch: the next `batchSize` items of epoch `⌊s / stepsPerEpoch⌋`'s seeded
 * permutation (the last partial batch of an epoch dropped), or the items the method chooses
 * (`batchIndices`, e.g. P×K class-balanced batches). A source held in memory is read in place;
 * any other is read one step ahead — step s + 1's images are requested as step s's are handed
 * out, so decoding overlaps the training step — and at most that one batch waits in memory.
 * Each call returns new tensors the caller disposes.
 * @internal
 */
export function createBatchReader(
  source: ImageSource,
  batchSize: number,
  seed: number,
  chooseIndices?: (step: number, seed: number) => Int32Array,
): (step: number) => Promise<Batch> {
  const n = source.size;
  const [h, w, c] = source.shape;
  const stepsPerEpoch = Math.floor(n / batchSize);
  let order: Int32Array | null = null;
  let orderEpoch = -1;
  const indicesOf = (step: number): Int32Array => {
    if (chooseIndices)
      return chooseIndices(
        step,
        deriveSeed(deriveSeed(seed, step, SALT.step), 0, SALT.batchIndices),
      );
    const epoch = Math.floor(step / stepsPerEpoch);
    if (epoch !== orderEpoch) {
      order = createRng(deriveSeed(seed, epoch, SALT.dataOrder)).permutation(n);
      orderEpoch = epoch;
    }
    const start = (step % stepsPerEpoch) * batchSize;
    return (order as Int32Array).slice(start, start + batchSize);
  };
  let ahead: { step: number; indices: Int32Array; values: Promise<Float32Array> } | null = null;
  const request = (step: number) => {
    const indices = indicesOf(step);
    const values = source.read(indices);
    values.catch(() => {}); // a failed read surfaces when its step awaits it, not as unhandled
    return { step, indices, values };
  };
  return async (step) => {
    let indices: Int32Array;
    let values: Float32Array;
    if (source.readSync) {
      indices = indicesOf(step);
      values = source.readSync(indices);
    } else {
      const pending: NonNullable<typeof ahead> = ahead?.step === step ? ahead : request(step);
      ahead = request(step + 1);
      indices = pending.indices;
      values = await pending.values;
    }
    const images = tf.tensor4d(values, [batchSize, h, w, c]);
    if (!source.labels) return { images, indices };
    const labelValues = Int32Array.from(indices, (k) => source.labels![k] as number);
    return { images, labels: tf.tensor1d(labelValues, 'int32'), labelValues, indices };
  };
}
