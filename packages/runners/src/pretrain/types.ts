import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Transform } from '@tessera/augment';
import type { ImageSource } from '@tessera/data';
import type { CheckpointStore } from '../checkpoint/types';
import type { FrameworkDefaults } from '../framework-defaults';
import type { LearningRateSchedule } from './learning-rate';
import type { MethodName } from '../methods/registry';
import type { PretrainMethod } from '../methods/types';

/** Training images as one flat array (`MnistDataset` from `@tessera/data` is one). @category Training */
export interface ImageData {
  /** `N·H·W·C` floats in [0, 1], NHWC. */
  readonly images: Float32Array;
  /** `[N, H, W, C]`. */
  readonly shape: readonly [number, number, number, number];
  /** `[N]` class labels, when known (SupCon needs them; evaluation always does). */
  readonly labels?: Int32Array;
}

/** What `onProgress` receives. @category Training */
export type ProgressEvent =
  | {
      readonly type: 'step';
      readonly step: number;
      /** Fractional epochs done. */
      readonly epoch: number;
      readonly loss: number;
      /** Images per second over the last steps (each image counted once, whatever the views). */
      readonly imagesPerSecond: number;
      /** Training seconds so far. */
      readonly elapsedSeconds: number;
      /** Seconds left (budget or remaining steps at the current pace). */
      readonly etaSeconds: number;
      /** 0–1. */
      readonly fraction: number;
      readonly backend: string;
    }
  | { readonly type: 'checkpoint'; readonly step: number; readonly location: string }
  | { readonly type: 'resumed'; readonly step: number; readonly location: string };

/** Options of `pretrain`. @category Training */
export interface PretrainOptions {
  /** A built-in method's name or a {@link PretrainMethod} of your own. */
  method: MethodName | PretrainMethod<never>;
  /** The method's own options (temperature, queue size, …). */
  methodOptions?: object;
  /**
   * Training images in [0, 1]: arrays in memory (`loadMnist` returns them), or any `ImageSource`
   * of `@tessera/data` (`idxFiles`, `cifarBinary`, …), read batch by batch as training goes.
   */
  data: ImageData | ImageSource;
  /** The encoder to train. Default: {@link defaultEncoder} for the data's image shape. */
  encoder?: tfl.LayersModel;
  /** One view's augmentation. Default: {@link defaultAugment} of the images' shape ({@link mnistAugment} for grayscale). */
  augment?: Transform;
  /**
   * `[height, width]` the default augmentation resamples each view's crop to. Default: the images'
   * size. Smaller views make a step cheaper, so a time budget buys more steps; the encoder is still
   * applied to whole images at their own size once trained, where a random crop's contents look
   * smaller than they did in training — so views smaller than the image match what training saw
   * (Touvron et al. 2019, "Fixing the train-test resolution discrepancy"). The encoder must take
   * any input size (convolutions, then global or grid pooling, as {@link defaultEncoder}'s), and
   * the method must embed whole views ({@link PretrainMethod.resizableViews}). With your own
   * `augment`, set the size there instead.
   */
  viewSize?: readonly [number, number];
  /**
   * The default augmentation's smallest crop area fraction, in (0, 1]. Default: the recipe's own
   * (0.2 for grayscale images, 0.08 for colour ones). Larger crops keep more of each image in both
   * views: the main job takes 0.4 (chosen on a validation split). With your own `augment`, set the
   * crop there instead.
   */
  minCropScale?: number;
  /** Passes over the data. One of `epochs`, `budgetSeconds` or `maxSteps` is needed. */
  epochs?: number;
  /** Stop once this many seconds were spent training (data, augmentation, forward, backward, update). */
  budgetSeconds?: number | string;
  /** Stop after this many steps. */
  maxSteps?: number;
  /** Images per step (the last partial batch of an epoch is dropped). Default `256`. */
  batchSize?: number;
  /** `'adam'` (default), `'sgd'`, `'momentum'`, or a factory of your own. */
  optimizer?: 'adam' | 'sgd' | 'momentum' | ((learningRate: number) => tf.Optimizer);
  /** Default `1e-3`. */
  learningRate?: number;
  /**
   * `'constant'` (default) or `'cosine'`: decays the rate to 0 by the run's end (its step limit,
   * or its time budget when that ends it first), every optimizer of the method alike.
   */
  learningRateSchedule?: LearningRateSchedule;
  /** Steps over which the rate rises linearly from `learningRate / warmupSteps`. Default `0`. */
  warmupSteps?: number;
  /**
   * Which framework's defaults the models `pretrain` builds and Adam start from: `'tfjs'`
   * (Keras's: Glorot normal kernels, zero biases, batch-norm ε 1e-3, Adam ε 1e-7) or `'pytorch'`
   * (kernels and biases U(±1/√fan_in), batch-norm ε 1e-5, heads' running averages at PyTorch's
   * momentum, Adam ε 1e-8) — for a run meant to match a PyTorch reference from its first step. It
   * covers the default encoder, the methods' projection, prediction and classifier heads and the
   * `'adam'` optimizer; not an `encoder` or `optimizer` you pass, nor the generative methods' own
   * networks (autoencoder, VAE, GAN, CPC), which keep TF.js's. Default `'tfjs'`.
   */
  defaults?: FrameworkDefaults;
  /**
   * Seed of the data order, the augmentations, the method's randomness and the initial weights of
   * every model `pretrain` builds (the default encoder, heads, momentum copies): one seed, one run.
   * An `encoder` you pass keeps its weights. Default `0`.
   */
  seed?: number;
  /** Where checkpoints go (a folder in Node: `checkpointDir`; or any {@link CheckpointStore}). */
  checkpointStore?: CheckpointStore;
  /** Node: a folder for a {@link fileCheckpointStore}. */
  checkpointDir?: string;
  /** Save every this many steps (and at the end). Default `100`. */
  checkpointEvery?: number;
  /** Continue from the newest checkpoint in the store when there is one. Default `false`. */
  resume?: boolean;
  /** Called after every step and checkpoint. */
  onProgress?: (event: ProgressEvent) => void;
  /** Stops the run after the current step; a checkpoint is saved when there is a store. */
  signal?: AbortSignal;
}

