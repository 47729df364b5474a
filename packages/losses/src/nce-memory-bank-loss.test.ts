import * as tf from '@tensorflow/tfjs-core';
import {
  describeWithBackends,
  expectGoldenLoss,
  expectNoLeak,
  expectTrainsWithoutLeak,
  loadGolden,
  randomMatrix,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { estimateNceNormalizer, nceMemoryBankLoss } from './nce-memory-bank-loss';

// Values from tests/fixtures/reference/gen_golden_cmc_nce.py (torch, float64, lemniscate's criterion).
const cases = loadGolden('cmc_nce').cases.filter((c) => c.params!.kind === 'nce');

describeWithBackends('nceMemoryBankLoss', () => {
  it.each(cases)('values and gradients match the reference: $name', (c) => {
    const { temperature, normalizer } = c.params as {
      temperature: number;
      normalizer: number | null;
    };
    expectGoldenLoss({
      golden: c,
      intInputs: ['indices', 'noise'],
      loss: ({ features, bank, indices, noise }) =>
        nceMemoryBankLoss(features as tf.Tensor2D, bank as tf.Tensor2D, indices as tf.Tensor1D, {
          temperature,
          noiseIndices: noise as tf.Tensor2D,
          ...(normalizer === null ? {} : { normalizer }),
        }),
    });
  });

  it('estimateNceNormalizer gives the reference Z, and passing it back gives the same loss', () => {
    const c = cases[0]!;
    const f = tf.tensor2d(c.inputs.features as number[][]);
    const bank = tf.tensor2d(c.inputs.bank as number[][]);
    const opts = {
      temperature: c.params!.temperature as number,
      noiseIndices: c.inputs.noise as number[][],
    };
    const z = estimateNceNormalizer(f, bank, c.inputs.indices as number[], opts);
    expect(Math.abs(z / (c.aux!.normalizer as number) - 1)).toBeLessThan(1e-5);
    const loss = nceMemoryBankLoss(f, bank, c.inputs.indices as number[], {
      ...opts,
      normalizer: z,
    });
    expect(loss.dataSync()[0]).toBeCloseTo(c.expected as number, 3);
    tf.dispose([f, bank, loss]);
  });

  it('draws the same noise for the same seed, other noise for another', () => {
    const f = tf.tensor2d(randomMatrix(3, 4, 1));
    const bank = tf.tensor2d(randomMatrix(40, 4, 2));
    const run = (seed: number) =>
      nceMemoryBankLoss(f, bank, [0, 1, 2], {
        noiseSamples: 8,
        seed,
        normalizer: 10,
      }).dataSync()[0];
    expect(run(5)).toBe(run(5));
    expect(run(5)).not.toBe(run(6));
    tf.dispose([f, bank]);
  });

  it('throws: bad indices, noise shape, normalizer', () => {
    const f = tf.zeros([2, 4]) as tf.Tensor2D;
    const bank = tf.zeros([10, 4]) as tf.Tensor2D;
    expect(() => nceMemoryBankLoss(f, bank, [0, 10])).toThrow(
      /^nceMemoryBankLoss: indices must be in \[0, 10\), got 10\.$/,
    );
    expect(() => nceMemoryBankLoss(f, bank, [0, 1], { noiseIndices: [[1, 2, 3]] })).toThrow(
      /^nceMemoryBankLoss: noiseIndices must have shape \[2, m >= 1\], got 3 values\.$/,
    );
    expect(() => nceMemoryBankLoss(f, bank, [0, 1], { normalizer: 0 })).toThrow(
      /^nceMemoryBankLoss: normalizer must be > 0, got 0\.$/,
    );
    expect(() => nceMemoryBankLoss(f, bank, [0, 1], { noiseSamples: 0 })).toThrow(
      /noiseSamples must be an integer >= 1, got 0/,
    );
    tf.dispose([f, bank]);
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const f = tf.tensor2d(randomMatrix(4, 6, 3));
    const bank = tf.tensor2d(randomMatrix(30, 6, 4));
    await expectNoLeak(() =>
      nceMemoryBankLoss(f, bank, [1, 2, 3, 4], { noiseSamples: 16 }).dispose(),
    );
    expectTrainsWithoutLeak(
      ([x]) =>
        nceMemoryBankLoss(x as tf.Variable<tf.Rank.R2>, bank, [1, 2, 3, 4], {
          noiseSamples: 16,
          normalizer: 30,
        }),
      [f],
    );
    tf.dispose([f, bank]);
  });
});
