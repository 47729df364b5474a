/**
 * The few-shot episodes `tessera evaluate` runs on test images of `classes`: 5-way (fewer ways for
 * fewer classes) 1- and 5-shot with 15 queries per class, as the main job does — or, when the
 * smallest class has fewer than 5 + 15 images, as many queries as it allows (5-shot needs at least
 * 6 images a class, 1-shot 2). `note` says what was reduced; `null` when no episode fits. @internal
 */
export function fewShotPlan(
  testLabels: Int32Array,
  classes: readonly number[],
): { ways: number; shots: number[]; queries: number; note?: string } | null {
  const counts = new Map<number, number>(classes.map((c) => [c, 0]));
  for (const y of testLabels) if (counts.has(y)) counts.set(y, counts.get(y)! + 1);
  const smallest = Math.min(...counts.values());
  const ways = Math.min(5, classes.length);
  if (ways < 2 || smallest < 2) return null;
  if (smallest >= 20) return { ways, shots: [1, 5], queries: 15 };
  const shots = smallest >= 6 ? [1, 5] : [1];
  const queries = Math.min(15, smallest - Math.max(...shots));
  return {
    ways,
    shots,
    queries,
    note: `the smallest test class has ${smallest} images: ${shots.map((k) => `${k}-shot`).join(' and ')} episodes with ${queries} ${queries === 1 ? 'query' : 'queries'} per class`,
  };
}