/** What `pretrain` returns. @category Training */
export interface PretrainResult {
  /** The trained representation: `[N, H, W, C]` in [0, 1] → `[N, D]`. */
  readonly encoder: tfl.LayersModel;
  readonly method: string;
  readonly steps: number;
  readonly epochs: number;
  readonly trainSeconds: number;
  /** Loss of every step (from step 1; includes the steps before a resume). */
  readonly losses: readonly number[];
  /** Why training stopped. */
  readonly stopped: 'epochs' | 'budget' | 'max-steps' | 'aborted';
  readonly imagesPerSecond: number;
  /**
   * Training seconds in each phase since the start (or the resume): batch gathering, augmentation
   * (timed around the method's views; on asynchronous backends such as WebGL, the time to issue
   * them) and the rest of the step (forward, backward, optimizer update).
   */
  readonly timings: { readonly data: number; readonly augment: number; readonly step: number };
  /** Seconds of each step taken in this call (the throughput curve: `batchSize / stepSeconds[i]`). */
  readonly stepSeconds: readonly number[];
  /** The step this run resumed from (0 for a fresh run). */
  readonly resumedFrom: number;
  /** Frees the method's models and optimizers (the returned encoder too when the method built it). */
  dispose(): void;
}

/**
 * Self-supervised pretraining with one loop for every method: each step gathers a batch (a
 * seeded permutation per epoch, last partial batch dropped), lets the method augment it, compute
 * its loss and update (see `METHODS`), reads the loss back, reports progress, and checkpoints
 * every `checkpointEvery` steps. Runs until `epochs`, `maxSteps` or `budgetSeconds` of training
 * time is reached, or `signal` aborts (after the current step, saving a checkpoint).
 *
 * Deterministic for a seed: the initial weights of every model it builds, the data order of
 * epoch e and the augmentation seed of step s are derived from `seed`, `(seed, e)` and
 * `(seed, s)`, so two runs with one seed, and a run resumed from a checkpoint, take the same steps
 * as one that was never interrupted (exactly on `cpu`). Leak-free: the tensor count is the same after every step.
 *
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} on an unknown method, bad sizes or durations, a batch
 *   smaller than the method needs, or labels missing for a method that needs them.
 * @example
 * ```ts
 * const train = await loadMnist({ split: 'train' });
 * const run = await pretrain({ method: 'simclr', data: train, budgetSeconds: '5m' });
 * const { table } = await evaluateRepresentation({ encoder: run.encoder, train, test });
 * ```
 * @category Training
 */
export type Pretrain = (options: PretrainOptions) => Promise<PretrainResult>;
