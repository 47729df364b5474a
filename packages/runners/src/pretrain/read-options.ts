import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertInteger, assertPositive } from '@tessera/core';
import type { CheckpointStore } from '../checkpoint/types';
import { defaultsValues, type FrameworkDefaults } from '../framework-defaults';
import { resolveMethod } from '../methods/resolve-method';
import type { PretrainMethod } from '../methods/types';
import { fail, FN } from './fail';
import type { LearningRateSchedule } from './learning-rate';
import { readLimits, type Limits } from './limits';
import { fromArrays, isImageSource, type ImageSource } from '@tessera/data';
import type { ImageData, PretrainOptions } from './types';

// pretrain's argument checks: every option read once, checked, and given its default. @internal

/** `pretrain`'s checkpoint interval when none is given. */
export const DEFAULT_CHECKPOINT_EVERY = 100;

/** What a run is, once its options are read: every value checked and defaulted. */
export interface PretrainSettings {
  readonly method: PretrainMethod<object>;
  /** The training images, read by index. */
  readonly data: ImageSource;
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  readonly limits: Limits;
  readonly seed: number;
  readonly learningRate: number;
  readonly schedule: LearningRateSchedule;
  readonly warmupSteps: number;
  readonly defaults: FrameworkDefaults;
  readonly adamEpsilon: number | undefined;
  readonly checkpointEvery: number;
  readonly store: CheckpointStore | undefined;
  /** `[height, width]` of the views, or `null`: the images' size. */
  readonly viewSize: readonly [number, number] | null;
  /** The default augmentation's smallest crop area fraction, or `null`: the recipe's own. */
  readonly minCropScale: number | null;
}

/** Reads and checks `pretrain`'s options; `storeForDir` turns `checkpointDir` into a store. */
export function readPretrainSettings(
  options: PretrainOptions,
  storeForDir: (dir: string) => CheckpointStore,
): PretrainSettings {
  const method = resolveMethod(options.method, FN);
  const data = readData(options.data);
  const n = data.size;
  const batchSize = options.batchSize ?? 256;
  assertInteger(batchSize, FN, 'batchSize', { min: 1 });
  const tooSmall = batchTooSmall(method, batchSize);
  if (tooSmall) fail('batchSize', tooSmall);
  if (batchSize > n)
    fail('batchSize', `batchSize must be at most the number of images (${n}), got ${batchSize}.`);
  if (method.requiresLabels && !data.labels)
    fail('data', `${method.name} needs labels: pass data with a labels array.`);
  const seed = options.seed ?? 0;
  assertInteger(seed, FN, 'seed');
  const learningRate = options.learningRate ?? 1e-3;
  assertPositive(learningRate, FN, 'learningRate');
  const schedule = options.learningRateSchedule ?? 'constant';
  if (schedule !== 'constant' && schedule !== 'cosine')
    fail(
      'learningRateSchedule',
      `learningRateSchedule must be 'constant' or 'cosine', got ${JSON.stringify(schedule)}.`,
    );
  const warmupSteps = options.warmupSteps ?? 0;
  assertInteger(warmupSteps, FN, 'warmupSteps', { min: 0 });
  const stepsPerEpoch = Math.floor(n / batchSize);
  const limits = readLimits(options, stepsPerEpoch);
  const checkpointEvery = options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
  assertInteger(checkpointEvery, FN, 'checkpointEvery', { min: 1 });
  const store =
    options.checkpointStore ??
    (options.checkpointDir ? storeForDir(options.checkpointDir) : undefined);
  if (options.resume && !store) fail('resume', 'resume needs a checkpointDir or checkpointStore.');
  const defaults = options.defaults ?? 'tfjs';
  const { adamEpsilon } = defaultsValues(defaults, FN);
  const viewSize = readViewSize(options, method);
  const minCropScale = readMinCropScale(options);
  return {
    method,
    data,
    batchSize,
    stepsPerEpoch,
    limits,
    seed,
    learningRate,
    schedule,
    warmupSteps,
    defaults,
    adamEpsilon,
    checkpointEvery,
    store,
    viewSize,
    minCropScale,
  };
}

