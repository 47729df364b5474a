// @tessera/detection — box formats, the IoU family and their losses, the NMS family.
// Named re-exports only (CONVENTIONS.md #14).

export { convertBoxes } from './convert-boxes';
export { boxArea } from './box-area';
export { boxIou } from './box-iou';
export { generalizedBoxIou } from './generalized-box-iou';
export { distanceBoxIou } from './distance-box-iou';
export { completeBoxIou } from './complete-box-iou';
export { boxIouMatrix } from './box-iou-matrix';
export type { BoxIouMatrixOptions } from './box-iou-matrix';

export { giouLoss } from './giou-loss';
export { diouLoss } from './diou-loss';
export { ciouLoss } from './ciou-loss';
export type { BoxLossOptions } from './internal/paired-loss';

export { multiboxPrior } from './anchors/multibox-prior';
export type { MultiboxPriorOptions } from './anchors/multibox-prior';
export { assignAnchors } from './anchors/assign-anchors';
export { encodeOffsets } from './anchors/encode-offsets';
export { decodeOffsets } from './anchors/decode-offsets';
export { multiboxTarget } from './anchors/multibox-target';
export type { MultiboxTargets } from './anchors/multibox-target';
export { multiboxDetection, multiboxDetectionAsync } from './anchors/multibox-detection';
export type { MultiboxDetectionOptions, MultiboxDetections } from './anchors/multibox-detection';

export { nms, nmsAsync } from './nms/nms';
export { batchedNms } from './nms/batched-nms';
export type { NmsOptions } from './nms/nms-inputs';
export { softNms, softNmsAsync } from './nms/soft-nms';
export type { SoftNmsOptions, SoftNmsResult } from './nms/soft-nms';

export { roiAlign } from './roi/roi-align';
export type { RoiAlignOptions } from './roi/roi-align';
export { roiPool } from './roi/roi-pool';
export type { RoiOptions } from './roi/roi-inputs';
