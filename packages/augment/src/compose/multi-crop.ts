import { fail } from '../internal/validate';
import { randomResizedCrop } from '../random/random-resized-crop';
import type { Transform } from '../transform/types';
import { compose } from './compose';
import { multiView, type MultiView } from './multi-view';

/** One group of crops of {@link multiCrop}. */
export interface CropGroup {
  /** Number of views. */
  n: number;
  /** Output size. */
  size: number | readonly [number, number];
  /** Area range of the crops. */
  scale: readonly [number, number];
}

/**
 * SwAV/DINO's multi-crop: `global.n` large crops then `local.n` small ones, each a
 * `randomResizedCrop` followed by `transform` (e.g. colour and blur), as separate views.
 *
 * @example
 * ```ts
 * const views = multiCrop({
 *   global: { n: 2, size: 28, scale: [0.4, 1] },
 *   local: { n: 4, size: 12, scale: [0.05, 0.4] },
 *   transform: compose([randomHorizontalFlip(), colorJitter({ brightness: 0.4 })]),
 * })(images, { seed: 1 }); // 6 tensors: 2 of 28×28, 4 of 12×12
 * ```
 * @category Composition
 */
export function multiCrop({
  global,
  local,
  transform,
}: {
  global: CropGroup;
  local?: CropGroup;
  transform?: Transform;
}): MultiView {
  const views: Transform[] = [];
  for (const [label, group] of [
    ['global', global],
    ['local', local],
  ] as const) {
    if (group === undefined) continue;
    if (!Number.isInteger(group.n) || group.n < (label === 'global' ? 1 : 0)) {
      fail(
        'multiCrop',
        `${label}.n`,
        `${label}.n must be an integer >= ${label === 'global' ? 1 : 0}, got ${group.n}.`,
      );
    }
    const crop = randomResizedCrop({ size: group.size, scale: group.scale });
    for (let k = 0; k < group.n; k++) views.push(transform ? compose([crop, transform]) : crop);
  }
  return multiView(views);
}
