import * as tf from '@tensorflow/tfjs-core';
import { separable } from '../internal/separable';
import { assertImages, fail, perImage } from '../internal/validate';

/**
 * torchvision's `_get_gaussian_kernel1d`: `exp(−x² / 2σ²)` at `x = −(k−1)/2 … (k−1)/2`, normalised.
 * @internal
 */
export function gaussianKernel1d(kernelSize: number, sigma: number): Float32Array {
  const half = (kernelSize - 1) * 0.5;
  const pdf = new Float64Array(kernelSize);
  let sum = 0;
  for (let t = 0; t < kernelSize; t++) {
    const x = kernelSize === 1 ? 0 : -half + (2 * half * t) / (kernelSize - 1);
    pdf[t] = Math.exp(-0.5 * (x / sigma) ** 2);
    sum += pdf[t]!;
  }
  return Float32Array.from(pdf, (v) => v / sum);
}

/** Index `i` mirrored into `[0, size)` without repeating the edge (torch's `reflect` padding). */
function reflect(i: number, size: number): number {
  if (size === 1) return 0;
  const period = 2 * (size - 1);
  const m = ((i % period) + period) % period;
  return m < size ? m : period - m;
}

/** Writes the `[size, size]` matrix of a 1-D blur with reflect padding into `target` at `offset`. */
function blurMatrix(
  kernel: Float32Array,
  size: number,
  target: Float32Array,
  offset: number,
): void {
  const half = (kernel.length - 1) >> 1;
  for (let o = 0; o < size; o++) {
    for (let t = 0; t < kernel.length; t++) {
      target[offset + o * size + reflect(o + t - half, size)]! += kernel[t]!;
    }
  }
}

/**
 * The blur as two depthwise convolutions over the batch laid out as channels (`[1, H, W, N·C]`, one
 * filter per image and channel) after reflect padding — native kernels on every backend, far faster
 * than per-image matrix products on wasm. Needs the padding to be smaller than the image.
 */
function depthwiseBlur(images: tf.Tensor4D, sigmas: Float32Array, kernelSize: number): tf.Tensor4D {
  const [n, h, w, c] = images.shape;
  const half = (kernelSize - 1) >> 1;
  const taps = new Float32Array(kernelSize * n * c);
  sigmas.forEach((sigma, i) => {
    const kernel = gaussianKernel1d(kernelSize, sigma);
    for (let t = 0; t < kernelSize; t++)
      for (let ch = 0; ch < c; ch++) taps[t * n * c + i * c + ch] = kernel[t]!;
  });
  return tf.tidy(() => {
    const x = tf.reshape(tf.transpose(images, [1, 2, 0, 3]), [1, h, w, n * c]);
    const padded = tf.mirrorPad(
      x,
      [
        [0, 0],
        [half, half],
        [half, half],
        [0, 0],
      ],
      'reflect',
    ) as tf.Tensor4D;
    const vertical = tf.depthwiseConv2d(
      padded,
      tf.tensor4d(taps, [kernelSize, 1, n * c, 1]),
      1,
      'valid',
    );
    const both = tf.depthwiseConv2d(
      vertical,
      tf.tensor4d(taps, [1, kernelSize, n * c, 1]),
      1,
      'valid',
    );
    return tf.transpose(tf.reshape(both, [h, w, n, c]), [2, 0, 1, 3]) as tf.Tensor4D;
  });
}

/**
 * Blurs each image with a Gaussian of its own σ — torchvision's `gaussian_blur` (separable,
 * reflect padding). Runs as two depthwise convolutions with one filter per image (or, for kernels
 * wider than the image, two batched matrix products), so the batch mixes σs freely; differentiable
 * with respect to `images`.
 *
 * @param images `[N, H, W, C]`.
 * @param sigma One σ > 0, or one per image.
 * @param options - Options:
 * @param options.kernelSize Odd kernel width ≥ 1 (torchvision's `kernel_size`).
 * @category Ops
 */
export function applyGaussianBlur(
  images: tf.Tensor4D,
  sigma: number | ArrayLike<number>,
  { kernelSize }: { kernelSize: number },
): tf.Tensor4D {
  assertImages(images, 'applyGaussianBlur');
  if (!Number.isInteger(kernelSize) || kernelSize < 1 || kernelSize % 2 === 0) {
    fail(
      'applyGaussianBlur',
      'kernelSize',
      `kernelSize must be an odd integer >= 1, got ${kernelSize}.`,
    );
  }
  const [n, h, w] = images.shape;
  const s = perImage(sigma, n, 'applyGaussianBlur', 'sigma');
  s.forEach((v, i) => {
    if (!(v > 0)) fail('applyGaussianBlur', 'sigma', `sigma must be > 0, got ${v} (image ${i}).`);
  });
  const half = (kernelSize - 1) >> 1;
  if (half < h && half < w) return depthwiseBlur(images, s, kernelSize);
  const rows = new Float32Array(n * h * h);
  const cols = new Float32Array(n * w * w);
  s.forEach((v, i) => {
    const kernel = gaussianKernel1d(kernelSize, v);
    blurMatrix(kernel, h, rows, i * h * h);
    blurMatrix(kernel, w, cols, i * w * w);
  });
  return separable(images, rows, cols, h, w);
}
