import { selectBackend } from '@tessera/backends';
import { sourceStatistics } from '@tessera/data';
import { fileSystemHandler } from '@tessera/models/node';
import { fileCheckpointStore } from '../../checkpoint/file-store';
import { defaultEncoder, standardization } from '../../default-encoder';
import { resolveMethod } from '../../methods/resolve-method';
import { createPretrain } from '../../pretrain/pretrain';
import type { PretrainResult } from '../../pretrain/types';
import { initSeed } from '../../pretrain/seeds';
import { intList, parseCommand, UsageError } from '../args';
import { openData } from '../open-data';
import { PRETRAIN_FLAGS, pretrainHelp } from './pretrain-flags';
import { readPretrainFlags, type PretrainValues } from './pretrain-options';
import { progressReporter } from '../progress';
import { writeRunReport } from '../../report/write-run-report';
import { prepareRunFolder, writeJson } from '../run-folder';
import { holdOutValidation } from '../val-split';
import { viewSizeFlag } from '../view-size';
import { saveEncoders } from './save-encoders';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

type Values = PretrainValues;

export { PRETRAIN_FLAGS, pretrainHelp };

/** Runs `tessera pretrain` with parsed flags; returns the result and the run folder. @internal */
export async function runPretrain(command: string, v: Values, fallback: { budget?: string } = {}) {
  const flags = readPretrainFlags(command, v, fallback);
  const { method, defaults, seed, batchSize } = flags;
  // the data is opened before the run folder is made: a bad path leaves nothing behind
  const { source: opened, dataset } = await openData(command, v);
  const { pretrainOn: train, record: valSplitRecord } = flags.valSplit
    ? holdOutValidation(command, opened, flags.valSplit, seed, v)
    : { pretrainOn: opened, record: null };
  const classes = intList(command, 'classes', v.classes as string | undefined);
  const viewSize = viewSizeFlag(command, v['view-size'] as string | undefined, train.shape, method);
  if (batchSize > train.size)
    throw new UsageError(
      `tessera ${command}: --batch-size ${batchSize} is more than the ${train.size} images to pretrain on; pass --batch-size ${train.size} or fewer.`,
    );
  // and the backend is started before it too: a missing one fails without leaving a folder
  const backend = await selectBackend(v.backend ? { force: v.backend as never } : {});
  const paths = await prepareRunFolder(command, v.out as string, {
    resume: Boolean(v.resume),
    force: Boolean(v.force),
  });
  console.error(`backend: ${backend.name} — ${backend.reasons.find((r) => r.used)?.reason ?? ''}`);
  const config = {
    command,
    method,
    dataset,
    data: train.description,
    budgetSeconds: flags.budgetSeconds,
    epochs: flags.epochs,
    steps: flags.maxSteps,
    batchSize,
    lr: flags.lr,
    schedule: flags.schedule,
    warmupSteps: flags.warmupSteps,
    grid: flags.grid,
    gridPool: flags.gridPool,
    readoutPool: flags.readoutPool ?? null,
    downsample: flags.downsample ?? null,
    viewSize: viewSize ?? null,
    minCropScale: flags.minCropScale ?? null,
    standardizeFeatures: Boolean(v['standardize-features']),
    powerReadout: Boolean(v['power-readout']),
    probePower: Boolean(v['probe-power']),
    probeMean: Boolean(v['probe-mean']),
    probePreviousStage: Boolean(v['probe-previous-stage']),
    seed,
    defaults,
    classes,
    limit: v.limit === undefined ? undefined : Number(v.limit),
    valSplit: valSplitRecord,
    imageShape: train.shape,
    backend: backend.name,
    backendReason: backend.reasons.find((r) => r.used)?.reason,
    images: train.size,
  };
  await writeJson(paths.config, config);
  const pretrain = createPretrain((dir) => fileCheckpointStore(dir));
  const controller = new AbortController();
  const onSignal = () => {
    console.error('\nstopping after this step (a checkpoint will be saved; --resume continues)…');
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  const reporter = progressReporter();
  // Methods that train the run's encoder start from a defaultEncoder whose initial weights are
  // saved: `evaluate` scores them as the random-init baseline (this run's own starting point).
  const encoder = resolveMethod(method, 'tessera').usesEncoder
    ? defaultEncoder({
        inputShape: train.shape,
        seed: initSeed(seed, 0),
        defaults,
        normalize: standardization(await sourceStatistics(train)),
        grid: flags.grid,
        gridPool: flags.gridPool,
        ...(flags.downsample ? { downsample: flags.downsample } : {}),
      })
    : undefined;
  if (encoder && !existsSync(join(paths.initialEncoder, 'model.json')))
    await encoder.save(fileSystemHandler(paths.initialEncoder));
  let result: PretrainResult;
  try {
    result = await pretrain({
      method,
      ...(encoder ? { encoder } : {}),
      data: train,
      ...(flags.budgetSeconds ? { budgetSeconds: flags.budgetSeconds } : {}),
      ...(flags.epochs ? { epochs: flags.epochs } : {}),
      ...(flags.maxSteps ? { maxSteps: flags.maxSteps } : {}),
      batchSize,
      learningRate: flags.lr,
      learningRateSchedule: flags.schedule,
      warmupSteps: flags.warmupSteps,
      ...(viewSize ? { viewSize } : {}),
      ...(flags.minCropScale ? { minCropScale: flags.minCropScale } : {}),
      seed,
      defaults,
      checkpointDir: paths.checkpoints,
      checkpointEvery: flags.checkpointEvery,
      resume: Boolean(v.resume),
      onProgress: reporter.onProgress,
      signal: controller.signal,
    });
  } catch (error) {
    encoder?.dispose();
    throw error;
  } finally {
    reporter.stop();
    process.off('SIGINT', onSignal);
  }
  const standardizeSeconds = await saveEncoders(
    result.encoder,
    encoder !== undefined,
    paths,
    train,
    {
      // --probe-mean or --probe-previous-stage alone keeps the pooling the encoder trained with
      readoutPool:
        flags.readoutPool ??
        (v['probe-mean'] || v['probe-previous-stage'] ? flags.gridPool : undefined),
      standardize: Boolean(v['standardize-features']),
      appendMean: Boolean(v['probe-mean']),
      appendPreviousStage: Boolean(v['probe-previous-stage']),
      powerReadout: Boolean(v['power-readout']),
      probePower: Boolean(v['probe-power']),
    },
  );
  const summary = {
    method,
    backend: backend.name,
    steps: result.steps,
    epochs: result.epochs,
    trainSeconds: result.trainSeconds,
    secondsPerStep: result.trainSeconds / Math.max(1, result.steps - result.resumedFrom),
    imagesPerSecond: result.imagesPerSecond,
    timings: result.timings,
    ...(standardizeSeconds === undefined ? {} : { standardizeSeconds }),
    stepSeconds: result.stepSeconds,
    stopped: result.stopped,
    resumedFrom: result.resumedFrom,
    finalLossLast10: mean(result.losses.slice(-10)),
    losses: result.losses,
  };
  await writeJson(paths.train, summary);
  const report = await writeRunReport(paths.root);
  console.error(
    `trained ${result.steps} steps (${result.epochs.toFixed(2)} epochs) in ${result.trainSeconds.toFixed(0)} s on ${backend.name}; stopped: ${result.stopped}; encoder in ${paths.encoder}`,
  );
  const owned: PretrainResult = {
    ...result,
    dispose: () => {
      result.dispose();
      encoder?.dispose();
    },
  };
  return { result: owned, paths, summary, backend, report };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

export async function pretrainCommand(argv: string[]): Promise<void> {
  const { values } = parseCommand('pretrain', argv, PRETRAIN_FLAGS);
  if (values.help) return void console.log(pretrainHelp);
  const { result, report } = await runPretrain('pretrain', values);
  result.dispose();
  console.log(`report: ${report}`);
}
