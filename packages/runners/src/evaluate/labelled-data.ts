import { isImageSource } from '@tessera/data';
import type { LabelledImages } from './evaluate-representation';

/** Every image's pixels, one row each (a source is read whole). @internal */
export async function pixelsOf(data: LabelledImages): Promise<Float32Array> {
  if (!isImageSource(data)) return data.images;
  const all = Int32Array.from({ length: data.size }, (_, i) => i);
  return data.readSync ? data.readSync(all) : data.read(all);
}

/** `[H, W, C]` of labelled images in memory or of a source. @internal */
export function imageShapeOf(data: LabelledImages): readonly number[] {
  return isImageSource(data) ? data.shape : data.shape.slice(1);
}
