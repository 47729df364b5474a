import { InvalidArgumentError } from '@tessera/core';
import { verifyCheckpoint } from './checksum';
import type { Checkpoint, CheckpointManifest, CheckpointStore } from './types';

/** Options of {@link indexedDbCheckpointStore}. @category Checkpoints */
export interface IndexedDbCheckpointStoreOptions {
  /** Name of the run: its checkpoints are kept apart from other runs' in the same database. */
  run: string;
  /** IndexedDB database name. Default `'tessera-checkpoints'`. */
  database?: string;
  /** How many checkpoints of the run to keep (the newest). Default 2. */
  keep?: number;
  /** The `IDBFactory` to use. Default `globalThis.indexedDB`. */
  indexedDB?: IDBFactory;
}

/** What {@link indexedDbCheckpointStore} returns: a store, plus listing and clearing its run. */
export interface IndexedDbCheckpointStore extends CheckpointStore {
  /** Steps of the run's stored checkpoints, oldest first. */
  steps(): Promise<number[]>;
  /** Deletes every checkpoint of the run. */
  clear(): Promise<void>;
}

interface Row {
  run: string;
  step: number;
  manifest: CheckpointManifest;
  data: Uint8Array;
}

const STORE = 'checkpoints';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((ok, fail) => {
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((ok, fail) => {
    tx.oncomplete = () => ok();
    tx.onerror = () => fail(tx.error);
    tx.onabort = () => fail(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/**
 * A {@link CheckpointStore} in the browser's IndexedDB, so a training run in a web page survives a
 * reload: `pretrain({ checkpointStore, resume: true })` continues where it stopped. Each save is
 * one IndexedDB transaction (the new checkpoint and the deletion of the oldest beyond `keep`), so
 * a tab closed mid-save leaves the previous checkpoint; on load the newest checkpoint whose data
 * matches its manifest's length and checksum wins.
 *
 * @example
 * ```ts
 * const checkpointStore = indexedDbCheckpointStore({ run: 'simclr-demo' });
 * await pretrain({ method: 'simclr', data, maxSteps: 200, checkpointStore, resume: true });
 * ```
 * @throws {@link @tessera/core!InvalidArgumentError | InvalidArgumentError} for an empty `run`, a `keep` below 1, or no IndexedDB.
 * @category Checkpoints
 */
export function indexedDbCheckpointStore(
  options: IndexedDbCheckpointStoreOptions,
): IndexedDbCheckpointStore {
  const { run, database = 'tessera-checkpoints', keep = 2 } = options ?? ({} as never);
  const factory = options?.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  const fail = (argument: string, detail: string) =>
    new InvalidArgumentError({ functionName: 'indexedDbCheckpointStore', argument, detail });
  if (typeof run !== 'string' || run.length === 0)
    throw fail('run', `run must be a non-empty string, got ${JSON.stringify(run)}.`);
  if (!Number.isInteger(keep) || keep < 1)
    throw fail('keep', `keep must be an integer ≥ 1, got ${String(keep)}.`);
  if (!factory)
    throw fail('indexedDB', 'this environment has no IndexedDB: use memoryCheckpointStore().');

  let opened: Promise<IDBDatabase> | undefined;
  const open = () =>
    (opened ??= new Promise<IDBDatabase>((ok, no) => {
      const req = factory.open(database, 1);
      req.onupgradeneeded = () => {
        const store = req.result.createObjectStore(STORE, { keyPath: ['run', 'step'] });
        store.createIndex('run', 'run');
      };
      req.onsuccess = () => ok(req.result);
      req.onerror = () => no(req.error);
    }));
  const range = () => IDBKeyRange.bound([run, -Infinity], [run, Infinity]);
  const keysOf = async (store: IDBObjectStore) =>
    ((await request(store.getAllKeys(range()))) as [string, number][]).map(([, step]) => step);

  return {
    location: `indexeddb://${database}/${run}`,
    async save({ manifest, data }) {
      const db = await open();
      const tx = db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      const row: Row = { run, step: manifest.step, manifest, data: data.slice() };
      store.put(row);
      const steps = [...new Set([...(await keysOf(store)), manifest.step])].sort((a, b) => a - b);
      for (const step of steps.slice(0, Math.max(0, steps.length - keep)))
        store.delete([run, step]);
      await done(tx);
    },
    async loadLatest() {
      const db = await open();
      const rows = (await request(
        db.transaction(STORE, 'readonly').objectStore(STORE).getAll(range()),
      )) as Row[];
      rows.sort((a, b) => b.step - a.step);
      for (const { manifest, data } of rows)
        if (verifyCheckpoint(manifest, data)) return { manifest, data } satisfies Checkpoint;
      return null;
    },
    async steps() {
      const db = await open();
      return (await keysOf(db.transaction(STORE, 'readonly').objectStore(STORE))).sort(
        (a, b) => a - b,
      );
    },
    async clear() {
      const db = await open();
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(range());
      await done(tx);
    },
  };
}
