import * as tf from '@tensorflow/tfjs-core';
import {
  throwInvalidArgument,
  assertInRange,
  toFloat64Array,
  toFloat64ArrayAsync,
  type TensorLike2D,
  type TensorLike3D,
} from '@tessera/core';
import { greedyNms, rankByScore } from '../nms/greedy-nms';

/** Options of {@link multiboxDetection}. */
export interface MultiboxDetectionOptions {
  /** IoU above which a lower-scored predicted box is suppressed (class-agnostic). Default `0.5`. */
  nmsThreshold?: number;
  /** Rows whose confidence is below this become background (`classId = −1`, `score = 1 − conf`). Default `0.009999999` (d2l). */
  posThreshold?: number;
}

/** One image's rows of {@link multiboxDetection}, in d2l's order: kept boxes (best first), then the rest by anchor index. */
export interface MultiboxDetections {
  /** `[A]`: predicted class (0-based, background excluded), or −1 for suppressed and below-threshold rows. */
  readonly classIds: Int32Array;
  /** `[A]`: the class confidence (or `1 − conf` below `posThreshold`). */
  readonly scores: Float64Array;
  /** `[A · 4]`: the decoded `xyxy` boxes, row-major. */
  readonly boxes: Float64Array;
  /** `[A]`: the anchor each row came from. */
  readonly anchorIndices: Int32Array;
}

type Shape3 = [number, number, number];

function shapeOf(x: tf.Tensor | TensorLike2D | TensorLike3D, rank: number): number[] | null {
  if (x instanceof tf.Tensor) return x.shape;
  const shape: number[] = [];
  let level: unknown = x;
  for (let r = 0; r < rank && Array.isArray(level); r++) {
    shape.push(level.length);
    level = level[0];
  }
  return shape.length === rank ? shape : null;
}

function fail(argument: string, detail: string): never {
  return throwInvalidArgument('multiboxDetection', argument, detail);
}

function readShapes(
  classProbs: tf.Tensor3D | TensorLike3D,
  offsetPreds: tf.Tensor2D | TensorLike2D,
  anchors: tf.Tensor | TensorLike2D | TensorLike3D,
  options: MultiboxDetectionOptions,
): { probsShape: Shape3; nmsThreshold: number; posThreshold: number } {
  const probsShape = shapeOf(classProbs, 3);
  if (!probsShape)
    fail(
      'classProbs',
      'classProbs must be [batch, numClasses + 1, numAnchors] (a tensor or nested arrays).',
    );
  const [b, c1, a] = probsShape as Shape3;
  if (c1 < 2)
    fail(
      'classProbs',
      `classProbs must have background + at least one class (dimension 1 >= 2), got ${c1}.`,
    );
  const offShape = shapeOf(offsetPreds, 2);
  if (!offShape || offShape[0] !== b || offShape[1] !== 4 * a) {
    fail(
      'offsetPreds',
      `offsetPreds must be [${b}, ${4 * a}] (4 offsets per anchor), got [${offShape?.join(', ') ?? '?'}].`,
    );
  }
  const anchorShape = shapeOf(
    anchors,
    anchors instanceof tf.Tensor ? anchors.rank : shapeOf(anchors, 3) ? 3 : 2,
  );
  const anchorCount = anchorShape ? anchorShape.reduce((p, v) => p * v, 1) / 4 : -1;
  if (!anchorShape || anchorShape[anchorShape.length - 1] !== 4 || anchorCount !== a) {
    fail(
      'anchors',
      `anchors must be [${a}, 4] or [1, ${a}, 4] xyxy, got [${anchorShape?.join(', ') ?? '?'}].`,
    );
  }
  const { nmsThreshold = 0.5, posThreshold = 0.009999999 } = options;
  assertInRange(nmsThreshold, 0, 1, 'multiboxDetection', 'nmsThreshold');
  assertInRange(posThreshold, 0, 1, 'multiboxDetection', 'posThreshold');
  return { probsShape: probsShape as Shape3, nmsThreshold, posThreshold };
}

