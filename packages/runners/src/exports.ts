// @tessera/runners — the exports every entry shares. index.node.ts and index.browser.ts re-export
// this list and add only what differs: the checkpoint store for a folder, and `pretrain`,
// `createRunner` and `trainSiamese` bound to their platform's store and backend order.
export * from './methods/registry';
export type {
  MethodContext,
  MethodFamily,
  MethodRun,
  MethodState,
  PretrainMethod,
  StepInput,
} from './methods/types';

export { defaultEncoder, standardization } from './default-encoder';
export type { FrameworkDefaults } from './framework-defaults';
export type { DefaultEncoderOptions } from './default-encoder';
export { mnistAugment } from './mnist-augment';
export { defaultAugment } from './default-augment';
export { parseDuration } from './pretrain/duration';
export type { LearningRateSchedule } from './pretrain/learning-rate';
export type {
  ImageData,
  Pretrain,
  PretrainOptions,
  PretrainResult,
  ProgressEvent,
} from './pretrain/types';

export { memoryCheckpointStore } from './checkpoint/memory-store';
export { indexedDbCheckpointStore } from './checkpoint/indexeddb-store';
export type {
  IndexedDbCheckpointStore,
  IndexedDbCheckpointStoreOptions,
} from './checkpoint/indexeddb-store';
export type {
  Checkpoint,
  CheckpointManifest,
  CheckpointStore,
  CheckpointTensorSpec,
} from './checkpoint/types';

export { renderReport } from './report/render-report';
export type { RenderReportOptions } from './report/render-report';
export { pca2d } from './report/pca';
export type { Pca2d } from './report/pca';
export { cocoPrCurves } from './report/coco-curves';
export type { ReportEvaluationRow, ReportInput, ReportPoint, ReportPrCurve } from './report/types';

export { embedImages } from './evaluate/embed';
export { FEATURE_STANDARDIZATION_LAYER, standardizeFeatures } from './standardize-features';
export type { StandardizeFeaturesOptions } from './standardize-features';
export { evaluateRepresentation } from './evaluate/evaluate-representation';
export type {
  EvaluateOptions,
  LabelledImages,
  Evaluation,
  Protocol,
  RepresentationScores,
} from './evaluate/evaluate-representation';
export type { FewShotOptions, FewShotResult } from './evaluate/few-shot';
export type { KnnProtocolOptions, LinearProtocolOptions } from './evaluate/protocols';
export type { Runner } from './create-runner';
export type { TrainSiamese, TrainSiameseOptions } from './siamese/train-siamese';
