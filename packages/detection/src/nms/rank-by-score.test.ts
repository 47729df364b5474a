import { createRng } from '@tessera/core';
import { expect, it } from 'vitest';
import { rankByScore } from './greedy-nms';

it('rankByScore: the packed-key sort for float32 scores gives the comparator order (ties by index)', () => {
  const rng = createRng(11);
  for (const n of [64, 500, 5000]) {
    // float32 scores with many ties, negatives, ±0 and infinities
    const scores = Float64Array.from({ length: n }, () =>
      Math.fround(Math.round(rng.uniform(-3, 3) * 20) / 20),
    );
    scores[1] = -0;
    scores[2] = 0;
    scores[3] = Infinity;
    scores[4] = -Infinity;
    const order = Int32Array.from({ length: n }, (_, i) => i);
    const expected = Array.from(order).sort((a, b) => scores[b]! - scores[a]! || a - b);
    // candidates are the scores above the threshold: −∞ never is
    expect(Array.from(rankByScore(scores, -Infinity))).toEqual(
      expected.filter((i) => scores[i]! > -Infinity),
    );
    expect(Array.from(rankByScore(scores, 0))).toEqual(expected.filter((i) => scores[i]! > 0));
    // float64 scores take the comparator path and agree as well
    const doubles = Float64Array.from(scores, (v, i) => v + (i % 3) * 1e-12);
    const expected64 = Array.from(order).sort((a, b) => doubles[b]! - doubles[a]! || a - b);
    expect(Array.from(rankByScore(doubles, -Infinity))).toEqual(
      expected64.filter((i) => doubles[i]! > -Infinity),
    );
  }
});
