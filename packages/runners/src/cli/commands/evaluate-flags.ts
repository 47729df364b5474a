import { PROBE_MAX_ITERATIONS, PROBE_WEIGHT_DECAY } from '../probe-options';

export const evaluateHelp = `tessera evaluate — kNN, linear probe and few-shot accuracy of a run's encoder, beside baselines

Usage: tessera evaluate --run runs/NAME [--train PATH --test PATH] [options]

  --run DIR               a folder written by tessera pretrain
  --train PATH            labelled images the kNN memory and the probe are fitted on, as
                          tessera pretrain --data reads them (default: the images a run held out
                          with --val-split, else MNIST's training digits; an IDX or CIFAR folder
                          gives its train split)
  --test PATH             labelled images scored (an IDX or CIFAR folder gives its test split)
  --format, --image-size, --channels   as for tessera pretrain --data
  --protocols LIST        knn,linear,few-shot (default all)
  --baselines LIST        random-init,raw-pixels (default both; "none" for neither)
  --probe-weight-decay X  λ of the linear probe's L2 penalty λ/2·‖W‖² on its mean loss (default
                          ${PROBE_WEIGHT_DECAY}, chosen on a validation split; scikit-learn's
                          LogisticRegression(C) is λ = 1/(C·n) for n training images); a run
                          saved with --probe-mean (--probe-previous-stage) gives the probe the
                          last map's channel means (the previous stage's cells and means)
                          too, kNN and few-shot the cells only
  --probe-max-iterations N  L-BFGS iterations of the probe at most (default
                          ${PROBE_MAX_ITERATIONS}, chosen on a validation split; scikit-learn's
                          max_iter is 100)
  --few-shot-classes LIST test classes the episodes use (default 5,6,7,8,9 on MNIST, all of yours)
  --train-limit N         use the first N training images (default all 60 000)
  --test-limit N          use the first N test images (default all 10 000)
  --backend NAME          force a backend`;

export const EVALUATE_FLAGS = {
  run: { type: 'string' },
  train: { type: 'string' },
  test: { type: 'string' },
  format: { type: 'string' },
  'image-size': { type: 'string' },
  channels: { type: 'string' },
  protocols: { type: 'string' },
  baselines: { type: 'string' },
  'probe-weight-decay': { type: 'string' },
  'probe-max-iterations': { type: 'string' },
  'few-shot-classes': { type: 'string' },
  'train-limit': { type: 'string' },
  'test-limit': { type: 'string' },
  backend: { type: 'string' },
} as const;

export type EvaluateValues = Partial<Record<keyof typeof EVALUATE_FLAGS, string>>;
