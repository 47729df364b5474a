export { NODE_TEST_BACKENDS, activateBackend, requestedBackends, testEpsilon } from './backends';
export { describeWithBackends } from './describe-with-backends';
export type { BackendContext, DescribeWithBackendsOptions } from './describe-with-backends';
export { expectTensorClose } from './expect-tensor-close';
export type { CloseOptions } from './expect-tensor-close';
export { expectNoLeak } from './expect-no-leak';
export { GOLDEN_DIR, goldenCase, loadGolden } from './load-golden';
export type { GoldenCase, GoldenFile } from './load-golden';
export { expectGoldenLoss } from './expect-golden-loss';
export type { GoldenLossCheck } from './expect-golden-loss';
export { expectTrainsWithoutLeak } from './expect-trains';
export { trainSteps } from './train-steps';
export { ntXentReference } from './references/nt-xent';
export { supConReference } from './references/sup-con';
export { batchAllReference, batchHardReference } from './references/batch-hard';
export { randomMatrix } from './references/random';
export {
  cmcReference,
  cpcReference,
  infoNceReference,
  memoryBankReference,
} from './references/contrastive-family';
export { contrastiveReference, tripletMarginReference } from './references/metric-family';
export { barlowTwinsReference, vicRegReference } from './references/redundancy-family';
export { saveAndReload } from './save-and-reload';
