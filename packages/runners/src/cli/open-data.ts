import { fromArrays, loadMnist, openImages, subset, type ImageSource } from '@tessera/data';
import { InvalidArgumentError } from '@tessera/core';
import { intFlag, intList, oneOf, UsageError } from './args';

/** The data flags `pretrain`, `evaluate` and `embed` share. @internal */
export const DATA_FLAGS = {
  data: { type: 'string' },
  format: { type: 'string' },
  'image-size': { type: 'string' },
  channels: { type: 'string' },
  classes: { type: 'string' },
  limit: { type: 'string' },
} as const;

/** Help lines of {@link DATA_FLAGS}. @internal */
export const DATA_HELP = `  --data PATH        your images: a folder of images (class sub-folders or flat), a folder
                     holding an IDX pair (train-images-idx3-ubyte[.gz] + train-labels-idx1-ubyte[.gz]),
                     or a folder of CIFAR-10/100 binary batches — the format is detected
  --format NAME      auto, folder, idx, cifar10 or cifar100 (default auto)
  --image-size N     resize every image of a folder to N×N (or HxW, e.g. 32x48)
  --channels N       1 or 3 for a folder of images (default: from the first image)
  --classes LIST     use these classes only, e.g. 0,1,2,3,4
  --limit N          use the first N images`;

type Values = Partial<Record<keyof typeof DATA_FLAGS | 'dataset', string | boolean>>;

/**
 * The images a command reads: `--data PATH` opened with `openImages` (format detected), or the
 * built-in MNIST (`--dataset mnist`, the default), then `--classes` and `--limit` applied. Reads
 * before anything is written, so a bad path leaves no run folder behind. @internal
 */
export async function openData(
  command: string,
  v: Values,
  split: 'train' | 'test' = 'train',
  path = v.data as string | undefined,
): Promise<{ source: ImageSource; dataset: string }> {
  const format = oneOf(
    command,
    'format',
    v.format as string | undefined,
    ['auto', 'folder', 'idx', 'cifar10', 'cifar100'] as const,
    'auto',
  );
  const size = imageSize(command, v['image-size'] as string | undefined);
  const channels =
    v.channels === undefined
      ? undefined
      : oneOf(command, 'channels', v.channels as string, ['1', '3'] as const, '3') === '1'
        ? 1
        : 3;
  const classes = intList(command, 'classes', v.classes as string | undefined);
  const limit = v.limit === undefined ? undefined : intFlag(command, 'limit', v.limit as string, 1);
  let source: ImageSource;
  let dataset: string;
  if (path) {
    if (v.dataset !== undefined && v.dataset !== 'mnist')
      throw new UsageError(`tessera ${command}: give --data or --dataset, not both.`);
    try {
      source = await openImages(path, {
        format,
        split,
        ...(size ? { size } : {}),
        ...(channels ? { channels } : {}),
      });
    } catch (e) {
      if (e instanceof InvalidArgumentError)
        throw new UsageError(`tessera ${command}: ${e.detail}`);
      throw e;
    }
    dataset = path;
  } else {
    oneOf(command, 'dataset', v.dataset as string | undefined, ['mnist'], 'mnist');
    source = fromArrays(await loadMnist({ split }));
    dataset = 'mnist';
  }
  if (classes) {
    if (!source.labels)
      throw new UsageError(
        `tessera ${command}: --classes needs labelled images; ${source.description} has none.`,
      );
    const keep = Int32Array.from(source.labels.keys()).filter((i) =>
      classes.includes(source.labels![i] as number),
    );
    if (keep.length === 0)
      throw new UsageError(
        `tessera ${command}: no image of classes ${classes.join(',')} in ${source.description}.`,
      );
    source = subset(source, keep);
  }
  if (limit !== undefined && limit < source.size)
    source = subset(
      source,
      Int32Array.from({ length: limit }, (_, i) => i),
    );
  return { source, dataset };
}

function imageSize(command: string, value: string | undefined): [number, number] | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)(?:x(\d+))?$/.exec(value.trim());
  const [h, w] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [0, 0];
  if (!(h > 0 && w > 0))
    throw new UsageError(
      `tessera ${command}: --image-size must be N or HxW such as 32 or 32x48, got ${JSON.stringify(value)}.`,
    );
  return [h, w];
}
