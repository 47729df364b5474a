import * as tfl from '@tensorflow/tfjs-layers';
import { assertCount, fail } from '../internal/fail';
import { readImageShape } from '../internal/read-image-shape';
import { batchNormalization } from '../layers/batch-normalization';
import { conv2d } from '../layers/conv2d';
import { globalAveragePooling2d } from '../layers/global-average-pooling';
import { reLU } from '../layers/relu';

/** Options of {@link resnetEncoder}. */
export interface ResnetEncoderOptions {
  /** `[height, width, channels]`. */
  inputShape: readonly [number, number, number];
  /** `'resnet-mini'` (one basic block per stage, ResNet-10) or `18` (two per stage). Default `'resnet-mini'`. */
  depth?: 'resnet-mini' | 18;
  /**
   * `'cifar'` (3×3 stride-1 first convolution, no max-pool — what 28–64 px inputs need, lightly#1419)
   * or `'imagenet'` (7×7 stride-2 convolution and a 3×3 stride-2 max-pool). Default `'cifar'`.
   */
  stem?: 'cifar' | 'imagenet';
  /** Channels of the first stage (then ×2, ×4, ×8). Default `64`. */
  width?: number;
  name?: string;
}

type T = tfl.SymbolicTensor;

function convBn(x: T, filters: number, kernelSize: number, strides: number, name: string): T {
  const c = conv2d({
    filters,
    kernelSize,
    strides,
    padding: 'same',
    useBias: false,
    name: `${name}_conv`,
  }).apply(x) as T;
  return batchNormalization({ name: `${name}_bn` }).apply(c) as T;
}

/** He et al.'s basic block: two 3×3 conv-BN, a 1×1 projection shortcut when the shape changes. */
function basicBlock(x: T, filters: number, strides: number, name: string): T {
  const inChannels = x.shape[3] as number;
  let y = reLU().apply(convBn(x, filters, 3, strides, `${name}_a`)) as T;
  y = convBn(y, filters, 3, 1, `${name}_b`);
  const shortcut =
    strides !== 1 || inChannels !== filters ? convBn(x, filters, 1, strides, `${name}_proj`) : x;
  return reLU().apply(tfl.layers.add({ name: `${name}_add` }).apply([y, shortcut]) as T) as T;
}

/**
 * A ResNet encoder (He et al. 2016) for small images: a stem, four stages of basic blocks with
 * `width · (1, 2, 4, 8)` channels (stride 2 from the second stage on), global average pooling.
 * With `stem: 'cifar'` a 32×32 input keeps a 4×4 map in the last stage; the ImageNet stem would
 * shrink it to 1×1. ResNet-18 at width 64 with the CIFAR stem has 11 168 832 trainable parameters
 * (11 178 432 with the batch-norm statistics `countParams()` includes); with the ImageNet stem
 * 11 176 512, torchvision's `resnet18` without its classifier. ResNet-10 (`'resnet-mini'`) at width 8
 * on 3 channels: 78 072 with statistics.
 *
 * @returns `[N, H, W, C]` → `[N, 8 · width]`.
 * @example
 * ```ts
 * const encoder = resnetEncoder({ inputShape: [32, 32, 3], depth: 18, stem: 'cifar', width: 32 });
 * ```
 * @category Encoders
 */
export function resnetEncoder({
  inputShape,
  depth = 'resnet-mini',
  stem = 'cifar',
  width = 64,
  name = 'resnet_encoder',
}: ResnetEncoderOptions): tfl.LayersModel {
  const fn = 'resnetEncoder';
  readImageShape(inputShape, 0, fn);
  if (depth !== 'resnet-mini' && depth !== 18)
    fail(fn, 'depth', `depth must be 'resnet-mini' or 18, got ${JSON.stringify(depth)}.`);
  if (stem !== 'cifar' && stem !== 'imagenet')
    fail(fn, 'stem', `stem must be 'cifar' or 'imagenet', got ${JSON.stringify(stem)}.`);
  assertCount(width, fn, 'width');
  const input = tfl.input({ shape: [...inputShape] });
  let x: T =
    stem === 'cifar'
      ? (reLU().apply(convBn(input, width, 3, 1, `${name}_stem`)) as T)
      : (tfl.layers
          .maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' })
          .apply(reLU().apply(convBn(input, width, 7, 2, `${name}_stem`)) as T) as T);
  const blocks = depth === 18 ? 2 : 1;
  [1, 2, 4, 8].forEach((mult, stage) => {
    for (let b = 0; b < blocks; b++) {
      x = basicBlock(
        x,
        width * mult,
        stage > 0 && b === 0 ? 2 : 1,
        `${name}_s${stage + 1}b${b + 1}`,
      );
    }
  });
  x = globalAveragePooling2d().apply(x) as T;
  return tfl.model({ inputs: input, outputs: x, name });
}
