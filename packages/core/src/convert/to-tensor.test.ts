import * as tf from '@tensorflow/tfjs-core';
import { describeWithBackends, expectNoLeak, expectTensorClose } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { toTensor1D, toTensor2D, toTensor3D, toTensor4D } from './to-tensor';

describeWithBackends('toTensorND', () => {
  it('builds tensors of each rank from nested arrays', () => {
    const a = toTensor1D([1, 2, 3]);
    const b = toTensor2D([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const c = toTensor3D([[[1], [2]]]);
    const d = toTensor4D([[[[0.5]]]]);
    expect([a.shape, b.shape, c.shape, d.shape]).toEqual([[3], [3, 2], [1, 2, 1], [1, 1, 1, 1]]);
    expect(b.dtype).toBe('float32');
    expectTensorClose(b, [
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    tf.dispose([a, b, c, d]);
  });

  it('accepts typed arrays for rank 1 and typed rows for rank 2', () => {
    const a = toTensor1D(new Int32Array([4, 5]), { dtype: 'int32' });
    expect(a.dtype).toBe('int32');
    const b = toTensor2D([new Float32Array([1, 2]), new Float32Array([3, 4])]);
    expectTensorClose(b, [
      [1, 2],
      [3, 4],
    ]);
    tf.dispose([a, b]);
  });

  it('returns the same tensor when rank and dtype already match, and casts otherwise', () => {
    const t = tf.tensor2d([[1, 2]]);
    expect(toTensor2D(t)).toBe(t);
    const i = toTensor2D(t, { dtype: 'int32' });
    expect(i).not.toBe(t);
    expect(i.dtype).toBe('int32');
    tf.dispose([t, i]);
  });

  it('throws: wrong rank, for tensors and arrays', () => {
    const t = tf.zeros([2, 3, 4]);
    expect(() => toTensor2D(t as never, { functionName: 'boxIou', argument: 'boxes1' })).toThrow(
      /^boxIou: boxes1 must be rank 2, got rank 3 \(shape \[2,3,4\]\)\.$/,
    );
    expect(() =>
      toTensor2D([1, 2, 3, 4] as never, { functionName: 'nms', argument: 'boxes' }),
    ).toThrow(/^nms: boxes must be rank 2, got a nested array of rank 1 \(shape \[4\]\)\.$/);
    expect(() => toTensor2D(new Float32Array(4) as never)).toThrow(/toTensor2D: x must be rank 2/);
    t.dispose();
  });

  it('throws: unknown dtype', () => {
    expect(() => toTensor1D([1], { dtype: 'float16' as never })).toThrow(
      /toTensor1D: dtype must be one of 'float32', 'int32', 'bool', got 'float16'\./,
    );
  });

  it('does not leak tensors inside tf.tidy', async () => {
    await expectNoLeak(() => {
      tf.tidy(() => {
        toTensor2D([[1, 2]]);
        toTensor4D([[[[1]]]]);
      });
    });
  });
});

describeWithBackends(
  'toTensorND dtype checks',
  () => {
    it('throws: fractions for an int32 tensor are not truncated silently', () => {
      expect(() =>
        toTensor1D([1, 2.5], { dtype: 'int32', functionName: 'assignAnchors', argument: 'labels' }),
      ).toThrow(/^assignAnchors: labels must contain only int32 integers, got 2\.5 at index 1\.$/);
    });

    it('builds bool tensors from 0/1', () => {
      const b = toTensor1D([0, 1, 2], { dtype: 'bool' });
      expect(Array.from(b.dataSync())).toEqual([0, 1, 1]);
      b.dispose();
    });
  },
  { backends: ['cpu'] },
);
