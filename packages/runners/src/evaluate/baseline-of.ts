import type * as tfl from '@tensorflow/tfjs-layers';

type ModelClass = { fromConfig: (cls: unknown, config: unknown) => tfl.LayersModel };

/**
 * The random-init baseline in the representation's own architecture. `initial` is the network a
 * run started from; where the representation is that network (most methods), the baseline is
 * `initial` itself. Where the representation is built around it — `jigsaw`'s tiles through the
 * encoder, concatenated — the baseline is a copy of the representation whose nested network takes
 * `initial`'s weights, so both sides of the comparison are the same function of their weights.
 * `owned`: the caller disposes the copy.
 * @internal
 */
export function baselineOf(
  representation: tfl.LayersModel,
  initial: tfl.LayersModel,
): { model: tfl.LayersModel; owned: boolean } {
  if (representation.name === initial.name) return { model: initial, owned: false };
  const nested = representation.layers.find((l) => l.name === initial.name);
  if (!nested || !('layers' in nested)) return { model: initial, owned: false };
  const cls = representation.constructor as unknown as ModelClass;
  const copy = cls.fromConfig(representation.constructor, representation.getConfig());
  copy.getLayer(initial.name).setWeights(initial.getWeights());
  return { model: copy, owned: true };
}
