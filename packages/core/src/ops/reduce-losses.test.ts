import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectNoLeak } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { reduceLosses } from './reduce-losses';

describeWithBackends('reduceLosses', () => {
  it('none keeps, mean averages, sum adds; an empty batch gives 0', () => {
    const v = tf.tensor1d([1, 2, 6]);
    const none = reduceLosses(v, 'none', 'f');
    expect(none).toBe(v);
    const m = reduceLosses(v, 'mean', 'f');
    const s = reduceLosses(v, 'sum', 'f');
    expect([m.dataSync()[0], s.dataSync()[0]]).toEqual([3, 9]);
    const empty = tf.zeros([0]);
    const e1 = reduceLosses(empty, 'mean', 'f');
    const e2 = reduceLosses(empty, 'sum', 'f');
    expect([e1.dataSync()[0], e2.dataSync()[0]]).toEqual([0, 0]);
    tf.dispose([v, m, s, empty, e1, e2]);
  });

  it('throws: unknown reduction, naming the loss', () => {
    const v = tf.ones([2]);
    expect(() => reduceLosses(v, 'avg' as never, 'ntXentLoss')).toThrow(
      /^ntXentLoss: reduction must be one of 'none', 'mean', 'sum', got 'avg'\.$/,
    );
    v.dispose();
  });

  it('does not leak tensors', async () => {
    const v = tf.ones([4]);
    await expectNoLeak(() => reduceLosses(v, 'mean', 'f').dispose());
    v.dispose();
  });
});
