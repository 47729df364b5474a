import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { withSeededRandom } from '@tessera/core';
import { sourceStatistics } from '@tessera/data';
import { defaultEncoder, standardization } from '../default-encoder';
import type { MethodContext, MethodRun } from '../methods/types';
import { defaultAugment } from '../default-augment';
import { fail } from './fail';
import { makeOptimizer, type PretrainSettings } from './read-options';
import { initSeed } from './seeds';
import type { PretrainOptions } from './types';

/** A run's models, built: the method's run and how to free what `pretrain` built. @internal */
export interface BuiltRun {
  readonly run: MethodRun;
  /** The run's configuration as JSON (checkpoints and run folders record it). */
  readonly config: Record<string, unknown>;
  /** Frees the method's models and the default encoder when `pretrain` built it. */
  dispose(): void;
}

/**
 * Builds the encoder (the default one — seeded, standardising with the training images' mean and
 * std — unless the options give one), the method's context
 * and the method's run — its heads, momentum copies and decoders seeded too, so one seed gives
 * one set of initial weights. `restoring` tells the method a checkpoint will replace its state.
 * @internal
 */
export async function buildRun(
  settings: PretrainSettings,
  options: PretrainOptions,
  restoring: boolean,
  recordAugmentSeconds: (seconds: number) => void,
): Promise<BuiltRun> {
  const { method, data, batchSize, limits, seed, learningRate, defaults, adamEpsilon, viewSize } =
    settings;
  const crop = settings.minCropScale === null ? {} : { minScale: settings.minCropScale };
  const n = data.size;
  const [h, w, c] = data.shape;
  const ownsEncoder = !options.encoder;
  const normalize = ownsEncoder ? standardization(await sourceStatistics(data)) : null;
  const encoder =
    options.encoder ??
    defaultEncoder({
      inputShape: [h, w, c],
      seed: initSeed(seed, 0),
      defaults,
      normalize: normalize!,
    });
  const featureDim = encoder.outputs[0]?.shape.at(-1);
  if (typeof featureDim !== 'number') {
    if (ownsEncoder) encoder.dispose();
    fail('encoder', 'the encoder must output [N, D] features.');
  }
  const viewShape = viewSize ? ([viewSize[0], viewSize[1], c] as const) : ([h, w, c] as const);
  if (viewSize) {
    const problem = viewProblem(encoder, viewShape, featureDim);
    if (problem) {
      if (ownsEncoder) encoder.dispose();
      fail('viewSize', problem);
    }
  }
  const context: MethodContext = {
    encoder,
    inputShape: [h, w, c],
    viewShape,
    featureDim,
    augment: options.augment ?? defaultAugment([h, w, c], viewShape, crop),
    datasetSize: n,
    batchSize,
    ...(data.labels ? { labels: data.labels } : {}),
    totalSteps: limits.maxSteps === Infinity ? undefined : limits.maxSteps,
    seed,
    // a source held in memory can be read whole before training (InstDisc's memory bank)
    ...(data.readSync
      ? {
          readImages: (start: number, end: number) =>
            tf.tensor4d(
              data.readSync!(Int32Array.from({ length: end - start }, (_, i) => start + i)),
              [end - start, h, w, c],
            ),
        }
      : {}),
    restoring,
    defaults,
    createOptimizer: () => makeOptimizer(options.optimizer ?? 'adam', learningRate, adamEpsilon),
    recordAugmentSeconds,
  };
  const run: MethodRun = withSeededRandom(initSeed(seed, 1), () =>
    method.create(context, (options.methodOptions ?? {}) as never),
  );
  return {
    run,
    config: { ...runConfig(settings, options), normalize },
    dispose() {
      run.dispose();
      if (ownsEncoder && run.representation !== encoder) encoder.dispose();
    },
  };
}

/**
 * Why the encoder cannot embed a view of `viewShape` (it throws, or its output is not
 * `[1, featureDim]`), or `undefined` when it can: one zero image in inference mode.
 */
function viewProblem(
  encoder: tfl.LayersModel,
  viewShape: readonly [number, number, number],
  featureDim: number,
): string | undefined {
  const size = `${viewShape[0]}×${viewShape[1]}`;
  try {
    const shape = tf.tidy(() => (encoder.apply(tf.zeros([1, ...viewShape])) as tf.Tensor).shape);
    if (shape.length === 2 && shape[1] === featureDim) return undefined;
    return `the encoder maps a ${size} view to [${shape.join(', ')}], not [1, ${featureDim}]: viewSize needs an encoder that takes any input size (convolutions, then global or grid pooling).`;
  } catch (error) {
    return `the encoder cannot embed a ${size} view (${(error as Error).message}): viewSize needs an encoder that takes any input size (convolutions, then global or grid pooling).`;
  }
}

/** What the run's configuration records: the options as JSON, defaults filled in. */
function runConfig(settings: PretrainSettings, options: PretrainOptions): Record<string, unknown> {
  const { method, batchSize, learningRate, seed, defaults, limits, data } = settings;
  return {
    method: method.name,
    methodOptions: options.methodOptions ?? {},
    batchSize,
    learningRate,
    learningRateSchedule: settings.schedule,
    warmupSteps: settings.warmupSteps,
    viewSize: settings.viewSize,
    minCropScale: settings.minCropScale,
    optimizer: typeof options.optimizer === 'function' ? 'custom' : (options.optimizer ?? 'adam'),
    seed,
    defaults,
    epochs: options.epochs ?? null,
    budgetSeconds: limits.budgetSeconds === Infinity ? null : limits.budgetSeconds,
    maxSteps: options.maxSteps ?? null,
    data: { shape: [data.size, ...data.shape], description: data.description },
  };
}
