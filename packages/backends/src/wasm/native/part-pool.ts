import { claimParts, CONTROL, MAX_ARGS, MAX_PARTS, type PartKernel } from './control-block';
import { workerSource } from './worker-source';

/** A started worker, whatever the platform. @internal */
export interface PoolWorker {
  postMessage(message: unknown): void;
  /** Calls `listener` with each message the worker posts. */
  onMessage(listener: (message: unknown) => void): void;
  /** Calls `listener` if the worker fails or exits. */
  onError(listener: (error: unknown) => void): void;
  terminate(): void;
}

/** Starts a worker running `source` (Node: `worker_threads` with `eval`; browsers: a Blob URL). @internal */
export type SpawnWorker = (source: string) => PoolWorker;

/** What a pool's workers need: the compiled kernels, the memory they run on, their export names. @internal */
export interface PoolKernels {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly names: readonly string[];
  /** The same kernels instantiated on this thread. */
  readonly local: readonly PartKernel[];
}

/**
 * Runs jobs of parts on the calling thread and on up to `threads − 1` workers that share tfjs's
 * WebAssembly memory. A job is synchronous (the caller is a TF.js kernel): the calling thread
 * claims parts like any worker and then waits for the parts others claimed. Workers that have not
 * started yet (or failed to) simply claim nothing, so a job never waits for a missing thread, and
 * because each part writes its own buffer, the result does not depend on which thread ran which.
 * @internal
 */
export class PartPool {
  private readonly control: Int32Array;
  private readonly workers: PoolWorker[] = [];
  private gen = 0;
  private ready = 0;
  private readonly canWait: boolean;
  /** Resolves once every worker has started or failed. */
  readonly started: Promise<{ ready: number; failures: string[] }>;

  constructor(
    private readonly kernels: PoolKernels,
    threads: number,
    spawn: SpawnWorker | null,
  ) {
    const shared = typeof SharedArrayBuffer !== 'undefined';
    this.control = new Int32Array(
      shared ? new SharedArrayBuffer(CONTROL.LENGTH * 4) : new ArrayBuffer(CONTROL.LENGTH * 4),
    );
    this.canWait = shared && atomicsWaitAllowed(this.control);
    const wanted =
      shared && spawn && kernels.memory.buffer instanceof SharedArrayBuffer
        ? Math.max(0, Math.floor(threads) - 1)
        : 0;
    const failures: string[] = [];
    const starts: Promise<void>[] = [];
    const source = wanted > 0 ? workerSource() : '';
    for (let i = 0; i < wanted; i++) {
      starts.push(
        new Promise<void>((resolve) => {
          let worker: PoolWorker;
          try {
            worker = (spawn as SpawnWorker)(source);
          } catch (e) {
            failures.push(String(e));
            resolve();
            return;
          }
          this.workers.push(worker);
          worker.onMessage((m) => {
            if (m === 'ready') this.ready += 1;
            else failures.push(String((m as { error?: unknown }).error ?? m));
            resolve();
          });
          worker.onError((e) => {
            failures.push(String(e));
            resolve();
          });
          worker.postMessage({
            module: kernels.module,
            memory: kernels.memory,
            control: this.control.buffer,
            names: kernels.names,
          });
        }),
      );
    }
    this.started = Promise.all(starts).then(() => ({ ready: this.ready, failures }));
  }

  /** Threads that run jobs now: this one and the workers that have started. */
  get threads(): number {
    return 1 + this.ready;
  }

  /**
   * Runs kernel `fn` on every part: `kernel(outs[k], k, outs.length, …args)` for each `k`, on
   * whichever thread claims it; returns when all are done, and throws if any part threw.
   */
  run(fn: number, args: readonly number[], outs: readonly number[]): void {
    const { GEN, STATE, DONE, ERROR, FN, PARTS, NARGS, ARGS, OUTS } = CONTROL;
    if (outs.length < 1 || outs.length > MAX_PARTS)
      throw new RangeError(`PartPool.run: 1 to ${MAX_PARTS} parts, got ${outs.length}`);
    if (args.length > MAX_ARGS)
      throw new RangeError(`PartPool.run: at most ${MAX_ARGS} arguments, got ${args.length}`);
    const ctrl = this.control;
    this.gen = (this.gen % 0xffff) + 1;
    const gen = this.gen;
    // Close the new generation before writing its arguments: no thread can claim a part of it
    // until STATE opens it, after everything below is written.
    Atomics.store(ctrl, STATE, (gen << 16) | 0xffff);
    Atomics.store(ctrl, DONE, 0);
    Atomics.store(ctrl, ERROR, 0);
    ctrl[FN] = fn;
    ctrl[PARTS] = outs.length;
    ctrl[NARGS] = args.length;
    ctrl.set(args, ARGS);
    ctrl.set(outs, OUTS);
    Atomics.store(ctrl, STATE, gen << 16);
    Atomics.store(ctrl, GEN, gen);
    Atomics.notify(ctrl, GEN);
    claimParts(ctrl, gen, this.kernels.local, CONTROL);
    for (let done = Atomics.load(ctrl, DONE); done < outs.length; done = Atomics.load(ctrl, DONE)) {
      if (this.canWait) Atomics.wait(ctrl, DONE, done, 100);
    }
    if (Atomics.load(ctrl, ERROR) !== 0)
      throw new Error(`PartPool.run: kernel '${this.kernels.names[fn]}' failed on a part`);
  }

  /** Stops the workers. */
  dispose(): void {
    Atomics.store(this.control, CONTROL.GEN, -1);
    Atomics.notify(this.control, CONTROL.GEN);
    for (const w of this.workers) w.terminate();
    this.workers.length = 0;
    this.ready = 0;
  }
}

/** Whether this thread may block in `Atomics.wait` (not a browser's main thread). */
function atomicsWaitAllowed(ctrl: Int32Array): boolean {
  try {
    Atomics.wait(ctrl, CONTROL.LENGTH - 1, 1, 0); // value differs: returns at once
    return true;
  } catch {
    return false;
  }
}
