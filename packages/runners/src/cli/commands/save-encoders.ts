import type * as tfl from '@tensorflow/tfjs-layers';
import type { ImageSource } from '@tessera/data';
import { withGridPool, withPowerReadout, type GridPool } from '@tessera/models';
import { fileSystemHandler } from '@tessera/models/node';
import { standardizeFeatures } from '../../standardize-features';
import { probeOnlyFeaturesOf } from '../probe-only-features';
import { loadInitialEncoder, type runPaths } from '../run-folder';

/**
 * Saves a run's trained encoder. With a readout pool (and `appendMean`, the last map's global
 * average after the cells, and `appendPreviousStage`, the previous stage's cells and average, for
 * the linear probe), feature standardisation or a power readout (the representation's features
 * square-rooted in front, for kNN and few-shot; with `probePower`, every feature square-rooted in
 * place, for every protocol), the trained encoder and the saved initial one are read out alike
 * (standardised with statistics from the pretraining images, no labels), so the random-init
 * baseline is built the same way. Returns the seconds the standardisation took
 * (it embeds the pretraining images), or `undefined` without it: wrapping and saving take no
 * time worth a line of the summary.
 * @internal
 */
export async function saveEncoders(
  trained: tfl.LayersModel,
  ownEncoder: boolean,
  paths: ReturnType<typeof runPaths>,
  images: ImageSource,
  {
    readoutPool,
    standardize,
    appendMean = false,
    appendPreviousStage = false,
    powerReadout = false,
    probePower = false,
  }: {
    readoutPool: GridPool | undefined;
    standardize: boolean;
    appendMean?: boolean;
    appendPreviousStage?: boolean;
    powerReadout?: boolean;
    /** The power readout square-roots every feature in place: the probe reads the roots too. */
    probePower?: boolean;
  },
): Promise<number | undefined> {
  if (!ownEncoder || (!standardize && !readoutPool && !powerReadout)) {
    await trained.save(fileSystemHandler(paths.encoder));
    return undefined;
  }
  const started = performance.now();
  const finish = async (model: tfl.LayersModel, dir: string) => {
    const read = readoutPool
      ? withGridPool(model, readoutPool, { appendMean, appendPreviousStage })
      : model;
    const features = () => (read.outputs[0]!.shape[1] as number) - probeOnlyFeaturesOf(read);
    const done = standardize
      ? await standardizeFeatures(read, images)
      : powerReadout
        ? withPowerReadout(read, probePower ? { replace: true } : { features: features() })
        : read;
    await done.save(fileSystemHandler(dir));
  };
  if (standardize) console.error('standardising the features over the pretraining images…');
  await finish(trained, paths.encoder);
  const initial = await loadInitialEncoder(paths.root);
  if (initial) {
    await finish(initial, paths.initialEncoder);
    initial.dispose();
  }
  return standardize ? (performance.now() - started) / 1000 : undefined;
}
