import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@tessera/backends';
import { bench, describe } from 'vitest';
import {
  colorJitter,
  compose,
  randomHorizontalFlip,
  randomResizedCrop,
  simclrAugment,
} from '../src/index';

// wasm as `selectBackend` starts it for users: threads, and Tessera's kernels in place of slow
// shipped ones (the gather that moves images, among them)
await selectBackend({ force: 'wasm' });

// bench/python-reference.py times torchvision's per-image loop and a batched roi_align version on
// the same shapes; scripts/bench-record.mjs pairs each line below with the per-image loop.

for (const backend of ['wasm', 'cpu'] as const) {
  for (const [c, hw] of [
    [1, 28],
    [3, 32],
  ] as const) {
    describe(`${hw}x${hw}x${c} [${backend}]`, () => {
      let images: tf.Tensor4D | null = null;
      let seed = 0;
      const setup = async () => {
        await tf.setBackend(backend);
        images = tf.randomUniform([256, hw, hw, c], 0, 1, 'float32', 0) as tf.Tensor4D;
      };
      const teardown = () => void images?.dispose();
      // the reference pipeline: RandomResizedCrop(scale .2-1) + HFlip + ColorJitter(b=.4, c=.4)
      const same = compose([
        randomResizedCrop({ size: hw, scale: [0.2, 1] }),
        randomHorizontalFlip(),
        colorJitter({ brightness: 0.4, contrast: 0.4 }),
      ]);
      const simclr = simclrAugment({ size: hw });
      const run = (t: typeof same) => () => {
        const out = t(images!, { seed: seed++ });
        out.dataSync();
        out.dispose();
      };
      const options = { time: 3000, warmupIterations: 2, setup, teardown };
      bench(`crop+flip+jitter(b,c) 256 x ${hw}x${hw}x${c} [${backend}]`, run(same), options);
      bench(`simclrAugment 256 x ${hw}x${hw}x${c} [${backend}]`, run(simclr), options);
    });
  }
}
