import type { backend_util } from '@tensorflow/tfjs-core';

/**
 * Whether the native Winograd kernels run a convolution (forward and input gradient:
 * F(2×2, 3×3) in native/conv2d.c or F(4×4, 3×3) in native/winograd4.c, see {@link winogradTile};
 * filter gradient: F(3×3, 2×2) in native/winograd-filter-grad.c):
 * 3×3, stride 1, input channels a multiple of 4 and output channels of 8 (the transforms' and
 * the register tile's vector widths), at least 8 input channels (below that the transforms cost
 * more than the products they save).
 * @internal
 */
export function winogradApplies(info: backend_util.Conv2DInfo): boolean {
  return (
    info.filterHeight === 3 &&
    info.filterWidth === 3 &&
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    info.inChannels >= 8 &&
    info.inChannels % 4 === 0 &&
    info.outChannels % 8 === 0
  );
}

/** The forced output tile, for tests and comparisons (`null`: chosen by size). */
let forcedTile: 2 | 4 | null = null;

/**
 * Forces the Winograd kernels' tile — the forward's output tile and the filter gradient's tile of
 * dy (`null` restores the choice by size). @internal
 */
export function setWinogradOutputTile(m: 2 | 4 | null): void {
  forcedTile = m;
}

/**
 * The output tile of the Winograd kernel that runs a convolution (forward and input gradient):
 * 4 — F(4×4, 3×3), native/winograd4.c, 36 products per 16 outputs — or 2 — F(2×2, 3×3),
 * native/conv2d.c, 16 per 4 — or `null` where Winograd does not apply (see {@link winogradApplies}).
 * On the small CNN's layers (2 threads): 28×28, 32 → 64 channels 172 → 129 ms; 64 → 32 188 →
 * 125 ms; 14×14, 64 → 128 137 → 121 ms; 128 → 64 138 → 112 ms; on 7×7 F(2×2) stays faster (2.7
 * against 3.5 ms), where F(4×4)'s blocks mostly fall past the edge.
 * @internal
 */
export function winogradTile(info: backend_util.Conv2DInfo): 2 | 4 | null {
  // products per image row, with the blocks of a row rounded up to the register tile's 4; F(4×4)
  // only where it saves at least a fifth (its transforms cost more): from 14×14 outputs, not 7×7
  return pickTile(
    info,
    (m) =>
      (m + 2) ** 2 *
      Math.ceil(info.outHeight / m) *
      Math.ceil(Math.ceil(info.outWidth / m) / 4) *
      4,
    0.8,
  );
}

/**
 * 4 where Winograd applies and `work(4)` is at most `fraction` of `work(2)`, else 2; the forced
 * tile where one is set; `null` where Winograd does not apply.
 */
function pickTile(
  info: backend_util.Conv2DInfo,
  work: (m: number) => number,
  fraction: number,
): 2 | 4 | null {
  if (!winogradApplies(info)) return null;
  if (forcedTile) return forcedTile;
  return work(4) <= fraction * work(2) ? 4 : 2;
}

/**
 * The tile of dy the Winograd filter gradient works on: 4 — F(3×3, 4×4),
 * native/winograd4-filter-grad.c, 36 products per tile of 16 — or 2 — F(3×3, 2×2),
 * native/winograd-filter-grad.c, 16 per 4 — or `null` where Winograd does not apply (see
 * {@link winogradApplies}). F(3×3, 4×4) where it saves at least 30 % of the products: its
 * products run about 10 % slower (larger transforms, more accumulator traffic), and on 14×14
 * outputs, where its tiles cover 16×16 (27 % fewer products than F(3×3, 2×2)'s), the two took the
 * same time. On the small CNN's layers (512 images, 2 threads): 28×28, 32 → 64 channels 96 → 64 ms;
 * 7×7, 128 → 128 71 → 44 ms; 14×14, 64 → 128 88 against 92 ms (keeps F(3×3, 2×2)).
 * @internal
 */
export function winogradFilterTile(info: backend_util.Conv2DInfo): 2 | 4 | null {
  return pickTile(
    info,
    (m) => (m + 2) ** 2 * Math.ceil(info.outHeight / m) * Math.ceil(info.outWidth / m),
    0.7,
  );
}
