import { InvalidArgumentError } from '@tessera/core';
import { checkIndices } from './check-indices';
import type { ImageSource } from './image-source';

/**
 * The images `indices` of a source, in that order, as a source of their own (labels, class names
 * and a synchronous read carried over): a class subset, a limit, a validation split.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when `indices` is
 *   empty or holds an index outside the source.
 * @example
 * ```ts
 * const firstFive = subset(train, Int32Array.from(train.labels!.keys()).filter((i) => train.labels![i]! < 5));
 * ```
 * @category Sources
 */
export function subset(source: ImageSource, indices: ArrayLike<number>): ImageSource {
  if (indices.length === 0)
    throw new InvalidArgumentError({
      functionName: 'subset',
      argument: 'indices',
      detail: 'indices must name at least one image, got none.',
    });
  checkIndices(indices, source.size, 'subset');
  const map = Int32Array.from(indices);
  const outer = (inner: ArrayLike<number>) => {
    checkIndices(inner, map.length, 'subset');
    return Int32Array.from(inner, (k) => map[k] as number);
  };
  const { readSync } = source;
  return {
    size: map.length,
    shape: source.shape,
    ...(source.labels ? { labels: Int32Array.from(map, (k) => source.labels![k] as number) } : {}),
    ...(source.classNames ? { classNames: source.classNames } : {}),
    description: `${map.length} of ${source.description}`,
    read: (inner) => source.read(outer(inner)),
    ...(readSync ? { readSync: (inner: ArrayLike<number>) => readSync(outer(inner)) } : {}),
  };
}
