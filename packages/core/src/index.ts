// @tessera/core — argument checks with clear errors, seeded random numbers, conversions, shared types.
// Named re-exports only (CONVENTIONS.md #14).

export { InvalidArgumentError, throwInvalidArgument } from './invalid-argument-error';
export type { InvalidArgumentErrorOptions } from './invalid-argument-error';
export { CheckpointError, TrainingError } from './state-errors';
export type { TrainingFailure } from './state-errors';

export { assertRank } from './assert/assert-rank';
export { assertShape } from './assert/assert-shape';
export { assertSameShape } from './assert/assert-same-shape';
export { assertPositive } from './assert/assert-positive';
export type { AssertPositiveOptions } from './assert/assert-positive';
export { assertInRange } from './assert/assert-in-range';
export type { AssertInRangeOptions } from './assert/assert-in-range';
export { assertInteger } from './assert/assert-integer';
export type { AssertIntegerOptions } from './assert/assert-integer';
export { assertOneOf } from './assert/assert-one-of';
export { assertFinite } from './assert/assert-finite';

export { toFloat32Array, toFloat32ArrayAsync } from './convert/to-float32-array';
export { toFloat64Array, toFloat64ArrayAsync } from './convert/to-float64-array';
export { toInt32Array, toInt32ArrayAsync } from './convert/to-int32-array';
export { toTensor1D, toTensor2D, toTensor3D, toTensor4D } from './convert/to-tensor';
export type { ToTensorOptions } from './convert/to-tensor';
export { toNestedArray } from './convert/to-nested-array';
export type { ConvertOptions } from './convert/read-values';

export { reduceLosses } from './ops/reduce-losses';
export { stopGradient } from './ops/stop-gradient';
export { safeSqrt } from './ops/safe-sqrt';
export { l2Normalize } from './ops/l2-normalize';

export { TESSERA_KERNELS } from './kernels/tessera-kernels';

export { createRng } from './random/create-rng';
export { withSeededRandom } from './random/with-seeded-random';
export type { Rng, RngState } from './random/rng';

export { BOX_FORMATS, REDUCTIONS } from './types';
export type {
  BoxFormat,
  HasShape,
  NestedArray,
  NumericArray,
  Reduction,
  TensorLike1D,
  TensorLike2D,
  TensorLike3D,
  TensorLike4D,
  TensorLikeAny,
  TypedArray,
} from './types';
