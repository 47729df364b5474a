import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { assertRank, createRng, InvalidArgumentError, toTensor2D } from '@tessera/core';

const rng = createRng(42); // xoshiro128**, same numbers on every platform
console.log('shuffled:', rng.shuffle([1, 2, 3, 4, 5]).join(' '));
console.log('5-of-100 sample:', Array.from(rng.sample(5, 100)).join(' '));

const boxes = toTensor2D([[0, 0, 10, 10]]);
console.log('boxes shape:', boxes.shape.join('x'));
try {
  assertRank(tf.tensor1d([0, 0, 10, 10]), 2, 'myNms', 'boxes');
} catch (e) {
  if (InvalidArgumentError.isInstance(e)) console.log(e.message);
}
