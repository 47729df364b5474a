import { InvalidArgumentError } from '@tessera/core';
import { blobSource, type BrowserImagesOptions, type NamedImageSource } from './blob-source';

/**
 * An {@link ImageSource} over images at URLs, fetched with `fetch` when first read and decoded as
 * {@link fromFiles} decodes (`createImageBitmap` and an `OffscreenCanvas`, no Node module), with
 * the same options: `labels` and `classNames` say the classes, in URL order. Cross-origin URLs
 * must allow CORS.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when `urls` is empty,
 *   labels disagree with it, the environment cannot decode, and — when read — naming a URL that
 *   cannot be fetched (its HTTP status) or decoded.
 * @example
 * ```ts
 * const source = await fromUrls(['/img/0.png', '/img/1.png'], { size: 32, labels: [0, 1] });
 * const batch = await source.read([0, 1]); // 2·32·32·C floats in [0, 1]
 * ```
 * @category Sources
 */
export async function fromUrls(
  urls: readonly string[],
  options: BrowserImagesOptions = {},
): Promise<NamedImageSource> {
  const fn = 'fromUrls';
  if (!Array.isArray(urls) || urls.length === 0 || urls.some((u) => typeof u !== 'string'))
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'urls',
      detail: `urls must be a non-empty array of strings, got ${Array.isArray(urls) ? `${urls.length} items` : typeof urls}.`,
    });
  const load = async (url: string): Promise<Blob> => {
    let response: Response;
    try {
      response = await fetch(url);
    } catch (e) {
      throw new InvalidArgumentError({
        functionName: fn,
        argument: 'urls',
        detail: `${url} could not be fetched: ${(e as Error).message}.`,
      });
    }
    if (!response.ok)
      throw new InvalidArgumentError({
        functionName: fn,
        argument: 'urls',
        detail: `${url} could not be fetched: HTTP ${response.status}.`,
      });
    return response.blob();
  };
  return blobSource(
    urls.map((url) => ({ name: url, load: () => load(url) })),
    options,
    {},
    `URLs ${urls[0]}${urls.length > 1 ? ', …' : ''}`,
    fn,
  );
}
