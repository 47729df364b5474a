import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { verifyCheckpoint } from './checksum';
import type { Checkpoint, CheckpointManifest, CheckpointStore } from './types';

const PREFIX = 'ckpt-';

/**
 * A {@link CheckpointStore} in a folder: each checkpoint is a folder `ckpt-<step>` holding
 * `manifest.json` and `tensors.bin`. It is written under a temporary name, flushed to disk, then
 * renamed — the rename is the commit, so a crash (even SIGKILL) while saving leaves at most a
 * `.tmp-*` folder that is ignored and cleaned up, never a checkpoint that loads wrongly. On load,
 * the newest checkpoint whose data matches its manifest's length and checksum wins. The last `keep`
 * checkpoints are kept.
 * @category Checkpoints
 */
export function fileCheckpointStore(
  dir: string,
  { keep = 2 }: { keep?: number } = {},
): CheckpointStore {
  const root = resolve(dir);
  const list = async (): Promise<Array<{ name: string; step: number }>> => {
    const names = await readdir(root).catch(() => [] as string[]);
    return names
      .filter((n) => n.startsWith(PREFIX) && /^\d+$/.test(n.slice(PREFIX.length)))
      .map((name) => ({ name, step: Number(name.slice(PREFIX.length)) }))
      .sort((a, b) => b.step - a.step);
  };
  return {
    location: root,
    async save({ manifest, data }) {
      await mkdir(root, { recursive: true });
      const tmp = join(root, `.tmp-${randomBytes(6).toString('hex')}`);
      await mkdir(tmp);
      try {
        await writeDurably(join(tmp, 'tensors.bin'), data);
        await writeDurably(
          join(tmp, 'manifest.json'),
          new TextEncoder().encode(JSON.stringify(manifest)),
        );
        const final = join(root, `${PREFIX}${String(manifest.step).padStart(8, '0')}`);
        await rm(final, { recursive: true, force: true }); // a resumed run saving the same step again
        await rename(tmp, final);
      } catch (error) {
        await rm(tmp, { recursive: true, force: true });
        throw error;
      }
      for (const { name } of (await list()).slice(keep))
        await rm(join(root, name), { recursive: true, force: true });
      for (const name of await readdir(root))
        if (name.startsWith('.tmp-') && !tmp.endsWith(name))
          await rm(join(root, name), { recursive: true, force: true }); // left by a crash
    },
    async loadLatest() {
      for (const { name } of await list()) {
        try {
          const manifest = JSON.parse(
            await readFile(join(root, name, 'manifest.json'), 'utf8'),
          ) as CheckpointManifest;
          const data = new Uint8Array(await readFile(join(root, name, 'tensors.bin')));
          if (manifest.format === 'tessera-checkpoint' && verifyCheckpoint(manifest, data))
            return { manifest, data } satisfies Checkpoint;
        } catch {
          // unreadable: try the previous one
        }
      }
      return null;
    },
  };
}

async function writeDurably(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
