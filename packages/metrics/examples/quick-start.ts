import { averagePrecision, evaluateCoco, meanConfidenceInterval } from '@tessera/metrics';

const ap = averagePrecision([0.9, 0.8, 0.7, 0.6, 0.55, 0.4], [1, 0, 1, 1, 0, 0]);
console.log('AP (scikit-learn):', ap.toFixed(4));

const box = { id: 1, image_id: 1, category_id: 1, bbox: [10, 10, 40, 40], area: 1600 };
const gt = { images: [{ id: 1 }], categories: [{ id: 1 }], annotations: [box] };
const detections = [{ image_id: 1, category_id: 1, bbox: [12, 10, 40, 38], score: 0.9 }];
const { AP, AP50, AP75 } = evaluateCoco(gt, detections).statsByName;
console.log('COCO AP / AP50 / AP75:', [AP, AP50, AP75].map((v) => v.toFixed(3)).join(' '));

const ci = meanConfidenceInterval([0.62, 0.58, 0.71, 0.66, 0.6]);
console.log(`5-way 1-shot: ${(100 * ci.mean).toFixed(1)} ± ${(100 * ci.halfWidth).toFixed(1)} %`);
