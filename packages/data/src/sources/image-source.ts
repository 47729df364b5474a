/**
 * Images read by index, batch by batch: the one interface every data source of Tessera offers
 * (arrays in memory, IDX files, CIFAR batches, image folders), and what `pretrain` streams from.
 * @category Sources
 */
export interface ImageSource {
  /** Number of images. */
  readonly size: number;
  /** `[H, W, C]` of every image the source returns. */
  readonly shape: readonly [number, number, number];
  /** `[size]` class of each image, when known. */
  readonly labels?: Int32Array;
  /** Name of each class id (`classNames[labels[i]]`), when known. */
  readonly classNames?: readonly string[];
  /** What and where the images are, for messages and run configs. */
  readonly description: string;
  /** Images `indices`, in that order, as one NHWC array of floats in [0, 1]. */
  read(indices: ArrayLike<number>): Promise<Float32Array>;
  /** The same, synchronously: sources that hold their pixels in memory have it. */
  readSync?(indices: ArrayLike<number>): Float32Array;
}

/** Whether `value` is an {@link ImageSource} (rather than `{ images, shape }` arrays). @category Sources */
export function isImageSource(value: unknown): value is ImageSource {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ImageSource).read === 'function' &&
    Number.isInteger((value as ImageSource).size) &&
    Array.isArray((value as ImageSource).shape)
  );
}
