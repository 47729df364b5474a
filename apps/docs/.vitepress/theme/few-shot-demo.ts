// The few-shot demo's computations, shared by the page and its test: pick a support set, turn a
// drawing into an MNIST-like 28×28 digit, and classify it by the nearest prototype (the mean of each
// class's L2-normalised support features), with `evaluateEpisode` of @tessera/metrics.
import { createRng } from '@tessera/core';
import { evaluateEpisode } from '@tessera/metrics';

/** Indices into `labels` of `shots` random examples of each class, in class order. */
export function pickSupport(
  labels: Int32Array,
  classes: readonly number[],
  shots: number,
  seed: number,
): number[][] {
  const rng = createRng(seed);
  return classes.map((c) => {
    const pool = Array.from(labels.keys()).filter((i) => labels[i] === c);
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, shots);
  });
}

/** Rows of `[N, D]` features scaled to unit length (rows of zeros stay zero). */
export function l2Rows(features: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(features.length);
  for (let r = 0; r < features.length / dim; r++) {
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += features[r * dim + j]! ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < dim; j++) out[r * dim + j] = features[r * dim + j]! * scale;
  }
  return out;
}

/**
 * Squared distances of one query to the prototypes of `C` classes, and the nearest class index.
 * @param support - `C·K` normalised feature rows, class after class.
 * @param query - one normalised feature row.
 */
export function classify(support: Float32Array, query: Float32Array, ways: number, shots: number) {
  const dim = query.length;
  const row = (r: number) => Array.from(support.subarray(r * dim, (r + 1) * dim));
  const supportRows = Array.from({ length: ways }, (_, c) =>
    Array.from({ length: shots }, (_, k) => row(c * shots + k)),
  );
  const queryRows = Array.from({ length: ways }, () => [Array.from(query)]); // the same query per class
  const { squaredDistances } = evaluateEpisode(supportRows, queryRows);
  const distances = Array.from(squaredDistances.subarray(0, ways));
  let best = 0;
  distances.forEach((d, c) => {
    if (d < distances[best]!) best = c;
  });
  return { distances, nearest: best };
}

/**
 * An MNIST-like digit from a drawing's grey pixels (`size × size`, ink > 0): the ink's bounding box
 * scaled so its longer side is 20 pixels and centred in 28×28, as MNIST's digits were prepared.
 * Returns `null` for an empty drawing.
 */
export function toMnist(ink: Float32Array, size: number): Float32Array | null {
  let [x0, y0, x1, y1] = [size, size, -1, -1];
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      if (ink[y * size + x]! > 0.05) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
  if (x1 < 0) return null;
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const scale = 20 / Math.max(w, h);
  const out = new Float32Array(784);
  const ox = 14 - (w * scale) / 2;
  const oy = 14 - (h * scale) / 2;
  // area-average each output pixel over the source pixels it covers (a box filter)
  for (let oyi = 0; oyi < 28; oyi++)
    for (let oxi = 0; oxi < 28; oxi++) {
      const sx0 = x0 + (oxi - ox) / scale;
      const sy0 = y0 + (oyi - oy) / scale;
      const sx1 = sx0 + 1 / scale;
      const sy1 = sy0 + 1 / scale;
      let sum = 0;
      let area = 0;
      for (let sy = Math.floor(sy0); sy < Math.ceil(sy1); sy++)
        for (let sx = Math.floor(sx0); sx < Math.ceil(sx1); sx++) {
          const a =
            Math.max(0, Math.min(sx + 1, sx1) - Math.max(sx, sx0)) *
            Math.max(0, Math.min(sy + 1, sy1) - Math.max(sy, sy0));
          if (a <= 0) continue;
          const inside = sx >= x0 && sx <= x1 && sy >= y0 && sy <= y1;
          sum += a * (inside ? ink[sy * size + sx]! : 0);
          area += a;
        }
      out[oyi * 28 + oxi] = area > 0 ? Math.min(1, sum / area) : 0;
    }
  return out;
}
