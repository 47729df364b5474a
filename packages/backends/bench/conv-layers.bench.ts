import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { bench, describe } from 'vitest';
import { selectBackend } from '../src/index.node';
import { setNativeKernelsEnabled } from '../src/wasm/native/native-kernels';

// The small CNN's convolutions on 512 images (one SimCLR step's batch), forward, input gradient
// and filter gradient (XNNPACK: the formulation as a convolution of transposed operands), with Tessera's native convolution and with the shipped XNNPACK kernel, on 2 threads.
// Its own file: the wasm build is chosen once per process.
await selectBackend({ allow: ['wasm'], wasmThreads: 2 });

type Shape = [number, number, number, number];
const LAYERS: Array<[string, string, Shape, Shape]> = [
  ['conv1', '1 → 32, 28×28', [512, 28, 28, 1], [3, 3, 1, 32]],
  ['conv2', '32 → 64, 28×28', [512, 28, 28, 32], [3, 3, 32, 64]],
  ['conv3', '64 → 128, 14×14', [512, 14, 14, 64], [3, 3, 64, 128]],
];
const options = { iterations: 5, warmupIterations: 1 };

function filterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: number[]): tf.Tensor {
  const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape };
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as never) as tf.Tensor;
}

for (const [name, size, xShape, wShape] of LAYERS) {
  const x = tf.randomNormal(xShape) as tf.Tensor4D;
  const w = tf.randomNormal(wShape) as tf.Tensor4D;
  const dy = tf.randomNormal([xShape[0], xShape[1], xShape[2], wShape[3]]) as tf.Tensor4D;
  const timed = (native: boolean, op: () => tf.Tensor) => async () => {
    setNativeKernelsEnabled(native);
    const y = op();
    await y.data();
    y.dispose();
    setNativeKernelsEnabled(true);
  };
  describe(`${name} (${size}) [wasm, 2 threads]`, () => {
    for (const native of [true, false]) {
      const how = native ? 'native' : 'XNNPACK';
      bench(
        `${name} forward, ${how}`,
        timed(native, () => tf.conv2d(x, w, 1, 'same')),
        options,
      );
      if (xShape[3] > 1)
        bench(
          `${name} input gradient, ${how}`,
          timed(native, () => tf.conv2dTranspose(dy, w, xShape, 1, 'same')),
          options,
        );
      bench(
        `${name} filter gradient, ${how}`,
        timed(native, () => filterGradient(x, dy, wShape)),
        options,
      );
    }
  });
}
