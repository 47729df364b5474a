import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MethodRun } from '../methods/types';
import { captureCheckpoint, restoreCheckpoint } from './serialize';

/** A run with one auto-named model (TF.js numbers its layers: another build, other names). */
function runWith(units: number[]): MethodRun {
  const head = tfl.sequential({
    layers: units.map((n, i) => tfl.layers.dense({ units: n, ...(i ? {} : { inputShape: [3] }) })),
  });
  return {
    step: () => tf.scalar(0),
    representation: head,
    models: { head },
    optimizers: {},
    dispose: () => head.dispose(),
  };
}

const info = { step: 1, trainSeconds: 0, method: 'test', config: {}, losses: [] };
const values = (run: MethodRun) =>
  run.models.head!.weights.map((w) => Array.from(w.read().dataSync()));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('restoreCheckpoint', () => {
  it('restores a model rebuilt in the same process, whose layers TF.js named differently', async () => {
    const saved = runWith([4, 2]);
    const checkpoint = await captureCheckpoint(saved, info);
    const rebuilt = runWith([4, 2]);
    const names = (run: MethodRun) => run.models.head!.weights.map((w) => w.originalName);
    expect(names(rebuilt)).not.toEqual(names(saved));
    expect(values(rebuilt)).not.toEqual(values(saved));
    await restoreCheckpoint(rebuilt, checkpoint);
    expect(values(rebuilt)).toEqual(values(saved));
    saved.dispose();
    rebuilt.dispose();
  });

  it('refuses a model of another shape or with another number of weights, naming it', async () => {
    const saved = runWith([4, 2]);
    const checkpoint = await captureCheckpoint(saved, info);
    const wider = runWith([5, 2]);
    await expect(restoreCheckpoint(wider, checkpoint)).rejects.toThrow(
      /head\/.*kernel is \[3, 5\], the checkpoint's .* \[3, 4\]/,
    );
    const deeper = runWith([4, 2, 2]);
    await expect(restoreCheckpoint(deeper, checkpoint)).rejects.toThrow(
      /model 'head' has 6 weights, the checkpoint 4/,
    );
    for (const run of [saved, wider, deeper]) run.dispose();
  });
});
