// Shared by the wasm kernel tests (and the native kernel's).
/** Padding as tf.conv2d takes it. */
export type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];

/** Conv shapes every wasm conv-gradient kernel is checked on against cpu. */
export const CONV_CASES: Array<{
  name: string;
  x: number[];
  w: number[];
  strides: number | [number, number];
  pad: Pad;
}> = [
  { name: 'stride 1, 3×3, same', x: [2, 8, 8, 3], w: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { name: 'stride 1, 3×3, valid', x: [2, 8, 8, 3], w: [3, 3, 3, 4], strides: 1, pad: 'valid' },
  {
    name: 'stride 2, 3×3, same, odd size',
    x: [3, 9, 7, 2],
    w: [3, 3, 2, 5],
    strides: 2,
    pad: 'same',
  },
  { name: 'stride 3, 5×5, valid', x: [2, 14, 13, 3], w: [5, 5, 3, 2], strides: 3, pad: 'valid' },
  { name: 'stride 3, 4×4, same', x: [1, 10, 11, 1], w: [4, 4, 1, 3], strides: 3, pad: 'same' },
  {
    name: 'rectangular stride [1, 2], 3×2 kernel',
    x: [2, 7, 9, 2],
    w: [3, 2, 2, 3],
    strides: [1, 2],
    pad: 'same',
  },
  {
    name: 'rectangular stride [2, 3], explicit padding',
    x: [2, 9, 10, 2],
    w: [3, 3, 2, 4],
    strides: [2, 3],
    pad: [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  },
  { name: '1×1 kernel, stride 1', x: [4, 5, 5, 6], w: [1, 1, 6, 3], strides: 1, pad: 'valid' },
  { name: '1×1 kernel, stride 2', x: [2, 6, 7, 3], w: [1, 1, 3, 8], strides: 2, pad: 'same' },
  { name: 'MNIST-like first layer', x: [8, 28, 28, 1], w: [3, 3, 1, 32], strides: 1, pad: 'same' },
  {
    name: 'explicit padding ≥ kernel size (input gradient falls back)',
    x: [2, 6, 6, 2],
    w: [2, 2, 2, 3],
    strides: 1,
    pad: [
      [0, 0],
      [2, 3],
      [2, 0],
      [0, 0],
    ],
  },
  {
    name: 'stride 2, 2×2 kernel, valid (ResNet-style downsampling)',
    x: [2, 8, 8, 4],
    w: [2, 2, 4, 4],
    strides: 2,
    pad: 'valid',
  },
];

/**
 * Shapes the native Winograd kernels run (3×3, stride 1, input channels a multiple of 4 and at
 * least 8, output channels a multiple of 8), with the edges that need care; each kernel's tests add
 * a layer of the reference network.
 */
export const WINOGRAD_CONV_CASES: typeof CONV_CASES = [
  // 7 × 9 outputs: a partial 2×2 block at the bottom and right; 5 blocks a row (padded to 8)
  {
    name: 'Winograd, odd size, valid',
    x: [3, 9, 11, 8],
    w: [3, 3, 8, 16],
    strides: 1,
    pad: 'valid',
  },
  {
    name: 'Winograd, uneven explicit padding',
    x: [2, 10, 7, 12],
    w: [3, 3, 12, 8],
    strides: 1,
    pad: [
      [0, 0],
      [2, 0],
      [0, 1],
      [0, 0],
    ],
  },
];
