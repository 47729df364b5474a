// The wasm kernel-vs-cpu and training test files, imported again by the files that rerun them
// under other conditions: node-threads.test.ts (two threads) and relaxed-simd.test.ts (the
// relaxed-SIMD build of the native kernels). Importing a test file registers its tests in the file
// that imports it; a new wasm kernel's test joins both by being listed here.

/** Imports every wasm kernel and training test file, in order. */
export async function importWasmTestSuites(): Promise<void> {
  await import('./native/filter-grad-native.test');
  await import('./native/batch-norm-native.test');
  await import('./native/batch-norm-train-native.test');
  await import('./native/relu-grad-native.test');
  await import('./native/global-avg-pool-grad-native.test');
  await import('./native/softmax-off-diagonal-native.test');
  await import('./native/int16-matmul-native.test');
  await import('./native/transpose-native.test');
  await import('./native/gram-native.test');
  await import('./native/hardest-pairs-native.test');
  await import('./native/scaled-symmetric-sum-native.test');
  await import('./native/scaled-symmetric-matmul-native.test');
  await import('./native/top-k-columns-native.test');
  await import('./native/softmax-regression-native.test');
  await import('./native/max-pool-grad-native.test');
  await import('./native/conv2d-native.test');
  await import('./native/conv-max-pool-native.test');
  await import('./register-wasm-training-kernels.test');
  await import('./max-pool-grad.test');
  await import('./wasm-training.test');
}
