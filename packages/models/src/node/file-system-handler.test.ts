import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describeWithBackends } from '@tessera/test-utils';
import { expect, it } from 'vitest';
import { convEncoder } from '../encoders/conv-encoder';
import { MemoryBank } from '../memory/memory-bank';
import { siameseNetwork } from '../siamese/siamese-network';
import { fileSystemHandler } from './file-system-handler';

describeWithBackends('fileSystemHandler (Node)', () => {
  it('saves model.json + weights.bin and loads them back to identical outputs', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'tessera-models-')), 'siamese');
    const { model } = siameseNetwork(
      convEncoder({ inputShape: [10, 10, 1], filters: [4, 8], embeddingDim: 5 }),
    );
    await model.save(fileSystemHandler(folder));
    expect(readdirSync(folder).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await tfl.loadLayersModel(fileSystemHandler(folder));
    const a = tf.randomUniform([2, 10, 10, 1], 0, 1, 'float32', 1);
    const b = tf.randomUniform([2, 10, 10, 1], 0, 1, 'float32', 2);
    const y1 = model.predict([a, b]) as tf.Tensor;
    const y2 = loaded.predict([a, b]) as tf.Tensor;
    expect(Array.from(y2.dataSync())).toEqual(Array.from(y1.dataSync()));
    tf.dispose([a, b, y1, y2]);
    model.dispose();
    loaded.dispose();
  });

  it('saves a MemoryBank to disk and loads it back', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'tessera-bank-')), 'bank');
    const bank = new MemoryBank({ size: 20, dim: 6, momentum: 0.7, seed: 4 });
    const f = tf.randomNormal([3, 6], 0, 1, 'float32', 1) as tf.Tensor2D;
    bank.update([1, 5, 9], f);
    await bank.save(fileSystemHandler(folder));
    const loaded = await MemoryBank.load(fileSystemHandler(folder));
    expect([loaded.size, loaded.dim, loaded.momentum]).toEqual([20, 6, 0.7]);
    expect(Array.from(loaded.tensor().dataSync())).toEqual(Array.from(bank.tensor().dataSync()));
    await expect(MemoryBank.load(fileSystemHandler(join(folder, 'missing')))).rejects.toThrow();
    f.dispose();
    bank.dispose();
    loaded.dispose();
  });
});
