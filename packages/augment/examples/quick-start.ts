import * as tf from '@tensorflow/tfjs';
import { jigsawTask, randomResizedCrop, simclrAugment, twoViews } from '@tessera/augment';

const images = tf.randomUniform([8, 28, 28, 1], 0, 1, 'float32', 0) as tf.Tensor4D;
const [a, b] = twoViews(simclrAugment({ size: 28, strength: 0.5 }))(images, { seed: 1 });
console.log('SimCLR views:', a.shape.join('×'), b.shape.join('×'));

const crop = randomResizedCrop({ size: 20, scale: [0.5, 1] }).run(images, { seed: 7 });
console.log('image 0 cropped at [top, left, h, w] =', crop.params.boxes[0].join(', '));

const { tiles, permutation } = jigsawTask(images, { permutations: 100, seed: 3 });
console.log('jigsaw tiles:', tiles.shape.join('×'), 'labels:', permutation.arraySync().join(' '));
