import { describe, expect, it } from 'vitest';
import { indexedDbCheckpointStore } from '../index.node';

// The store itself is exercised in headless Chromium (pretrain.browser.test.ts); in Node, without
// an IndexedDB, it says what to use instead.
describe('indexedDbCheckpointStore in Node', () => {
  it('throws clearly without an IndexedDB, and on bad options', () => {
    expect(() => indexedDbCheckpointStore({ run: 'x' })).toThrow(
      /^indexedDbCheckpointStore: this environment has no IndexedDB: use memoryCheckpointStore\(\)\.$/,
    );
    expect(() => indexedDbCheckpointStore({ run: '' })).toThrow(/run must be a non-empty string/);
    expect(() => indexedDbCheckpointStore({ run: 'x', keep: 1.5 })).toThrow(
      /keep must be an integer ≥ 1, got 1\.5\./,
    );
  });
});
