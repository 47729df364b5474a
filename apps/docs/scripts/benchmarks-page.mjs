// Writes benchmarks.md (the site's Benchmarks page) from the committed results in
// ../../bench-results: the main job's runs over seeds (main-job.jsonl), the recipe screens on the
// validation split (recipe-search.jsonl), pretraining streamed from an image folder
// (image-folder-stream.jsonl) and the native kernels' relaxed-SIMD build (relaxed-simd.jsonl). Each table says which command produced its lines and on
// which machine; nothing is typed in by hand. Run by docs:dev, docs:build and the docs test.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RECIPE_DEFAULTS } from '../../../packages/runners/bench/recipe-defaults.mjs';

const results = new URL('../../../bench-results/', import.meta.url);
const out = fileURLToPath(new URL('../benchmarks.md', import.meta.url));

const lines = (file) =>
  readFileSync(new URL(file, results), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
const pct = (x) => (typeof x === 'number' ? (100 * x).toFixed(2) : '–');
const meanSd = (xs) => {
  const v = xs.filter((x) => typeof x === 'number');
  if (v.length === 0) return '–';
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  if (v.length === 1) return pct(m);
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
  return `${pct(m)} ± ${(100 * sd).toFixed(2)}`;
};
const machine = (l) =>
  l.machine ? `${l.machine.cpu}, ${l.machine.cores} cores, Node ${l.machine.node}` : 'not recorded';
const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

/** The main job's lines grouped by their command without the seed and the run folder. */
function mainJobSection() {
  const groups = new Map();
  for (const l of lines('main-job.jsonl')) {
    const key = l.command
      .replace(/--seed \d+ ?/, '')
      .replace(/--out \S+ ?/, '')
      .replace(/--force ?/, '')
      // another data set by its name, not the folder it sat in
      .replace(/--data \S+/, `--data ${l.data}`)
      .trim();
    const notes = [
      ...(l.readoutPool === 'max' ? ['cells read out by their max'] : []),
      ...(l.standardizeFeatures ? ['features standardised'] : []),
      ...(l.powerReadout ? ['kNN and few-shot read the square roots'] : []),
      ...(l.linearProbe?.weightDecay ? [`probe λ ${l.linearProbe.weightDecay}`] : []),
      ...(l.probeMean ? ['probe reads the channel means too'] : []),
      ...(l.probePreviousStage ? ['and the previous stage'] : []),
      ...(l.linearProbe?.maxIterations && l.linearProbe.maxIterations !== 100
        ? [`probe at most ${l.linearProbe.maxIterations} iterations`]
        : []),
      ...(l.mallocReusesFreed ? ['malloc reuses freed memory'] : []),
    ];
    const label = `${key}${notes.length ? ` (${notes.join(', ')})` : ''}`;
    if (!groups.has(label)) groups.set(label, []);
    groups.get(label).push(l);
  }
  const parts = [];
  for (const [label, runs] of groups) {
    const rows = runs.map((r) => [
      r.date.slice(0, 16).replace('T', ' '),
      r.seed,
      r.steps,
      pct(r.pretrained.knn),
      pct(r.pretrained.linear),
      pct(r.pretrained.oneShot),
      pct(r.pretrained.fiveShot),
      `${pct(r.randomInit.oneShot)} / ${pct(r.randomInit.fiveShot)}`,
      `${pct(r.rawPixels.oneShot)} / ${pct(r.rawPixels.fiveShot)}`,
      r.evaluationSeconds.toFixed(0),
      machine(r),
    ]);
    const col = (k) => meanSd(runs.map((r) => r.pretrained[k]));
    rows.push([
      '**mean ± sd**',
      '',
      '',
      col('knn'),
      col('linear'),
      col('oneShot'),
      col('fiveShot'),
      '',
      '',
      '',
      '',
    ]);
    parts.push(
      `### \`${label}\`\n\n${fewShotLine(runs[0])}\n\n` +
        table(
          [
            'date (UTC)',
            'seed',
            'steps',
            'kNN',
            'probe',
            '1-shot',
            '5-shot',
            'random init 1/5-shot',
            'raw pixels 1/5-shot',
            'evaluation s',
            'machine',
          ],
          rows,
        ),
    );
  }
  return parts.join('\n\n');
}

/** What a group's few-shot columns measure: MNIST's digits 5–9, or another data set's classes. */
function fewShotLine(run) {
  const heldOut = run.fewShotProtocol === 'held-out';
  if (!run.data || run.data === 'mnist')
    return heldOut
      ? 'Few-shot on classes pretraining never saw (digits 5–9; pretrained on 0–4).'
      : 'Few-shot on test digits 5–9 (pretraining saw unlabelled training images of every digit).';
  return heldOut
    ? `${run.data}: few-shot on the upper half of its classes, which pretraining never saw (pretrained on the lower half).`
    : `${run.data}: few-shot on test images of the upper half of its classes (pretraining saw every class).`;
}

/** The recipe screens: what each changed from the screening script's defaults, and its scores. */
function recipeSection() {
  const rows = lines('recipe-search.jsonl').map((l) => {
    const changed = Object.entries(l.recipe)
      .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(RECIPE_DEFAULTS[k]))
      .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
      .join(', ');
    return [
      l.label,
      changed || '(defaults)',
      l.heldOut ? 'held out' : 'all',
      l.steps,
      typeof l.secondsPerStep === 'number' && l.steps ? l.secondsPerStep.toFixed(2) : '–',
      pct(l.knn),
      pct(l.linear),
      pct(l.oneShot),
      pct(l.fiveShot),
      machine(l),
    ];
  });
  return table(
    [
      'label',
      'changed from the defaults',
      'pretraining digits',
      'steps',
      's/step',
      'kNN',
      'probe',
      '1-shot',
      '5-shot',
      'machine',
    ],
    rows,
  );
}

