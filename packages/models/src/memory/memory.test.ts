import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, l2Normalize } from '@tessera/core';
import {
  describeWithBackends,
  expectNoLeak,
  expectTensorClose,
  loadGolden,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { FeatureQueue } from './feature-queue';
import { MemoryBank } from './memory-bank';

describeWithBackends('MemoryBank', () => {
  // InstDisc keeps unit rows and normalised features; the golden file's `normalize: false` case
  // (raw rows and features) is a variant MemoryBank does not offer
  for (const c of loadGolden('instdisc_memory_bank').cases.filter(
    (g) => (g.params as { normalize: boolean }).normalize,
  )) {
    it(`update matches InstDisc's rule l2n(m·v + (1 − m)·f): ${c.name}`, () => {
      const p = c.params as { momentum: number };
      const indices = c.inputs.indices as number[];
      const rows = tf.tidy(() => l2Normalize(tf.tensor2d(c.inputs.bank as number[][])));
      const [size, dim] = rows.shape;
      const bank = new MemoryBank({ size, dim, momentum: p.momentum });
      bank.setState({ size, dim, momentum: p.momentum, values: rows.dataSync() as Float32Array });
      const features = tf.tensor2d(c.inputs.features as number[][]);
      bank.update(indices, features);
      const updated = bank.rows(indices);
      expectTensorClose(updated, c.aux!.updated_bank_rows as number[][], {
        atol: 1e-5,
        rtol: 1e-5,
      });
      const untouched = Array.from({ length: size }, (_, i) => i).filter(
        (i) => !indices.includes(i),
      );
      const kept = bank.rows(untouched);
      const expectedKept = tf.gather(rows, untouched);
      expectTensorClose(kept, expectedKept, { atol: 1e-7, rtol: 0 });
      tf.dispose([rows, features, updated, kept, expectedKept]);
      bank.dispose();
    });
  }

  it('starts with unit rows, samples negatives that are never the own row, and round-trips its state', async () => {
    const bank = new MemoryBank({ size: 50, dim: 8, seed: 3 });
    const norms = tf.tidy(() => tf.norm(bank.tensor(), 'euclidean', 1).dataSync());
    norms.forEach((n) => expect(Math.abs(n - 1)).toBeLessThan(1e-5));
    const own = [0, 7, 49];
    const neg = bank.sampleNegatives(200, { exclude: own });
    expect(neg.length).toBe(600);
    own.forEach((o, b) => {
      const row = neg.subarray(b * 200, (b + 1) * 200);
      expect(row.includes(o)).toBe(false);
      expect(Math.min(...row)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...row)).toBeLessThan(50);
    });
    const state = bank.getState();
    const other = new MemoryBank({ size: 50, dim: 8, seed: 9 });
    other.setState(state);
    expect(Array.from(other.tensor().dataSync())).toEqual(Array.from(state.values));
    const f = tf.randomNormal([4, 8]) as tf.Tensor2D;
    await expectNoLeak(() => {
      bank.update([1, 2, 2, 3], f);
      bank.rows([1]).dispose();
    });
    f.dispose();
    bank.dispose();
    other.dispose();
  });

  it('rejects bad input', () => {
    const bank = new MemoryBank({ size: 5, dim: 2 });
    const argumentOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return InvalidArgumentError.isInstance(e) ? e.argument : String(e);
      }
      return 'none';
    };
    expect(argumentOf(() => new MemoryBank({ size: 5, dim: 2, momentum: 1.5 }))).toBe('momentum');
    expect(argumentOf(() => bank.rows([5]))).toBe('indices');
    expect(argumentOf(() => bank.update([0], tf.zeros([1, 3]) as tf.Tensor2D))).toBe('features');
    expect(argumentOf(() => new MemoryBank({ size: 0, dim: 2 }))).toBe('size');
    bank.dispose();
  });
});

describeWithBackends('FeatureQueue', () => {
  it('is a FIFO: the oldest rows are overwritten first, wrapping around', () => {
    const q = new FeatureQueue({ size: 5, dim: 2, seed: 1 });
    const before = q.tensor().arraySync();
    const k1 = tf.tensor2d([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    const k2 = tf.tensor2d([
      [4, 4],
      [5, 5],
      [6, 6],
    ]);
    q.enqueue(k1);
    expect(q.position).toBe(3);
    q.enqueue(k2);
    expect(q.position).toBe(1);
    expect(q.tensor().arraySync()).toEqual([
      [6, 6],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    expect(before).toHaveLength(5);
    const state = q.getState();
    const r = new FeatureQueue({ size: 5, dim: 2 });
    r.setState(state);
    expect(r.tensor().arraySync()).toEqual(q.tensor().arraySync());
    expect(r.position).toBe(1);
    tf.dispose([k1, k2]);
    q.dispose();
    r.dispose();
  });
});
