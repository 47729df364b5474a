// The validation split the recipe screens share: the kNN memory and the probe on training images
// 0–49 999, scoring on 50 000–59 999, pretraining on the first 50 000 (with heldOut, those of
// digits 0–4). The test set is never read.
import { loadMnist } from '@tessera/data';

export { FEW_SHOT } from './main-job-fewshot.mjs';

export async function validationSplit({ heldOut = false } = {}) {
  const all = await loadMnist({ split: 'train' });
  const split = (from, to, keep = () => true) => {
    const idx = [];
    for (let i = from; i < to; i++) if (keep(all.labels[i])) idx.push(i);
    const images = new Float32Array(idx.length * 784);
    idx.forEach((j, k) => images.set(all.images.subarray(j * 784, (j + 1) * 784), k * 784));
    return {
      images,
      shape: [idx.length, 28, 28, 1],
      labels: Int32Array.from(idx, (j) => all.labels[j]),
    };
  };
  const fit = split(0, 50000);
  return {
    fit,
    val: split(50000, 60000),
    pretrainData: heldOut ? split(0, 50000, (y) => y < 5) : fit,
  };
}
