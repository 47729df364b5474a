import { METHODS, type MethodName } from '../../methods/registry';
import { parseDuration } from '../../pretrain/duration';
import { batchTooSmall, DEFAULT_CHECKPOINT_EVERY } from '../../pretrain/read-options';
import { intFlag, intList, oneOf, positiveFlag, UsageError } from '../args';
import { valSplitFlag } from '../val-split';
import type { PRETRAIN_FLAGS } from './pretrain-flags';

export type PretrainValues = Partial<Record<keyof typeof PRETRAIN_FLAGS, string | boolean>>;

/**
 * `tessera pretrain`'s training options from its flags, checked before anything is opened or
 * written: a bad flag fails with a usage message and leaves no run folder. @internal
 */
export function readPretrainFlags(
  command: string,
  v: PretrainValues,
  fallback: { budget?: string } = {},
) {
  const method = oneOf(
    command,
    'method',
    v.method as string | undefined,
    Object.keys(METHODS) as MethodName[],
    'simclr',
  );
  const defaults = oneOf(
    command,
    'defaults',
    v.defaults as string | undefined,
    ['tfjs', 'pytorch'] as const,
    'tfjs',
  );
  if (!v.out)
    throw new UsageError(
      `tessera ${command}: --out DIR is required (the run folder, e.g. runs/simclr-mnist).`,
    );
  const budget =
    (v.budget as string | undefined) ?? (v.epochs || v.steps ? undefined : fallback.budget);
  if (!budget && !v.epochs && !v.steps)
    throw new UsageError(
      `tessera ${command}: give --budget, --epochs or --steps (how long to train).`,
    );
  const budgetSeconds =
    budget === undefined ? undefined : parseDuration(budget, `tessera ${command}`, '--budget');
  const epochs = positiveFlag(command, 'epochs', v.epochs as string | undefined, undefined);
  const lr = positiveFlag(command, 'lr', v.lr as string | undefined, 1e-3);
  const batchSize = intFlag(command, 'batch-size', v['batch-size'] as string | undefined, 256);
  const schedule = oneOf(
    command,
    'schedule',
    v.schedule as string | undefined,
    ['constant', 'cosine'] as const,
    'constant',
  );
  const warmupSteps = intFlag(command, 'warmup', v.warmup as string | undefined, 0, 0);
  const grid = intFlag(command, 'grid', v.grid as string | undefined, 1);
  const downsample = intList(command, 'downsample', v.downsample as string | undefined);
  const readoutPool = v['readout-pool']
    ? oneOf(
        command,
        'readout-pool',
        v['readout-pool'] as string,
        ['average', 'max'] as const,
        'max',
      )
    : undefined;
  const gridPool = oneOf(
    command,
    'grid-pool',
    v['grid-pool'] as string | undefined,
    ['average', 'max'] as const,
    'average',
  );
  const seed = intFlag(command, 'seed', v.seed as string | undefined, 0, 0);
  const maxSteps =
    v.steps === undefined ? undefined : intFlag(command, 'steps', v.steps as string, 1);
  const checkpointEvery = intFlag(
    command,
    'checkpoint-every',
    v['checkpoint-every'] as string | undefined,
    DEFAULT_CHECKPOINT_EVERY,
  );
  const tooSmall = batchTooSmall(METHODS[method], batchSize);
  if (tooSmall) throw new UsageError(`tessera ${command}: --batch-size is too small: ${tooSmall}`);
  const valSplit = valSplitFlag(command, v['val-split'] as string | undefined);
  const minCropScale = positiveFlag(
    command,
    'min-crop-scale',
    v['min-crop-scale'] as string | undefined,
    undefined,
  );
  if (minCropScale !== undefined && minCropScale > 1)
    throw new UsageError(
      `tessera ${command}: --min-crop-scale is a fraction of the image's area in (0, 1], got ${JSON.stringify(v['min-crop-scale'])}.`,
    );
  if (v['power-readout'] && v['standardize-features'])
    throw new UsageError(
      `tessera ${command}: --power-readout and --standardize-features are two readings of the features for kNN and few-shot; give one.`,
    );
  if (v['probe-power'] && !v['power-readout'])
    throw new UsageError(
      `tessera ${command}: --probe-power square-roots the features of a power readout in place; give it with --power-readout.`,
    );

  return {
    method,
    defaults,
    budgetSeconds,
    epochs,
    lr,
    batchSize,
    schedule,
    warmupSteps,
    grid,
    downsample,
    readoutPool,
    gridPool,
    seed,
    maxSteps,
    checkpointEvery,
    valSplit,
    minCropScale,
  };
}
