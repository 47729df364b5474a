import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { requestedBackends } from './backends';
import { describeWithBackends } from './describe-with-backends';

const seen: string[] = [];

describeWithBackends('describeWithBackends', ({ backend }) => {
  it('activates the backend named in the suite', () => {
    expect(tf.getBackend()).toBe(backend);
    seen.push(backend);
  });
});

describeWithBackends(
  'describeWithBackends skip list',
  () => {
    it('never runs on a skipped backend', () => {
      expect(tf.getBackend()).not.toBe('wasm');
    });
  },
  { skip: { wasm: 'example gap, see describe-with-backends.test.ts' } },
);

describe('requestedBackends', () => {
  it('reads TESSERA_BACKENDS when set', () => {
    const old = process.env.TESSERA_BACKENDS;
    process.env.TESSERA_BACKENDS = ' wasm , cpu';
    expect(requestedBackends()).toEqual(['wasm', 'cpu']);
    delete process.env.TESSERA_BACKENDS;
    expect(requestedBackends(['cpu'])).toEqual(['cpu']);
    if (old !== undefined) process.env.TESSERA_BACKENDS = old;
  });
});

afterAll(() => {
  // Every requested Node backend ran once.
  expect(seen).toEqual(requestedBackends().filter((b) => ['cpu', 'wasm'].includes(b)));
});
