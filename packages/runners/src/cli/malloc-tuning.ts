import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';

/**
 * glibc's malloc settings under which the memory the CLI frees is reused instead of handed back
 * to the system: no mmap for large blocks (`MALLOC_MMAP_MAX_=0`; by default every block over
 * 32 MiB — a batch of features, a copy of 60 000 embeddings — is mapped and unmapped on its own)
 * and no trimming of the heap's top (`MALLOC_TRIM_THRESHOLD_`). Each fresh page costs a page
 * fault when it is first written, about 11 µs on the sandboxed 2-core machine the benchmarks run
 * on, so a process that maps 4 GB over its evaluation spends seconds there; reused pages cost
 * nothing. The process keeps its peak memory until it exits, which a CLI job can afford.
 * @internal
 */
export const TUNED_MALLOC_ENV = {
  MALLOC_MMAP_MAX_: '0',
  MALLOC_TRIM_THRESHOLD_: String(2 ** 40),
} as const;

/** The commands that train or embed: the ones worth a relaunch. */
const HEAVY = new Set(['main', 'pretrain', 'evaluate', 'fewshot', 'embed']);

/** What {@link mallocRelaunchPlan} decides from. @internal */
export interface MallocRelaunchContext {
  readonly command: string | undefined;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The C library's glibc version, if it is glibc (`process.report`'s `glibcVersionRuntime`). */
  readonly glibc: string | undefined;
}

/**
 * The environment to relaunch the CLI with, or `null` to run in this process: a heavy command on
 * glibc whose malloc is not already configured (`MALLOC_MMAP_MAX_` unset), unless
 * `TESSERA_MALLOC=system` asks for the system's defaults or the command only prints its help.
 * @internal
 */
export function mallocRelaunchPlan({
  command,
  args,
  env,
  glibc,
}: MallocRelaunchContext): Record<string, string> | null {
  if (!glibc || !command || !HEAVY.has(command)) return null;
  if (env.TESSERA_MALLOC === 'system' || env.MALLOC_MMAP_MAX_ !== undefined) return null;
  if (args.includes('--help') || args.includes('-h')) return null;
  return { ...TUNED_MALLOC_ENV };
}

/**
 * Runs this CLI again in a child process with {@link TUNED_MALLOC_ENV} where
 * {@link mallocRelaunchPlan} says so, and returns its exit code; `null` when it runs here (or the
 * child could not start).
 * @internal
 */
export function relaunchWithTunedMalloc(argv: readonly string[]): number | null {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } };
  const plan = mallocRelaunchPlan({
    command: argv[0],
    args: argv.slice(1),
    env: process.env,
    glibc: report?.header?.glibcVersionRuntime,
  });
  const script = process.argv[1];
  if (!plan || !script) return null;
  const child = spawnSync(process.execPath, [...process.execArgv, script, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, ...plan },
  });
  if (child.error) return null;
  // a child killed by a signal exits as a shell reports it: 128 + the signal's number
  if (child.status === null) return 128 + (child.signal ? constants.signals[child.signal] : 1);
  return child.status;
}
