import * as tf from '@tensorflow/tfjs-core';
import { CheckpointError } from '@tessera/core';
import type { MethodRun } from '../methods/types';
import { fnv1a } from './checksum';
import type { Checkpoint, CheckpointManifest, CheckpointTensorSpec } from './types';

/** What a checkpoint records besides the tensors. @internal */
export type CheckpointInfo = Pick<
  CheckpointManifest,
  'step' | 'trainSeconds' | 'method' | 'config' | 'losses'
>;

/** Reads a method run's models, optimizers and state into a checkpoint. @internal */
export async function captureCheckpoint(run: MethodRun, info: CheckpointInfo): Promise<Checkpoint> {
  const named: Array<[string, tf.Tensor]> = [];
  const owned: tf.Tensor[] = [];
  for (const [modelName, model] of Object.entries(run.models))
    for (const w of model.weights) named.push([`model/${modelName}/${w.originalName}`, w.read()]);
  const optimizers: Record<string, string[]> = {};
  for (const [optName, optimizer] of Object.entries(run.optimizers)) {
    const weights = await optimizer.getWeights();
    optimizers[optName] = weights.map((w) => w.name);
    weights.forEach((w, i) => named.push([`optimizer/${optName}/${i}`, w.tensor]));
    owned.push(...weights.map((w) => w.tensor).filter((t) => !(t instanceof tf.Variable)));
  }
  const state = run.getState?.();
  if (state)
    for (const [key, t] of Object.entries(state.tensors)) {
      named.push([`state/${key}`, t]);
      owned.push(t);
    }
  try {
    const specs: CheckpointTensorSpec[] = [];
    const chunks: Uint8Array[] = [];
    let offset = 0;
    for (const [name, t] of named) {
      const values = await t.data();
      const dtype = t.dtype === 'int32' ? 'int32' : 'float32';
      const typed = dtype === 'int32' ? Int32Array.from(values) : Float32Array.from(values);
      const bytes = new Uint8Array(typed.buffer);
      specs.push({ name, dtype, shape: t.shape, offset, byteLength: bytes.length });
      chunks.push(bytes);
      offset += bytes.length;
    }
    const data = new Uint8Array(offset);
    chunks.reduce((at, c) => (data.set(c, at), at + c.length), 0);
    const manifest: CheckpointManifest = {
      format: 'tessera-checkpoint',
      version: 1,
      ...info,
      optimizers,
      ...(state?.json !== undefined ? { methodState: state.json } : {}),
      tensors: specs,
      byteLength: data.length,
      checksum: fnv1a(data),
      createdAt: new Date().toISOString(),
    };
    return { manifest, data };
  } finally {
    tf.dispose(owned);
  }
}

/** Writes a checkpoint's tensors back into a method run built with the same configuration. @internal */
export async function restoreCheckpoint(
  run: MethodRun,
  { manifest, data }: Checkpoint,
): Promise<void> {
  const byName = new Map(manifest.tensors.map((s) => [s.name, s]));
  const read = (name: string): tf.Tensor => {
    const spec = byName.get(name);
    if (!spec)
      throw new CheckpointError({
        functionName: 'pretrain',
        detail: `the checkpoint has no tensor '${name}' (was it written by another configuration?).`,
      });
    const buffer = data.slice(spec.offset, spec.offset + spec.byteLength).buffer;
    const values = spec.dtype === 'int32' ? new Int32Array(buffer) : new Float32Array(buffer);
    return tf.tensor(values, [...spec.shape], spec.dtype);
  };
  // a model's weights are matched by position, not by name: layers named by TF.js's counters
  // (`dense_Dense3`) get other names when the same model is built again in the same process
  for (const [modelName, model] of Object.entries(run.models)) {
    const prefix = `model/${modelName}/`;
    const saved = manifest.tensors.filter((spec) => spec.name.startsWith(prefix));
    if (saved.length !== model.weights.length)
      throw new CheckpointError({
        functionName: 'pretrain',
        detail: `model '${modelName}' has ${model.weights.length} weights, the checkpoint ${saved.length} (was it written by another configuration?).`,
      });
    model.weights.forEach((w, i) => {
      const spec = saved[i]!;
      if (spec.shape.join(',') !== w.shape.join(','))
        throw new CheckpointError({
          functionName: 'pretrain',
          detail: `${prefix}${w.originalName} is [${w.shape.join(', ')}], the checkpoint's ${spec.name} [${spec.shape.join(', ')}] (was it written by another configuration?).`,
        });
      const t = read(spec.name);
      w.write(t);
      t.dispose();
    });
  }
  for (const [optName, optimizer] of Object.entries(run.optimizers)) {
    const names = manifest.optimizers[optName] ?? [];
    const weights = names.map((name, i) => ({ name, tensor: read(`optimizer/${optName}/${i}`) }));
    await optimizer.setWeights(weights);
    tf.dispose(weights.map((w) => w.tensor));
  }
  if (run.setState) {
    const tensors: Record<string, tf.Tensor> = {};
    for (const spec of manifest.tensors)
      if (spec.name.startsWith('state/')) tensors[spec.name.slice(6)] = read(spec.name);
    try {
      run.setState({ tensors, json: manifest.methodState });
    } finally {
      tf.dispose(Object.values(tensors));
    }
  }
}
