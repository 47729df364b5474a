#!/usr/bin/env node
// The native kernels' relaxed-SIMD build (fused multiply-adds, native/madd.h) against their
// SIMD128 build, kernel by kernel, as selectBackend starts wasm in Node (2 XNNPACK threads and the
// native kernels' worker). The build is chosen once per process, so each round runs two child
// processes, one per build (TESSERA_RELAXED_SIMD=0 for SIMD128), alternating; the line appended to
// bench-results/relaxed-simd.jsonl holds every round's milliseconds a call and each kernel's median
// ratio. Needs `pnpm build`. Usage: node packages/backends/bench/relaxed-simd.mjs [--rounds N]
// [--reps N] [--label L]
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { machine } from '../../../scripts/machine.mjs';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    reps: { type: 'string', default: '30' },
    label: { type: 'string' },
    child: { type: 'boolean', default: false },
  },
});

if (values.child) {
  // one build's times, as JSON on stdout
  setFlagsFromString('--experimental-wasm-relaxed-simd'); // Node 20; on by default from Node 22
  const tf = await import('@tensorflow/tfjs-core');
  const { selectBackend } = await import('../dist/index.node.js');
  tf.env().set('PROD', true);
  const choice = await selectBackend({ allow: ['wasm'], wasmThreads: 2 });
  const reps = Number(values.reps);
  const rnd = (shape, seed) => tf.randomNormal(shape, 0, 1, 'float32', seed);
  const time = (fn) => {
    for (let i = 0; i < 3; i++) fn().dataSync();
    const t = performance.now();
    for (let i = 0; i < reps; i++) tf.tidy(fn).dataSync();
    return (performance.now() - t) / reps;
  };
  const [x14, w14] = [rnd([256, 14, 14, 64], 1), rnd([3, 3, 64, 128], 2)];
  const [x28, w28] = [rnd([256, 28, 28, 32], 3), rnd([3, 3, 32, 64], 4)];
  const u = rnd([2048, 128], 5);
  const ms = {
    'conv 3×3 64→128, 14×14, batch 256 (Winograd)': time(() => tf.conv2d(x14, w14, 1, 'same')),
    'conv 3×3 32→64, 28×28, batch 256 (Winograd)': time(() => tf.conv2d(x28, w28, 1, 'same')),
    'conv 3×3 stride 2 64→128, batch 256 (direct)': time(() => tf.conv2d(x14, w14, 2, 'same')),
    'Gram 2048 × 128 (TesseraGram)': time(() => tf.engine().runKernel('TesseraGram', { u }, {})),
  };
  const reason = choice.reasons.find((r) => r.used)?.reason ?? '';
  const instructions = /relaxed SIMD: fused/.test(reason) ? 'relaxed-simd' : 'simd128';
  console.log(JSON.stringify({ ms, instructions }));
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
const rounds = [];
for (let r = 0; r < Number(values.rounds); r++) {
  const round = {};
  for (const build of ['relaxed-simd', 'simd128']) {
    const env = { ...process.env, TESSERA_RELAXED_SIMD: build === 'simd128' ? '0' : '1' };
    const args = [self, '--child', '--reps', values.reps];
    const out = execFileSync(process.execPath, args, { env, encoding: 'utf8' });
    const { ms, instructions } = JSON.parse(out.trim().split('\n').pop());
    if (instructions !== build)
      throw new Error(`asked for ${build}, the kernels ran ${instructions}`);
    round[build] = ms;
  }
  rounds.push(round);
  console.log(`round ${r + 1}: ${JSON.stringify(round)}`);
}
const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
const speedup = Object.fromEntries(
  Object.keys(rounds[0]['simd128']).map((k) => [
    k,
    Number(median(rounds.map((r) => r['simd128'][k] / r['relaxed-simd'][k])).toFixed(3)),
  ]),
);
console.table(speedup);
const line = {
  label: values.label ?? null,
  command: `node packages/backends/bench/relaxed-simd.mjs --rounds ${values.rounds} --reps ${values.reps}`,
  rounds,
  medianSpeedup: speedup,
  machine: machine(),
  date: new Date().toISOString(),
};
appendFileSync(
  new URL('../../../bench-results/relaxed-simd.jsonl', import.meta.url),
  `${JSON.stringify(line)}\n`,
);
