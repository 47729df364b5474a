import * as tf from '@tensorflow/tfjs-core';
import {
  barlowTwinsReference,
  cmcReference,
  contrastiveReference,
  cpcReference,
  describeWithBackends,
  expectTensorClose,
  infoNceReference,
  memoryBankReference,
  randomMatrix,
  tripletMarginReference,
  vicRegReference,
} from '@tessera/test-utils';
import { it } from 'vitest';
import { barlowTwinsLoss } from './barlow-twins-loss';
import { contrastiveLoss } from './contrastive-loss';
import { cpcLoss } from './cpc-loss';
import { infoNceLoss } from './info-nce-loss';
import { memoryBankLoss } from './memory-bank-loss';
import { multiViewContrastiveLoss } from './multi-view-contrastive-loss';
import { tripletMarginLoss } from './triplet-margin-loss';
import { vicRegLoss } from './vic-reg-loss';

// Each vectorised loss against a loop written from its paper's pseudocode (test-utils/references),
// on random inputs with seeds other than the golden files' (lightly's way of testing).
const m2 = (rows: number, cols: number, seed: number) => randomMatrix(rows, cols, seed);
const m3 = (n: number, t: number, d: number, seed: number) =>
  m2(n, t * d, seed).map((r) => Array.from({ length: t }, (_, k) => r.slice(k * d, (k + 1) * d)));
const close = (loss: tf.Tensor, expected: number) => {
  expectTensorClose(loss, [expected], { rtol: 2e-4, atol: 1e-5 });
  loss.dispose();
};

describeWithBackends('losses agree with loop implementations of their papers', () => {
  it.each([101, 102])('infoNceLoss (seed %i)', (s) => {
    const [q, k, n] = [m2(5, 6, s), m2(5, 6, s + 1), m2(9, 6, s + 2)];
    close(
      infoNceLoss(tf.tensor2d(q), tf.tensor2d(k), tf.tensor2d(n), { temperature: 0.2 }),
      infoNceReference(q, k, n, 0.2),
    );
  });

  it.each([103, 104])('memoryBankLoss (seed %i)', (s) => {
    const [f, bank] = [m2(4, 5, s), m2(12, 5, s + 1)];
    close(
      memoryBankLoss(tf.tensor2d(f), tf.tensor2d(bank), [3, 0, 11, 3], { temperature: 0.1 }),
      memoryBankReference(f, bank, [3, 0, 11, 3], 0.1),
    );
  });

  it.each([105, 106])('cpcLoss (seed %i)', (s) => {
    const [p, e] = [m3(4, 3, 5, s), m3(4, 3, 5, s + 1)];
    close(cpcLoss(tf.tensor3d(p), tf.tensor3d(e)), cpcReference(p, e));
  });

  it.each([
    [107, 'full-graph'],
    [108, 'core-view'],
  ] as const)('multiViewContrastiveLoss (seed %i, %s)', (s, mode) => {
    const views = [0, 1, 2, 3].map((k) => m2(5, 4, s + 10 * k));
    close(
      multiViewContrastiveLoss(
        views.map((v) => tf.tensor2d(v)),
        { temperature: 0.3, mode },
      ),
      cmcReference(views, 0.3, mode),
    );
  });

  it.each([109, 110])('contrastiveLoss (seed %i)', (s) => {
    const [a, b] = [m2(6, 3, s), m2(6, 3, s + 1)];
    const y = [1, 0, 0, 1, 0, 1];
    close(
      contrastiveLoss(tf.tensor2d(a), tf.tensor2d(b), y, { margin: 1.5 }),
      contrastiveReference(a, b, y, 1.5),
    );
  });

  it.each([111, 112])('tripletMarginLoss (seed %i)', (s) => {
    const [a, p, n] = [m2(6, 4, s), m2(6, 4, s + 1), m2(6, 4, s + 2)];
    close(
      tripletMarginLoss(tf.tensor2d(a), tf.tensor2d(p), tf.tensor2d(n), { margin: 0.7 }),
      tripletMarginReference(a, p, n, 0.7),
    );
  });

  it.each([113, 114])('barlowTwinsLoss (seed %i)', (s) => {
    const [a, b] = [m2(10, 4, s), m2(10, 4, s + 1)];
    close(barlowTwinsLoss(tf.tensor2d(a), tf.tensor2d(b)), barlowTwinsReference(a, b, 0.0051));
  });

  it.each([115, 116])('vicRegLoss (seed %i)', (s) => {
    const [a, b] = [m2(10, 4, s), m2(10, 4, s + 1)];
    close(vicRegLoss(tf.tensor2d(a), tf.tensor2d(b)), vicRegReference(a, b));
  });
});
