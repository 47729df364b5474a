/**
 * The layout of the `Int32Array` (on a `SharedArrayBuffer`) through which the main thread hands a
 * job of parts to the worker threads of a {@link PartPool}. Shared with the worker's source.
 * @internal
 */
export const CONTROL = {
  /** Job generation (1…0xffff, wrapping); workers sleep on it between jobs; −1 stops them. */
  GEN: 0,
  /** `generation << 16 | next part to claim`; a part is claimed by compare-and-swap. */
  STATE: 1,
  /** Parts finished in the current job. */
  DONE: 2,
  /** Index of the kernel (in the pool's `names`) the job runs. */
  FN: 3,
  /** Set to 1 when a part threw (its thread still counts it done, so no one waits forever). */
  ERROR: 6,
  /** Number of parts of the job (≤ {@link MAX_PARTS}). */
  PARTS: 4,
  /** Number of arguments after `(out, part, parts)`. */
  NARGS: 5,
  /** First of the arguments. */
  ARGS: 8,
  /** First of the parts' output pointers. */
  OUTS: 40,
  /** Length of the block. */
  LENGTH: 64,
} as const;

/** Most parts one job can have. @internal */
export const MAX_PARTS = CONTROL.LENGTH - CONTROL.OUTS;

/** Most arguments a kernel can take after `(out, part, parts)`. @internal */
export const MAX_ARGS = CONTROL.OUTS - CONTROL.ARGS;

/** Kernel exports call as `(out, part, parts, …args)`, all i32. @internal */
export type PartKernel = (out: number, part: number, parts: number, ...args: number[]) => void;

/**
 * Claims and runs parts of the job of generation `gen` until none is left (or a newer job has
 * started): the loop both the main thread and the workers run. Claims are compare-and-swaps on
 * `STATE`, which carries the generation, so a thread that read an older job's arguments can never
 * claim a part of a newer one.
 *
 * Self-contained (it uses only its parameters and globals): the worker's source embeds it with
 * `Function.prototype.toString`, so the two threads cannot run different loops.
 * @internal
 */
export function claimParts(
  ctrl: Int32Array,
  gen: number,
  kernels: readonly PartKernel[],
  layout: typeof CONTROL,
): void {
  const kernel = kernels[ctrl[layout.FN] as number] as PartKernel;
  const parts = ctrl[layout.PARTS] as number;
  const args = Array.from(ctrl.subarray(layout.ARGS, layout.ARGS + (ctrl[layout.NARGS] as number)));
  for (;;) {
    const s = Atomics.load(ctrl, layout.STATE);
    if (s >>> 16 !== gen || (s & 0xffff) >= parts) return;
    if (Atomics.compareExchange(ctrl, layout.STATE, s, s + 1) !== s) continue;
    const part = s & 0xffff;
    try {
      kernel(ctrl[layout.OUTS + part] as number, part, parts, ...args);
    } catch {
      Atomics.store(ctrl, layout.ERROR, 1);
    } finally {
      Atomics.add(ctrl, layout.DONE, 1);
      Atomics.notify(ctrl, layout.DONE);
    }
  }
}
