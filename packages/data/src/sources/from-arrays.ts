import { InvalidArgumentError } from '@tessera/core';
import { checkImageArrays } from './check-image-arrays';
import type { ImageSource } from './image-source';
import { checkIndices } from './check-indices';

/**
 * An {@link ImageSource} over images already in memory: `N·H·W·C` floats in [0, 1], NHWC (a
 * `MnistDataset` is one), with optional labels and class names. Reads copy the rows asked for.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when the array, shape
 *   and labels disagree.
 * @example
 * ```ts
 * const source = fromArrays(await loadMnist({ split: 'train' }));
 * const batch = source.readSync!([0, 1, 2]); // 3·28·28 floats
 * ```
 * @category Sources
 */
export function fromArrays(data: {
  readonly images: Float32Array;
  readonly shape: readonly [number, number, number, number];
  readonly labels?: Int32Array;
  readonly classNames?: readonly string[];
  readonly description?: string;
}): ImageSource {
  const fn = 'fromArrays';
  const { images, labels } = data;
  checkImageArrays(data, fn);
  const { shape } = data;
  const [n, h, w, c] = shape;
  if (labels && labels.length !== n)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'data',
      detail: `data.labels must have one label per image (${n}), got ${labels.length}.`,
    });
  const item = h * w * c;
  const readSync = (indices: ArrayLike<number>): Float32Array => {
    checkIndices(indices, n, fn);
    const out = new Float32Array(indices.length * item);
    for (let i = 0; i < indices.length; i++) {
      const k = indices[i] as number;
      out.set(images.subarray(k * item, (k + 1) * item), i * item);
    }
    return out;
  };
  return {
    size: n,
    shape: [h, w, c],
    ...(labels ? { labels } : {}),
    ...(data.classNames ? { classNames: data.classNames } : {}),
    description: data.description ?? `${n} images of ${h}×${w}×${c} in memory`,
    readSync,
    read: async (indices) => readSync(indices),
  };
}
