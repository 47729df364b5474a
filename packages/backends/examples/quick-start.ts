import { describeBackend, selectBackend } from '@tessera/backends';

// Picks native TensorFlow, then WebGPU, then wasm, then cpu — and says why for each.
const { name, reasons } = await selectBackend({ exclude: ['webgpu'] });
for (const r of reasons)
  console.log(`${r.used ? '✔' : '✘'} ${r.backend}: ${r.reason.slice(0, 58)}…`);

const { trainingKernels } = await describeBackend();
console.log(`training on ${name} with ${trainingKernels.length} kernels added by Tessera`);
