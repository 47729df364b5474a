// Runs a command to completion and returns its stdout; throws (with `stdout` and `stderr` on the
// error) when it fails. Shared by the consumer test, the install-size check and the release rehearsal.
import { execFileSync } from 'node:child_process';

export const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
