// Tests run on wasm as users do after `selectBackend()`: with the training kernels that wasm 4.22
// lacks (the gradient of gather, used by nceMemoryBankLoss) and the accelerated ones.
import { registerWasmTrainingKernels } from '@tessera/backends';

registerWasmTrainingKernels();
