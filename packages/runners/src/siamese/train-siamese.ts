import { siamese, type SiameseOptions } from '../methods/siamese';
import type { PretrainOptions, PretrainResult } from '../pretrain/types';

/** Options of {@link TrainSiamese}: `pretrain`'s (labelled data required) and the siamese loss. @category Training */
export type TrainSiameseOptions = Omit<PretrainOptions, 'method' | 'methodOptions'> &
  Partial<SiameseOptions>;

/**
 * Trains a few-shot encoder with a siamese loss — pair BCE, contrastive, or triplet with
 * `'none'` / `'batch-hard'` / `'batch-all'` mining on P×K class-balanced batches — through the same loop as `pretrain` (epochs,
 * time budget, seeded order, progress, abort, checkpoints and resume).
 * @example
 * ```ts
 * const { encoder } = await trainSiamese({ data: train, loss: 'triplet', mining: 'batch-all', batchSize: 64, epochs: 2 });
 * const { rows } = await evaluateRepresentation({ encoder, train, test, protocols: ['few-shot'] });
 * ```
 * @category Training
 */
export type TrainSiamese = (options: TrainSiameseOptions) => Promise<PretrainResult>;

/** Binds `trainSiamese` to an entry point's `pretrain`. @internal */
export function createTrainSiamese(
  pretrain: (options: PretrainOptions) => Promise<PretrainResult>,
): TrainSiamese {
  return ({ loss, mining, margin, augmented, samplesPerClass, ...rest }) =>
    pretrain({
      ...rest,
      method: siamese as never,
      methodOptions: {
        ...(loss !== undefined ? { loss } : {}),
        ...(mining !== undefined ? { mining } : {}),
        ...(margin !== undefined ? { margin } : {}),
        ...(augmented !== undefined ? { augmented } : {}),
        ...(samplesPerClass !== undefined ? { samplesPerClass } : {}),
      },
    });
}
