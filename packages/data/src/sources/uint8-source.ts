import type { ImageSource } from './image-source';
import { checkIndices } from './check-indices';

/**
 * A source over 8-bit pixels held in memory, converted to floats in [0, 1] per batch (a quarter
 * of the memory of a float array): `pixel(k, i)` gives byte `i` (NHWC order) of image `k`.
 * @internal
 */
export function uint8Source(
  fields: Omit<ImageSource, 'read' | 'readSync'>,
  pixels: Uint8Array,
  layout: 'hwc' | 'chw',
  offsetOf: (k: number) => number,
  functionName: string,
): ImageSource {
  const [h, w, c] = fields.shape;
  const item = h * w * c;
  const plane = h * w;
  const readSync = (indices: ArrayLike<number>): Float32Array => {
    checkIndices(indices, fields.size, functionName);
    const out = new Float32Array(indices.length * item);
    for (let i = 0; i < indices.length; i++) {
      const base = offsetOf(indices[i] as number);
      const o = i * item;
      if (layout === 'hwc') for (let j = 0; j < item; j++) out[o + j] = pixels[base + j]! / 255;
      else
        for (let p = 0; p < plane; p++)
          for (let ch = 0; ch < c; ch++) out[o + p * c + ch] = pixels[base + ch * plane + p]! / 255;
    }
    return out;
  };
  return { ...fields, readSync, read: async (indices) => readSync(indices) };
}
