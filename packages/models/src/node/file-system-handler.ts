import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';

const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';

async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/**
 * A `tf.io` handler that saves a model to a folder (`model.json` + `weights.bin`, the layout of
 * `tfjs-node`'s `file://`, so either can read the other) and loads it back — for Node without
 * `@tensorflow/tfjs-node`. Files are written to a temporary name and renamed, so a crash never
 * leaves a half-written file behind; the weights go first, `model.json` last.
 *
 * @param folder - Created if missing.
 * @example
 * ```ts
 * import { fileSystemHandler } from '@tessera/models/node';
 * await encoder.save(fileSystemHandler('runs/simclr/encoder'));
 * const again = await tf.loadLayersModel(fileSystemHandler('runs/simclr/encoder'));
 * ```
 * @category IO
 */
export function fileSystemHandler(folder: string): tf.io.IOHandler {
  return {
    save: async (artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> => {
      await mkdir(folder, { recursive: true });
      const weights = artifacts.weightData
        ? new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData))
        : new Uint8Array(0);
      await writeAtomically(join(folder, WEIGHTS_BIN), weights);
      const json = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        trainingConfig: artifacts.trainingConfig,
        userDefinedMetadata: artifacts.userDefinedMetadata,
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeAtomically(join(folder, MODEL_JSON), JSON.stringify(json));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
    load: async (): Promise<tf.io.ModelArtifacts> => {
      const json = JSON.parse(await readFile(join(folder, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
      const buffers = await Promise.all(
        json.weightsManifest.flatMap((group) => group.paths).map((p) => readFile(join(folder, p))),
      );
      const bytes = Buffer.concat(buffers);
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        trainingConfig: json.trainingConfig,
        userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
        weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      };
    },
  };
}
