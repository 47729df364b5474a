import type * as tfl from '@tensorflow/tfjs-layers';
import { embedImages } from '../evaluate/embed';
import { leadingColumns } from '../evaluate/leading-columns';

/**
 * How many of a saved encoder's output features are for the linear probe only: the channels of
 * its last map when its grid pooling appends their global average (`--probe-mean`), else 0.
 * Read from the model itself, so a run folder needs no record of it. @internal
 */
export function probeOnlyFeaturesOf(encoder: tfl.LayersModel): number {
  const layers = flatLayers(encoder);
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    if (!layer.getClassName().startsWith('TesseraGrid')) continue;
    if (!(layer.getConfig() as { appendMean?: boolean }).appendMean) return 0;
    const channels = (layer.getInputAt(0) as tfl.SymbolicTensor).shape.at(-1);
    return typeof channels === 'number' ? channels : 0;
  }
  return 0;
}

function flatLayers(model: tfl.LayersModel): tfl.layers.Layer[] {
  return model.layers.flatMap((l) =>
    'layers' in l ? flatLayers(l as unknown as tfl.LayersModel) : [l],
  );
}

/**
 * The representation's features of every image: `embedImages`, without the features a run's
 * encoder keeps for the linear probe only. @internal
 */
export async function embedRepresentation(
  encoder: tfl.LayersModel,
  data: Parameters<typeof embedImages>[1],
  options?: Parameters<typeof embedImages>[2],
): Promise<{ features: Float32Array; dim: number }> {
  const { features, dim } = await embedImages(encoder, data, options);
  const extra = probeOnlyFeaturesOf(encoder);
  if (extra === 0) return { features, dim };
  return { features: leadingColumns(features, dim, dim - extra), dim: dim - extra };
}
