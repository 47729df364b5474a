import { intersectionArea } from '../internal/intersection-area';
import type * as tf from '@tensorflow/tfjs-core';
import {
  InvalidArgumentError,
  assertInRange,
  type TensorLike1D,
  type TensorLike2D,
} from '@tessera/core';
import { readNmsInputs, readNmsInputsAsync, type NmsInputs } from './nms-inputs';

/** Options of {@link softNms}. */
export interface SoftNmsOptions {
  /** `'gaussian'` (default): `s ← s·exp(−IoU²/σ)`; `'linear'`: `s ← s·(1 − IoU)` when IoU > `iouThreshold`. */
  method?: 'linear' | 'gaussian';
  /** σ of the Gaussian decay. Default `0.5` (Bodla et al.). */
  sigma?: number;
  /** IoU above which the linear method decays a score (Nₜ). Default `0.3`. */
  iouThreshold?: number;
  /** Boxes whose (decayed) score falls below this are dropped. Default `0.001`. */
  scoreThreshold?: number;
  /** Keep at most this many boxes. Default `Infinity`. */
  maxOutputSize?: number;
}

/** What {@link softNms} returns: kept boxes in selection order, with their decayed scores. */
export interface SoftNmsResult {
  readonly indices: Int32Array;
  readonly scores: Float64Array;
}

function options(fn: string, o: SoftNmsOptions) {
  const {
    method = 'gaussian',
    sigma = 0.5,
    iouThreshold = 0.3,
    scoreThreshold = 0.001,
    maxOutputSize = Infinity,
  } = o;
  if (method !== 'linear' && method !== 'gaussian') {
    throw new InvalidArgumentError({
      functionName: fn,
      argument: 'method',
      detail: `method must be 'linear' or 'gaussian', got ${JSON.stringify(method)}.`,
    });
  }
  assertInRange(sigma, 0, Infinity, fn, 'sigma', { minInclusive: false });
  return { method, sigma, iouThreshold, scoreThreshold, maxOutputSize };
}

/**
 * Bodla et al.'s `cpu_soft_nms`, step for step (their array of candidates with its swaps, so ties
 * fall exactly as in their code): move the best remaining box to position i, decay every later box
 * that overlaps it, and drop a box — swapping the last candidate into its place — once its score
 * falls below the threshold.
 */
function run(
  { boxes, scores }: NmsInputs,
  { method, sigma, iouThreshold, scoreThreshold, maxOutputSize }: ReturnType<typeof options>,
): SoftNmsResult {
  let n = scores.length;
  const id = Int32Array.from({ length: n }, (_, i) => i);
  const s = Float64Array.from(scores);
  const swap = (a: number, b: number) => {
    [id[a], id[b]] = [id[b]!, id[a]!];
    [s[a], s[b]] = [s[b]!, s[a]!];
  };
  for (let i = 0; i < n; i++) {
    let best = i;
    for (let pos = i + 1; pos < n; pos++) if (s[best]! < s[pos]!) best = pos;
    swap(i, best);
    const t = 4 * id[i]!;
    const [x1, y1, x2, y2] = [boxes[t]!, boxes[t + 1]!, boxes[t + 2]!, boxes[t + 3]!];
    const area = (x2 - x1) * (y2 - y1);
    for (let pos = i + 1; pos < n; pos++) {
      const o = 4 * id[pos]!;
      const [bx1, by1, bx2, by2] = [boxes[o]!, boxes[o + 1]!, boxes[o + 2]!, boxes[o + 3]!];
      const inter = intersectionArea(x1, y1, x2, y2, bx1, by1, bx2, by2);
      if (!(inter > 0)) continue;
      const iou = inter / (area + (bx2 - bx1) * (by2 - by1) - inter);
      const weight =
        method === 'gaussian' ? Math.exp(-(iou * iou) / sigma) : iou > iouThreshold ? 1 - iou : 1;
      s[pos]! *= weight;
      if (s[pos]! < scoreThreshold) {
        id[pos] = id[n - 1]!;
        s[pos] = s[n - 1]!;
        n--;
        pos--;
      }
    }
  }
  const count = Math.min(n, maxOutputSize);
  return { indices: id.slice(0, count), scores: s.slice(0, count) };
}

/**
 * Soft-NMS (Bodla et al. 2017, "Improving object detection with one line of code"): instead of
 * discarding the boxes that overlap a kept one, decay their scores — linearly (`1 − IoU` above
 * `iouThreshold`) or with a Gaussian `exp(−IoU²/σ)` — and keep selecting the best remaining score
 * until every score is below `scoreThreshold`. Step for step their `cpu_soft_nms` (a box is dropped
 * when a decay takes it below the threshold; ties fall as in their code), with continuous
 * coordinates (no +1). torchvision has no soft-NMS (vision#8849); TF's `nonMaxSuppressionWithScore` is the
 * Gaussian method with `σ_TF = σ / 2` and an additional hard cut at its IoU threshold.
 *
 * @param boxes - `[numBoxes, 4]` `xyxy`.
 * @param scores - `[numBoxes]`.
 * @returns `{indices, scores}`: kept boxes in selection order and their decayed scores.
 * @example
 * ```ts
 * softNms([[0, 0, 10, 10], [1, 1, 11, 11]], [0.9, 0.8]); // indices [0, 1], scores [0.9, 0.8·exp(−0.67²/0.5)]
 * ```
 * @category NMS
 */
export function softNms(
  boxes: tf.Tensor2D | TensorLike2D,
  scores: tf.Tensor1D | TensorLike1D,
  softOptions: SoftNmsOptions = {},
): SoftNmsResult {
  const o = options('softNms', softOptions);
  return run(
    readNmsInputs('softNms', boxes, scores, {
      iouThreshold: o.iouThreshold,
      scoreThreshold: o.scoreThreshold,
      maxOutputSize: o.maxOutputSize,
    }),
    o,
  );
}

/**
 * {@link softNms}, reading tensors with `await data()`.
 * @category NMS
 */
export async function softNmsAsync(
  boxes: tf.Tensor2D | TensorLike2D,
  scores: tf.Tensor1D | TensorLike1D,
  softOptions: SoftNmsOptions = {},
): Promise<SoftNmsResult> {
  const o = options('softNmsAsync', softOptions);
  return run(
    await readNmsInputsAsync('softNmsAsync', boxes, scores, {
      iouThreshold: o.iouThreshold,
      scoreThreshold: o.scoreThreshold,
      maxOutputSize: o.maxOutputSize,
    }),
    o,
  );
}
