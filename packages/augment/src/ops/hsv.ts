import * as tf from '@tensorflow/tfjs-core';

/**
 * RGB → HSV, h in [0, 1), as torchvision's `_rgb2hsv` (grey pixels: h = s = 0). Channels last.
 * @internal
 */
export function rgbToHsv(images: tf.Tensor4D): [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D] {
  return tf.tidy(() => {
    const [r, g, b] = tf.split(images, 3, 3) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
    const maxc = tf.max(images, 3, true);
    const minc = tf.min(images, 3, true);
    const eqc = tf.equal(maxc, minc);
    const cr = tf.sub(maxc, minc);
    const ones = tf.onesLike(maxc);
    const s = tf.div(cr, tf.where(eqc, ones, maxc));
    const crDivisor = tf.where(eqc, ones, cr);
    const rc = tf.div(tf.sub(maxc, r), crDivisor);
    const gc = tf.div(tf.sub(maxc, g), crDivisor);
    const bc = tf.div(tf.sub(maxc, b), crDivisor);
    const isR = tf.equal(maxc, r);
    const isG = tf.logicalAnd(tf.equal(maxc, g), tf.logicalNot(isR));
    const zeros = tf.zerosLike(maxc);
    const hr = tf.where(isR, tf.sub(bc, gc), zeros);
    const hg = tf.where(isG, tf.add(tf.sub(rc, bc), 2), zeros);
    const hb = tf.where(tf.logicalOr(isR, isG), zeros, tf.add(tf.sub(gc, rc), 4));
    const h = tf.mod(tf.add(tf.div(tf.addN([hr, hg, hb]), 6), 1), 1);
    return [h, s, maxc] as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
  });
}

/** HSV → RGB, as torchvision's `_hsv2rgb` (sector i = floor(6h) mod 6). @internal */
export function hsvToRgb(h: tf.Tensor4D, s: tf.Tensor4D, v: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const h6 = tf.mul(h, 6);
    const i = tf.floor(h6);
    const f = tf.sub(h6, i);
    const sector = tf.mod(i, 6);
    const p = tf.clipByValue(tf.mul(v, tf.sub(1, s)), 0, 1);
    const q = tf.clipByValue(tf.mul(v, tf.sub(1, tf.mul(s, f))), 0, 1);
    const t = tf.clipByValue(tf.mul(v, tf.sub(1, tf.mul(s, tf.sub(1, f)))), 0, 1);
    const pick = (values: tf.Tensor[]) =>
      values.reduceRight((acc, value, k) => tf.where(tf.equal(sector, k), value, acc));
    const r = pick([v, q, p, p, t, v]);
    const g = pick([t, v, v, q, p, p]);
    const b = pick([p, p, t, v, v, q]);
    return tf.concat([r, g, b], 3) as tf.Tensor4D;
  });
}
