import { InvalidArgumentError } from '@tessera/core';

/** How an image of another aspect ratio becomes the target size. @category Sources */
export type ResizeFit = 'cover' | 'fill' | 'contain';

/**
 * Where `drawImage` takes an `iw×ih` image from and puts it on a `w×h` canvas, as `[sx, sy, sw,
 * sh, dx, dy, dw, dh]`: `'cover'` crops the centre of the source to the target's aspect ratio,
 * `'fill'` stretches it, `'contain'` letterboxes it in the centre. @internal
 */
export function placement(
  iw: number,
  ih: number,
  w: number,
  h: number,
  fit: ResizeFit,
): [number, number, number, number, number, number, number, number] {
  if (fit === 'fill') return [0, 0, iw, ih, 0, 0, w, h];
  if (fit === 'cover') {
    const scale = Math.max(w / iw, h / ih);
    const [sw, sh] = [w / scale, h / scale];
    return [(iw - sw) / 2, (ih - sh) / 2, sw, sh, 0, 0, w, h];
  }
  const scale = Math.min(w / iw, h / ih);
  const [dw, dh] = [iw * scale, ih * scale];
  return [0, 0, iw, ih, (w - dw) / 2, (h - dh) / 2, dw, dh];
}

/** Whether the browser decoding APIs the browser sources need are present. @internal */
export function assertCanvasDecoding(functionName: string): void {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function')
    throw new InvalidArgumentError({
      functionName,
      argument: 'environment',
      detail: `decoding needs createImageBitmap and OffscreenCanvas, which this environment lacks: run it in a browser or a worker, or use imageFolder in Node.`,
    });
}

/** A decoded image: its natural size and its pixels drawn at the target size, RGBA. @internal */
export interface DecodedRgba {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
}

/**
 * Decodes `blob` with `createImageBitmap` (no colour-space conversion, alpha not premultiplied)
 * and draws it on an `OffscreenCanvas` of `w×h` (`undefined`: the image's own size) with
 * high-quality smoothing. Letterbox bars are black. @internal
 */
export async function decodeToRgba(
  blob: Blob,
  size: readonly [number, number] | undefined,
  fit: ResizeFit,
): Promise<DecodedRgba> {
  const bitmap = await createImageBitmap(blob, {
    colorSpaceConversion: 'none',
    premultiplyAlpha: 'none',
  });
  try {
    const [h, w] = size ?? [bitmap.height, bitmap.width];
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d context');
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    const [sx, sy, sw, sh, dx, dy, dw, dh] = placement(bitmap.width, bitmap.height, w, h, fit);
    ctx.drawImage(bitmap, sx, sy, sw, sh, dx, dy, dw, dh);
    return { width: bitmap.width, height: bitmap.height, rgba: ctx.getImageData(0, 0, w, h).data };
  } finally {
    bitmap.close();
  }
}

/**
 * RGBA bytes as `channels` bytes per pixel: RGB with alpha dropped, or grey as ITU-R 601-2 luma
 * (L = 0.299 R + 0.587 G + 0.114 B, rounded — PIL's `convert('L')`). @internal
 */
export function fromRgba(rgba: Uint8ClampedArray, channels: 1 | 3): Uint8Array {
  const pixels = rgba.length / 4;
  const out = new Uint8Array(pixels * channels);
  for (let p = 0; p < pixels; p++) {
    const [r, g, b] = [rgba[4 * p]!, rgba[4 * p + 1]!, rgba[4 * p + 2]!];
    if (channels === 3) {
      out[3 * p] = r;
      out[3 * p + 1] = g;
      out[3 * p + 2] = b;
    } else out[p] = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
  }
  return out;
}

/** Whether every pixel of RGBA bytes has R = G = B (a grey image). @internal */
export function isGrey(rgba: Uint8ClampedArray): boolean {
  for (let i = 0; i < rgba.length; i += 4)
    if (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2]) return false;
  return true;
}