function detect(
  probs: Float64Array,
  offsets: Float64Array,
  anchors: Float64Array,
  [b, c1, a]: Shape3,
  nmsThreshold: number,
  posThreshold: number,
): MultiboxDetections[] {
  const out: MultiboxDetections[] = [];
  for (let i = 0; i < b; i++) {
    const conf = new Float64Array(a);
    const classId = new Int32Array(a);
    const boxes = new Float64Array(4 * a);
    for (let j = 0; j < a; j++) {
      // max over the non-background rows, first one on ties (torch.max)
      let best = -Infinity;
      for (let c = 1; c < c1; c++) {
        const p = probs[(i * c1 + c) * a + j]!;
        if (p > best) {
          best = p;
          classId[j] = c - 1;
        }
      }
      conf[j] = best;
      // d2l's offset_inverse: centre form, 10/5 scaling
      const [ax1, ay1, ax2, ay2] = [
        anchors[4 * j]!,
        anchors[4 * j + 1]!,
        anchors[4 * j + 2]!,
        anchors[4 * j + 3]!,
      ];
      const aw = ax2 - ax1;
      const ah = ay2 - ay1;
      const o = (i * a + j) * 4;
      const cx = (offsets[o]! * aw) / 10 + (ax1 + ax2) / 2;
      const cy = (offsets[o + 1]! * ah) / 10 + (ay1 + ay2) / 2;
      const w = Math.exp(offsets[o + 2]! / 5) * aw;
      const h = Math.exp(offsets[o + 3]! / 5) * ah;
      boxes.set([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], 4 * j);
    }
    const keep = greedyNms(boxes, rankByScore(conf, -Infinity), nmsThreshold, a);
    const kept = new Uint8Array(a);
    for (const k of keep) kept[k] = 1;
    const order = Int32Array.from([
      ...keep,
      ...Array.from({ length: a }, (_, j) => j).filter((j) => !kept[j]),
    ]);
    const rowClass = new Int32Array(a);
    const rowScore = new Float64Array(a);
    const rowBoxes = new Float64Array(4 * a);
    order.forEach((j, r) => {
      const below = conf[j]! < posThreshold;
      rowClass[r] = kept[j] && !below ? classId[j]! : -1;
      rowScore[r] = below ? 1 - conf[j]! : conf[j]!;
      rowBoxes.set(boxes.subarray(4 * j, 4 * j + 4), 4 * r);
    });
    out.push({ classIds: rowClass, scores: rowScore, boxes: rowBoxes, anchorIndices: order });
  }
  return out;
}

/**
 * Predicted boxes from class probabilities and offsets — d2l's `multibox_detection` ("Anchor
 * Boxes"): per image and anchor, the best non-background class and its confidence, the anchor moved
 * by its predicted offsets (`decodeOffsets`), class-agnostic NMS (suppress IoU > `nmsThreshold`),
 * kept rows first then the others with class −1, and rows below `posThreshold` turned to background.
 * Runs in float64 on the CPU (reads tensors with `dataSync`; use {@link multiboxDetectionAsync} on GPUs).
 *
 * @param classProbs - `[batch, numClasses + 1, numAnchors]`, row 0 the background.
 * @param offsetPreds - `[batch, 4 · numAnchors]`.
 * @param anchors - `[numAnchors, 4]` or `[1, numAnchors, 4]` `xyxy` (as `multiboxPrior` gives them).
 * @returns One {@link MultiboxDetections} per image (d2l's `[classId, score, x1, y1, x2, y2]` rows, split by column).
 * @example
 * ```ts
 * const [dets] = multiboxDetection(probs, offsets, anchors, { nmsThreshold: 0.5 });
 * dets.classIds; // -1 = background or suppressed
 * ```
 * @category Anchors
 */
export function multiboxDetection(
  classProbs: tf.Tensor3D | TensorLike3D,
  offsetPreds: tf.Tensor2D | TensorLike2D,
  anchors: tf.Tensor2D | tf.Tensor3D | TensorLike2D | TensorLike3D,
  options: MultiboxDetectionOptions = {},
): MultiboxDetections[] {
  const { probsShape, nmsThreshold, posThreshold } = readShapes(
    classProbs,
    offsetPreds,
    anchors,
    options,
  );
  const opt = { functionName: 'multiboxDetection' };
  return detect(
    toFloat64Array(classProbs, { ...opt, argument: 'classProbs' }),
    toFloat64Array(offsetPreds, { ...opt, argument: 'offsetPreds' }),
    toFloat64Array(anchors, { ...opt, argument: 'anchors' }),
    probsShape,
    nmsThreshold,
    posThreshold,
  );
}

/**
 * {@link multiboxDetection}, reading tensors with `await data()`.
 * @category Anchors
 */
export async function multiboxDetectionAsync(
  classProbs: tf.Tensor3D | TensorLike3D,
  offsetPreds: tf.Tensor2D | TensorLike2D,
  anchors: tf.Tensor2D | tf.Tensor3D | TensorLike2D | TensorLike3D,
  options: MultiboxDetectionOptions = {},
): Promise<MultiboxDetections[]> {
  const { probsShape, nmsThreshold, posThreshold } = readShapes(
    classProbs,
    offsetPreds,
    anchors,
    options,
  );
  const opt = { functionName: 'multiboxDetectionAsync' };
  const [p, o, a] = await Promise.all([
    toFloat64ArrayAsync(classProbs, { ...opt, argument: 'classProbs' }),
    toFloat64ArrayAsync(offsetPreds, { ...opt, argument: 'offsetPreds' }),
    toFloat64ArrayAsync(anchors, { ...opt, argument: 'anchors' }),
  ]);
  return detect(p, o, a, probsShape, nmsThreshold, posThreshold);
}
