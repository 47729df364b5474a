import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '@tessera/core';
import type { CheckpointStore } from '../checkpoint/types';
import type { MethodRun, StepInput } from '../methods/types';
import { createBatchReader } from './batch-reader';
import { buildRun } from './build-run';
import { FN } from './fail';
import { learningRateAt, setLearningRate } from './learning-rate';
import { stopReason } from './limits';
import { stepEvent } from './progress-event';
import { readPretrainSettings } from './read-options';
import {
  loadResumeCheckpoint,
  resumeFrom,
  saveCheckpoint,
  type RunProgress,
} from './run-checkpoints';
import { deriveSeed, SALT } from './seeds';
import { StepClock } from './step-clock';
import type { PretrainOptions, PretrainResult } from './types';

/** Builds `pretrain` for an entry point that knows how to turn `checkpointDir` into a store. @internal */
export function createPretrain(storeForDir: (dir: string) => CheckpointStore) {
  return async function pretrain(options: PretrainOptions): Promise<PretrainResult> {
    // read options → (checkpoint) → build → per step: batch, update, record → checkpoint
    const settings = readPretrainSettings(options, storeForDir);
    const { method, seed, batchSize, stepsPerEpoch, limits, store, checkpointEvery } = settings;
    // read before anything is built: a wrong checkpoint fails with nothing to dispose
    const checkpoint = await loadResumeCheckpoint(settings, options.resume);
    const clock = new StepClock();
    const built = await buildRun(settings, options, Boolean(checkpoint), clock.recordAugment);
    const { run, config } = built;
    try {
      let progress: RunProgress = { step: 0, trainSeconds: 0, losses: [] };
      if (checkpoint && store) {
        progress = await resumeFrom(run, checkpoint);
        options.onProgress?.({ type: 'resumed', step: progress.step, location: store.location });
      }
      const resumedFrom = progress.step;
      clock.trainSeconds = progress.trainSeconds;
      const save = () =>
        store
          ? saveCheckpoint(
              store,
              run,
              progress,
              { method: method.name, config },
              options.onProgress,
            )
          : Promise.resolve();
      const readBatch = createBatchReader(
        settings.data,
        batchSize,
        seed,
        run.batchIndices?.bind(run),
      );
      const backend = tf.getBackend();
      const scheduled = settings.schedule !== 'constant' || settings.warmupSteps > 0;
      let stopped: PretrainResult['stopped'] | undefined;
      while (!(stopped = stopReason(limits, progress.step, clock.trainSeconds, options.signal))) {
        const step = progress.step;
        const stepSeed = deriveSeed(seed, step, SALT.step);
        if (scheduled) {
          const rate = learningRateAt(
            settings.learningRate,
            settings.schedule,
            settings.warmupSteps,
            step,
            clock.trainSeconds,
            limits,
          );
          for (const optimizer of Object.values(run.optimizers)) setLearningRate(optimizer, rate);
        }
        clock.startStep();
        const batch = await readBatch(step).catch((error: unknown) => {
          throw new TrainingError({
            functionName: FN,
            reason: 'data',
            step: step + 1,
            detail: `reading the batch of step ${step + 1} from ${settings.data.description} failed: ${(error as Error)?.message ?? error}`,
            cause: error,
          });
        });
        clock.batchGathered();
        const loss = await takeStep(run, { ...batch, seed: stepSeed, step }, method.name);
        clock.endStep();
        progress.step = step + 1;
        progress.trainSeconds = clock.trainSeconds;
        progress.losses.push(loss);
        options.onProgress?.(stepEvent(progress.step, loss, clock, settings, backend));
        if (progress.step % checkpointEvery === 0) await save();
      }
      const unsaved = progress.step % checkpointEvery !== 0 || stopped === 'aborted';
      if (unsaved && progress.step > resumedFrom) await save();
      return {
        encoder: run.representation,
        method: method.name,
        steps: progress.step,
        epochs: progress.step / stepsPerEpoch,
        trainSeconds: clock.trainSeconds,
        losses: progress.losses,
        stopped,
        imagesPerSecond:
          clock.secondsThisCall > 0
            ? ((progress.step - resumedFrom) * batchSize) / clock.secondsThisCall
            : 0,
        timings: clock.timings,
        stepSeconds: clock.stepSeconds,
        resumedFrom,
        dispose: built.dispose,
      };
    } catch (error) {
      built.dispose();
      throw error;
    }
  };
}

/** Runs the method's step on the batch, frees the batch, and returns the loss read back (finite, or it throws). */
async function takeStep(run: MethodRun, input: StepInput, methodName: string): Promise<number> {
  let value: number;
  try {
    const loss = run.step(input);
    value = (await loss.data())[0] as number;
    loss.dispose();
  } finally {
    tf.dispose([input.images, ...(input.labels ? [input.labels] : [])]);
  }
  if (!Number.isFinite(value))
    throw new TrainingError({
      functionName: FN,
      reason: 'diverged',
      step: input.step + 1,
      detail: `the ${methodName} loss became ${value} at step ${input.step + 1}; lower the learning rate.`,
    });
  return value;
}
