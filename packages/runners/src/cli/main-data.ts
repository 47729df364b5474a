import { detectImageFormat } from '@tessera/data';
import { UsageError } from './args';
import { openData } from './open-data';

/** The flags `tessera main` takes for your own images. @internal */
export const MAIN_DATA_FLAGS = {
  data: { type: 'string' },
  test: { type: 'string' },
  format: { type: 'string' },
  'image-size': { type: 'string' },
  channels: { type: 'string' },
} as const;

type Values = Partial<Record<keyof typeof MAIN_DATA_FLAGS, string>> & { 'held-out'?: boolean };

/** What `tessera main` trains and scores on: flags for `pretrain` and for `evaluate`. @internal */
export interface MainDataPlan {
  /** `pretrain` flags: the data and, held out, the classes pretraining sees. */
  readonly pretrain: Readonly<Record<string, string>>;
  /** `evaluate` flags: the labelled train and test images and the few-shot classes. */
  readonly evaluate: Readonly<Record<string, string>>;
  /** The data's name in the summary line, e.g. `MNIST digits 0–4`. */
  readonly name: string;
}

/** The digits `--held-out` pretrains on with MNIST: none of the few-shot digits 5–9 (evaluate's default). */
const MNIST_PRETRAIN_CLASSES = [0, 1, 2, 3, 4];

/**
 * The main job's data: MNIST, or `--data PATH` (with its test split, or `--test PATH`). Your
 * classes are split as MNIST's digits are: the few-shot episodes use the upper half of the sorted
 * class ids (5–9 of ten), and `--held-out` pretrains on the lower half only (0–4). Reads the
 * training labels before anything trains, so bad data fails in seconds, not after the budget.
 * @internal
 */
export async function mainDataPlan(v: Values): Promise<MainDataPlan> {
  const heldOut = Boolean(v['held-out']);
  if (v.data === undefined) {
    for (const flag of ['test', 'format', 'image-size', 'channels'] as const)
      if (v[flag] !== undefined) throw new UsageError(`tessera main: --${flag} needs --data PATH.`);
    return {
      pretrain: heldOut ? { classes: MNIST_PRETRAIN_CLASSES.join(',') } : {},
      evaluate: {},
      name: heldOut ? 'MNIST digits 0–4 (few-shot on held-out 5–9)' : 'MNIST',
    };
  }
  const flags: Record<string, string> = { data: v.data };
  for (const flag of ['format', 'image-size', 'channels'] as const)
    if (v[flag] !== undefined) flags[flag] = v[flag];
  const format = v.format ?? 'auto';
  if (v.test === undefined && (format === 'auto' || format === 'folder')) {
    if (format === 'folder' || detectImageFormat(v.data, 'test') === 'folder')
      throw new UsageError(
        `tessera main: ${v.data} has no test split (an IDX t10k pair or CIFAR test batches); pass --test PATH, labelled images to score on.`,
      );
  }
  const { source } = await openData('main', flags);
  if (!source.labels)
    throw new UsageError(
      `tessera main: --data must be labelled images (class sub-folders, an IDX labels file or CIFAR batches) to score on; ${source.description} has no labels.`,
    );
  const classes = [...new Set(source.labels)].sort((a, b) => a - b);
  const half = Math.floor(classes.length / 2);
  const [lower, upper] = [classes.slice(0, half), classes.slice(half)];
  if (heldOut && lower.length < 2)
    throw new UsageError(
      `tessera main --held-out: needs at least 4 classes (pretraining on the lower half, few-shot on the upper); ${source.description} has ${classes.length}.`,
    );
  return {
    pretrain: { ...flags, ...(heldOut ? { classes: lower.join(',') } : {}) },
    evaluate: {
      ...flags,
      train: v.data,
      test: v.test ?? v.data,
      ...(upper.length >= 2 ? { 'few-shot-classes': upper.join(',') } : {}),
    },
    name: heldOut
      ? `${v.data} classes ${lower.join(',')} (few-shot on held-out ${upper.join(',')})`
      : v.data,
  };
}
