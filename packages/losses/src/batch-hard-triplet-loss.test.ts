import * as tf from '@tensorflow/tfjs-core';
import {
  batchHardReference,
  describeWithBackends,
  expectGoldenLoss,
  expectNoLeak,
  expectTensorClose,
  expectTrainsWithoutLeak,
  loadGolden,
  randomMatrix,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { batchHardTripletLoss } from './batch-hard-triplet-loss';

const cases = loadGolden('triplet').cases.filter((c) => c.params!.kind === 'batch_hard');

describeWithBackends('batchHardTripletLoss', () => {
  it.each(cases)('values and gradients match the reference: $name', (c) => {
    const margin = c.params!.margin as number | 'soft';
    expectGoldenLoss({
      golden: c,
      intInputs: ['labels'],
      loss: ({ embeddings, labels }) =>
        batchHardTripletLoss(embeddings as tf.Tensor2D, labels as tf.Tensor1D, { margin }),
    });
  });

  it.each([
    [21, 0.3],
    [22, 'soft'],
    [23, 1],
  ] as const)('agrees with a naive loop implementation (seed %i, margin %s)', (seed, margin) => {
    const e = randomMatrix(12, 5, seed);
    const labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3];
    const loss = batchHardTripletLoss(tf.tensor2d(e), labels, { margin });
    expectTensorClose(loss, [batchHardReference(e, labels, margin)], { rtol: 1e-4, atol: 1e-5 });
    loss.dispose();
  });

  it('mines any label values in any order, with duplicate rows, as the loops do', () => {
    // 72 rows, 6 classes with scattered label values, shuffled; row 5 repeats row 0 (a positive at
    // distance 0) and row 9 repeats row 1 under another label (a negative at distance 0)
    const values = [-5, 3, 1_000_000, 42, 0, 7];
    const labels = Array.from({ length: 72 }, (_, i) => values[(i * 7) % 6]!);
    const e = randomMatrix(72, 16, 31);
    labels[5] = labels[0]!;
    e[5] = [...e[0]!];
    labels[9] = labels[1] === 42 ? 0 : 42;
    e[9] = [...e[1]!];
    for (const margin of [0.3, 'soft'] as const) {
      const x = tf.tensor2d(e);
      const { value, grads } = tf.valueAndGrads(
        (v: tf.Tensor) => batchHardTripletLoss(v as tf.Tensor2D, labels, { margin }) as tf.Scalar,
      )([x]);
      expectTensorClose(value, [batchHardReference(e, labels, margin)], { rtol: 1e-4, atol: 1e-5 });
      expect(Array.from(grads[0]!.dataSync()).every(Number.isFinite)).toBe(true);
      tf.dispose([x, value, ...grads]);
    }
  });

  it("sends a tied hardest distance's gradient to the first index, as PyTorch's max(dim) does", () => {
    // anchor 0's two positives are both at distance 1, anchor 3's both at 1.868; both anchors'
    // losses are active. Expected from torch 1.13, float64: d = torch.cdist(x, x);
    // hp = (d * pos).max(1).values; hn = d.masked_fill(~neg, inf).min(1).values;
    // relu(hp - hn + 0.3).mean().backward()
    const x = tf.tensor2d([
      [0, 0],
      [1, 0],
      [-1, 0],
      [0, 1.2],
      [0.5, 3],
      [-0.5, 3],
    ]);
    const labels = [0, 0, 0, 1, 1, 1];
    const { value, grads } = tf.valueAndGrads(
      (e: tf.Tensor) => batchHardTripletLoss(e as tf.Tensor2D, labels) as tf.Scalar,
    )([x]);
    expectTensorClose(value, [0.4240090498107132], { rtol: 1e-5 });
    expectTensorClose(
      grads[0]!,
      [
        [-0.16666666666666666, 0.3333333333333333],
        [0.39330260005592, 0.12803687993289598],
        [-0.22663593338925334, 0.12803687993289598],
        [-0.044607310631015765, -0.749993411470782],
        [0.044607310631015765, 0.16058631827165676],
        [0, 0],
      ],
      { rtol: 1e-5, atol: 1e-6 },
    );
    tf.dispose([x, value, ...grads]);
  });

  it('throws: an anchor without a positive, or without a negative', () => {
    const e = tf.zeros([4, 2]) as tf.Tensor2D;
    expect(() => batchHardTripletLoss(e, [0, 0, 1, 2])).toThrow(
      /^batchHardTripletLoss: labels must give every anchor a positive and a negative \(use classBalancedSampler for P×K batches\), got a batch where label 1 appears only once\.$/,
    );
    expect(() => batchHardTripletLoss(e, [3, 3, 3, 3])).toThrow(
      /got a batch where every sample has label 3\./,
    );
    expect(() => batchHardTripletLoss(e, [0, 0, 1, 1], { margin: -1 })).toThrow(
      /margin must be >= 0/,
    );
    e.dispose();
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const e = tf.tensor2d(randomMatrix(8, 4, 5));
    const labels = [0, 0, 1, 1, 2, 2, 3, 3];
    await expectNoLeak(() => batchHardTripletLoss(e, labels).dispose());
    expectTrainsWithoutLeak(
      ([x]) =>
        batchHardTripletLoss(x as tf.Variable<tf.Rank.R2>, labels, { margin: 1 }) as tf.Scalar,
      [e],
    );
    e.dispose();
  });
});
