import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `tests` workspace folder: node resolves `@tessera/*` from here exactly as a user's app would. */
export const TESTS_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs a snippet in a fresh `node` process from `tests/` and returns its stdout once the process
 * has exited (killed, and so failing, after `timeout` ms).
 */
export function runNode(
  args: string[],
  cwd = TESTS_DIR,
  timeout?: number,
  env?: Record<string, string>,
): string {
  return execFileSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(timeout ? { timeout } : {}),
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
}
