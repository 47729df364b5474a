import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { convEncoder, withGridPool, withPowerReadout } from '@tessera/models';
import { beforeAll, expect, it } from 'vitest';
import { standardizeFeatures } from '../standardize-features';
import {
  distanceOnlyFeaturesOf,
  embedRepresentation,
  probeOnlyFeaturesOf,
} from './probe-only-features';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// two stages: 12×12×4 (then a max pooling), 6×6×8 read in 2×2 cells
const encoder = () =>
  convEncoder({ inputShape: [12, 12, 1], filters: [4, 8], downsample: [0], grid: 2 });
const images = () => ({
  images: tf.randomUniform([6, 12, 12, 1], 0, 1, 'float32', 1).dataSync() as Float32Array,
  shape: [6, 12, 12, 1] as [number, number, number, number],
});

it('counts the last map’s means and the previous stage’s features, standardised or not', async () => {
  const enc = encoder();
  expect(probeOnlyFeaturesOf(enc)).toBe(0);
  expect(probeOnlyFeaturesOf(withGridPool(enc, 'max'))).toBe(0);
  expect(probeOnlyFeaturesOf(withGridPool(enc, 'max', { appendMean: true }))).toBe(8);
  const both = withGridPool(enc, 'max', { appendMean: true, appendPreviousStage: true });
  expect(probeOnlyFeaturesOf(both)).toBe(8 + 5 * 4);
  const previousOnly = withGridPool(enc, 'max', { appendPreviousStage: true });
  expect(probeOnlyFeaturesOf(previousOnly)).toBe(5 * 4);
  const standardized = await standardizeFeatures(both, images());
  expect(probeOnlyFeaturesOf(standardized)).toBe(8 + 5 * 4);
  enc.dispose();
});

it('embedRepresentation keeps the leading grid·grid·C features, the representation', async () => {
  const enc = encoder();
  const data = images();
  const both = withGridPool(enc, 'max', { appendMean: true, appendPreviousStage: true });
  const all = await embedRepresentation(withGridPool(enc, 'max'), data);
  const kept = await embedRepresentation(both, data);
  expect(kept.dim).toBe(4 * 8);
  expect(all.dim).toBe(4 * 8);
  const close = kept.features.every((v, i) => Math.abs(v - all.features[i]!) <= 1e-5);
  expect(close).toBe(true);
  enc.dispose();
});

it('a power readout: kNN and few-shot read its leading square roots, the probe everything after', async () => {
  const enc = encoder();
  const data = images();
  const both = withGridPool(enc, 'max', { appendMean: true, appendPreviousStage: true });
  const read = withPowerReadout(both, { features: 4 * 8 });
  expect(distanceOnlyFeaturesOf(both)).toBe(0);
  expect(distanceOnlyFeaturesOf(read)).toBe(32);
  expect(probeOnlyFeaturesOf(read)).toBe(32 + 8 + 5 * 4);
  await expectRootsOfCells(read, both, data);
  enc.dispose();
});

it('a power readout in place: kNN and few-shot read the square-rooted cells, the probe every root', async () => {
  const enc = encoder();
  const data = images();
  const both = withGridPool(enc, 'max', { appendMean: true, appendPreviousStage: true });
  const read = withPowerReadout(both, { replace: true });
  expect(read.outputs[0]!.shape).toEqual(both.outputs[0]!.shape);
  expect(distanceOnlyFeaturesOf(read)).toBe(0);
  expect(probeOnlyFeaturesOf(read)).toBe(8 + 5 * 4);
  await expectRootsOfCells(read, both, data);
  enc.dispose();
});

/** The representation `read` gives is the square roots of the 32 cells `plain` gives. */
async function expectRootsOfCells(
  read: Parameters<typeof embedRepresentation>[0],
  plain: Parameters<typeof embedRepresentation>[0],
  data: ReturnType<typeof images>,
): Promise<void> {
  const cells = await embedRepresentation(plain, data);
  const kept = await embedRepresentation(read, data);
  expect(kept.dim).toBe(32);
  const roots = kept.features.every((v, i) => Math.abs(v - Math.sqrt(cells.features[i]!)) <= 1e-5);
  expect(roots).toBe(true);
}
