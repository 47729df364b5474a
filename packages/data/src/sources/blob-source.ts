import { InvalidArgumentError } from '@tessera/core';
import {
  assertCanvasDecoding,
  decodeToRgba,
  fromRgba,
  isGrey,
  type ResizeFit,
} from './canvas-decode';
import { checkDecodeOptions, decodedSource } from './decoded-source';
import type { ImageSource } from './image-source';
import { imagesInMegabytes, lruCache } from './lru-cache';

/** Options of {@link fromFiles} and {@link fromUrls}. @category Sources */
export interface BrowserImagesOptions {
  /**
   * `[height, width]` (or one number for a square) every image is resized to. Default: the first
   * image's size, and every image must have it (a different one fails naming the file).
   */
  size?: number | readonly [number, number];
  /** How an image of another aspect ratio becomes `size`: `'cover'` (centre crop, default), `'fill'` (stretch) or `'contain'` (letterbox, black). */
  fit?: ResizeFit;
  /** 1 (grey) or 3 (RGB; alpha dropped). Default: 1 when the first image is grey (R = G = B everywhere), else 3. */
  channels?: 1 | 3;
  /** Class of each image, in order (overrides classes found in folder paths). */
  labels?: ArrayLike<number>;
  /** Name of each class id. */
  classNames?: readonly string[];
  /** Decoded images kept in memory (8-bit, least recently used dropped first), in megabytes. Default `512`. */
  cacheMegabytes?: number;
}

/** An {@link ImageSource} over browser images, with their names. @category Sources */
export interface NamedImageSource extends ImageSource {
  /** Every image's name (file path or URL), in index order. */
  readonly files: readonly string[];
}

/** One image a browser source reads: its name for messages and how to get its bytes. @internal */
export interface BlobItem {
  readonly name: string;
  load(): Promise<Blob>;
}

/**
 * The {@link ImageSource} of {@link fromFiles} and {@link fromUrls}: images decoded with
 * `createImageBitmap`, drawn at the target size on an `OffscreenCanvas`, kept in a bounded cache.
 * The first image is decoded at once for the size and channels. @internal
 */
export async function blobSource(
  items: readonly BlobItem[],
  options: BrowserImagesOptions,
  found: { labels?: Int32Array; classNames?: readonly string[] },
  describe: string,
  fn: string,
): Promise<NamedImageSource> {
  const fail = (argument: string, detail: string) =>
    new InvalidArgumentError({ functionName: fn, argument, detail });
  const { size, fit = 'cover', channels, cacheMegabytes = 512 } = options;
  assertCanvasDecoding(fn);
  const target = checkDecodeOptions({ size, fit, channels, cacheMegabytes }, fn);
  const labels = options.labels ? Int32Array.from(options.labels) : found.labels;
  if (labels) {
    if (labels.length !== items.length)
      throw fail(
        'labels',
        `labels must have one class per image (${items.length}), got ${labels.length}.`,
      );
    labels.forEach((y, i) => {
      if (!(Number.isInteger(y) && y >= 0))
        throw fail('labels', `labels must be integers ≥ 0, got ${y} at position ${i}.`);
    });
  }
  const classNames = options.classNames ?? (options.labels ? undefined : found.classNames);
  const decode = async (k: number, target?: readonly [number, number]) => {
    const item = items[k]!;
    try {
      return await decodeToRgba(await item.load(), target, fit);
    } catch (e) {
      if (InvalidArgumentError.isInstance(e)) throw e;
      throw fail('files', `${item.name} could not be decoded: ${(e as Error).message}.`);
    }
  };
  const first = await decode(0, target);
  const [h, w] = target ?? [first.height, first.width];
  const c = channels ?? (isGrey(first.rgba) ? 1 : 3);
  const item = h * w * c;
  const cache = lruCache(imagesInMegabytes(cacheMegabytes, item));
  cache.set(0, fromRgba(first.rgba, c));
  const pixelsOf = async (k: number): Promise<Uint8Array> => {
    const hit = cache.get(k);
    if (hit) return hit;
    const d = await decode(k, target);
    if (!target && (d.height !== h || d.width !== w))
      throw fail(
        'size',
        `${items[k]!.name} is ${d.height}×${d.width}, not ${h}×${w} as the first image: pass size to resize every image.`,
      );
    const pixels = fromRgba(d.rgba, c);
    cache.set(k, pixels);
    return pixels;
  };
  return decodedSource(
    { files: items.map((i) => i.name), shape: [h, w, c], labels, classNames, what: describe },
    pixelsOf,
    fn,
  ) as NamedImageSource;
}