/** Pretraining streamed from a folder of PNGs against the same images in memory, one row per run. */
function streamSection() {
  const mb = (x) => (typeof x === 'number' ? x.toFixed(0) : '–');
  const rows = lines('image-folder-stream.jsonl').map((l) => [
    l.date.slice(0, 10),
    `${l.images} × ${l.imageShape.join('×')}`,
    `${l.cacheMegabytes} MB`,
    l.streamed.steps,
    `${(100 * l.streamed.dataShare).toFixed(1)} %`,
    `${(100 * l.inMemory.dataShare).toFixed(1)} %`,
    `${l.streamed.medianStepSeconds.toFixed(2)} / ${l.inMemory.medianStepSeconds.toFixed(2)} s`,
    `${l.stepTimeRatio.toFixed(2)}×`,
    `${mb(l.streamed.rssMegabytes.afterStep10)} → ${mb(l.streamed.rssMegabytes.last)} (peak ${mb(l.streamed.rssMegabytes.peak)})`,
    l.decodeImagesPerSecond.toFixed(0),
    machine(l),
  ]);
  return table(
    [
      'date',
      'images',
      'decode cache',
      'steps',
      'batch wait, streamed',
      'batch wait, in memory',
      'median step, streamed / in memory',
      'ratio',
      'RSS MB, step 10 → last',
      'decoded images/s',
      'machine',
    ],
    rows,
  );
}

/** The native kernels' relaxed-SIMD build against SIMD128: one row per kernel and run. */
function relaxedSimdSection() {
  const rows = lines('relaxed-simd.jsonl').flatMap((l) =>
    Object.entries(l.medianSpeedup).map(([kernel, speedup]) => {
      const ms = (build) => l.rounds.map((r) => r[build][kernel]).sort((a, b) => a - b);
      const mid = (a) => a[Math.floor(a.length / 2)].toFixed(1);
      return [
        l.date.slice(0, 10),
        kernel,
        `${mid(ms('simd128'))} / ${mid(ms('relaxed-simd'))} ms`,
        `${speedup.toFixed(2)}×`,
        l.rounds.length,
        machine(l),
      ];
    }),
  );
  return table(
    ['date', 'kernel', 'median, SIMD128 / relaxed', 'median speed-up', 'rounds', 'machine'],
    rows,
  );
}

const page = `---
outline: deep
---

# Benchmarks

This page is generated from the JSON lines committed in the repository's \`bench-results/\`
when the site is built (\`apps/docs/scripts/benchmarks-page.mjs\`);
every number below is one a script wrote, with the command that produced it. Times come from the
2-core development machine and vary by ±20 % from day to day: compare ratios and accuracies, not
times across days. The speed of each package against PyTorch is in its README's bench table
(\`pnpm bench\`).

## The main job

\`node packages/runners/bench/main-job-seeds.mjs --seeds 0,1,2 [--held-out]\` (after \`pnpm build\`,
alone on the machine) runs \`tessera main\` once per seed — 300 s of SimCLR on the MNIST training
digits, then kNN (k = 20), the linear probe (scikit-learn's \`LogisticRegression()\` protocol, or the L2
penalty λ that a group names) and
5-way prototype episodes on the **test** digits — and appends one line per seed to
\`bench-results/main-job.jsonl\`. Accuracies in %; the pretrained encoder's columns, then the
few-shot columns of the two baselines.

${mainJobSection()}

## Recipe screens

\`node packages/runners/bench/recipe-search.mjs --recipe JSON --steps N --label L\` pretrains on
training digits 0–49 999 (or, held out, on digits 0–4 among them) and scores on the **validation**
digits 50 000–59 999 — the test set is never read. Each line is one screened recipe; the main job's
recipe was chosen from them.

${recipeSection()}

## Streaming from an image folder

\`node packages/runners/bench/image-folder-stream.mjs\` (run by \`pnpm bench\` in
\`packages/runners\`) writes 50 000 PNGs of 32×32 in ten class folders and pretrains SimCLR with
\`pretrain\`'s defaults on wasm from \`imageFolder(dir, { cacheMegabytes: 16 })\` — nearly every
read decodes — then from the same images held in memory, for the same steps after a warm-up. The
batch wait is the share of training time a step spent waiting for its batch; the resident memory
(RSS) is sampled after every step of the streamed run.

${streamSection()}

## Fused multiply-adds in the native kernels

\`node packages/backends/bench/relaxed-simd.mjs\` (after \`pnpm build\`, alone on the machine) times
the wasm native kernels' relaxed-SIMD build (\`f32x4.relaxed_madd\`: one fused multiply-add) against
their SIMD128 build (a multiply and an add), each in its own process as \`selectBackend\` starts
wasm (2 threads), alternating for several rounds. The speed-up is the median over rounds of each
round's ratio.

${relaxedSimdSection()}
`;
writeFileSync(out, page);
console.log(`wrote ${out}`);
