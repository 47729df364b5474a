// Packs every public package of the workspace with `pnpm pack` (after `pnpm build`) into `dest`,
// as they would be published (workspace: ranges replaced by versions). Shared by the consumer test
// and the install-size check.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { run } from './run-command.mjs';

/** Every public package: `{ name, dir, manifest, tarball }`. */
export function packAll(root, dest) {
  mkdirSync(dest, { recursive: true });
  return readdirSync(path.join(root, 'packages'))
    .map((folder) => path.join(root, 'packages', folder))
    .map((dir) => ({
      dir,
      manifest: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')),
    }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => {
      const out = run('pnpm', ['pack', '--pack-destination', dest], dir);
      const tarball = out
        .trim()
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l.endsWith('.tgz'));
      return {
        name: manifest.name,
        dir,
        manifest,
        tarball: path.resolve(dest, path.basename(tarball)),
      };
    });
}
