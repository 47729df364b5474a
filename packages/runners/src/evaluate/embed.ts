import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { inferenceFunction } from '@tessera/models';
import { fromArrays, isImageSource, type ImageSource } from '@tessera/data';
import type { ImageData } from '../pretrain/types';

/**
 * The features of every image (inference mode: batch norm uses its running averages, folded into
 * the convolutions before it by `inferenceFunction`), computed `batchSize` images at a time and
 * read back as one `[N, D]` row-major array. `data` is arrays in memory or any `ImageSource`
 * (read batch by batch, the next batch requested while this one is embedded).
 * @category Evaluation
 */
export async function embedImages(
  encoder: tfl.LayersModel,
  data: Pick<ImageData, 'images' | 'shape'> | ImageSource,
  { batchSize = 1000 }: { batchSize?: number } = {},
): Promise<{ features: Float32Array; dim: number }> {
  const source = isImageSource(data) ? data : fromArrays(data);
  const n = source.size;
  const [h, w, c] = source.shape;
  const rows = (start: number) =>
    Int32Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
  const read = (start: number) =>
    source.readSync ? Promise.resolve(source.readSync(rows(start))) : source.read(rows(start));
  let out: Float32Array | null = null;
  let dim = 0;
  const fast = inferenceFunction(encoder);
  try {
    let next = n > 0 ? read(0) : null;
    for (let start = 0; start < n; start += batchSize) {
      const count = Math.min(batchSize, n - start);
      const pixels = await next!;
      next = start + batchSize < n ? read(start + batchSize) : null;
      const f = tf.tidy(() => fast.predict(tf.tensor4d(pixels, [count, h, w, c])) as tf.Tensor2D);
      const values = (await f.data()) as Float32Array;
      dim = f.shape[1];
      f.dispose();
      out ??= new Float32Array(n * dim);
      out.set(values, start * dim);
    }
  } finally {
    fast.dispose();
  }
  return { features: out ?? new Float32Array(0), dim };
}
