import { join } from 'node:path';
import { selectBackend } from '@tessera/backends';
import { fromArrays, isImageSource, loadMnist, subset } from '@tessera/data';
import {
  evaluateRepresentation,
  imageShapeOf,
  type LabelledImages,
  type Protocol,
} from '../../evaluate/evaluate-representation';
import { intFlag, intList, parseCommand, UsageError } from '../args';
import {
  distanceOnlyFeaturesOf,
  embedRepresentation,
  probeOnlyFeaturesOf,
} from '../probe-only-features';
import { pca2d } from '../../report/pca';
import { writeRunReport } from '../../report/write-run-report';
import { existsSync } from 'node:fs';
import { loadInitialEncoder, loadRunEncoder, readJson, runPaths, writeJson } from '../run-folder';
import { openData } from '../open-data';
import { validationData, type ValSplitRecord } from '../val-split';
import { fewShotPlan } from '../few-shot-plan';
import { takesImages } from '../../input-shape';
import { probeOptions } from '../probe-options';
import { EVALUATE_FLAGS, evaluateHelp, type EvaluateValues } from './evaluate-flags';

type Values = EvaluateValues;

/** Evaluates a run folder's encoder and writes evaluation.json. @internal */
export async function runEvaluate(command: string, v: Values, { selectedBackend = false } = {}) {
  if (!v.run) throw new UsageError(`tessera ${command}: --run DIR is required.`);
  const protocols = (v.protocols ?? 'knn,linear,few-shot').split(',') as Protocol[];
  for (const p of protocols)
    if (!['knn', 'linear', 'few-shot'].includes(p))
      throw new UsageError(
        `tessera ${command}: --protocols must list knn, linear, few-shot, got ${JSON.stringify(p)}.`,
      );
  const baselines =
    v.baselines === 'none'
      ? []
      : ((v.baselines ?? 'random-init,raw-pixels').split(',') as Array<
          'random-init' | 'raw-pixels'
        >);
  for (const b of baselines)
    if (!['random-init', 'raw-pixels'].includes(b))
      throw new UsageError(
        `tessera ${command}: --baselines must list random-init, raw-pixels (or be none), got ${JSON.stringify(b)}.`,
      );
  const probe = probeOptions(command, v['probe-weight-decay'], v['probe-max-iterations']);
  const chosen = intList(command, 'few-shot-classes', v['few-shot-classes']);
  const trainLimit =
    v['train-limit'] === undefined
      ? undefined
      : intFlag(command, 'train-limit', v['train-limit'], 1);
  const testLimit =
    v['test-limit'] === undefined ? undefined : intFlag(command, 'test-limit', v['test-limit'], 1);
  if (!selectedBackend) await selectBackend(v.backend ? { force: v.backend as never } : {});
  const pretrainClasses = await readPretrainClasses(v.run);
  const encoder = await loadRunEncoder(command, v.run);
  const initial = baselines.includes('random-init') ? await loadInitialEncoder(v.run) : undefined;
  const { train, test, mnistSplits } = await evaluationData(command, v, trainLimit, testLimit);
  // MNIST: digits 5–9; your data: every test class, in 5-way episodes (fewer ways for fewer classes)
  const classes =
    chosen ?? (mnistSplits ? [5, 6, 7, 8, 9] : [...new Set(test.labels)].sort((a, b) => a - b));
  const plan = protocols.includes('few-shot') ? fewShotPlan(test.labels, classes) : null;
  if (protocols.includes('few-shot') && !plan) {
    const why =
      classes.length < 2
        ? `few-shot episodes need at least 2 classes, got ${classes.length}`
        : `few-shot episodes need at least 2 test images in every class of ${classes.join(',')}`;
    if (v.protocols !== undefined)
      throw new UsageError(`tessera ${command}: ${why}; pass --protocols knn,linear.`);
    console.error(`  few-shot skipped: ${why}`);
    protocols.splice(protocols.indexOf('few-shot'), 1);
  }
  if (plan?.note) console.error(`  few-shot: ${plan.note}`);
  const has = imageShapeOf(train);
  const { fits, takes } = takesImages(encoder, has);
  if (!fits)
    throw new UsageError(
      `tessera ${command}: the run's encoder takes ${takes} images, the data has ${has.join('×')} (pass --image-size / --channels).`,
    );
  const probeOnlyFeatures = probeOnlyFeaturesOf(encoder);
  const distanceOnlyFeatures = distanceOnlyFeaturesOf(encoder);
  const started = performance.now();
  try {
    const evaluation = await evaluateRepresentation({
      encoder,
      probeOnlyFeatures,
      distanceOnlyFeatures,
      train,
      test,
      protocols,
      baselines,
      ...(initial ? { randomInit: initial } : {}),
      // k = 20 neighbours, or every training image when there are fewer
      knn: { k: Math.min(20, train.labels.length) },
      linear: probe,
      ...(plan
        ? {
            fewShot: {
              ways: plan.ways,
              shots: plan.shots,
              queries: plan.queries,
              episodes: 600,
              classes,
              seed: 12345,
            },
          }
        : {}),
      onProgress: (m) => console.error(`  ${m}`),
    });
    const seconds = (performance.now() - started) / 1000;
    await writeJson(runPaths(v.run).evaluation, {
      ...evaluation,
      seconds,
      trainImages: train.labels.length,
      testImages: test.labels.length,
      linearProbe: {
        ...probe,
        ...(probeOnlyFeatures > 0 ? { probeOnlyFeatures } : {}),
        ...(distanceOnlyFeatures > 0 ? { distanceOnlyFeatures } : {}),
      },
      fewShotClasses: classes,
      fewShotProtocol:
        pretrainClasses && classes.every((c) => !pretrainClasses.includes(c))
          ? 'held-out'
          : 'seen-classes',
      ...(pretrainClasses ? { pretrainClasses } : {}),
    });
    const shown = Math.min(2000, test.labels.length);
    if (shown >= 2) {
      const first = Int32Array.from({ length: shown }, (_, i) => i);
      const { features, dim } = await embedRepresentation(
        encoder,
        subset(isImageSource(test) ? test : fromArrays(test), first),
      );
      const { coords, explained } = pca2d(features, shown, dim);
      await writeJson(join(v.run, 'embedding.json'), {
        points: Array.from({ length: shown }, (_, i) => ({
          x: coords[2 * i],
          y: coords[2 * i + 1],
          label: test.labels[i],
        })),
        explained,
        caption: `The first ${shown} test ${mnistSplits ? 'digits' : 'images'} through the pretrained encoder (${dim}-d), projected on its first two principal axes and coloured by label.`,
      });
    }
    const report = await writeRunReport(v.run);
    return { evaluation, seconds, report };
  } finally {
    encoder.dispose();
    initial?.dispose();
  }
}

