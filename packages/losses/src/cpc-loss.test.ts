import * as tf from '@tensorflow/tfjs-core';
import {
  describeWithBackends,
  expectGoldenLoss,
  expectNoLeak,
  expectTensorClose,
  expectTrainsWithoutLeak,
  loadGolden,
  randomMatrix,
} from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { cpcLoss } from './cpc-loss';

const golden = loadGolden('cpc_infonce');

describeWithBackends('cpcLoss', () => {
  it.each(golden.cases)('values and gradients match PyTorch: $name', (c) => {
    expectGoldenLoss({
      golden: c,
      loss: ({ predictions, encodings }) =>
        cpcLoss(predictions as tf.Tensor3D, encodings as tf.Tensor3D),
      rtol: c.name.startsWith('large_logits') ? 1e-3 : 1e-4,
    });
  });

  it("reduction 'none' gives [batch, steps]; its mean over batch matches the per-step loss", () => {
    const c = golden.cases[1]!;
    const p = tf.tensor3d(c.inputs.predictions as number[][][]);
    const e = tf.tensor3d(c.inputs.encodings as number[][][]);
    const per = cpcLoss(p, e, { reduction: 'none' });
    expect(per.shape).toEqual([p.shape[0], p.shape[1]]);
    const perStep = tf.mean(per, 0);
    expectTensorClose(perStep, c.aux!.per_step_loss as number[]);
    tf.dispose([p, e, per, perStep]);
  });

  it('throws: shape mismatch and rank', () => {
    const a = tf.zeros([2, 3, 4]) as tf.Tensor3D;
    expect(() => cpcLoss(a, tf.zeros([2, 2, 4]) as tf.Tensor3D)).toThrow(
      /^cpcLoss: predictions and encodings must have the same shape, got \[2,3,4\] and \[2,2,4\]\.$/,
    );
    expect(() => cpcLoss(tf.zeros([2, 4]) as never, a)).toThrow(
      /^cpcLoss: predictions must be rank 3, got rank 2/,
    );
    a.dispose();
  });

  it('does not leak tensors, and trains with optimizer.minimize', async () => {
    const p = tf.tensor3d(
      randomMatrix(4, 3 * 5, 1).map((r) => [r.slice(0, 5), r.slice(5, 10), r.slice(10, 15)]),
    );
    const e = tf.tensor3d(
      randomMatrix(4, 3 * 5, 2).map((r) => [r.slice(0, 5), r.slice(5, 10), r.slice(10, 15)]),
    );
    await expectNoLeak(() => cpcLoss(p, e).dispose());
    expectTrainsWithoutLeak(([x]) => cpcLoss(x as tf.Variable<tf.Rank.R3>, e) as tf.Scalar, [p]);
    tf.dispose([p, e]);
  });
});