/** `minCropScale` checked: in (0, 1], for the default augmentation. */
function readMinCropScale(options: PretrainOptions): number | null {
  const scale = options.minCropScale;
  if (scale === undefined) return null;
  assertInRange(scale, 0, 1, FN, 'minCropScale', { minInclusive: false });
  if (options.augment)
    fail(
      'minCropScale',
      "minCropScale sets the default augmentation's crops; with your own augment, set the crop there.",
    );
  return scale;
}

/** `viewSize` checked: two positive integers, the default augmentation, a method that allows it. */
function readViewSize(
  options: PretrainOptions,
  method: PretrainMethod<object>,
): readonly [number, number] | null {
  const size = options.viewSize;
  if (size === undefined) return null;
  if (!Array.isArray(size) || size.length !== 2 || !size.every((v) => Number.isInteger(v) && v > 0))
    fail(
      'viewSize',
      `viewSize must be [height, width] of positive integers, got ${JSON.stringify(size)}.`,
    );
  if (options.augment)
    fail(
      'viewSize',
      "viewSize sets the default augmentation's output size; with your own augment, set the size there.",
    );
  if (!method.resizableViews)
    fail(
      'viewSize',
      `${method.name} cuts or rebuilds views by the images' shape, so its views cannot be resampled: leave viewSize out.`,
    );
  return [size[0]!, size[1]!];
}

/**
 * Why `batchSize` is too small for the method (its negatives or batch statistics come from the
 * batch), or `undefined` when it is large enough. `pretrain` and the CLI word the error their way.
 */
export function batchTooSmall(
  method: Pick<PretrainMethod<object>, 'name' | 'minBatchSize'>,
  batchSize: number,
): string | undefined {
  if (batchSize >= method.minBatchSize) return undefined;
  return `${method.name} needs a batch of at least ${method.minBatchSize} images (its negatives or batch statistics come from the batch), got ${batchSize}.`;
}

/**
 * The training images as an {@link ImageSource}: a source as given (its size, shape and labels
 * checked), or `{ images, shape, labels? }` arrays wrapped by `fromArrays`.
 */
export function readData(data: ImageData | ImageSource): ImageSource {
  if (isImageSource(data)) {
    const { size, shape, labels } = data;
    if (
      !(Number.isInteger(size) && size > 0) ||
      shape.length !== 3 ||
      !shape.every((v) => Number.isInteger(v) && v > 0)
    )
      fail(
        'data',
        `data must be an ImageSource of at least one image of shape [H, W, C], got size ${size} and shape [${shape.join(', ')}].`,
      );
    if (labels && labels.length !== size)
      fail('data', `data.labels must have one label per image (${size}), got ${labels.length}.`);
    return data;
  }
  if (
    !data ||
    !(data.images instanceof Float32Array) ||
    !Array.isArray(data.shape) ||
    data.shape.length !== 4
  )
    fail(
      'data',
      'data must be an ImageSource or { images: Float32Array, shape: [N, H, W, C], labels? } (loadMnist returns one).',
    );
  const [n, h, w, c] = data.shape;
  if (
    ![n, h, w, c].every((v) => Number.isInteger(v) && v > 0) ||
    data.images.length !== n * h * w * c
  )
    fail(
      'data',
      `data.images must hold N·H·W·C = ${data.shape.join('·')} values, got ${data.images.length}.`,
    );
  if (data.labels && data.labels.length !== n)
    fail('data', `data.labels must have one label per image (${n}), got ${data.labels.length}.`);
  return fromArrays(data);
}

export function makeOptimizer(
  kind: NonNullable<PretrainOptions['optimizer']>,
  learningRate: number,
  adamEpsilon?: number,
): tf.Optimizer {
  if (typeof kind === 'function') return kind(learningRate);
  if (kind === 'adam') return tf.train.adam(learningRate, 0.9, 0.999, adamEpsilon);
  if (kind === 'sgd') return tf.train.sgd(learningRate);
  if (kind === 'momentum') return tf.train.momentum(learningRate, 0.9);
  return fail(
    'optimizer',
    `optimizer must be 'adam', 'sgd', 'momentum' or a function, got ${JSON.stringify(kind)}.`,
  );
}