/** The classes the run pretrained on, when `--classes` limited them (config.json). */
async function readPretrainClasses(run: string): Promise<number[] | undefined> {
  const path = runPaths(run).config;
  if (!existsSync(path)) return undefined;
  const { classes } = await readJson<{ classes?: number[] | null }>(path);
  return classes ?? undefined;
}

/**
 * The labelled images: `--train` / `--test` paths; else, for a run pretrained with `--val-split`,
 * its data split again; else MNIST's two splits.
 */
async function evaluationData(
  command: string,
  v: Values,
  trainLimit: number | undefined,
  testLimit: number | undefined,
) {
  if (v.train === undefined && v.test === undefined) {
    const config = runPaths(v.run!).config;
    const { valSplit } = existsSync(config)
      ? await readJson<{ valSplit?: ValSplitRecord | null }>(config)
      : { valSplit: null };
    if (valSplit) {
      console.error(
        `  scoring on the ${valSplit.images} images the run held out of pretraining (--val-split ${valSplit.fraction})`,
      );
      return { ...(await validationData(command, valSplit)), mnistSplits: false };
    }
    return {
      train: await loadMnist({ split: 'train', ...(trainLimit ? { limit: trainLimit } : {}) }),
      test: await loadMnist({ split: 'test', ...(testLimit ? { limit: testLimit } : {}) }),
      mnistSplits: true,
    };
  }
  if (!v.train || !v.test)
    throw new UsageError(`tessera ${command}: give both --train and --test (labelled images).`);
  const read = async (split: 'train' | 'test', path: string, limit: number | undefined) => {
    const { source } = await openData(
      command,
      { ...v, ...(limit ? { limit: String(limit) } : {}) },
      split,
      path,
    );
    if (!source.labels)
      throw new UsageError(
        `tessera ${command}: --${split} must be labelled images (class sub-folders, an IDX labels file or CIFAR batches); ${source.description} has no labels.`,
      );
    // embedded batch by batch; read whole only for the raw-pixel baseline
    return source as LabelledImages;
  };
  return {
    train: await read('train', v.train, trainLimit),
    test: await read('test', v.test, testLimit),
    mnistSplits: false,
  };
}

export async function evaluateCommand(argv: string[]): Promise<void> {
  const { values } = parseCommand('evaluate', argv, EVALUATE_FLAGS);
  if (values.help) return void console.log(evaluateHelp);
  const { evaluation, report } = await runEvaluate('evaluate', values as Values);
  console.log(evaluation.table);
  console.log(`report: ${report}`);
}
