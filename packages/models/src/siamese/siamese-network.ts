import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { fail } from '../internal/fail';
import { AbsoluteDifference } from './absolute-difference';

/** What {@link siameseNetwork} returns. */
export interface SiameseNetwork {
  /** Two inputs → one similarity logit `[N, 1]` (use with a sigmoid BCE loss). */
  readonly model: tfl.LayersModel;
  /** The shared encoder (one set of weights serves both inputs). */
  readonly encoder: tfl.LayersModel;
  /** The encoder's embedding of `x`. */
  embed(x: tf.Tensor): tf.Tensor;
}

/**
 * A siamese network (Koch et al. 2015): one encoder applied to both inputs, and a head turning
 * the two embeddings into one logit — `'l1-dense'`: `|h₁ − h₂|` → dense(1) (Koch et al.);
 * `'cosine'`: cosine similarity → dense(1) (a learned scale and bias).
 *
 * @example
 * ```ts
 * const { model, embed } = siameseNetwork(convEncoder({ inputShape: [28, 28, 1], embeddingDim: 64 }));
 * const logit = model.predict([a, b]) as tf.Tensor; // [N, 1]
 * ```
 * @category Siamese
 */
export function siameseNetwork(
  encoder: tfl.LayersModel,
  { head = 'l1-dense' }: { head?: 'l1-dense' | 'cosine' } = {},
): SiameseNetwork {
  if (!encoder || !Array.isArray(encoder.inputs) || encoder.inputs.length !== 1) {
    fail('siameseNetwork', 'encoder', 'encoder must be a tf.LayersModel with one input.');
  }
  if (head !== 'l1-dense' && head !== 'cosine') {
    fail(
      'siameseNetwork',
      'head',
      `head must be 'l1-dense' or 'cosine', got ${JSON.stringify(head)}.`,
    );
  }
  const shape = encoder.inputs[0]!.shape.slice(1) as number[];
  const a = tfl.input({ shape, name: 'siamese_a' });
  const b = tfl.input({ shape, name: 'siamese_b' });
  const ha = encoder.apply(a) as tfl.SymbolicTensor;
  const hb = encoder.apply(b) as tfl.SymbolicTensor;
  const joined =
    head === 'l1-dense'
      ? (new AbsoluteDifference({ name: 'siamese_l1' }).apply([ha, hb]) as tfl.SymbolicTensor)
      : (tfl.layers
          .dot({ axes: 1, normalize: true, name: 'siamese_cosine' })
          .apply([ha, hb]) as tfl.SymbolicTensor);
  const logit = tfl.layers
    .dense({ units: 1, name: 'siamese_logit' })
    .apply(joined) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: [a, b], outputs: logit, name: 'siamese' });
  return { model, encoder, embed: (x) => encoder.predict(x) as tf.Tensor };
}
