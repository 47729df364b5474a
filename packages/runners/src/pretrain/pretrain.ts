import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, assertPositive, createRng, withSeededRandom } from '@tessera/core';
import { captureCheckpoint, restoreCheckpoint } from '../checkpoint/serialize';
import type { CheckpointStore } from '../checkpoint/types';
import { defaultEncoder } from '../default-encoder';
import { defaultsValues } from '../framework-defaults';
import { resolveMethod } from '../methods/registry';
import type { MethodContext, MethodRun } from '../methods/types';
import { mnistAugment } from '../mnist-augment';
import { fail, FN, makeOptimizer, readData, readLimits } from './read-options';
import { deriveSeed, initSeed } from './seeds';
import type { PretrainOptions, PretrainResult, ProgressEvent } from './types';

/** Builds `pretrain` for an entry point that knows how to turn `checkpointDir` into a store. @internal */
export function createPretrain(storeForDir: (dir: string) => CheckpointStore) {
  return async function pretrain(options: PretrainOptions): Promise<PretrainResult> {
    const method = resolveMethod(options.method, FN);
    const data = readData(options.data);
    const [n, h, w, c] = data.shape;
    const batchSize = options.batchSize ?? 256;
    assertInteger(batchSize, FN, 'batchSize', { min: 1 });
    if (batchSize < method.minBatchSize)
      fail(
        'batchSize',
        `${method.name} needs a batch of at least ${method.minBatchSize} images (its negatives or batch statistics come from the batch), got ${batchSize}.`,
      );
    if (batchSize > n)
      fail('batchSize', `batchSize must be at most the number of images (${n}), got ${batchSize}.`);
    if (method.requiresLabels && !data.labels)
      fail('data', `${method.name} needs labels: pass data with a labels array.`);
    const seed = options.seed ?? 0;
    assertInteger(seed, FN, 'seed');
    const learningRate = options.learningRate ?? 1e-3;
    assertPositive(learningRate, FN, 'learningRate');
    const stepsPerEpoch = Math.floor(n / batchSize);
    const limits = readLimits(options, stepsPerEpoch);
    const checkpointEvery = options.checkpointEvery ?? 100;
    assertInteger(checkpointEvery, FN, 'checkpointEvery', { min: 1 });
    const store =
      options.checkpointStore ??
      (options.checkpointDir ? storeForDir(options.checkpointDir) : undefined);
    if (options.resume && !store)
      fail('resume', 'resume needs a checkpointDir or checkpointStore.');
    const defaults = options.defaults ?? 'tfjs';
    const { adamEpsilon } = defaultsValues(defaults, FN);
    // read before anything is built: a wrong checkpoint fails with nothing to dispose, and the
    // method is told it will be restored (so it skips initial state the checkpoint replaces)
    const checkpoint = options.resume && store ? await store.loadLatest() : undefined;
    if (checkpoint && checkpoint.manifest.method !== method.name)
      fail(
        'resume',
        `the checkpoint in ${store!.location} was written by ${checkpoint.manifest.method}, not ${method.name}.`,
      );

    // ε's are not weights: a run resumed under other defaults would go on silently different
    const savedDefaults =
      (checkpoint?.manifest.config as { defaults?: string } | undefined)?.defaults ?? 'tfjs';
    if (checkpoint && savedDefaults !== defaults)
      fail(
        'resume',
        `the checkpoint in ${store!.location} was written with defaults '${savedDefaults}', not '${defaults}'; resume with the same defaults.`,
      );
    let augmentSeconds = 0;
    const ownsEncoder = !options.encoder;
    const encoder =
      options.encoder ??
      defaultEncoder({ inputShape: [h, w, c], seed: initSeed(seed, 0), defaults });
    const featureDim = encoder.outputs[0]?.shape.at(-1);
    if (typeof featureDim !== 'number') fail('encoder', 'the encoder must output [N, D] features.');
    const context: MethodContext = {
      encoder,
      inputShape: [h, w, c],
      featureDim,
      augment: options.augment ?? mnistAugment({ size: [h, w] }),
      datasetSize: n,
      batchSize,
      ...(data.labels ? { labels: data.labels } : {}),
      totalSteps: limits.maxSteps === Infinity ? undefined : limits.maxSteps,
      seed,
      readImages: (start, end) =>
        tf.tensor4d(data.images.subarray(start * h * w * c, end * h * w * c), [
          end - start,
          h,
          w,
          c,
        ]),
      restoring: Boolean(checkpoint),
      defaults,
      createOptimizer: () => makeOptimizer(options.optimizer ?? 'adam', learningRate, adamEpsilon),
      recordAugmentSeconds: (seconds) => {
        augmentSeconds += seconds;
      },
    };
    // the method's own models (heads, momentum copies, decoders) get seeded initial weights too
    const run: MethodRun = withSeededRandom(initSeed(seed, 1), () =>
      method.create(context, (options.methodOptions ?? {}) as never),
    );
    const config = {
      method: method.name,
      methodOptions: options.methodOptions ?? {},
      batchSize,
      learningRate,
      optimizer: typeof options.optimizer === 'function' ? 'custom' : (options.optimizer ?? 'adam'),
      seed,
      defaults,
      epochs: options.epochs ?? null,
      budgetSeconds: limits.budgetSeconds === Infinity ? null : limits.budgetSeconds,
      maxSteps: options.maxSteps ?? null,
      data: { shape: data.shape },
    };
    const dispose = () => {
      run.dispose();
      if (ownsEncoder && run.representation !== encoder) encoder.dispose();
    };
    try {
      let step = 0;
      let trainSeconds = 0;
      const losses: number[] = [];
      let resumedFrom = 0;
      if (checkpoint && store) {
        await restoreCheckpoint(run, checkpoint);
        step = checkpoint.manifest.step;
        trainSeconds = checkpoint.manifest.trainSeconds;
        losses.push(...checkpoint.manifest.losses);
        resumedFrom = step;
        options.onProgress?.({ type: 'resumed', step, location: store.location });
      }
      const save = async () => {
        if (!store) return;
        await store.save(
          await captureCheckpoint(run, { step, trainSeconds, method: method.name, config, losses }),
        );
        options.onProgress?.({ type: 'checkpoint', step, location: store.location });
      };
      const timings = { data: 0, augment: 0, step: 0 };
      const stepSeconds: number[] = [];
      const itemSize = h * w * c;
      const batchValues = new Float32Array(batchSize * itemSize);
      const batchLabels = new Int32Array(batchSize);
      let order: Int32Array | null = null;
      let orderEpoch = -1;
      let stopped: PretrainResult['stopped'] = 'epochs';
      const recent: number[] = [];
      const backend = tf.getBackend();
      for (;;) {
        if (step >= limits.maxSteps) {
          stopped = limits.maxStepsFrom;
          break;
        }
        if (trainSeconds >= limits.budgetSeconds) {
          stopped = 'budget';
          break;
        }
        if (options.signal?.aborted) {
          stopped = 'aborted';
          break;
        }
        const t0 = performance.now();
        const epoch = Math.floor(step / stepsPerEpoch);
        if (epoch !== orderEpoch) {
          order = createRng(deriveSeed(seed, epoch, 0x0e0c)).permutation(n);
          orderEpoch = epoch;
        }
        const start = (step % stepsPerEpoch) * batchSize;
        const stepSeed = deriveSeed(seed, step, 0x57e9);
        const indices = run.batchIndices
          ? run.batchIndices(step, deriveSeed(stepSeed, 0, 0xba7c))
          : (order as Int32Array).slice(start, start + batchSize);
        for (let i = 0; i < batchSize; i++) {
          const item = indices[i] as number;
          batchValues.set(
            data.images.subarray(item * itemSize, (item + 1) * itemSize),
            i * itemSize,
          );
          if (data.labels) batchLabels[i] = data.labels[item] as number;
        }
        const images = tf.tensor4d(batchValues, [batchSize, h, w, c]);
        const labels = data.labels ? tf.tensor1d(batchLabels, 'int32') : undefined;
        const t1 = performance.now();
        augmentSeconds = 0;
        let lossValue: number;
        try {
          const loss = run.step({
            images,
            ...(labels ? { labels, labelValues: batchLabels.slice() } : {}),
            indices,
            seed: stepSeed,
            step,
          });
          lossValue = (await loss.data())[0] as number;
          loss.dispose();
        } finally {
          tf.dispose([images, ...(labels ? [labels] : [])]);
        }
        if (!Number.isFinite(lossValue))
          throw new Error(
            `${FN}: the ${method.name} loss became ${lossValue} at step ${step + 1}; lower the learning rate.`,
          );
        const t2 = performance.now();
        timings.data += (t1 - t0) / 1000;
        timings.augment += augmentSeconds;
        timings.step += (t2 - t1) / 1000 - augmentSeconds;
        trainSeconds += (t2 - t0) / 1000;
        stepSeconds.push((t2 - t0) / 1000);
        step += 1;
        losses.push(lossValue);
        recent.push((t2 - t0) / 1000);
        if (recent.length > 10) recent.shift();
        const secondsPerStep = recent.reduce((a, b) => a + b, 0) / recent.length;
        const stepsLeft = limits.maxSteps - step;
        const eta = Math.min(stepsLeft * secondsPerStep, limits.budgetSeconds - trainSeconds);
        options.onProgress?.({
          type: 'step',
          step,
          epoch: step / stepsPerEpoch,
          loss: lossValue,
          imagesPerSecond: batchSize / secondsPerStep,
          elapsedSeconds: trainSeconds,
          etaSeconds: Math.max(0, eta),
          fraction: Math.min(
            1,
            Math.max(step / limits.maxSteps, trainSeconds / limits.budgetSeconds),
          ),
          backend,
        } satisfies ProgressEvent);
        if (step % checkpointEvery === 0) await save();
      }
      if (store && (step % checkpointEvery !== 0 || stopped === 'aborted') && step > resumedFrom)
        await save();
      return {
        encoder: run.representation,
        method: method.name,
        steps: step,
        epochs: step / stepsPerEpoch,
        trainSeconds,
        losses,
        stopped,
        imagesPerSecond:
          trainSeconds > 0
            ? ((step - resumedFrom) * batchSize) / (timings.data + timings.augment + timings.step)
            : 0,
        timings,
        stepSeconds,
        resumedFrom,
        dispose,
      };
    } catch (error) {
      dispose();
      throw error;
    }
  };
}
