import { createRng } from '@tessera/core';
import { fail } from '../internal/validate';

const MAX_ENUMERATED = 9;
const CANDIDATES_WHEN_SAMPLED = 100_000;
const cache = new Map<string, Int32Array[]>();

/** All permutations of 0…n−1 in lexicographic order (itertools.permutations), flat. */
export function allPermutations(n: number): Uint8Array {
  let count = 1;
  for (let k = 2; k <= n; k++) count *= k;
  const out = new Uint8Array(count * n);
  const p = Array.from({ length: n }, (_, i) => i);
  for (let r = 0; r < count; r++) {
    out.set(p, r * n);
    // next lexicographic permutation
    let i = n - 2;
    while (i >= 0 && p[i]! > p[i + 1]!) i--;
    if (i < 0) break;
    let j = n - 1;
    while (p[j]! < p[i]!) j--;
    [p[i], p[j]] = [p[j]!, p[i]!];
    for (let a = i + 1, b = n - 1; a < b; a++, b--) [p[a], p[b]] = [p[b]!, p[a]!];
  }
  return out;
}

/**
 * A set of `count` permutations of `tiles` tiles with maximal average Hamming distance, by Noroozi
 * & Favaro's greedy algorithm (their `select_permutations`, "max" selection): start from a random
 * permutation, then repeatedly add the candidate whose mean Hamming distance to those chosen is
 * largest (first one on ties). Candidates are all `tiles!` permutations up to 9 tiles, else 100 000
 * random ones. Deterministic for a seed; cached.
 *
 * @example
 * ```ts
 * const perms = jigsawPermutations(100); // 100 permutations of 9 tiles
 * ```
 * @category Pretext tasks
 */
export function jigsawPermutations(
  count: number,
  { tiles = 9, seed = 0 }: { tiles?: number; seed?: number } = {},
): Int32Array[] {
  const name = 'jigsawPermutations';
  if (!Number.isInteger(tiles) || tiles < 2)
    fail(name, 'tiles', `tiles must be an integer >= 2, got ${tiles}.`);
  const key = `${count}/${tiles}/${seed}`;
  const hit = cache.get(key);
  if (hit) return hit.map((p) => p.slice());
  const rng = createRng(seed);
  let candidates: Uint8Array;
  if (tiles <= MAX_ENUMERATED) {
    candidates = allPermutations(tiles);
  } else {
    candidates = new Uint8Array(CANDIDATES_WHEN_SAMPLED * tiles);
    for (let r = 0; r < CANDIDATES_WHEN_SAMPLED; r++)
      candidates.set(rng.permutation(tiles), r * tiles);
  }
  const total = candidates.length / tiles;
  if (!Number.isInteger(count) || count < 1 || count > total) {
    fail(
      name,
      'count',
      `count must be an integer in [1, ${total}] for ${tiles} tiles, got ${count}.`,
    );
  }
  const chosen = greedySelect(candidates, tiles, count, rng.nextInt(total));
  cache.set(key, chosen);
  return chosen.map((p) => p.slice());
}

/**
 * Noroozi & Favaro's greedy selection from `candidates` (flat, `tiles` per row), starting at row
 * `first`: repeatedly take the remaining row with the largest summed (≡ mean) Hamming distance to
 * those taken, the first such row on ties.
 * @internal
 */
export function greedySelect(
  candidates: Uint8Array,
  tiles: number,
  count: number,
  first: number,
): Int32Array[] {
  const total = candidates.length / tiles;
  const taken = new Uint8Array(total);
  // float64 sums of d / tiles in selection order, divided by the count: numpy's cdist(…).mean(axis=0)
  // to the last bit, so near-ties break exactly as in the reference code
  const distanceSum = new Float64Array(total);
  const chosen: Int32Array[] = [];
  let next = first;
  for (let k = 0; k < count; k++) {
    taken[next] = 1;
    const base = next * tiles;
    chosen.push(Int32Array.from(candidates.subarray(base, base + tiles)));
    let best = -1;
    let bestSum = -1;
    for (let r = 0; r < total; r++) {
      if (taken[r]) continue;
      let d = 0;
      const o = r * tiles;
      for (let t = 0; t < tiles; t++) if (candidates[o + t] !== candidates[base + t]) d++;
      const s = (distanceSum[r]! += d / tiles) / (k + 1);
      if (s > bestSum) {
        bestSum = s;
        best = r;
      }
    }
    next = best;
  }
  return chosen;
}
