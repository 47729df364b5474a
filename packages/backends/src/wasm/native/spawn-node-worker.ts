import { Worker } from 'node:worker_threads';
import type { SpawnWorker } from './part-pool';

/**
 * Starts a native-kernel worker with Node's `worker_threads`. It keeps Node alive only until it
 * first answers (so a pending start is awaited); after that it is unref'd, or a worker asleep in
 * `Atomics.wait` would hold the process open at exit. (Adding a listener refs a worker again, so
 * the unref happens in the handlers, after all are added.) @internal
 */
export const spawnNodeWorker: SpawnWorker = (source) => {
  const worker = new Worker(source, { eval: true });
  return {
    postMessage: (m) => worker.postMessage(m),
    onMessage: (listener) =>
      worker.on('message', (m) => {
        worker.unref();
        listener(m);
      }),
    onError: (listener) => {
      const failed = (e: unknown) => {
        worker.unref();
        listener(e);
      };
      worker.on('error', failed);
      worker.on('exit', (code) => failed(new Error(`worker exited with code ${code}`)));
    },
    terminate: () => void worker.terminate(),
  };
};
