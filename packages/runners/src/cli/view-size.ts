import { METHODS, type MethodName } from '../methods/registry';
import { UsageError } from './args';

/**
 * `--view-size`: the `[height, width]` training views are resampled to — `N` (N×N), `HxW`, or a
 * fraction of the images' sides in (0, 1] such as `0.7` (rounded, so a recipe carries over to
 * other image sizes; `1` is the images' own size, not a 1×1 view); `undefined` when the flag is
 * absent. Refused for a `method` that cuts or rebuilds views
 * by the images' shape (no `resizableViews`). @internal
 */
export function viewSizeFlag(
  command: string,
  value: string | undefined,
  imageShape: readonly [number, number, number],
  method: MethodName = 'simclr',
): [number, number] | undefined {
  if (value === undefined) return undefined;
  if (!METHODS[method].resizableViews) {
    const allowed = Object.values(METHODS).filter((m) => m.resizableViews);
    throw new UsageError(
      `tessera ${command}: --view-size is for methods that embed whole views (${allowed.map((m) => m.name).join(', ')}); ${method} cuts or rebuilds views by the images' shape.`,
    );
  }
  const bad = () =>
    new UsageError(
      `tessera ${command}: --view-size must be N, HxW (positive integers) or a fraction of the image's sides in (0, 1], got ${JSON.stringify(value)}.`,
    );
  const parts = value.split('x');
  if (parts.length === 2) {
    const [h, w] = parts.map(Number) as [number, number];
    if (![h, w].every((v) => Number.isInteger(v) && v > 0)) throw bad();
    return [h, w];
  }
  const n = Number(value);
  if (parts.length !== 1 || !(n > 0) || !Number.isFinite(n)) throw bad();
  // 1 is the fraction (the image's own size): a 1×1 view, if ever wanted, is written 1x1
  if (Number.isInteger(n) && n > 1) return [n, n];
  if (n > 1) throw bad();
  return [Math.max(1, Math.round(n * imageShape[0])), Math.max(1, Math.round(n * imageShape[1]))];
}
