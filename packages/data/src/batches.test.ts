import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectTensorClose } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { batches } from './batches';

const images = Float32Array.from({ length: 10 * 4 }, (_, i) => i); // 10 items of shape [2, 2, 1]
const labels = Int32Array.from({ length: 10 }, (_, i) => i % 3);
const data = { images, labels, shape: [10, 2, 2, 1] };

describeWithBackends('batches', () => {
  it('visits every item once per epoch, in seeded shuffled order, with matching labels', async () => {
    const seen: number[] = [];
    for await (const { x, y, indices } of batches(data, { batchSize: 4, seed: 3 })) {
      expect(x.shape.slice(1)).toEqual([2, 2, 1]);
      const xs = x.dataSync();
      indices.forEach((i, k) => expect(xs[k * 4]).toBe(i * 4));
      expect(Array.from(y!.dataSync())).toEqual(Array.from(indices, (i) => labels[i]!));
      seen.push(...indices);
    }
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const order = async (seed: number) => {
      const out: number[] = [];
      for await (const b of batches(data, { batchSize: 10, seed })) out.push(...b.indices);
      return out;
    };
    expect(await order(3)).toEqual(await order(3));
    expect(await order(3)).not.toEqual(await order(4));
  });

  it('dropLast skips the short batch; shuffle false keeps dataset order', async () => {
    const sizes: number[] = [];
    for await (const b of batches(data, { batchSize: 4, dropLast: true, shuffle: false }))
      sizes.push(b.indices.length);
    expect(sizes).toEqual([4, 4]);
    const first = (await batches(data, { batchSize: 3, shuffle: false }).next()).value!;
    expect(Array.from(first.indices)).toEqual([0, 1, 2]);
  });

  it('accepts tensors', async () => {
    const x = tf.tensor2d([[1], [2], [3]]);
    const y = tf.tensor1d([0, 1, 0], 'int32');
    for await (const b of batches({ x, y }, { batchSize: 3, shuffle: false })) {
      expectTensorClose(b.x, [[1], [2], [3]]);
      expect(Array.from(b.y!.dataSync())).toEqual([0, 1, 0]);
    }
    tf.dispose([x, y]);
  });

  it('leaks no tensors over a full epoch, nor when the loop breaks early', async () => {
    const before = tf.memory().numTensors;
    for await (const b of batches(data, { batchSize: 3, seed: 1 }))
      expect(b.x.isDisposed).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
    for await (const b of batches(data, { batchSize: 3 })) {
      expect(b.indices.length).toBe(3);
      break;
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('throws: empty dataset, label count mismatch, bad batch size', async () => {
    await expect(
      batches({ images: new Float32Array(0), shape: [0, 2] }, { batchSize: 2 }).next(),
    ).rejects.toThrow(/^batches: dataset must not be empty, got 0 items\.$/);
    await expect(
      batches({ ...data, labels: new Int32Array(3) }, { batchSize: 2 }).next(),
    ).rejects.toThrow(/^batches: dataset labels must have one value per item \(10\), got 3\.$/);
    await expect(batches(data, { batchSize: 0 }).next()).rejects.toThrow(
      /^batches: batchSize must be an integer >= 1, got 0\.$/,
    );
    await expect(batches({ images, shape: [9, 2, 2, 1] }, { batchSize: 2 }).next()).rejects.toThrow(
      /dataset.images must have 36 values for shape \[9,2,2,1\], got 40/,
    );
  });
});
