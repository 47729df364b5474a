import { describe, expect, it } from 'vitest';
import { droppedFiles, type DropEntry } from './dropped-files';

/** A fake entry tree, as `webkitGetAsEntry` gives one; directories answer in batches of 2. */
function fileEntry(fullPath: string): DropEntry {
  const name = fullPath.split('/').pop()!;
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    file: (ok) => ok(new File([fullPath], name, { type: 'image/png' })),
  };
}
function dirEntry(fullPath: string, children: DropEntry[]): DropEntry {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split('/').pop()!,
    fullPath,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok) => {
          ok(children.slice(at, at + 2));
          at += 2;
        },
      };
    },
  };
}
const item = (entry: DropEntry | null) => ({ kind: 'file', webkitGetAsEntry: () => entry });

describe('droppedFiles', () => {
  it('walks a dropped folder, every batch of every sub-folder, keeping the paths', async () => {
    const tree = dirEntry('/photos', [
      dirEntry('/photos/cats', [
        fileEntry('/photos/cats/1.png'),
        fileEntry('/photos/cats/2.png'),
        fileEntry('/photos/cats/3.png'),
      ]),
      dirEntry('/photos/dogs', [fileEntry('/photos/dogs/4.png')]),
    ]);
    const files = await droppedFiles({ items: [item(tree), { kind: 'string' }] });
    expect(files.map((f) => f.path)).toEqual([
      'photos/cats/1.png',
      'photos/cats/2.png',
      'photos/cats/3.png',
      'photos/dogs/4.png',
    ]);
    expect(await files[3]!.file.text()).toBe('/photos/dogs/4.png');
  });

  it('takes loose files under their own names, and falls back to the flat list without entries', async () => {
    const loose = await droppedFiles({
      items: [item(fileEntry('/a.png')), item(fileEntry('/b.png'))],
    });
    expect(loose.map((f) => f.path)).toEqual(['a.png', 'b.png']);
    const flat = [new File(['x'], 'x.png'), new File(['y'], 'y.png')];
    const old = await droppedFiles({ items: [item(null), item(null)], files: flat });
    expect(old.map((f) => f.path)).toEqual(['x.png', 'y.png']);
    expect(old[0]!.file).toBe(flat[0]);
    expect(await droppedFiles({ files: [] })).toEqual([]);
  });

  it('passes on a read that fails', async () => {
    const broken: DropEntry = {
      ...fileEntry('/z.png'),
      file: (_ok, fail) => fail?.(new Error('gone')),
    };
    await expect(droppedFiles({ items: [item(broken)] })).rejects.toThrow('gone');
  });
});
