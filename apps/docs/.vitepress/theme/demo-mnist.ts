// The MNIST subset the site serves (scripts/mnist-subset.mjs writes it into public/mnist/ at build
// time), loaded once per page with @tessera/data's browser loader.
import type { MnistDataset } from '@tessera/data';
import { withBase } from 'vitepress';

const cache = new Map<string, Promise<MnistDataset>>();

/** The served subset: `'train'` has 3000 digits, `'test'` 1000. */
export function demoMnist(split: 'train' | 'test'): Promise<MnistDataset> {
  let loading = cache.get(split);
  if (!loading) {
    loading = import('@tessera/data').then(({ loadMnist }) =>
      loadMnist({ split, baseUrl: withBase('/mnist/') }),
    );
    cache.set(split, loading);
  }
  return loading;
}

/** Image `i` of a dataset: `28·28` floats. */
export const digitOf = (data: MnistDataset, i: number) => data.images.slice(i * 784, (i + 1) * 784);

/** Sum of the pixels to 3 decimals: what the demos show under an image and the tests compare. */
export const pixelSum = (pixels: Float32Array) => pixels.reduce((a, b) => a + b, 0).toFixed(3);
