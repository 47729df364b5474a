import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Transform } from '@tessera/augment';
import type { FrameworkDefaults } from '../framework-defaults';

/** The families of {@link PretrainMethod}s. @category Methods */
export type MethodFamily = 'contrastive' | 'non-contrastive' | 'pretext' | 'generative';

/** What `pretrain` hands a method when it builds its models. @category Methods */
export interface MethodContext {
  /** The encoder being trained: `[N, H, W, C]` images in [0, 1] → `[N, featureDim]`. */
  readonly encoder: tfl.LayersModel;
  /** `[H, W, C]` of the images. */
  readonly inputShape: readonly [number, number, number];
  /**
   * `[H, W, C]` of one augmented view: the images' shape unless `pretrain`'s `viewSize` resamples
   * the views (only for methods with {@link PretrainMethod.resizableViews}). Absent: `inputShape`.
   */
  readonly viewShape?: readonly [number, number, number];
  /** Width of the encoder's output. */
  readonly featureDim: number;
  /** The augmentation of one view (views are drawn independently with it). */
  readonly augment: Transform;
  /** Items in the training set (the memory bank's size). */
  readonly datasetSize: number;
  /** Images per step. */
  readonly batchSize: number;
  /** Steps the run will take, when known (schedules); `undefined` under a time budget. */
  readonly totalSteps: number | undefined;
  /** Seed of the run (the method's own initialisers derive theirs from it). */
  readonly seed: number;
  /** Class of every training item, when the data has labels (for methods that pick their batches). */
  readonly labels?: Int32Array;
  /**
   * Training images `start … end − 1` (in dataset order) as a new `[end − start, H, W, C]` tensor
   * in [0, 1], for methods that look at the whole set before training (InstDisc fills its memory
   * bank). `pretrain` provides it; a hand-made context may not.
   */
  readImages?(start: number, end: number): tf.Tensor4D;
  /**
   * `true` when `pretrain` resumes from a checkpoint and will hand the method its saved state
   * (`setState`) right after `create`: skip initial state that costs time to compute and that the
   * checkpoint replaces (InstDisc's memory bank of the whole set's features).
   */
  readonly restoring?: boolean;
  /**
   * Which framework's defaults the method's own layers start from (heads' initialisation and
   * batch-norm ε); `'tfjs'` when absent. See {@link FrameworkDefaults}.
   */
  readonly defaults?: FrameworkDefaults;
  /** A new optimizer of the run's kind and learning rate. */
  createOptimizer(): tf.Optimizer;
  /** Told the seconds each augmentation took (pretrain's time split); methods call it through `views`. */
  recordAugmentSeconds?(seconds: number): void;
}

/** One step's input: a batch of training images in [0, 1]. @category Methods */
export interface StepInput {
  /** `[B, H, W, C]` in [0, 1]. */
  readonly images: tf.Tensor4D;
  /** `[B]` int32 class labels, when the data has them. */
  readonly labels?: tf.Tensor1D;
  /** The same labels as an array (for sampling pairs and triplets without reading the tensor back). */
  readonly labelValues?: Int32Array;
  /** Dataset index of each image (InstDisc's memory bank rows). */
  readonly indices: Int32Array;
  /** Seed of this step's augmentations and sampling (the same step gets the same seed on resume). */
  readonly seed: number;
  /** Number of optimizer steps taken before this one. */
  readonly step: number;
}

/** The tensors and JSON a method keeps beside its models (memory bank, queue, …). @category Methods */
export interface MethodState {
  readonly tensors: Record<string, tf.Tensor>;
  readonly json?: unknown;
}

/** A method built for one run: what a step does and what a checkpoint holds. @category Methods */
export interface MethodRun {
  /** Runs one training step (its optimizer update(s) included) and returns the loss (the caller disposes it). */
  step(input: StepInput): tf.Scalar;
  /**
   * The dataset indices of step `step`'s batch (`batchSize` of them), for methods that choose their
   * own batches (P×K class-balanced batches for triplet mining); by default batches follow a seeded
   * permutation per epoch. `seed` is the step's seed, so a resumed run draws the same batches.
   */
  batchIndices?(step: number, seed: number): Int32Array;
  /** The representation after training: `[N, H, W, C]` → `[N, D]`. Usually the encoder of the context. */
  readonly representation: tfl.LayersModel;
  /** Every model whose weights a checkpoint stores, by a stable name. */
  readonly models: Readonly<Record<string, tfl.LayersModel>>;
  /** Every optimizer whose state a checkpoint stores, by a stable name. */
  readonly optimizers: Readonly<Record<string, tf.Optimizer>>;
  /** Extra state (memory bank, queue): tensors are copies the caller disposes. */
  getState?(): MethodState;
  /** Restores what {@link MethodRun.getState} returned (tensors are read, not kept). */
  setState?(state: MethodState): void;
  /** Frees what the method built (not the context's encoder). */
  dispose(): void;
}

/**
 * A training method as a small strategy object: which models it builds, one step's loss and update,
 * and what state it keeps. A new method is one file that exports one of these.
 * @category Methods
 */
export interface PretrainMethod<Options extends object = Record<string, never>> {
  /** The name `pretrain({method})` and the CLI take. */
  readonly name: string;
  readonly family: MethodFamily;
  /** One line for `--help` and reports, with the paper. */
  readonly summary: string;
  /** Whether the data must have labels (SupCon). */
  readonly requiresLabels: boolean;
  /** The smallest batch the loss is defined for. */
  readonly minBatchSize: number;
  /** Whether the method trains the context's encoder (false: it builds its own, e.g. autoencoders). */
  readonly usesEncoder: boolean;
  /**
   * Whether the method embeds whole views with the encoder, so it trains on views of any size and
   * `pretrain`'s `viewSize` may resample them. Methods that cut views into patches by the images'
   * shape, or rebuild the images, leave it unset.
   */
  readonly resizableViews?: boolean;
  create(context: MethodContext, options: Partial<Options>): MethodRun;
}
