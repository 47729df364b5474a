import { InvalidArgumentError } from '@tessera/core';
import type { ImageSource } from './image-source';
import { checkDecodeOptions, decodedSource } from './decoded-source';
import { listImageFiles, relativeName } from './list-image-files';
import { loadSharp, type Sharp } from './load-sharp';
import { imagesInMegabytes, lruCache } from './lru-cache';

const FN = 'imageFolder';

/** Options of {@link imageFolder}. @category Sources */
export interface ImageFolderOptions {
  /**
   * `[height, width]` (or one number for a square) every image is resized to. Default: the first
   * image's size, and every image must have it (a different one fails naming the file).
   */
  size?: number | readonly [number, number];
  /** How an image of another aspect ratio becomes `size`: `'cover'` (centre crop, default), `'fill'` (stretch) or `'contain'` (letterbox, black). */
  fit?: 'cover' | 'fill' | 'contain';
  /** 1 (grayscale) or 3 (RGB; alpha dropped). Default: 1 when the first image is grayscale, else 3. */
  channels?: 1 | 3;
  /** Flat layout: also the images of sub-folders. Class folders are always searched recursively. Default `true`. */
  recursive?: boolean;
  /** Decoded images kept in memory (8-bit, least recently used dropped first), in megabytes. Default `512`. */
  cacheMegabytes?: number;
}

/** An {@link ImageSource} over files, with their paths. @category Sources */
export interface ImageFolderSource extends ImageSource {
  /** Every image's path relative to the folder, in index order. */
  readonly files: readonly string[];
}

/**
 * An {@link ImageSource} over a folder of images, as torchvision's `ImageFolder`: one sub-folder per
 * class (sorted names are the class ids; `classNames` holds them) or, with no class folders, the
 * folder's own images unlabelled. PNG, JPEG, WebP, GIF (first frame), TIFF and AVIF are decoded
 * with `sharp` (an optional peer dependency: `npm install sharp`), resized to `size`, converted to
 * `channels` and returned as NHWC floats in [0, 1]. Images are decoded when read — `pretrain`
 * reads a step ahead — and kept in a bounded cache, so a set larger than memory streams. Node only.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when the folder cannot
 *   be read or holds no image, when `sharp` is missing, and — when read — naming a file that fails
 *   to decode or (without `size`) differs in size from the first.
 * @example
 * ```ts
 * const photos = await imageFolder('photos/', { size: 64 }); // photos/cats/*.jpg, photos/dogs/*.jpg
 * console.log(photos.classNames); // ['cats', 'dogs']
 * const run = await pretrain({ method: 'simclr', data: photos, budgetSeconds: '10m' });
 * ```
 * @category Sources
 */
export async function imageFolder(
  dir: string,
  {
    size,
    fit = 'cover',
    channels,
    recursive = true,
    cacheMegabytes = 512,
  }: ImageFolderOptions = {},
): Promise<ImageFolderSource> {
  const sharp = await loadSharp(FN);
  const target = checkDecodeOptions({ size, fit, channels, cacheMegabytes }, FN);
  const { files, labels, classNames } = await listImageFiles(dir, { recursive, functionName: FN });
  const first = await metadataOf(sharp, files[0]!);
  const [h, w] = target ?? [first.height, first.width];
  const c = channels ?? (first.channels - (first.hasAlpha ? 1 : 0) === 1 ? 1 : 3);
  const item = h * w * c;
  const cache = lruCache(imagesInMegabytes(cacheMegabytes, item));
  const decode = async (k: number): Promise<Uint8Array> => {
    const hit = cache.get(k);
    if (hit) return hit;
    const file = files[k]!;
    let pixels: Uint8Array;
    try {
      let img = sharp(file, { animated: false }).removeAlpha();
      if (target) img = img.resize(w, h, { fit, kernel: 'linear' });
      img = c === 1 ? img.grayscale() : img.toColourspace('srgb');
      // one decode: without a target size, the decoded size is checked against the first image's
      const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
      if (info.height !== h || info.width !== w)
        throw fail(
          'size',
          `${file} is ${info.height}×${info.width}, not ${h}×${w} as the first image: pass size to resize every image.`,
        );
      if (info.channels !== c) throw new Error(`decoded ${info.channels} channels, not ${c}`);
      pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    } catch (e) {
      if (e instanceof InvalidArgumentError) throw e;
      throw fail('dir', `${file} could not be decoded: ${(e as Error).message}.`);
    }
    cache.set(k, pixels);
    return pixels;
  };
  return decodedSource(
    {
      files: files.map((f) => relativeName(dir, f)),
      shape: [h, w, c],
      labels,
      classNames,
      what: `image folder ${dir}`,
    },
    decode,
    FN,
  );
}

async function metadataOf(sharp: Sharp, file: string) {
  try {
    const m = await sharp(file).metadata();
    if (!m.width || !m.height || !m.channels) throw new Error('no size or channels');
    return {
      width: m.width,
      height: m.height,
      channels: m.channels,
      hasAlpha: m.hasAlpha ?? false,
    };
  } catch (e) {
    throw fail('dir', `${file} could not be decoded: ${(e as Error).message}.`);
  }
}

function fail(argument: string, detail: string): InvalidArgumentError {
  return new InvalidArgumentError({ functionName: FN, argument, detail });
}
