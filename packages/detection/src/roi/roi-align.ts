import * as tf from '@tensorflow/tfjs-core';
import type { TensorLike2D } from '@tessera/core';
import { InvalidArgumentError } from '@tessera/core';
import { readRoiInputs, weightedGather, type RoiOptions } from './roi-inputs';

/** Options of {@link roiAlign}. */
export interface RoiAlignOptions extends RoiOptions {
  /** Sample points per bin side; `−1` (default) adapts: `ceil(roiSize / outputSize)`. */
  samplingRatio?: number;
  /** Shift the box by −0.5 pixel so that pixel centres line up (Detectron2's `ROIAlignV2`). Default `false`. */
  aligned?: boolean;
}

/**
 * RoI Align (He et al. 2017, Mask R-CNN) with torchvision 0.14's semantics, on NHWC features:
 * each RoI is split into `outputSize` bins, each bin averages bilinear samples on a regular grid
 * (samples more than one pixel outside the map count as 0; samples within it are clamped to the
 * border). Differentiable with respect to `features` (the gradient goes through `tf.gather`, whose
 * gradient on wasm 4.22 needs `registerWasmTrainingKernels` from `@tessera/backends`).
 *
 * @param features - `[N, H, W, C]`.
 * @param rois - `[K, 5]` rows `(batchIndex, x1, y1, x2, y2)` in input-image coordinates.
 * @returns `[K, outH, outW, C]`.
 * @example
 * ```ts
 * const pooled = roiAlign(featureMap, [[0, 16, 16, 128, 96]], { outputSize: 7, spatialScale: 1 / 16, aligned: true });
 * ```
 * @category RoI
 */
export function roiAlign(
  features: tf.Tensor4D,
  rois: tf.Tensor2D | TensorLike2D,
  options: RoiAlignOptions,
): tf.Tensor4D {
  const {
    rois: r,
    numRois,
    outH,
    outW,
    scale,
  } = readRoiInputs('roiAlign', features, rois, options);
  const { samplingRatio = -1, aligned = false } = options;
  if (
    !Number.isInteger(samplingRatio) ||
    (samplingRatio < 1 && samplingRatio !== -1) ||
    samplingRatio === 0
  ) {
    throw new InvalidArgumentError({
      functionName: 'roiAlign',
      argument: 'samplingRatio',
      detail: `samplingRatio must be a positive integer or -1 (adaptive), got ${samplingRatio}.`,
    });
  }
  const [, h, w, c] = features.shape;
  const offset = aligned ? 0.5 : 0;
  // per RoI: its grid, so that every bin row can hold the largest grid (padding has weight 0)
  const grids = Array.from({ length: numRois }, (_, k) => {
    let rw = r[5 * k + 3]! * scale - r[5 * k + 1]! * scale;
    let rh = r[5 * k + 4]! * scale - r[5 * k + 2]! * scale;
    if (!aligned) {
      rw = Math.max(rw, 1);
      rh = Math.max(rh, 1);
    }
    const gh = samplingRatio > 0 ? samplingRatio : Math.ceil(rh / outH);
    const gw = samplingRatio > 0 ? samplingRatio : Math.ceil(rw / outW);
    return { rw, rh, gh, gw };
  });
  const perBin = 4 * Math.max(1, ...grids.map((g) => g.gh * g.gw));
  const rows = numRois * outH * outW;
  const index = new Int32Array(rows * perBin);
  const weights = new Float32Array(rows * perBin);
  for (let k = 0; k < numRois; k++) {
    const b = r[5 * k]!;
    const x0 = r[5 * k + 1]! * scale - offset;
    const y0 = r[5 * k + 2]! * scale - offset;
    const { rw, rh, gh, gw } = grids[k]!;
    const binH = rh / outH;
    const binW = rw / outW;
    const count = Math.max(gh * gw, 1);
    for (let ph = 0; ph < outH; ph++) {
      for (let pw = 0; pw < outW; pw++) {
        const row = (k * outH + ph) * outW + pw;
        let slot = row * perBin;
        for (let iy = 0; iy < gh; iy++) {
          const y = y0 + ph * binH + ((iy + 0.5) * binH) / gh;
          for (let ix = 0; ix < gw; ix++) {
            const x = x0 + pw * binW + ((ix + 0.5) * binW) / gw;
            if (y < -1 || y > h || x < -1 || x > w) {
              slot += 4; // empty sample: four zero weights
              continue;
            }
            const yy = Math.max(y, 0);
            const xx = Math.max(x, 0);
            let yLow = Math.floor(yy);
            let xLow = Math.floor(xx);
            let yHigh: number;
            let xHigh: number;
            let ys = yy;
            let xs = xx;
            if (yLow >= h - 1) {
              yHigh = yLow = h - 1;
              ys = yLow;
            } else yHigh = yLow + 1;
            if (xLow >= w - 1) {
              xHigh = xLow = w - 1;
              xs = xLow;
            } else xHigh = xLow + 1;
            const ly = ys - yLow;
            const lx = xs - xLow;
            const base = b * h * w;
            const corners = [
              [yLow, xLow, (1 - ly) * (1 - lx)],
              [yLow, xHigh, (1 - ly) * lx],
              [yHigh, xLow, ly * (1 - lx)],
              [yHigh, xHigh, ly * lx],
            ] as const;
            for (const [cy, cx, wt] of corners) {
              index[slot] = base + cy * w + cx;
              weights[slot] = wt / count;
              slot++;
            }
          }
        }
      }
    }
  }
  return tf.tidy(() =>
    tf.reshape(weightedGather(features, index, weights, rows, perBin), [numRois, outH, outW, c]),
  );
}
