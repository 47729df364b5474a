import * as tf from '@tensorflow/tfjs';
import { convEncoder, MemoryBank, projectionHead, prototypeClassifier } from '@tessera/models';

const encoder = convEncoder({ inputShape: [28, 28, 1], embeddingDim: 64 });
const head = projectionHead({ inputDim: 64, hiddenDim: 64, outputDim: 32 });
const images = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 0);
const z = head.predict(encoder.predict(images)) as tf.Tensor2D;
console.log('parameters:', encoder.countParams() + head.countParams(), 'z:', z.shape);

const bank = new MemoryBank({ size: 1000, dim: 32, momentum: 0.5 });
bank.update([0, 1, 2, 3], z);
console.log('memory bank:', bank.tensor().shape);
const clf = prototypeClassifier(tf.tensor2d([0, 0, 0, 1, 5, 5, 6, 5], [4, 2]), [0, 0, 1, 1]);
const query = tf.tensor2d([0.2, 0.4, 5.5, 4.8], [2, 2]);
console.log('nearest prototypes:', clf.predict(query).arraySync());
