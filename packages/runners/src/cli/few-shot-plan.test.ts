import { describe, expect, it } from 'vitest';
import { fewShotPlan } from './few-shot-plan';

const labels = (counts: number[]) => Int32Array.from(counts.flatMap((n, c) => Array(n).fill(c)));

describe('fewShotPlan', () => {
  it("runs the main job's episodes when every class has 20 images, fewer ways for fewer classes", () => {
    expect(fewShotPlan(labels([20, 25, 30, 20, 20, 20]), [0, 1, 2, 3, 4, 5])).toEqual({
      ways: 5,
      shots: [1, 5],
      queries: 15,
    });
    expect(fewShotPlan(labels([30, 30, 30]), [0, 1, 2])?.ways).toBe(3);
  });

  it('fits the queries to the smallest class, drops 5-shot below 6 images, and gives up below 2', () => {
    expect(fewShotPlan(labels([12, 40]), [0, 1])).toMatchObject({ shots: [1, 5], queries: 7 });
    expect(fewShotPlan(labels([3, 40]), [0, 1])).toEqual({
      ways: 2,
      shots: [1],
      queries: 2,
      note: 'the smallest test class has 3 images: 1-shot episodes with 2 queries per class',
    });
    expect(fewShotPlan(labels([1, 40]), [0, 1])).toBeNull();
    expect(fewShotPlan(labels([40]), [0])).toBeNull();
  });
});
