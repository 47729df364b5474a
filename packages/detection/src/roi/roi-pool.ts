import * as tf from '@tensorflow/tfjs-core';
import type { TensorLike2D } from '@tessera/core';
import { readRoiInputs, type RoiOptions } from './roi-inputs';

/** C's `round`: half away from zero (torchvision's `std::round`). */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/**
 * RoI max pooling (Girshick 2015, Fast R-CNN) with torchvision 0.14's semantics, on NHWC features:
 * the RoI is rounded to whole feature-map pixels (`round(x · spatialScale)`, inclusive ends), split
 * into `outputSize` bins `[floor(i·bin), ceil((i+1)·bin))` clipped to the map, and each bin takes
 * its maximum (0 for a bin outside the map). Differentiable with respect to `features`.
 *
 * @param features - `[N, H, W, C]`.
 * @param rois - `[K, 5]` rows `(batchIndex, x1, y1, x2, y2)` in input-image coordinates.
 * @returns `[K, outH, outW, C]`.
 * @category RoI
 */
export function roiPool(
  features: tf.Tensor4D,
  rois: tf.Tensor2D | TensorLike2D,
  options: RoiOptions,
): tf.Tensor4D {
  const { rois: r, numRois, outH, outW, scale } = readRoiInputs('roiPool', features, rois, options);
  const [n, h, w, c] = features.shape;
  const bins: { base: number; hs: number; he: number; ws: number; we: number }[] = [];
  let largest = 1;
  for (let k = 0; k < numRois; k++) {
    const x1 = roundHalfAway(r[5 * k + 1]! * scale);
    const y1 = roundHalfAway(r[5 * k + 2]! * scale);
    const x2 = roundHalfAway(r[5 * k + 3]! * scale);
    const y2 = roundHalfAway(r[5 * k + 4]! * scale);
    const binH = Math.max(y2 - y1 + 1, 1) / outH;
    const binW = Math.max(x2 - x1 + 1, 1) / outW;
    for (let ph = 0; ph < outH; ph++) {
      for (let pw = 0; pw < outW; pw++) {
        const clip = (v: number, size: number) => Math.min(Math.max(v, 0), size);
        const hs = clip(Math.floor(ph * binH) + y1, h);
        const he = clip(Math.ceil((ph + 1) * binH) + y1, h);
        const ws = clip(Math.floor(pw * binW) + x1, w);
        const we = clip(Math.ceil((pw + 1) * binW) + x1, w);
        bins.push({ base: r[5 * k]! * h * w, hs, he, ws, we });
        largest = Math.max(largest, Math.max(0, he - hs) * Math.max(0, we - ws));
      }
    }
  }
  // every bin gathers `largest` pixels: padding slots read pixel 0 pushed down by 1e30 (never the
  // max, so no gradient reaches them); empty bins give 0
  const index = new Int32Array(bins.length * largest);
  const penalty = new Float32Array(bins.length * largest);
  const empty = new Array<boolean>(bins.length).fill(false);
  bins.forEach(({ base, hs, he, ws, we }, i) => {
    let s = 0;
    for (let y = hs; y < he; y++)
      for (let x = ws; x < we; x++) index[i * largest + s++] = base + y * w + x;
    empty[i] = s === 0;
    for (; s < largest; s++) penalty[i * largest + s] = -1e30;
  });
  return tf.tidy(() => {
    const flat = tf.reshape(features, [n * h * w, c]);
    const picked = tf.reshape(tf.gather(flat, tf.tensor1d(index, 'int32')), [
      bins.length,
      largest,
      c,
    ]);
    const pooled = tf.max(tf.add(picked, tf.tensor3d(penalty, [bins.length, largest, 1])), 1);
    const isEmpty = tf.tensor2d(
      empty.map((e) => (e ? 1 : 0)),
      [bins.length, 1],
      'bool',
    );
    const out = tf.where(tf.broadcastTo(isEmpty, pooled.shape), tf.zerosLike(pooled), pooled);
    return tf.reshape(out, [numRois, outH, outW, c]) as tf.Tensor4D;
  });
}
