import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { describeWithBackends } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { convEncoder } from './conv-encoder';

describeWithBackends('convEncoder: downsample and grid', ({ backend }) => {
  it(`downsample places the max-pools; grid keeps a g×g map of the last features [${backend}]`, () => {
    for (const [options, spatial, dim] of [
      [{}, [14, 14], 128], // the default: a pool after conv 1 of 3
      [{ downsample: [0, 1] }, [7, 7], 128],
      [{ downsample: [0, 1], grid: 2 }, [7, 7], 512],
      [{ downsample: [0, 1], grid: 2, gridPool: 'max' }, [7, 7], 512],
      [{ downsample: [], grid: 3 }, [28, 28], 1152],
      [{ grid: 2, embeddingDim: 32 }, [14, 14], 32],
    ] as const) {
      const enc = convEncoder({ inputShape: [28, 28, 1], ...options });
      const pools = enc.layers.filter((l) => l.getClassName() === 'MaxPooling2D');
      expect(pools).toHaveLength(options.downsample?.length ?? 1);
      const beforePool = enc.layers.find(
        (l) => /Pooling2D$/.test(l.getClassName()) && !pools.includes(l),
      );
      expect((beforePool!.input as tfl.SymbolicTensor).shape.slice(1, 3)).toEqual(spatial);
      const y = enc.predict(tf.zeros([2, 28, 28, 1])) as tf.Tensor;
      expect(y.shape).toEqual([2, dim]);
      y.dispose();
      enc.dispose();
    }
  });

  it(`grid 1 is global average pooling: the default encoder is unchanged [${backend}]`, () => {
    const a = tf.tidy(() => {
      const enc = convEncoder({ inputShape: [12, 12, 1], filters: [4, 8], grid: 1 });
      const b = convEncoder({ inputShape: [12, 12, 1], filters: [4, 8] });
      b.setWeights(enc.getWeights());
      const x = tf.randomUniform([3, 12, 12, 1], 0, 1, 'float32', 5);
      const diff = tf.max(tf.abs(tf.sub(enc.predict(x) as tf.Tensor, b.predict(x) as tf.Tensor)));
      expect(enc.layers.map((l) => l.getClassName())).toEqual(
        b.layers.map((l) => l.getClassName()),
      );
      enc.dispose();
      b.dispose();
      return diff;
    });
    expect(a.dataSync()[0]).toBe(0);
    a.dispose();
  });
});

it('throws: a downsample index out of range, a bad grid or grid pool, a grid larger than the last map', () => {
  expect(() => convEncoder({ inputShape: [8, 8, 1], downsample: [3] })).toThrow(
    /downsample\[0\] must be the index of a convolution \(0–2\), got 3/,
  );
  expect(() => convEncoder({ inputShape: [8, 8, 1], grid: 0 })).toThrow(/grid/);
  expect(() => convEncoder({ inputShape: [8, 8, 1], gridPool: 'min' as never })).toThrow(
    /gridPool must be 'average' or 'max', got min/,
  );
  expect(() => convEncoder({ inputShape: [8, 8, 1], downsample: [0, 1, 2], grid: 2 })).toThrow(
    /too small for 3 2×2 max-pool\(s\) and a 2×2 grid/,
  );
});
