import * as tf from '@tensorflow/tfjs-core';

/**
 * Hue rotation by a per-image `shift` ([N, 1, 1]), torchvision's `adjust_hue` arithmetic: RGB → HSV
 * as `_rgb2hsv`, `h ← (h + shift) mod 1`, HSV → RGB. Channels are moved to the front first
 * (`[3, N, H, W]`) because slicing the last axis is slow on wasm; the HSV → RGB step uses the
 * branch-free form `c = v − v·s·clamp(min(k, 4 − k), 0, 1)`, `k = (n + 6h) mod 6`, n = 5, 3, 1,
 * which equals torchvision's six-sector table (p, q, t) up to float rounding.
 * @internal
 */
export function rotateHue(images: tf.Tensor4D, shift: tf.Tensor3D): tf.Tensor4D {
  return tf.tidy(() => {
    const [r, g, b] = tf.unstack(tf.transpose(images, [3, 0, 1, 2])) as [
      tf.Tensor3D,
      tf.Tensor3D,
      tf.Tensor3D,
    ];
    // wasm's Maximum, Minimum and Mod kernels are slow; reductions, floor and abs are not
    const maxc = tf.max(images, 3);
    const minc = tf.min(images, 3);
    const frac = (t: tf.Tensor) => tf.sub(t, tf.floor(t)); // t mod 1
    const cr = tf.sub(maxc, minc);
    // torchvision divides by 1 where max == min (grey): there the numerators are 0, so any positive
    // divisor gives the same 0, and max(·, tiny) leaves every other divisor untouched
    const s = tf.div(cr, tf.clipByValue(maxc, 1e-30, Infinity));
    const crDivisor = tf.clipByValue(cr, 1e-30, Infinity);
    const rc = tf.div(tf.sub(maxc, r), crDivisor);
    const gc = tf.div(tf.sub(maxc, g), crDivisor);
    const bc = tf.div(tf.sub(maxc, b), crDivisor);
    // max == r → bc − gc; else max == g → 2 + rc − bc; else 4 + gc − rc
    const h0 = tf.where(
      tf.equal(maxc, r),
      tf.sub(bc, gc),
      tf.where(tf.equal(maxc, g), tf.add(tf.sub(rc, bc), 2), tf.add(tf.sub(gc, rc), 4)),
    );
    const h = frac(tf.add(tf.div(h0, 6), 1));
    const h6 = tf.mul(frac(tf.add(h, shift)), 6);
    const vs = tf.mul(maxc, s);
    const channel = (n: number) => {
      const k = tf.mul(frac(tf.div(tf.add(h6, n), 6)), 6); // (6h + n) mod 6
      // min(k, 4 − k) = 2 − |k − 2|
      return tf.sub(maxc, tf.mul(vs, tf.clipByValue(tf.sub(2, tf.abs(tf.sub(k, 2))), 0, 1)));
    };
    return tf.transpose(
      tf.stack([channel(5), channel(3), channel(1)]),
      [1, 2, 3, 0],
    ) as tf.Tensor4D;
  });
}
