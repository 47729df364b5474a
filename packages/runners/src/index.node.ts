// @tessera/runners — Node entry (the package's `node` export condition).
import { selectBackend } from '@tessera/backends';
import { fileCheckpointStore } from './checkpoint/file-store';
import { makeCreateRunner } from './create-runner';
import { createPretrain } from './pretrain/pretrain';
import { createTrainSiamese } from './siamese/train-siamese';

export { METHODS } from './methods/registry';
export type { MethodName } from './methods/registry';
export type {
  MethodContext,
  MethodFamily,
  MethodRun,
  MethodState,
  PretrainMethod,
  StepInput,
} from './methods/types';
export { simclr } from './methods/simclr';
export type { SimclrOptions } from './methods/simclr';
export { instdisc } from './methods/instdisc';
export type { InstdiscOptions } from './methods/instdisc';
export { moco } from './methods/moco';
export type { MocoOptions } from './methods/moco';
export { supcon } from './methods/supcon';
export type { SupconOptions } from './methods/supcon';
export { byol } from './methods/byol';
export type { ByolOptions } from './methods/byol';
export { simsiam } from './methods/simsiam';
export type { SimsiamOptions } from './methods/simsiam';
export { barlowTwins, vicreg } from './methods/twin-losses';
export type { TwinOptions } from './methods/twin-losses';
export { rotation } from './methods/rotation';
export { jigsaw } from './methods/jigsaw';
export { relativePosition } from './methods/relative-position';
export type { JigsawMethodOptions } from './methods/jigsaw';
export type { RelativePositionMethodOptions } from './methods/relative-position';
export { cmc } from './methods/cmc';
export { cpc } from './methods/cpc';
export type { CpcOptions } from './methods/cpc';
export type { CmcOptions } from './methods/cmc';
export { gan } from './methods/gan';
export { siamese } from './methods/siamese';
export type { SiameseOptions } from './methods/siamese';
export type { GanOptions } from './methods/gan';
export { autoencoder, vae } from './methods/generative';
export type { GenerativeOptions } from './methods/generative';

export { defaultEncoder } from './default-encoder';
export type { FrameworkDefaults } from './framework-defaults';
export type { DefaultEncoderOptions } from './default-encoder';
export { mnistAugment } from './mnist-augment';
export { parseDuration } from './pretrain/duration';
export type {
  ImageData,
  Pretrain,
  PretrainOptions,
  PretrainResult,
  ProgressEvent,
} from './pretrain/types';
import type { Pretrain } from './pretrain/types';

export { memoryCheckpointStore } from './checkpoint/memory-store';
// also here: an IndexedDB polyfill (fake-indexeddb) or Deno's makes it usable outside browsers
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
export { writeRunReport } from './report/write-run-report';

export { embedImages } from './evaluate/embed';
export { evaluateRepresentation } from './evaluate/evaluate-representation';
export type {
  EvaluateOptions,
  Evaluation,
  Protocol,
  RepresentationScores,
} from './evaluate/evaluate-representation';
export type { FewShotOptions, FewShotResult } from './evaluate/few-shot';
export type { Runner } from './create-runner';
export { fileCheckpointStore };

/** {@inheritDoc Pretrain} @category Training */
export const pretrain: Pretrain = createPretrain((dir) => fileCheckpointStore(dir));

/** Starts the best Node backend and returns the runners bound to it. @category Training */
export const createRunner = makeCreateRunner(selectBackend, pretrain);

/** {@inheritDoc TrainSiamese} @category Training */
export const trainSiamese = createTrainSiamese(pretrain);
export type { TrainSiamese, TrainSiameseOptions } from './siamese/train-siamese';
