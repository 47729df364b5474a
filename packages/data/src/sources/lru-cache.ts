/**
 * A bounded cache of decoded 8-bit images by index, least recently used dropped first: what the
 * decoding sources (`imageFolder`, `fromFiles`, `fromUrls`) keep so that a set larger than memory
 * streams and a small one is decoded once. `capacity` 0 keeps nothing. @internal
 */
export function lruCache(capacity: number): {
  get(k: number): Uint8Array | undefined;
  set(k: number, pixels: Uint8Array): void;
} {
  const cache = new Map<number, Uint8Array>();
  return {
    get(k) {
      const hit = cache.get(k);
      if (hit) {
        cache.delete(k); // re-inserted: most recently used
        cache.set(k, hit);
      }
      return hit;
    },
    set(k, pixels) {
      if (capacity <= 0) return;
      if (cache.size >= capacity) cache.delete(cache.keys().next().value as number);
      cache.set(k, pixels);
    },
  };
}

/** Images of `bytesPerImage` that fit in `megabytes`. @internal */
export const imagesInMegabytes = (megabytes: number, bytesPerImage: number): number =>
  Math.floor((megabytes * 2 ** 20) / bytesPerImage);
