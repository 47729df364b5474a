import { verifyCheckpoint } from './checksum';
import type { Checkpoint, CheckpointStore } from './types';

/**
 * A {@link CheckpointStore} in memory (tests, short browser sessions): keeps the last `keep`
 * checkpoints as copies.
 * @category Checkpoints
 */
export function memoryCheckpointStore({ keep = 2 }: { keep?: number } = {}): CheckpointStore & {
  readonly checkpoints: readonly Checkpoint[];
} {
  const checkpoints: Checkpoint[] = [];
  return {
    location: 'memory',
    checkpoints,
    async save({ manifest, data }) {
      checkpoints.push({ manifest: structuredClone(manifest), data: data.slice() });
      checkpoints.splice(0, Math.max(0, checkpoints.length - keep));
    },
    async loadLatest() {
      for (let i = checkpoints.length - 1; i >= 0; i--) {
        const c = checkpoints[i] as Checkpoint;
        if (verifyCheckpoint(c.manifest, c.data)) return c;
      }
      return null;
    },
  };
}
