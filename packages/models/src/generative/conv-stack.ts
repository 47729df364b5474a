import * as tfl from '@tensorflow/tfjs-layers';
import { assertCount } from '../internal/fail';
import { batchNormalization } from '../layers/batch-normalization';
import { reLU } from '../layers/relu';

type T = tfl.SymbolicTensor;

/** Stride-2 3×3 convolutions with ReLU (or LeakyReLU 0.2), then flatten. @internal */
export function downStack(
  x: T,
  filters: readonly number[],
  name: string,
  leaky = false,
  batchNorm = false,
): T {
  filters.forEach((f, i) => {
    assertCount(f, name, `filters[${i}]`);
    x = tfl.layers
      .conv2d({
        filters: f,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        name: `${name}_down${i + 1}`,
      })
      .apply(x) as T;
    if (batchNorm && i > 0) x = batchNormalization({ name: `${name}_bn${i + 1}` }).apply(x) as T;
    x = (leaky ? tfl.layers.leakyReLU({ alpha: 0.2 }) : reLU()).apply(x) as T;
  });
  return tfl.layers.flatten().apply(x) as T;
}

/** dense → reshape → stride-2 transposed convolutions back to `[H, W, C]` (no final activation). @internal */
export function upStack(
  z: T,
  [h, w, c]: readonly [number, number, number],
  filters: readonly number[],
  name: string,
  batchNorm = false,
): T {
  const f = 2 ** filters.length;
  const top = filters[filters.length - 1]!;
  let x = tfl.layers
    .dense({ units: (h / f) * (w / f) * top, name: `${name}_project` })
    .apply(z) as T;
  x = tfl.layers.reshape({ targetShape: [h / f, w / f, top] }).apply(x) as T;
  if (batchNorm) x = batchNormalization({ name: `${name}_bn0` }).apply(x) as T;
  x = reLU().apply(x) as T;
  [...filters]
    .reverse()
    .slice(1)
    .forEach((fl, i) => {
      x = tfl.layers
        .conv2dTranspose({
          filters: fl,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          name: `${name}_up${i + 1}`,
        })
        .apply(x) as T;
      if (batchNorm) x = batchNormalization({ name: `${name}_bn${i + 1}` }).apply(x) as T;
      x = reLU().apply(x) as T;
    });
  return tfl.layers
    .conv2dTranspose({
      filters: c,
      kernelSize: 3,
      strides: 2,
      padding: 'same',
      name: `${name}_out`,
    })
    .apply(x) as T;
}
