// @tessera/backends — the exports both entries share; each entry adds its selectBackend and
// candidate order (and Node its WebGPU installer).
export { BACKEND_NAMES } from './types';
export { BackendUnavailableError } from './backend-unavailable-error';
export { describeBackend } from './describe-backend';
export type { BackendDescription } from './describe-backend';
export { registerWasmTrainingKernels } from './wasm/register-wasm-training-kernels';
export type {
  RegisterWasmTrainingKernelsOptions,
  WasmTrainingKernels,
} from './wasm/register-wasm-training-kernels';
export type {
  AdapterSummary,
  BackendChoice,
  BackendName,
  BackendReason,
  SelectBackendOptions,
} from './types';
