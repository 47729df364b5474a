import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeWithBackends } from './describe-with-backends';
import { expectNoLeak } from './expect-no-leak';

describeWithBackends('expectNoLeak', () => {
  it('passes when every tensor made is disposed, and returns the result', async () => {
    const out = await expectNoLeak(() => tf.tidy(() => tf.add(tf.ones([2]), 1).dataSync()[0]));
    expect(out).toBe(2);
  });

  it('fails with the count when tensors leak (sync and async)', async () => {
    let kept: tf.Tensor[] = [];
    await expect(expectNoLeak(() => void (kept = [tf.ones([1]), tf.zeros([1])]))).rejects.toThrow(
      /^expectNoLeak: 2 tensor\(s\) leaked \(numTensors \d+ before, \d+ after\) on backend '(cpu|wasm)'\.$/,
    );
    tf.dispose(kept);
    await expect(
      expectNoLeak(async () => {
        await Promise.resolve();
        kept = [tf.ones([1])];
      }),
    ).rejects.toThrow(/1 tensor\(s\) leaked/);
    tf.dispose(kept);
  });

  it('fails when the function disposes tensors it did not make', async () => {
    const outside = tf.ones([1]);
    await expect(expectNoLeak(() => outside.dispose())).rejects.toThrow(
      /1 tensor\(s\) disposed that the function did not own/,
    );
  });
});
