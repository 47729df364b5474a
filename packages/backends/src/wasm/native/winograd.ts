import type { backend_util } from '@tensorflow/tfjs-core';

/**
 * Whether the native Winograd kernels run a convolution (forward and input gradient:
 * F(2×2, 3×3) in native/conv2d.c; filter gradient: F(3×3, 2×2) in native/winograd-filter-grad.c):
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
