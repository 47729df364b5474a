export { NODE_TEST_BACKENDS, activateBackend, requestedBackends, testEpsilon } from './backends';
export { describeWithBackends } from './describe-with-backends';
export type { BackendContext, DescribeWithBackendsOptions } from './describe-with-backends';
export { expectTensorClose } from './expect-tensor-close';
export type { CloseOptions } from './expect-tensor-close';
export { expectNoLeak } from './expect-no-leak';
export { GOLDEN_DIR, goldenCase, loadGolden } from './load-golden';
export type { GoldenCase, GoldenFile } from './load-golden';
