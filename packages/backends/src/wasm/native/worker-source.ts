import { claimParts, CONTROL } from './control-block';

/**
 * The source of a {@link PartPool} worker, for Node's `worker_threads` (`eval: true`) and for a
 * browser `Worker` (through a Blob URL). Its first message brings the compiled kernels, tfjs's
 * shared memory, the control block and the kernel names; it instantiates the kernels on that
 * memory, answers `'ready'`, then sleeps on the control block and claims parts of each job.
 * @internal
 */
export function workerSource(): string {
  return `'use strict';
const LAYOUT = ${JSON.stringify(CONTROL)};
const claimParts = ${claimParts.toString()};
function start(data, post) {
  let kernels, ctrl;
  try {
    const instance = new WebAssembly.Instance(data.module, { env: { memory: data.memory } });
    kernels = data.names.map((n) => instance.exports[n]);
    ctrl = new Int32Array(data.control);
  } catch (e) {
    post({ error: String(e) });
    return;
  }
  post('ready');
  let seen = Atomics.load(ctrl, LAYOUT.GEN);
  for (;;) {
    Atomics.wait(ctrl, LAYOUT.GEN, seen);
    seen = Atomics.load(ctrl, LAYOUT.GEN);
    if (seen < 0) return;
    claimParts(ctrl, seen, kernels, LAYOUT);
  }
}
if (typeof require === 'function') {
  const { parentPort } = require('node:worker_threads');
  parentPort.once('message', (data) => start(data, (m) => parentPort.postMessage(m)));
} else {
  self.onmessage = (e) => start(e.data, (m) => self.postMessage(m));
}
`;
}
