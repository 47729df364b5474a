import * as tf from '@tensorflow/tfjs-core';

/**
 * Saves a model through a `tf.io` save handler into memory and loads it back with `load`
 * (`tfl.loadLayersModel`): the round trip a `file://` or `indexeddb://` handler makes, without the
 * file system.
 */
export async function saveAndReload<M>(
  model: { save(handler: tf.io.IOHandler): Promise<unknown> },
  load: (handler: tf.io.IOHandler) => Promise<M>,
): Promise<M> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return load(tf.io.fromMemory(artifacts!));
}
