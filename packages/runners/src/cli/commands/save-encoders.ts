import type * as tfl from '@tensorflow/tfjs-layers';
import type { ImageSource } from '@tessera/data';
import { withGridPool, type GridPool } from '@tessera/models';
import { fileSystemHandler } from '@tessera/models/node';
import { standardizeFeatures } from '../../standardize-features';
import { loadInitialEncoder, type runPaths } from '../run-folder';

/**
 * Saves a run's trained encoder. With a readout pool (and `appendMean`, the last map's global
 * average after the cells, and `appendPreviousStage`, the previous stage's cells and average, for
 * the linear probe) or feature standardisation, the trained
 * encoder and the saved initial one are read out and standardised alike (the statistics from the
 * pretraining images, no labels), so the random-init baseline is built the same way; returns the
 * seconds that took, or `undefined` when neither was asked for (or the method has no encoder of
 * the run's own, `ownEncoder` false). @internal
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
  }: {
    readoutPool: GridPool | undefined;
    standardize: boolean;
    appendMean?: boolean;
    appendPreviousStage?: boolean;
  },
): Promise<number | undefined> {
  if (!ownEncoder || (!standardize && !readoutPool)) {
    await trained.save(fileSystemHandler(paths.encoder));
    return undefined;
  }
  const started = performance.now();
  const finish = async (model: tfl.LayersModel, dir: string) => {
    const read = readoutPool
      ? withGridPool(model, readoutPool, { appendMean, appendPreviousStage })
      : model;
    const done = standardize ? await standardizeFeatures(read, images) : read;
    await done.save(fileSystemHandler(dir));
  };
  if (standardize) console.error('standardising the features over the pretraining images…');
  await finish(trained, paths.encoder);
  const initial = await loadInitialEncoder(paths.root);
  if (initial) {
    await finish(initial, paths.initialEncoder);
    initial.dispose();
  }
  return (performance.now() - started) / 1000;
}
