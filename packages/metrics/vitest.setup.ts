// Tests run on wasm as users do after `selectBackend()`: with Tessera's kernels registered, so
// knnAccuracy's exact path for integer data (TesseraInt16MatMul) runs in its wasm suites.
import { registerWasmTrainingKernels } from '@tessera/backends';

registerWasmTrainingKernels();
