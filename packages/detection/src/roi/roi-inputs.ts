import * as tf from '@tensorflow/tfjs-core';
import { throwInvalidArgument as fail, toFloat64Array, type TensorLike2D } from '@tessera/core';

/** Options shared by {@link roiPool} and {@link roiAlign}. */
export interface RoiOptions {
  /** Output `[height, width]` per RoI, or one number for a square. */
  outputSize: number | readonly [number, number];
  /** Factor from RoI (input-image) coordinates to feature-map coordinates, e.g. `1/16`. Default `1`. */
  spatialScale?: number;
}

/** Validated RoI inputs. @internal */
export interface RoiInputs {
  readonly rois: Float64Array;
  readonly numRois: number;
  readonly outH: number;
  readonly outW: number;
  readonly scale: number;
}

/** Checks NHWC features, `[K, 5]` rois `(batchIndex, x1, y1, x2, y2)` and the options. @internal */
export function readRoiInputs(
  functionName: string,
  features: tf.Tensor4D,
  rois: tf.Tensor2D | TensorLike2D,
  { outputSize, spatialScale = 1 }: RoiOptions,
): RoiInputs {
  if (!(features instanceof tf.Tensor) || features.rank !== 4) {
    fail(
      functionName,
      'features',
      `features must be a tf.Tensor4D [N, H, W, C] (NHWC), got ${features instanceof tf.Tensor ? `rank ${features.rank}` : typeof features}.`,
    );
  }
  const size = typeof outputSize === 'number' ? [outputSize, outputSize] : outputSize;
  if (
    !Array.isArray(size) ||
    size.length !== 2 ||
    !size.every((v) => Number.isInteger(v) && v >= 1)
  ) {
    fail(
      functionName,
      'outputSize',
      `outputSize must be a positive integer or [height, width], got ${JSON.stringify(outputSize)}.`,
    );
  }
  if (!(spatialScale > 0) || !Number.isFinite(spatialScale)) {
    fail(
      functionName,
      'spatialScale',
      `spatialScale must be a finite number > 0, got ${spatialScale}.`,
    );
  }
  const flat = toFloat64Array(rois, { functionName, argument: 'rois' });
  const cols =
    rois instanceof tf.Tensor
      ? rois.shape[1]
      : flat.length === 0
        ? 5
        : (rois as ArrayLike<ArrayLike<number>>)[0]?.length;
  if (cols !== 5 || flat.length % 5 !== 0) {
    fail(functionName, 'rois', 'rois must be [K, 5] rows of (batchIndex, x1, y1, x2, y2).');
  }
  const n = features.shape[0];
  for (let k = 0; k < flat.length / 5; k++) {
    const b = flat[5 * k]!;
    if (!Number.isInteger(b) || b < 0 || b >= n) {
      fail(
        functionName,
        'rois',
        `rois[${k}] has batch index ${b}, but features hold ${n} image(s).`,
      );
    }
    for (let j = 1; j < 5; j++) {
      if (!Number.isFinite(flat[5 * k + j]!))
        fail(
          functionName,
          'rois',
          `rois[${k}] must hold finite coordinates, got ${flat[5 * k + j]}.`,
        );
    }
  }
  return {
    rois: flat,
    numRois: flat.length / 5,
    outH: size[0] as number,
    outW: size[1] as number,
    scale: spatialScale,
  };
}

/** Sums of weighted feature rows, by gather: `out[r] = Σ_s w[r, s] · F[idx[r, s]]`. @internal */
export function weightedGather(
  features: tf.Tensor4D,
  index: Int32Array,
  weights: Float32Array,
  rows: number,
  perRow: number,
): tf.Tensor2D {
  const [n, h, w, c] = features.shape;
  return tf.tidy(() => {
    const flat = tf.reshape(features, [n * h * w, c]);
    const picked = tf.reshape(tf.gather(flat, tf.tensor1d(index, 'int32')), [rows, perRow, c]);
    return tf.sum(tf.mul(picked, tf.tensor3d(weights, [rows, perRow, 1])), 1) as tf.Tensor2D;
  });
}
