import * as tf from '@tensorflow/tfjs';
import { batchHardTripletLoss, ntXentLoss } from '@tessera/losses';

const z1 = tf.tensor2d([1, 0, 0, 1, 1, 1], [3, 2]); // view 1 of 3 images
const z2 = tf.tensor2d([0.9, 0.1, 0.1, 0.9, 1, 0.8], [3, 2]); // view 2
console.log('NT-Xent:', ntXentLoss(z1, z2, { temperature: 0.5 }).dataSync()[0]!.toFixed(4));

const grad = tf.grad((z: tf.Tensor) => ntXentLoss(z as tf.Tensor2D, z2))(z1);
console.log('d/dz1 finite:', Array.from(grad.dataSync()).every(Number.isFinite));

const embeddings = tf.tensor2d([0, 0, 0, 1, 1, 0, 1, 1], [4, 2]); // classes 0, 0, 1, 1
console.log(
  'batch-hard:',
  batchHardTripletLoss(embeddings, [0, 0, 1, 1]).dataSync()[0]!.toFixed(4),
);
