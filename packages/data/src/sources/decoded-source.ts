import { InvalidArgumentError } from '@tessera/core';
import { checkIndices } from './check-indices';
import type { ImageSource } from './image-source';

/**
 * The {@link ImageSource} of a decoding source (`imageFolder`, `fromFiles`, `fromUrls`): images
 * named `files`, each decoded to 8-bit NHWC pixels by `pixelsOf` (which caches), read as floats in
 * [0, 1]. `what` starts the description, e.g. `image folder photos/`. @internal
 */
export function decodedSource(
  fields: {
    files: readonly string[];
    shape: readonly [number, number, number];
    labels?: Int32Array | undefined;
    classNames?: readonly string[] | undefined;
    what: string;
  },
  pixelsOf: (k: number) => Promise<Uint8Array>,
  functionName: string,
): ImageSource & { readonly files: readonly string[] } {
  const { files, shape, labels, classNames, what } = fields;
  const [h, w, c] = shape;
  const item = h * w * c;
  return {
    size: files.length,
    shape,
    ...(labels ? { labels } : {}),
    ...(classNames ? { classNames } : {}),
    files,
    description: `${what} (${files.length} images${classNames ? ` in ${classNames.length} classes` : ''}, as ${h}×${w}×${c})`,
    async read(indices) {
      checkIndices(indices, files.length, functionName);
      const decoded = await Promise.all(Array.from(indices, (k) => pixelsOf(k)));
      const out = new Float32Array(indices.length * item);
      decoded.forEach((pixels, i) => {
        for (let j = 0; j < item; j++) out[i * item + j] = pixels[j]! / 255;
      });
      return out;
    },
  };
}

/**
 * Checks the options every decoding source shares; throws naming `functionName`. Returns the
 * target `[height, width]` that `size` names, or `undefined` (each image's own size). @internal
 */
export function checkDecodeOptions(
  {
    size,
    fit,
    channels,
    cacheMegabytes,
  }: {
    size?: number | readonly [number, number] | undefined;
    fit: string;
    channels?: number | undefined;
    cacheMegabytes: number;
  },
  functionName: string,
): [number, number] | undefined {
  const fail = (argument: string, detail: string) =>
    new InvalidArgumentError({ functionName, argument, detail });
  if (!['cover', 'fill', 'contain'].includes(fit))
    throw fail('fit', `fit must be 'cover', 'fill' or 'contain', got ${JSON.stringify(fit)}.`);
  if (channels !== undefined && channels !== 1 && channels !== 3)
    throw fail('channels', `channels must be 1 or 3, got ${JSON.stringify(channels)}.`);
  if (!(cacheMegabytes >= 0))
    throw fail('cacheMegabytes', `cacheMegabytes must be ≥ 0, got ${cacheMegabytes}.`);
  if (size === undefined) return undefined;
  const [h, w] = typeof size === 'number' ? [size, size] : [size[0], size[1]];
  if (![h, w].every((v) => Number.isInteger(v) && v > 0))
    throw fail(
      'size',
      `size must be positive integers [height, width], got ${JSON.stringify(size)}.`,
    );
  return [h, w];
}
