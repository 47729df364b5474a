import type * as tfl from '@tensorflow/tfjs-layers';
import { POWER_READOUT, PREVIOUS_STAGE_POOL } from '@tessera/models';
import { embedImages } from '../evaluate/embed';
import { leadingColumns } from '../evaluate/leading-columns';

/**
 * How many of a saved encoder's output features are for the linear probe only: the channels of
 * its last map when its grid pooling appends their global average (`--probe-mean`), plus every
 * feature of the previous stage's pooling (`--probe-previous-stage`, `PREVIOUS_STAGE_POOL`);
 * behind a power readout (`--power-readout`), every feature after its power-normalised copy (a
 * readout that powers the features in place, `--probe-power`, leaves the count to the poolings).
 * Read from the model itself, so a run folder needs no record of it. @internal
 */
export function probeOnlyFeaturesOf(encoder: tfl.LayersModel): number {
  const power = distanceOnlyFeaturesOf(encoder);
  if (power > 0) return width(encoder.outputs[0]!) - power;
  const grids = flatLayers(encoder).filter((l) => l.getClassName().startsWith('TesseraGrid'));
  const previous = grids.find((l) => l.name === PREVIOUS_STAGE_POOL);
  // the representation's own readout: the last grid pooling that is not the previous stage's
  const readout = grids.filter((l) => l !== previous).at(-1);
  const means = (readout?.getConfig() as { appendMean?: boolean } | undefined)?.appendMean
    ? width(readout!.getInputAt(0) as tfl.SymbolicTensor)
    : 0;
  return means + (previous ? width(previous.getOutputAt(0) as tfl.SymbolicTensor) : 0);
}

/**
 * How many of a saved encoder's leading output features kNN and few-shot alone read: the
 * power-normalised copy of the representation that `--power-readout` (`withPowerReadout`, the
 * layer `POWER_READOUT`) puts first; 0 without one, or when the readout powers the features in
 * place (`replace`: the probe reads them too). @internal
 */
export function distanceOnlyFeaturesOf(encoder: tfl.LayersModel): number {
  const power = flatLayers(encoder).find((l) => l.name === POWER_READOUT);
  if (!power) return 0;
  const config = power.getConfig() as { features: number; replace?: boolean };
  return config.replace ? 0 : config.features;
}

/** The size of a symbolic tensor's last axis (0 when unknown). */
function width(t: tfl.SymbolicTensor): number {
  const n = t.shape.at(-1);
  return typeof n === 'number' ? n : 0;
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
