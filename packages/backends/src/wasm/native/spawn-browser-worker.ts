import type { SpawnWorker } from './part-pool';

/** Starts a native-kernel worker as a browser `Worker` from a Blob URL. @internal */
export const spawnBrowserWorker: SpawnWorker = (source) => {
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url);
  // revoked once the worker has answered (it may still be fetching its script before that)
  const revoke = () => URL.revokeObjectURL(url);
  return {
    postMessage: (m) => worker.postMessage(m),
    onMessage: (listener) =>
      worker.addEventListener('message', (e) => {
        revoke();
        listener(e.data);
      }),
    onError: (listener) =>
      worker.addEventListener('error', (e) => {
        revoke();
        listener(e.message);
      }),
    terminate: () => worker.terminate(),
  };
};
