import { oneOf, parseCommand } from '../args';
import { MAIN_DATA_FLAGS, mainDataPlan } from '../main-data';
import { runEvaluate } from './evaluate';
import { runPretrain } from './pretrain';

export const mainHelp = `tessera main — the main job: SimCLR on MNIST, then kNN, linear-probe and few-shot evaluation

Usage: tessera main [--budget 5m | --steps N] [--seed N] [--out runs/main-DATE] [--backend NAME]
                    [--train-limit N] [--defaults pytorch|tfjs] [--recipe grid|reference] [--held-out]
                    [--data PATH [--test PATH] [--format NAME] [--image-size N] [--channels N]]
                    [--batch-size N]

SimCLR (NT-Xent τ = 0.5, batch 256, Adam 5e-3) trains the small CNN — max-pools after its first
two convolutions, its last 7×7 map averaged over a 2×2 grid of cells (512 features) — on all 60 000
training digits for the budget on the best backend — each view a random crop of 40–100 % of the
image's area resampled to 0.7 of its sides (20×20): cheaper steps, so more of them in the budget —
starting with PyTorch's initialisation and ε's (--defaults tfjs for TF.js's). After training the
encoder reads each cell by its max instead of its average (the random-init encoder too); kNN and
few-shot read the square roots of the 512 cells (power normalisation: no few large activations
dominate a distance, and
nothing is centred on the pretraining images' mean, which does not describe classes they lack);
the linear probe reads the square roots of the cells, of the last map's 128 channel means and of
the 14×14 map before the last max pooling (its 2×2 cells by max and 64 channel means: 960
features). The encoder
is then scored beside a random-init encoder and raw pixels: kNN (k = 20) and a linear probe on the
10 000 test digits, and 5-way 1-shot / 5-shot prototype episodes on test digits 5–9 (the same
encoder, which saw unlabelled train images of 5–9).
--recipe reference runs the PyTorch reference's recipe instead (global average pooling, Adam 1e-3).

--held-out pretrains on the training digits 0–4 only, so the few-shot episodes on digits 5–9 are
of classes the encoder never saw (evaluation.json says "fewShotProtocol": "held-out").

--data PATH runs the same job on your labelled images instead of MNIST (as tessera pretrain --data
reads them: an IDX pair such as Fashion-MNIST's, CIFAR batches, class folders): it pretrains on
the training split, scores on the test split (an IDX t10k pair or CIFAR test batches; --test PATH
for a folder), and splits the classes as MNIST's digits are: few-shot episodes on the upper half
of the sorted class ids, --held-out pretraining on the lower half only. --format, --image-size
and --channels as for tessera pretrain; --batch-size N (default 256) for fewer images than that.`;

/**
 * The main job's recipes, as `tessera pretrain` flags. `grid` (the default) was chosen on a
 * validation split of the training digits (bench/recipe-search.mjs, bench-results/recipe-search.jsonl;
 * its max readout by bench/readout-search.mjs, bench-results/readout-search.jsonl);
 * `reference` is the PyTorch reference run's.
 */
const RECIPES = {
  grid: {
    lr: '0.005',
    grid: '2',
    downsample: '0,1',
    'readout-pool': 'max',
    'probe-mean': true,
    'probe-previous-stage': true,
    'power-readout': true,
    'probe-power': true,
    'view-size': '0.7',
    'min-crop-scale': '0.4',
  },
  reference: { lr: '0.001' },
} as const;

export async function mainCommand(argv: string[]): Promise<void> {
  const { values } = parseCommand('main', argv, {
    budget: { type: 'string' },
    steps: { type: 'string' },
    out: { type: 'string' },
    backend: { type: 'string' },
    'train-limit': { type: 'string' },
    defaults: { type: 'string' },
    seed: { type: 'string' },
    recipe: { type: 'string' },
    'held-out': { type: 'boolean' },
    force: { type: 'boolean' },
    'batch-size': { type: 'string' },
    ...MAIN_DATA_FLAGS,
  });
  if (values.help) return void console.log(mainHelp);
  const data = await mainDataPlan(values);
  const out =
    values.out ?? `runs/main-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}`;
  const recipe = oneOf('main', 'recipe', values.recipe, ['grid', 'reference'] as const, 'grid');
  const started = performance.now();
  const { result, paths, summary } = await runPretrain('main', {
    method: 'simclr',
    ...RECIPES[recipe],
    ...(values.seed ? { seed: values.seed } : {}),
    out,
    ...(values.backend ? { backend: values.backend } : {}),
    ...(values.force ? { force: true } : {}),
    // --steps N trains N steps instead of the time budget (equal-steps comparisons); both: the first
    ...(values.steps ? { steps: values.steps } : {}),
    ...(values.budget || !values.steps ? { budget: values.budget ?? '5m' } : {}),
    ...data.pretrain,
    // the recipe's 256, or fewer for a small data set of your own
    ...(values['batch-size'] ? { 'batch-size': values['batch-size'] } : {}),
    defaults: values.defaults ?? 'pytorch',
  });
  result.dispose();
  console.error(
    'evaluating (features of every train and test image per representation, kNN, linear probe, 1200 episodes)…',
  );
  const { evaluation, seconds, report } = await runEvaluate(
    'main',
    {
      run: out,
      ...data.evaluate,
      ...(values['train-limit'] ? { 'train-limit': values['train-limit'] } : {}),
    },
    { selectedBackend: true },
  );
  const total = (performance.now() - started) / 1000;
  // NT-Xent at chance: each view's positive among 2N − 1 equally similar others
  const negatives = 2 * Number(values['batch-size'] ?? 256) - 1;
  console.log('');
  console.log(
    `SimCLR on ${data.name}: ${summary.steps} steps (${summary.epochs.toFixed(2)} epochs) in ${summary.trainSeconds.toFixed(0)} s on ${summary.backend}, final loss ${summary.finalLossLast10.toFixed(3)} (chance ln ${negatives} = ${Math.log(negatives).toFixed(3)})`,
  );
  console.log(
    `time: data ${summary.timings.data.toFixed(1)} s, augmentation ${summary.timings.augment.toFixed(1)} s, forward/backward/update ${summary.timings.step.toFixed(1)} s, ${summary.standardizeSeconds === undefined ? '' : `standardising the features ${summary.standardizeSeconds.toFixed(1)} s, `}evaluation ${seconds.toFixed(1)} s, total ${total.toFixed(0)} s`,
  );
  console.log('');
  console.log(evaluation.table);
  console.log('');
  console.log(
    `run folder: ${paths.root} (config.json, train.json, evaluation.json, encoder/, checkpoints/)`,
  );
  console.log(`report: ${report}`);
}
