import { createRng, InvalidArgumentError } from '@tessera/core';

/** What {@link randomSplit} returns: item indices of each part, ascending. @category Samplers */
export interface RandomSplit {
  readonly train: Int32Array;
  readonly validation: Int32Array;
}

/**
 * Splits `size` items into a training part and a validation part of `fraction` of them, seeded,
 * as scikit-learn's `train_test_split` does (with other draws), stratified when `labels` are given (each class gives
 * `round(fraction · count)` of its items, at least one of a class with two or more, so every class
 * keeps its share on both sides). The same `size`, `fraction`, `seed` and labels give the same
 * split on every platform: `tessera evaluate` recomputes a run's `--val-split` from its config.
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} when `fraction` is not
 *   in (0, 1), a part would be empty, or labels do not match `size`.
 * @example
 * ```ts
 * const { train, validation } = randomSplit(source.size, 0.1, { labels: source.labels, seed: 0 });
 * const [fit, val] = [subset(source, train), subset(source, validation)];
 * ```
 * @category Samplers
 */
export function randomSplit(
  size: number,
  fraction: number,
  { labels, seed = 0 }: { labels?: ArrayLike<number>; seed?: number } = {},
): RandomSplit {
  const fn = 'randomSplit';
  const fail = (argument: string, detail: string) =>
    new InvalidArgumentError({ functionName: fn, argument, detail });
  if (!(Number.isInteger(size) && size >= 2))
    throw fail('size', `size must be an integer ≥ 2, got ${size}.`);
  if (!(fraction > 0 && fraction < 1))
    throw fail('fraction', `fraction must be in (0, 1), got ${fraction}.`);
  if (labels && labels.length !== size)
    throw fail('labels', `labels must have one class per item (${size}), got ${labels.length}.`);
  const rng = createRng(seed);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < size; i++) {
    const y = labels ? (labels[i] as number) : 0;
    const group = groups.get(y);
    if (group) group.push(i);
    else groups.set(y, [i]);
  }
  const held: number[] = [];
  for (const y of [...groups.keys()].sort((a, b) => a - b)) {
    const items = groups.get(y)!;
    const take = Math.min(
      items.length - 1,
      Math.max(items.length >= 2 ? 1 : 0, Math.round(fraction * items.length)),
    );
    const order = rng.permutation(items.length);
    for (let j = 0; j < take; j++) held.push(items[order[j] as number]!);
  }
  if (held.length === 0 || held.length === size)
    throw fail(
      'fraction',
      `fraction ${fraction} of ${size} items leaves ${held.length === 0 ? 'no validation item' : 'no training item'}.`,
    );
  const validation = Int32Array.from(held).sort();
  const isHeld = new Uint8Array(size);
  for (const i of validation) isHeld[i] = 1;
  const train = Int32Array.from(isHeld.keys()).filter((i) => !isHeld[i]);
  return { train, validation };
}
