/** A file with the path it had in what the user chose or dropped (`photos/cats/1.jpg`). @category Sources */
export interface PathedFile {
  readonly file: Blob;
  /** Relative path, folders separated by `/`; a class folder is the one below the top folder. */
  readonly path: string;
}

/** The parts of the File and Directory Entries API (`webkitGetAsEntry`) read here. @internal */
export interface DropEntry {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  readonly fullPath: string;
  file?(success: (file: File) => void, failure?: (error: unknown) => void): void;
  createReader?(): {
    readEntries(success: (entries: DropEntry[]) => void, failure?: (error: unknown) => void): void;
  };
}

/** What a drop event's `dataTransfer` offers (a `DataTransfer`, or anything shaped like one). @internal */
export interface DropTransfer {
  readonly items?: ArrayLike<{ kind: string; webkitGetAsEntry?(): DropEntry | null }>;
  readonly files?: ArrayLike<File>;
}

/**
 * Every file dropped on the page, with its path: a dropped folder is walked (sub-folders
 * included), so that `fromFiles` finds its class folders as it does for a folder chosen with
 * `webkitdirectory`. Call it in the `drop` handler itself, before any `await`: the browser empties
 * `dataTransfer` once the handler returns (the entries are taken at once; only reading them waits).
 * Without the entries API, the dropped files come flat, each under its own name.
 * @example
 * ```ts
 * zone.addEventListener('dragover', (e) => e.preventDefault());
 * zone.addEventListener('drop', async (e) => {
 *   e.preventDefault();
 *   const photos = await fromFiles(await droppedFiles(e.dataTransfer!), { size: 64 });
 * });
 * ```
 * @category Sources
 */
export async function droppedFiles(transfer: DropTransfer): Promise<PathedFile[]> {
  const entries = Array.from(transfer.items ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((e) => e === null))
    return Array.from(transfer.files ?? [], (file) => ({ file, path: file.name }));
  const out: PathedFile[] = [];
  for (const entry of entries as DropEntry[]) await walk(entry, out);
  return out;
}

/** Adds the files under `entry` to `out`, folders in the order the browser lists them. */
async function walk(entry: DropEntry, out: PathedFile[]): Promise<void> {
  const path = entry.fullPath.replace(/^\/+/, '') || entry.name;
  if (entry.isFile && entry.file) {
    const file = await new Promise<File>((resolve, reject) => entry.file!(resolve, reject));
    out.push({ file, path });
    return;
  }
  if (!entry.isDirectory || !entry.createReader) return;
  const reader = entry.createReader();
  // readEntries answers in batches (100 at a time in Chromium) until it answers with none
  for (;;) {
    const batch = await new Promise<DropEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return;
    for (const child of batch) await walk(child, out);
  }
}
