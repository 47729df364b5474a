import * as tf from '@tensorflow/tfjs';
import { boxIou, convertBoxes, giouLoss, nms } from '@tessera/detection';

const a = [0, 0, 10, 10];
const b = [1, 1, 11, 11];
const c = [50, 50, 60, 60];
console.log('kept:', nms([a, b, c], [0.9, 0.8, 0.7], { iouThreshold: 0.5 }).join(' '));
console.log('IoU(a, b):', boxIou([a], [b]).dataSync()[0]!.toFixed(4));
console.log('c as COCO xywh:', convertBoxes([c], 'xyxy', 'xywh').dataSync().join(' '));
console.log(
  'GIoU loss:',
  giouLoss(tf.tensor2d([a]), tf.tensor2d([b]))
    .dataSync()[0]!
    .toFixed(4),
);
