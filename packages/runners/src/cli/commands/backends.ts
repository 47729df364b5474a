import { describeBackend, selectBackend } from '@tessera/backends';
import { parseCommand, UsageError } from '../args';

export const backendsHelp = `tessera backends — which TensorFlow.js backend Tessera would use here, and why not the others

Usage: tessera backends [--backend NAME] [--json]

  --backend NAME   force one backend (tensorflow, webgpu, wasm, cpu); fails clearly if it cannot start
  --json           print the result as JSON`;

export async function backendsCommand(argv: string[]): Promise<void> {
  const { values } = parseCommand('backends', argv, {
    backend: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) return void console.log(backendsHelp);
  const choice = await selectBackend(
    values.backend ? { force: values.backend as never } : {},
  ).catch((error: Error) => {
    throw new UsageError(`tessera backends: ${error.message}`);
  });
  const description = await describeBackend();
  if (values.json) return void console.log(JSON.stringify({ choice, description }, null, 2));
  console.log(
    `using ${choice.name}${choice.adapter ? ` (${JSON.stringify(choice.adapter)})` : ''}`,
  );
  for (const r of choice.reasons)
    console.log(`  ${r.used ? '✔' : '✘'} ${r.backend.padEnd(10)} ${r.reason}`);
}
