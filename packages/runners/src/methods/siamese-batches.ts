import { createRng, throwInvalidArgument } from '@tessera/core';
import { classBalancedSampler } from '@tessera/data';
import type { MethodContext } from './types';

// The in-batch sampling of the siamese method: P×K batch indices, and the pairs and triplets
// formed inside a batch from its labels. @internal

/**
 * The default K: 4 images per class, or more when the batch would need more classes than the data
 * has (batch 64 on MNIST's 10 classes: 8 classes × 8), the smallest K ≥ 4 dividing the batch.
 */
export function defaultSamplesPerClass(batchSize: number, labels: Int32Array | undefined): number {
  if (!labels) return 4;
  const counts = new Map<number, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  for (let k = 4; k <= batchSize / 2; k++) {
    if (batchSize % k !== 0) continue;
    let classes = 0;
    for (const c of counts.values()) if (c >= k) classes++;
    if (batchSize / k <= classes) return k;
  }
  return 4; // nothing fits: pkBatches says why
}

/** P×K batch indices for step seeds, or `undefined` for K = 0 (random batches). */
export function pkBatches(
  context: MethodContext,
  k: number,
): ((step: number, seed: number) => Int32Array) | undefined {
  if (k === 0) return undefined;
  if (!Number.isInteger(k) || k < 2)
    failSiamese(
      'samplesPerClass',
      `samplesPerClass must be 0 (random batches) or an integer ≥ 2, got ${k}.`,
    );
  const { batchSize, labels } = context;
  if (batchSize % k !== 0 || batchSize / k < 2)
    failSiamese(
      'samplesPerClass',
      `batchSize (${batchSize}) must be a multiple of samplesPerClass (${k}) with at least 2 classes per batch.`,
    );
  if (!labels) return failSiamese('data', 'siamese needs labelled data (data.labels).');
  // validates now (enough classes with K items), not at the first step
  classBalancedSampler({ labels, classesPerBatch: batchSize / k, samplesPerClass: k });
  return (_step, seed) =>
    classBalancedSampler({
      labels,
      classesPerBatch: batchSize / k,
      samplesPerClass: k,
      seed: seed % 0x7fffffff,
    }).sample();
}

/** Pairs (i, j) within the batch: half with the same label, half with another (when possible). */
export function samplePairs(labels: Int32Array, seed: number) {
  const rng = createRng(seed);
  const n = labels.length;
  const a: number[] = [];
  const b: number[] = [];
  const same: number[] = [];
  for (let i = 0; i < n; i++) {
    const wantSame = rng.next() < 0.5;
    const pool: number[] = [];
    for (let j = 0; j < n; j++) if (j !== i && (labels[j] === labels[i]) === wantSame) pool.push(j);
    if (pool.length === 0) continue;
    a.push(i);
    b.push(pool[Math.floor(rng.next() * pool.length)] as number);
    same.push(wantSame ? 1 : 0);
  }
  return { a, b, same };
}

/** One random (anchor, positive, negative) per anchor that has both in the batch. */
export function sampleTriplets(labels: Int32Array, seed: number) {
  const rng = createRng(seed);
  const n = labels.length;
  const anchors: number[] = [];
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < n; i++) {
    const pos: number[] = [];
    const neg: number[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      (labels[j] === labels[i] ? pos : neg).push(j);
    }
    if (pos.length === 0 || neg.length === 0) continue;
    anchors.push(i);
    positives.push(pos[Math.floor(rng.next() * pos.length)] as number);
    negatives.push(neg[Math.floor(rng.next() * neg.length)] as number);
  }
  return { anchors, positives, negatives };
}

/** Rows whose label appears at least twice, when at least two such labels exist; else none. */
export function withPartners(labels: Int32Array): number[] {
  const count = new Map<number, number>();
  for (const l of labels) count.set(l, (count.get(l) ?? 0) + 1);
  const rows = [...labels.keys()].filter((r) => (count.get(labels[r] as number) ?? 0) >= 2);
  return new Set(rows.map((r) => labels[r])).size >= 2 ? rows : [];
}

/** Throws siamese's {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} for `argument`. @internal */
export const failSiamese = (argument: string, detail: string): never =>
  throwInvalidArgument('siamese', argument, detail);
