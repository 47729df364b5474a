import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InvalidArgumentError } from '@tessera/core';
import { cifarBinary } from './cifar-binary';
import { idxFiles } from './idx-files';
import { imageFolder, type ImageFolderOptions } from './image-folder';
import type { ImageSource } from './image-source';

/** The formats {@link openImages} reads. @category Sources */
export type ImageFormat = 'folder' | 'idx' | 'cifar10' | 'cifar100';

/** Options of {@link openImages}. @category Sources */
export interface OpenImagesOptions extends Pick<ImageFolderOptions, 'size' | 'channels' | 'fit'> {
  /** Default: detected from the files (see {@link openImages}). */
  format?: ImageFormat | 'auto';
  /** Which half of an IDX or CIFAR set: `'train'` (default) or `'test'`. */
  split?: 'train' | 'test';
}

const IDX_PREFIX = { train: 'train', test: 't10k' } as const;

/** The IDX pair of `split` in `dir` (plain or `.gz`), or `undefined`. */
function idxPair(dir: string, split: 'train' | 'test'): [string, string | undefined] | undefined {
  const find = (stem: string) =>
    [stem, `${stem}.gz`].map((f) => join(dir, f)).find((p) => existsSync(p));
  const images = find(`${IDX_PREFIX[split]}-images-idx3-ubyte`);
  return images ? [images, find(`${IDX_PREFIX[split]}-labels-idx1-ubyte`)] : undefined;
}

/**
 * How {@link openImages} reads the folder `path` for `split` when its format is `'auto'`: `'idx'`
 * where the split's IDX pair is there, `'cifar10'` / `'cifar100'` where CIFAR batches are, else
 * `'folder'` (images, one split: the same images for `'train'` and `'test'`). Node only.
 * @example
 * ```ts
 * if (detectImageFormat('data/fashion-mnist', 'test') === 'folder') console.log('no test split');
 * ```
 * @category Sources
 */
export function detectImageFormat(path: string, split: 'train' | 'test' = 'train'): ImageFormat {
  return idxPair(path, split)
    ? 'idx'
    : existsSync(join(path, 'data_batch_1.bin')) || existsSync(join(path, 'test_batch.bin'))
      ? 'cifar10'
      : existsSync(join(path, `${split}.bin`))
        ? 'cifar100'
        : 'folder';
}

/**
 * Opens images wherever they are, as an {@link ImageSource}: `path` is a folder holding an IDX pair
 * under the standard names (`train-images-idx3-ubyte[.gz]` and `train-labels-idx1-ubyte[.gz]`, or
 * `t10k-…` for `split: 'test'`), a folder of CIFAR-10 (`data_batch_1.bin`, …) or CIFAR-100
 * (`train.bin`, `test.bin`) binary batches, an IDX images file itself, or else a folder of images
 * (class sub-folders or flat, see {@link imageFolder}). `format` forces one reading. Node only.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} naming the path and
 *   what was expected when it does not exist or holds none of these.
 * @example
 * ```ts
 * const train = await openImages('data/fashion-mnist');          // an IDX pair
 * const photos = await openImages('photos/', { size: 64 });       // class folders of JPEGs
 * ```
 * @category Sources
 */
export async function openImages(
  path: string,
  { format = 'auto', split = 'train', ...image }: OpenImagesOptions = {},
): Promise<ImageSource> {
  const fn = 'openImages';
  if (!existsSync(path))
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'path',
      detail: `path must be a folder of images, an IDX pair or CIFAR batches, got ${JSON.stringify(path)}, which does not exist.`,
    });
  if (!['auto', 'folder', 'idx', 'cifar10', 'cifar100'].includes(format))
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'format',
      detail: `format must be 'auto', 'folder', 'idx', 'cifar10' or 'cifar100', got ${JSON.stringify(format)}.`,
    });
  if (statSync(path).isFile()) {
    if (format !== 'auto' && format !== 'idx')
      throw new InvalidArgumentError({
        functionName: fn,
        argument: 'path',
        detail: `${path} is a file: only an IDX images file can be opened directly (format 'idx').`,
      });
    const labels = join(dirname(path), basename(path).replace('-images-idx3-', '-labels-idx1-'));
    return idxFiles(path, labels !== path && existsSync(labels) ? labels : undefined);
  }
  const detected: ImageFormat = format !== 'auto' ? format : detectImageFormat(path, split);
  if (detected === 'idx') {
    const pair = idxPair(path, split);
    if (!pair)
      throw new InvalidArgumentError({
        functionName: fn,
        argument: 'path',
        detail: `${path} must hold ${IDX_PREFIX[split]}-images-idx3-ubyte[.gz] for the ${split} split.`,
      });
    return idxFiles(pair[0], pair[1]);
  }
  if (detected === 'cifar10' || detected === 'cifar100')
    return cifarBinary(path, { variant: detected === 'cifar10' ? 10 : 100, split });
  return imageFolder(path, image);
}
