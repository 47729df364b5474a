// glibc's malloc settings under which a `tessera` process reuses the memory it frees instead of
// handing it back to the system: no mmap for large blocks (by default every block over 32 MiB — a
// copy of 60 000 embeddings, a batch of features — is mapped and unmapped on its own) and no
// trimming of the heap's top. On the sandboxed 2-core machine the benchmarks run on, a first write
// to a fresh page faults for about 11 µs, and an evaluation took 1.1 M such faults; reused pages
// cost nothing. The process keeps its peak memory until it exits. Other C libraries ignore the
// variables. `TESSERA_MALLOC=system`, or a MALLOC_MMAP_MAX_ of your own, keeps your environment.

/** The environment to run `tessera` with: the caller's, plus the tuned malloc where it applies. */
export function tunedMallocEnv(env = process.env) {
  if (env.TESSERA_MALLOC === 'system' || env.MALLOC_MMAP_MAX_ !== undefined) return env;
  return { ...env, MALLOC_MMAP_MAX_: '0', MALLOC_TRIM_THRESHOLD_: String(2 ** 40) };
}

/** Whether a `tessera` child started with `env` reuses freed memory (glibc only). */
export function reusesFreedMemory(env) {
  const glibc = process.report?.getReport().header?.glibcVersionRuntime;
  return Boolean(glibc && env.MALLOC_MMAP_MAX_ === '0');
}
