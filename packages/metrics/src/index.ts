// @tessera/metrics — ranking metrics (scikit-learn, VOC, COCO), detection mAP (pycocotools, VOC),
// retrieval, representation and few-shot evaluation. Named re-exports only (CONVENTIONS.md #14).

export { precisionRecallCurve } from './classification/precision-recall-curve';
export type { PrecisionRecallCurve } from './classification/precision-recall-curve';
export { averagePrecision, AP_METHODS } from './classification/average-precision';
export type { ApMethod, AveragePrecisionOptions } from './classification/average-precision';
export { rocCurve } from './classification/roc-curve';
export type { RocCurve, RocCurveOptions } from './classification/roc-curve';
export { rocAuc } from './classification/roc-auc';
export { confusionMatrix } from './classification/confusion-matrix';
export type { ConfusionMatrixOptions } from './classification/confusion-matrix';

export { evaluateCoco, COCO_STAT_NAMES } from './detection/evaluate-coco';
export type { CocoEvaluation, CocoStatName, EvaluateCocoOptions } from './detection/evaluate-coco';
export { formatCocoStats } from './detection/format-coco-stats';
export { evaluateVoc } from './detection/evaluate-voc';
export type {
  EvaluateVocOptions,
  VocCategoryResult,
  VocEvaluation,
} from './detection/evaluate-voc';
export type {
  CocoCategoryRecord,
  CocoDetection,
  CocoGroundTruth,
  CocoGroundTruthAnnotation,
  CocoImageRecord,
} from './detection/coco-types';

export { evaluateRetrieval } from './retrieval/evaluate-retrieval';
export type { RetrievalOptions, RetrievalResult } from './retrieval/evaluate-retrieval';
export type { RetrievalSimilarity } from './retrieval/rank-gallery';
export {
  precisionAtK,
  recallAtK,
  hitRateAtK,
  meanAveragePrecision,
  meanAveragePrecisionAtR,
} from './retrieval/retrieval-metrics';
export type {
  RetrievalAtKOptions,
  RetrievalLabels,
  RetrievalQueries,
} from './retrieval/retrieval-metrics';

export { knnAccuracy, knnAccuracyAsync } from './representation/knn-accuracy';
export type { KnnOptions, KnnResult } from './representation/knn-accuracy';
export { linearProbe } from './representation/linear-probe';
export type { LinearProbeOptions, LinearProbeResult } from './representation/linear-probe';

export { evaluateEpisode, evaluateFlatEpisode, episodeAccuracy } from './fewshot/evaluate-episode';
export type { EpisodeResult } from './fewshot/evaluate-episode';
export { meanConfidenceInterval } from './fewshot/mean-confidence-interval';
export type {
  ConfidenceInterval,
  ConfidenceIntervalOptions,
} from './fewshot/mean-confidence-interval';
