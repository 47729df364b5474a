import { InvalidArgumentError } from '@tessera/core';
import { parseIdx, type IdxArray } from '../parse-idx';
import type { ImageSource } from './image-source';
import { readFileBytes } from './read-file-bytes';
import { uint8Source } from './uint8-source';

const FN = 'idxFiles';

/**
 * An {@link ImageSource} over an IDX pair (LeCun's MNIST format, plain or gzipped — any MNIST-format
 * data set such as Fashion-MNIST or KMNIST is drop-in): images `[N, H, W]` (one channel) or
 * `[N, H, W, C]` of unsigned bytes, and optionally labels `[N]`. The bytes stay in memory;
 * batches are converted to floats in [0, 1] as they are read. Node only.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} naming the file when it
 *   cannot be read or decompressed, is not IDX (magic number), is truncated, has the wrong rank,
 *   or when images and labels differ in count.
 * @example
 * ```ts
 * const train = await idxFiles('data/train-images-idx3-ubyte.gz', 'data/train-labels-idx1-ubyte.gz');
 * const run = await pretrain({ method: 'simclr', data: train, budgetSeconds: '5m' });
 * ```
 * @category Sources
 */
export async function idxFiles(images: string, labels?: string): Promise<ImageSource> {
  const pixels = await readIdx(images, 'images');
  if (pixels.shape.length !== 3 && pixels.shape.length !== 4)
    throw fail(
      'images',
      `${images} must hold images [N, H, W] or [N, H, W, C], got shape [${pixels.shape.join(', ')}].`,
    );
  const [n, h, w, c = 1] = pixels.shape as [number, number, number, number?];
  let classes: Int32Array | undefined;
  if (labels !== undefined) {
    const l = await readIdx(labels, 'labels');
    if (l.shape.length !== 1)
      throw fail('labels', `${labels} must hold labels [N], got shape [${l.shape.join(', ')}].`);
    if (l.shape[0] !== n)
      throw fail(
        'labels',
        `${labels} holds ${l.shape[0]} labels for the ${n} images of ${images}: they must be as many.`,
      );
    classes = Int32Array.from(l.data);
  }
  const item = h * w * c;
  return uint8Source(
    {
      size: n,
      shape: [h, w, c],
      ...(classes ? { labels: classes } : {}),
      description: `IDX ${images}${labels ? ` + ${labels}` : ''} (${n} images of ${h}×${w}×${c})`,
    },
    pixels.data,
    'hwc',
    (k) => k * item,
    FN,
  );
}

async function readIdx(path: string, argument: string): Promise<IdxArray> {
  const bytes = await readFileBytes(path, FN, argument);
  try {
    return parseIdx(bytes);
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw fail(argument, `${path}: ${e.detail}`);
    throw e;
  }
}

function fail(argument: string, detail: string): InvalidArgumentError {
  return new InvalidArgumentError({ functionName: FN, argument, detail });
}
