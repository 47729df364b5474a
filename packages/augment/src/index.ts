// @tessera/augment — batched, seeded, replayable augmentations, multi-view, pretext tasks, box-aware transforms.
// Named re-exports only (CONVENTIONS.md #14).

export type {
  FlatBoxes,
  ImageShape,
  MapBoxesOptions,
  Transform,
  TransformOptions,
  TransformRun,
} from './transform/types';
export type { AppliedParams } from './transform/per-image-transform';

// deterministic ops
export { adjustBrightness } from './ops/brightness';
export { adjustContrast } from './ops/contrast';
export { adjustSaturation } from './ops/saturation';
export { adjustHue } from './ops/hue';
export { rgbToGrayscale } from './ops/grayscale';
export { applyGaussianBlur } from './ops/gaussian-blur';
export { applySolarize } from './ops/solarize';
export { applyNormalize } from './ops/normalize';
export { applyErasing } from './ops/erasing';
export { flipHorizontal, flipVertical } from './ops/flip';
export { cropImages, resizeImages, resizedCrop } from './ops/resized-crop';
export type { ResampleOptions } from './ops/resized-crop';
export type { CropBox } from './ops/crop-box';
export { affineImages, rotateImages } from './ops/affine';
export type { WarpOptions } from './ops/affine';
export type { AffineParams } from './ops/affine-matrix';

// geometric transforms
export { randomResizedCrop } from './random/random-resized-crop';
export type {
  RandomResizedCropOptions,
  RandomResizedCropParams,
} from './random/random-resized-crop';
export { centerCrop, randomCrop, resize } from './random/crop';
export type { CropParams, RandomCropOptions } from './random/crop';
export { randomHorizontalFlip, randomVerticalFlip } from './random/flips';
export type { FlipParams } from './random/flips';
export { randomAffine, randomRotation } from './random/affine';
export type { AffineTransformParams, RandomAffineOptions, RotationParams } from './random/affine';

// photometric transforms
export { COLOR_JITTER_OPS, colorJitter } from './random/color-jitter';
export type { ColorJitterOptions, ColorJitterParams } from './random/color-jitter';
export {
  randomBrightness,
  randomContrast,
  randomHue,
  randomSaturation,
} from './random/single-color';
export type { SingleColorOptions } from './random/single-color';
export {
  gaussianBlur,
  normalize,
  randomErasing,
  randomGrayscale,
  solarize,
} from './random/photometric';
export type { RandomErasingOptions } from './random/photometric';

// composition
export { compose } from './compose/compose';
export { randomApply, randomChoice } from './compose/random-apply';
export type { RandomApplyParams, RandomChoiceParams } from './compose/random-apply';
export { multiView, twoViews } from './compose/multi-view';
export type { MultiView, MultiViewRun } from './compose/multi-view';
export { multiCrop } from './compose/multi-crop';
export type { CropGroup } from './compose/multi-crop';

// recipes
export { mocoV2Augment, simclrAugment } from './recipes/simclr';
export type { MocoV2AugmentOptions, SimclrAugmentOptions } from './recipes/simclr';
export { byolAugment } from './recipes/byol';
export type { ByolAugmentOptions } from './recipes/byol';

// pretext tasks
export { rotationTask } from './pretext/rotation-task';
export type { RotationTask } from './pretext/rotation-task';
export { RELATIVE_POSITIONS, relativePositionTask } from './pretext/relative-position-task';
export type {
  RelativePositionOptions,
  RelativePositionTask,
} from './pretext/relative-position-task';
export { jigsawTask } from './pretext/jigsaw-task';
export type { JigsawOptions, JigsawTask } from './pretext/jigsaw-task';
export { jigsawPermutations } from './pretext/permutations';

// boxes
export { boxAware } from './boxes/box-aware';
export type { BoxAwareOptions, BoxedImages, BoxedResult } from './boxes/box-aware';
