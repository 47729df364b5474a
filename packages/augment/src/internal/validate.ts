import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, throwInvalidArgument as fail } from '@tessera/core';

/**
 * Checks that `images` is a float32 NHWC batch `[N, H, W, C]`; with `channels`, that C is one of them.
 * @internal
 */
export function assertImages(
  images: unknown,
  functionName: string,
  { channels, argument = 'images' }: { channels?: readonly number[]; argument?: string } = {},
): asserts images is tf.Tensor4D {
  if (!(images instanceof tf.Tensor)) {
    fail(
      functionName,
      argument,
      `${argument} must be a tf.Tensor4D [N, H, W, C], got ${typeof images}.`,
    );
  }
  if (images.rank !== 4) {
    fail(
      functionName,
      argument,
      `${argument} must be rank 4 [N, H, W, C], got rank ${images.rank} (shape [${images.shape.join(', ')}]).`,
    );
  }
  if (images.dtype !== 'float32') {
    fail(
      functionName,
      argument,
      `${argument} must be float32 in [0, 1], got dtype ${images.dtype}.`,
    );
  }
  const [, h, w, c] = images.shape as number[];
  if (h! < 1 || w! < 1) {
    fail(
      functionName,
      argument,
      `${argument} must have H, W >= 1, got shape [${images.shape.join(', ')}].`,
    );
  }
  if (channels && !channels.includes(c!)) {
    fail(
      functionName,
      argument,
      `${argument} must have ${channels.join(' or ')} channels, got ${c}.`,
    );
  }
}

/**
 * Checks that every value of `images` lies in [0, 1] (one read of the batch's min and max). Ops that
 * assume unit range (colour ops, solarize) call it once per transform call.
 * @internal
 */
export function assertUnitRange(
  images: tf.Tensor,
  functionName: string,
  argument = 'images',
): void {
  if (images.size === 0) return;
  const [lo, hi] = tf.tidy(() => tf.stack([tf.min(images), tf.max(images)]).dataSync());
  if (!(lo! >= 0 && hi! <= 1)) {
    fail(
      functionName,
      argument,
      `${argument} must have values in [0, 1], got values in [${lo}, ${hi}] (scale uint8 images by 1/255 first).`,
    );
  }
}

/** Checks a probability in [0, 1]. @internal */
export function assertProbability(
  p: unknown,
  functionName: string,
  argument = 'p',
): asserts p is number {
  assertInRange(p, 0, 1, functionName, argument);
}

/**
 * Reads a `[low, high]` pair with `min <= low <= high <= max`.
 * @internal
 */
export function readRange(
  value: unknown,
  functionName: string,
  argument: string,
  { min = -Infinity, max = Infinity }: { min?: number; max?: number } = {},
): [number, number] {
  const ok =
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    value[0] >= min &&
    value[0] <= value[1] &&
    value[1] <= max;
  if (!ok) {
    fail(
      functionName,
      argument,
      `${argument} must be [low, high] with ${min} <= low <= high <= ${max}, got ${JSON.stringify(value)}.`,
    );
  }
  return [value[0] as number, value[1] as number];
}

/**
 * Reads a jitter amount the torchvision way: a number `v` gives `[centre − v, centre + v]` (clipped
 * below at `min`), a pair is taken as is. `0` or `undefined` → `null` (the op is not applied).
 * @internal
 */
export function readJitter(
  value: number | readonly [number, number] | undefined,
  functionName: string,
  argument: string,
  { centre, min = -Infinity, max = Infinity }: { centre: number; min?: number; max?: number },
): [number, number] | null {
  if (value === undefined || value === 0) return null;
  if (typeof value === 'number') {
    if (!(value >= 0) || !Number.isFinite(value)) {
      fail(
        functionName,
        argument,
        `${argument} must be a number >= 0 or a [low, high] pair, got ${value}.`,
      );
    }
    const range: [number, number] = [Math.max(min, centre - value), Math.min(max, centre + value)];
    return range;
  }
  return readRange(value, functionName, argument, { min, max });
}

/**
 * One number per image: a scalar is repeated, an array must have length `n` and finite values.
 * @internal
 */
export function perImage(
  values: number | ArrayLike<number>,
  n: number,
  functionName: string,
  argument: string,
): Float32Array {
  if (typeof values === 'number') {
    if (!Number.isFinite(values))
      fail(functionName, argument, `${argument} must be finite, got ${values}.`);
    return new Float32Array(n).fill(values);
  }
  if (values == null || typeof values.length !== 'number' || values.length !== n) {
    fail(
      functionName,
      argument,
      `${argument} must be a number or one value per image (${n}), got ${values == null ? values : `length ${values.length}`}.`,
    );
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v))
      fail(functionName, argument, `${argument}[${i}] must be finite, got ${v}.`);
    out[i] = v;
  }
  return out;
}

/** Reads an output size: a number is a square, `[height, width]` positive integers. @internal */
export function readSize(size: unknown, functionName: string, argument = 'size'): [number, number] {
  const pair = typeof size === 'number' ? [size, size] : size;
  if (
    !Array.isArray(pair) ||
    pair.length !== 2 ||
    !pair.every((v) => Number.isInteger(v) && (v as number) >= 1)
  ) {
    fail(
      functionName,
      argument,
      `${argument} must be a positive integer or [height, width] of positive integers, got ${JSON.stringify(size)}.`,
    );
  }
  return [pair[0] as number, pair[1] as number];
}

export { fail };
