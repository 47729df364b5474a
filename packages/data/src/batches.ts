import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, createRng, InvalidArgumentError } from '@tessera/core';

/** Items as flat float arrays with their full shape (`MnistDataset` is one), or as tensors. */
export type BatchSource =
  | {
      readonly images: Float32Array;
      readonly shape: readonly number[];
      readonly labels?: Int32Array;
    }
  | { readonly x: tf.Tensor; readonly y?: tf.Tensor };

/** One batch: `x` `[batchSize, ...]`, `y` (int32) when the source has labels, and the items' indices. */
export interface Batch {
  readonly x: tf.Tensor;
  readonly y?: tf.Tensor1D;
  readonly indices: Int32Array;
}

/** Options of {@link batches}. */
export interface BatchesOptions {
  /** Items per batch. */
  batchSize: number;
  /** Visit the items in a seeded random order. Default `true`. */
  shuffle?: boolean;
  /** Seed of the order. Default `0`. */
  seed?: number;
  /** Skip the last, smaller batch. Default `false`. */
  dropLast?: boolean;
}

/**
 * One epoch of batches as an async iterator: `for await (const { x, y } of batches(data, { batchSize: 256, seed }))`.
 *
 * **Memory contract:** the iterator owns the tensors it yields. A batch's `x` and `y` are disposed
 * when the loop asks for the next batch, and when it ends or breaks; clone them (`tf.clone`) to keep
 * one longer. So an epoch leaks no tensors.
 *
 * @param dataset - `{images, shape, labels?}` (flat float32 items, e.g. from `loadMnist`) or `{x, y?}` tensors (first axis = items).
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} for an empty dataset, labels of the wrong length, or a bad batch size.
 * @example
 * ```ts
 * for await (const { x, y } of batches(await loadMnist({ limit: 1024 }), { batchSize: 128, seed: 1 })) {
 *   optimizer.minimize(() => loss(model.apply(x), y));
 * }
 * ```
 * @category Batching
 */
export async function* batches(
  dataset: BatchSource,
  { batchSize, shuffle = true, seed = 0, dropLast = false }: BatchesOptions,
): AsyncGenerator<Batch> {
  const fn = 'batches';
  assertInteger(batchSize, fn, 'batchSize', { min: 1 });
  assertInteger(seed, fn, 'seed');
  const take = makeTaker(dataset, fn);
  const order = shuffle
    ? createRng(seed).permutation(take.count)
    : Int32Array.from({ length: take.count }, (_, i) => i);
  const end = dropLast ? take.count - (take.count % batchSize) : take.count;
  let current: Batch | null = null;
  try {
    for (let start = 0; start < end; start += batchSize) {
      const indices = order.slice(start, Math.min(start + batchSize, end));
      if (current) tf.dispose([current.x, ...(current.y ? [current.y] : [])]);
      current = take.batch(indices);
      yield current;
    }
  } finally {
    if (current) tf.dispose([current.x, ...(current.y ? [current.y] : [])]);
  }
}

function makeTaker(
  dataset: BatchSource,
  fn: string,
): { count: number; batch: (indices: Int32Array) => Batch } {
  if ('x' in dataset) {
    const count = dataset.x.shape[0] ?? 0;
    check(count, dataset.y ? (dataset.y.shape[0] ?? 0) : count, fn);
    return {
      count,
      batch: (indices) =>
        tf.tidy(() => {
          const idx = tf.tensor1d(indices, 'int32');
          const x = tf.gather(dataset.x, idx);
          return dataset.y
            ? { x, y: tf.cast(tf.gather(dataset.y, idx), 'int32') as tf.Tensor1D, indices }
            : { x, indices };
        }),
    };
  }
  const { images, shape, labels } = dataset;
  const count = shape[0] ?? 0;
  const itemShape = shape.slice(1);
  const itemSize = itemShape.reduce((a, b) => a * b, 1);
  if (images.length !== count * itemSize) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'dataset',
      detail: `dataset.images must have ${count * itemSize} values for shape [${shape}], got ${images.length}.`,
    });
  }
  check(count, labels ? labels.length : count, fn);
  return {
    count,
    batch: (indices) => {
      const x = new Float32Array(indices.length * itemSize);
      indices.forEach((i, k) =>
        x.set(images.subarray(i * itemSize, (i + 1) * itemSize), k * itemSize),
      );
      const xt = tf.tensor(x, [indices.length, ...itemShape]);
      return labels
        ? {
            x: xt,
            y: tf.tensor1d(
              Int32Array.from(indices, (i) => labels[i] as number),
              'int32',
            ),
            indices,
          }
        : { x: xt, indices };
    },
  };
}

function check(count: number, labelCount: number, fn: string): void {
  if (count === 0)
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'dataset',
      detail: 'dataset must not be empty, got 0 items.',
    });
  if (labelCount !== count) {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'dataset',
      detail: `dataset labels must have one value per item (${count}), got ${labelCount}.`,
    });
  }
}
